"""A progress dialog bound to one worker: shows its progress, and Cancel really cancels."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.ui.worker import Jobs, Worker


class JobProgressDialog(QProgressDialog):
    """Window-modal while the job runs; closes itself when the job ends either way."""

    def __init__(self, worker: Worker, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(400)  # quick jobs never flash a dialog
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setRange(0, 0)  # busy until the first progress report
        self.setLabelText(self.tr("Starting…"))
        self.setCancelButtonText(self.tr("Cancel"))
        self.canceled.connect(self._cancel)
        worker.signals.progress.connect(self._on_progress)
        worker.signals.done.connect(self._on_done)

    def _on_progress(self, done: int, total: int, text: str) -> None:
        if total > 0:
            self.setRange(0, total)
            self.setValue(min(done, total))
        if text:
            self.setLabelText(text)

    def _cancel(self) -> None:
        self.worker.cancel()
        self.setLabelText(self.tr("Cancelling…"))

    def _on_done(self) -> None:
        self.reset()
        self.close()


def run_with_progress(
    jobs: Jobs,
    parent: QWidget | None,
    title: str,
    fn: Callable[..., Any],
    *args: Any,
    on_finished: Callable[[Any], None] | None = None,
    on_failed: Callable[[str], None] | None = None,
    **kwargs: Any,
) -> JobProgressDialog:
    """Start ``fn`` in the pool with a progress dialog; connect the outcome callbacks."""
    worker = jobs.prepare(fn, *args, **kwargs)
    dialog = JobProgressDialog(worker, title, parent)
    if on_finished is not None:
        worker.signals.finished.connect(on_finished)
    if on_failed is not None:
        worker.signals.failed.connect(on_failed)
    jobs.submit(worker)
    return dialog
