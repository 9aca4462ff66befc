"""The integrity panel: `check` on the reviewed store (or `verify` on the reviewed packages)
in the background, with progress.

Every vault file's SHA-256 and SM3 are recomputed, the audit chain and the work-log chains
verified (for packages: manifests, digests, signature and the four-property checks); each
problem is listed, and those about an item are handed to the items table. Damage found
while a package was read is listed before any check runs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.store.integrity import CheckReport
from app.store.source import StoreSource
from app.ui.review.jobs import run_check
from app.ui.worker import Jobs, Worker


class IntegrityPanel(QWidget):
    checked = Signal(object)  # CheckReport

    def __init__(self, source: StoreSource, jobs: Jobs, parent: QWidget | None = None, *,
                 job: Callable[..., Any] | None = None, subject: object = None,
                 damage: Callable[[], list[str]] | None = None) -> None:
        super().__init__(parent)
        self.source = source
        self.jobs = jobs
        # packages: verify (job) on the reader (subject); their reading damage listed first
        self.job = job or run_check
        self.subject = subject if job is not None else source
        self.packages = job is not None
        self.damage = damage or (lambda: [])
        self.report: CheckReport | None = None
        self.worker: Worker | None = None
        self.error: str | None = None
        self.run_button = QPushButton(self)
        self.run_button.clicked.connect(self.run)
        self.cancel_button = QPushButton(self)
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.findings = QListWidget(self)
        self.findings.setWordWrap(True)  # a package's findings name long paths and digests
        self.findings.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.findings.setResizeMode(QListWidget.ResizeMode.Adjust)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.progress, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(self.findings, 1)
        self.retranslate()

    @property
    def running(self) -> bool:
        return self.worker is not None

    def run(self) -> None:
        if self.worker is not None:
            return
        self.report = None
        self.error = None
        self.findings.clear()
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setRange(0, 0)  # busy until the first file is counted
        self.worker = self.jobs.start(self.job, self.subject, on_finished=self._finished,
                                      on_failed=self._failed, on_progress=self._progress)
        self.retranslate()

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()

    def _progress(self, done: int, total: int, _text: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if self.packages:
            self.status.setText(self.tr("Verifying the packages: {percent}%…").format(
                percent=100 * done // max(total, 1)))
        else:
            self.status.setText(self.tr("Verifying file {done} of {total}…").format(
                done=done, total=total))

    def _finished(self, report: CheckReport) -> None:
        self.worker = None
        self.report = report
        self._list_findings()
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self._idle()
        self.checked.emit(report)

    def _list_findings(self) -> None:
        self.findings.clear()
        for line in self.damage():
            self.findings.addItem("✗ " + self.tr("Damaged: {what}").format(what=line))
        findings = self.report.findings if self.report is not None else []
        first_warning = len(findings) - getattr(self.report, "warnings", 0)
        for n, finding in enumerate(findings):
            self.findings.addItem(("✗ " if n < first_warning else "⚠ ") + finding.message)

    def _failed(self, message: str) -> None:
        self.worker = None
        self.error = message
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self._idle()

    def _idle(self) -> None:
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.retranslate()

    def retranslate(self) -> None:
        if self.worker is None:
            self._list_findings()
        self.run_button.setText(self.tr("&Run integrity check"))
        self.cancel_button.setText(self.tr("Cancel"))
        if self.worker is not None:
            self.status.setText(self.tr("Checking…"))
        elif self.error is not None:
            self.status.setText(self.tr("The check could not finish: {reason}").format(
                reason=self.error))
        elif self.report is None and self.packages:
            self.status.setText(self.tr(
                "Runs verify on each package: manifests and digests, the signature, the "
                "audit chain, the work log and the four-property checks (DA/T 70). Nothing "
                "is written."))
        elif self.report is None:
            self.status.setText(self.tr(
                "Recomputes the SHA-256 and SM3 of every stored file and verifies the audit "
                "chain and the work-log chains. Nothing is written."))
        elif self.report.cancelled:
            self.status.setText(self.tr("The check was cancelled; run it again for a result."))
        elif self.packages and getattr(self.report, "passed", False):
            self.status.setText(self.tr(
                "Passed: {count} package(s) verified, {files} files.").format(
                count=len(getattr(self.report, "verdicts", ())),
                files=self.report.files_checked) + (" " + self.tr(
                    "{count} warning(s).").format(count=self.report.warnings)
                    if getattr(self.report, "warnings", 0) else ""))
        elif self.packages:
            self.status.setText(self.tr(
                "{count} problem(s) found in the packages ({files} files verified).").format(
                count=len(self.report.findings), files=self.report.files_checked))
        elif self.report.ok:
            self.status.setText(self.tr(
                "Passed: {files} files and {events} audit events verified.").format(
                files=self.report.files_checked, events=self.report.events_checked))
        else:
            self.status.setText(self.tr(
                "{count} problem(s) found ({files} files, {events} audit events "
                "verified).").format(count=len(self.report.findings),
                                     files=self.report.files_checked,
                                     events=self.report.events_checked))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
