"""The SM3 digest pass in the desktop program: in the background, after things are stored.

An import stores originals with SHA-256 and leaves SM3 to ``app.store.digests``; this runs
it (``app.ui.background_pass`` says when) and shows its progress in the status bar.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from app.store.digests import DigestReport, complete_digests
from app.ui.background_pass import BackgroundPass
from app.ui.services import UiServices
from app.ui.worker import Worker

QUIET_MS = 1500  # how long the store must be quiet before the pass starts


class DigestPass(BackgroundPass):
    def __init__(self, services: UiServices, parent: QWidget | None = None) -> None:
        super().__init__(services, QUIET_MS, parent=parent)
        self.setObjectName("digest_pass")

    def prepare(self) -> Worker:
        return self.services.jobs.prepare(complete_digests, self.services.store)

    def progress_text(self, done: int, total: int) -> str:
        return self.tr("SM3 digests: {percent}%").format(
            percent=100 * done // total if total else 100)

    def problem_text(self, report: Any) -> str | None:
        if isinstance(report, DigestReport) and report.problems:
            return self.tr("SM3: {count} stored file(s) failed their check; run "
                           "Check").format(count=len(report.problems))
        return None
