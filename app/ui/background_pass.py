"""A pass over the stored files that runs in the background, shown by a status-bar label.

It starts a moment after the store last changed (an import reports every item as a change,
so a pass waits for the import to end rather than compete with it) and once when the window
opens, for what a crash or a cancel left. A change during a run asks for one more run.
Subclasses say what runs and how its progress and problems read.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from app.ui.services import UiServices
from app.ui.worker import Worker

PROBLEM_STYLE = "color: #be1e1e"


class BackgroundPass(QLabel):
    def __init__(self, services: UiServices, quiet_ms: int,
                 after: BackgroundPass | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.after = after  # a pass that must not run at the same time, and goes first
        self.worker: Worker | None = None
        self.again = False
        self.last_report: Any = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(quiet_ms)
        self.timer.timeout.connect(self.run)
        self.hide()
        if not services.store.readonly:
            services.changes.changed.connect(self.timer.start)
            self.timer.start()

    # -- what a subclass says -------------------------------------------------------------------
    def prepare(self) -> Worker:
        raise NotImplementedError

    def progress_text(self, done: int, total: int) -> str:
        raise NotImplementedError

    def problem_text(self, report: Any) -> str | None:
        """What the finished pass found wrong, or None when nothing."""
        raise NotImplementedError

    # -- running ---------------------------------------------------------------------------------
    def run(self) -> Worker | None:
        """Start the pass now (or once more after the running one)."""
        if self.after is not None and self.after.running:
            self.timer.start()  # the other pass first
            return None
        if self.worker is not None:
            self.again = True
            return None
        self.again = False
        worker = self.prepare()
        worker.signals.progress.connect(self._on_progress)
        worker.signals.finished.connect(self._on_finished)
        worker.signals.done.connect(self._on_done)
        self.worker = worker
        self.services.jobs.submit(worker)
        return worker

    @property
    def running(self) -> bool:
        return self.worker is not None

    def _on_progress(self, done: int, total: int, _text: str) -> None:
        self.setText(self.progress_text(done, total))
        self.show()

    def _on_finished(self, report: Any) -> None:
        self.last_report = report
        problem = self.problem_text(report)
        if problem:
            self.setText(problem)
            self.setStyleSheet(PROBLEM_STYLE)
            self.show()

    def _on_done(self) -> None:
        self.worker = None
        if not self.problem_text(self.last_report):
            self.hide()
        if self.again:
            self.run()
