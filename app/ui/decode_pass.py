"""The decode pass in the desktop program: in the background, after the SM3 pass.

Whether each stored content decodes (``app.export.decode_pass``) is judged once, a while
after the store last changed and once when the window opens, so that pre-flight finds the
verdicts and need not decode 20,000 photos. It waits for the SM3 pass (both read every
file; one at a time keeps the disk and the two cores for the user). A label in the status
bar shows it, and says when it found damaged files.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from app.export.decode_pass import DecodePassReport, run_decode_pass
from app.ui.digest_pass import DigestPass
from app.ui.services import UiServices
from app.ui.worker import Worker

QUIET_MS = 4000  # how long the store must be quiet before the pass starts


class DecodePass(QLabel):
    def __init__(self, services: UiServices, after: DigestPass | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decode_pass")
        self.services = services
        self.after = after
        self.worker: Worker | None = None
        self.again = False
        self.last_report: DecodePassReport | None = None
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
        if self.after is not None and self.after.running:
            self.timer.start()  # the SM3 pass first
            return None
        if self.worker is not None:
            self.again = True
            return None
        self.again = False
        worker = self.services.jobs.prepare(run_decode_pass, self.services.store)
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
        self.setText(self.tr("Decode check: {done}/{total}").format(done=done, total=total))
        self.show()

    def _on_finished(self, report: Any) -> None:
        self.last_report = report
        if isinstance(report, DecodePassReport) and report.damaged:
            self.setText(self.tr("Decode check: {count} damaged file(s); pre-flight lists "
                                 "them").format(count=len(report.damaged)))
            self.setStyleSheet("color: #be1e1e")
            self.show()

    def _on_done(self) -> None:
        self.worker = None
        if self.last_report is None or not self.last_report.damaged:
            self.hide()
        if self.again:
            self.run()
