"""The SM3 digest pass in the desktop program: in the background, after things are stored.

An import stores originals with SHA-256 and leaves SM3 to ``app.store.digests``. Here the
pass starts a moment after the store last changed (an import reports every item as a
change, so it waits for the import to end rather than compete with it) and once when the
window opens, for what a crash or a cancel left. A small label in the status bar shows it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from app.store.digests import DigestReport, complete_digests
from app.ui.services import UiServices
from app.ui.worker import Worker

QUIET_MS = 1500  # how long the store must be quiet before the pass starts


class DigestPass(QLabel):
    """Runs the pass when the store has been quiet a moment; shows its progress."""

    def __init__(self, services: UiServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("digest_pass")
        self.services = services
        self.worker: Worker | None = None
        self.again = False
        self.last_report: DigestReport | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(QUIET_MS)
        self.timer.timeout.connect(self.run)
        self.hide()
        if not services.store.readonly:
            services.changes.changed.connect(self.timer.start)
            self.timer.start()

    def run(self) -> Worker | None:
        """Start the pass now (or once more after the running one)."""
        if self.worker is not None:
            self.again = True
            return None
        self.again = False
        worker = self.services.jobs.prepare(complete_digests, self.services.store)
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
        self.setText(self.tr("SM3 digests: {percent}%").format(
            percent=100 * done // total if total else 100))
        self.show()

    def _on_finished(self, report: Any) -> None:
        self.last_report = report
        if isinstance(report, DigestReport) and report.problems:
            self.setText(self.tr("SM3: {count} stored file(s) failed their check; run "
                                 "Check").format(count=len(report.problems)))
            self.setStyleSheet("color: #be1e1e")
            self.show()

    def _on_done(self) -> None:
        self.worker = None
        if self.last_report is None or not self.last_report.problems:
            self.hide()
        if self.again:
            self.run()
