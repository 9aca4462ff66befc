"""The decode pass in the desktop program: in the background, after the SM3 pass.

Whether each stored content decodes (``app.export.decode_pass``) is judged once, a while
after the store last changed and once when the window opens, so that pre-flight finds the
verdicts and need not decode 20,000 photos. It waits for the SM3 pass (both read every
file; one at a time keeps the disk and the two cores for the user). A label in the status
bar shows it, and says when it found damaged files.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from app.export.decode_pass import DecodePassReport, run_decode_pass
from app.ui.background_pass import BackgroundPass
from app.ui.services import UiServices
from app.ui.worker import Worker

QUIET_MS = 4000  # how long the store must be quiet before the pass starts


class DecodePass(BackgroundPass):
    def __init__(self, services: UiServices, after: BackgroundPass | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, QUIET_MS, after, parent)
        self.setObjectName("decode_pass")

    def prepare(self) -> Worker:
        return self.services.jobs.prepare(run_decode_pass, self.services.store)

    def progress_text(self, done: int, total: int) -> str:
        return self.tr("Decode check: {done}/{total}").format(done=done, total=total)

    def problem_text(self, report: Any) -> str | None:
        if isinstance(report, DecodePassReport) and report.damaged:
            return self.tr("Decode check: {count} damaged file(s); pre-flight lists "
                           "them").format(count=len(report.damaged))
        return None
