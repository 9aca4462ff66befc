"""The one way to run something slow: a Qt-free core function in Qt's thread pool.

The core function is called as ``fn(*args, cancel=<threading.Event>, progress=<callable>,
**kwargs)``; it checks ``cancel.is_set()`` between steps and reports ``progress(done,
total, text)``. Exactly one of ``finished(result)`` or ``failed(message)`` always arrives
(try/except/finally), delivered on the GUI thread because the signals object lives there.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

from app.store.errors import StoreError
from app.ui.i18n import message_text

log = logging.getLogger(__name__)

ProgressCallback = Callable[[int, int, str], None]


class Cancelled(Exception):
    """A core function may raise this when it notices ``cancel`` was set."""


class WorkerSignals(QObject):
    """Signals live on a QObject of the GUI thread; a QRunnable cannot have them."""

    progress = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(str)
    done = Signal()  # after finished or failed: for bookkeeping


class Worker(QRunnable):
    def __init__(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        super().__init__()
        self.fn = fn
        self.args = args
        self.kwargs = kwargs
        self.cancel_event = threading.Event()
        self.signals = WorkerSignals()
        self.setAutoDelete(False)  # Python owns it (Jobs keeps it until ``done``)

    def cancel(self) -> None:
        self.cancel_event.set()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def _progress(self, done: int, total: int, text: str = "") -> None:
        self.signals.progress.emit(int(done), int(total), str(text))

    def run(self) -> None:
        outcome: tuple[str, Any] = ("failed", "")
        try:
            result = self.fn(*self.args, cancel=self.cancel_event, progress=self._progress,
                             **self.kwargs)
            outcome = ("finished", result)
        except Cancelled:
            outcome = ("failed", cancelled_message())
        except StoreError as err:
            log.warning("%s: %s", err.code, err)
            outcome = ("failed", message_text(err))
        except BaseException as err:  # a bug: log it, and still report back
            log.error("unexpected error in a background job:\n%s", traceback.format_exc())
            outcome = ("failed", f"{type(err).__name__}: {err}")
        finally:
            if outcome[0] == "finished":
                self.signals.finished.emit(outcome[1])
            else:
                self.signals.failed.emit(outcome[1])
            self.signals.done.emit()


def cancelled_message() -> str:
    return QCoreApplication.translate("Worker", "Cancelled; nothing half-done was kept.")


class Jobs(QObject):
    """The application's job runner: starts workers and keeps them alive until done."""

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self._running: set[Worker] = set()

    def prepare(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Worker:
        """A worker not yet running: connect to ``worker.signals``, then ``submit`` it."""
        return Worker(fn, *args, **kwargs)

    def submit(self, worker: Worker) -> Worker:
        self._running.add(worker)
        worker.signals.done.connect(self._forget)
        self.pool.start(worker)
        return worker

    def start(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_finished: Callable[[Any], None] | None = None,
        on_failed: Callable[[str], None] | None = None,
        on_progress: Callable[[int, int, str], None] | None = None,
        **kwargs: Any,
    ) -> Worker:
        """Run ``fn`` in the pool; the callbacks are connected before it can report."""
        worker = self.prepare(fn, *args, **kwargs)
        if on_finished is not None:
            worker.signals.finished.connect(on_finished)
        if on_failed is not None:
            worker.signals.failed.connect(on_failed)
        if on_progress is not None:
            worker.signals.progress.connect(on_progress)
        return self.submit(worker)

    def _forget(self) -> None:
        sender = self.sender()
        self._running = {w for w in self._running if w.signals is not sender}

    @property
    def running(self) -> int:
        return len(self._running)

    def cancel_all(self) -> None:
        for worker in list(self._running):
            worker.cancel()

    def wait(self, msecs: int = -1) -> bool:
        return self.pool.waitForDone(msecs)
