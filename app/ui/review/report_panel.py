"""The review report: the supervisor's findings and name, saved as PDF outside the store."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.export.review_report import check_report_target
from app.store.errors import StoreError
from app.store.integrity import CheckReport
from app.store.reading import StoreReader
from app.ui.dialog_parts import error_label, show_error
from app.ui.i18n import message_text
from app.ui.review.jobs import SavedReport, save_report
from app.ui.worker import Jobs, Worker


class ReportPanel(QWidget):
    saved = Signal(object)  # SavedReport

    def __init__(self, reader: StoreReader, jobs: Jobs,
                 latest_check: Callable[[], CheckReport | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reader = reader
        self.jobs = jobs
        self.latest_check = latest_check
        self.worker: Worker | None = None
        self.result: SavedReport | None = None
        self.inspector_edit = QLineEdit(self)
        self.inspector_edit.setMaxLength(200)
        self.findings_edit = QPlainTextEdit(self)
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self.choose_and_save)
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error = error_label(self)
        self.inspector_label = QLabel(self)
        self.inspector_label.setBuddy(self.inspector_edit)
        self.findings_label = QLabel(self)
        self.findings_label.setBuddy(self.findings_edit)
        form = QFormLayout()
        form.addRow(self.inspector_label, self.inspector_edit)
        form.addRow(self.findings_label, self.findings_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.save_button)
        layout.addWidget(self.error)
        layout.addWidget(self.result_label)
        self.retranslate()

    def choose_and_save(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save review report"), str(Path.home() / "审阅报告.pdf"),
            self.tr("PDF (*.pdf)"))
        if path:
            self.save_to(Path(path))

    def save_to(self, out: Path) -> Worker | None:
        """Write the report to ``out`` in the background (refused inside the store)."""
        if self.worker is not None:
            return None
        if out.suffix.lower() != ".pdf":
            out = out.with_name(out.name + ".pdf")
        try:  # said at once, in the interface language
            roots = getattr(self.reader, "roots", None)
            for root in roots or (self.reader.root,):
                check_report_target(out, root, self.inspector_edit.text(),
                                    package=roots is not None)
        except StoreError as err:
            show_error(self.error, message_text(err))
            return None
        show_error(self.error, None)
        self.save_button.setEnabled(False)
        self.worker = self.jobs.start(
            save_report, self.reader, self.latest_check(), self.findings_edit.toPlainText(),
            self.inspector_edit.text(), out, on_finished=self._saved, on_failed=self._failed)
        return self.worker

    def _saved(self, result: SavedReport) -> None:
        self.worker = None
        self.result = result
        self.save_button.setEnabled(True)
        self.retranslate()
        self.saved.emit(result)

    def _failed(self, message: str) -> None:
        self.worker = None
        self.save_button.setEnabled(True)
        show_error(self.error, message)

    def retranslate(self) -> None:
        self.inspector_label.setText(self.tr("&Inspector:"))
        self.inspector_edit.setPlaceholderText(self.tr("your name and unit"))
        self.findings_label.setText(self.tr("&Findings:"))
        self.findings_edit.setPlaceholderText(self.tr(
            "What you inspected and what you found; it goes into the report as written."))
        self.save_button.setText(self.tr("&Save review report (PDF)…"))
        if self.result is not None:
            self.result_label.setText(self.tr("Saved {path}\nSHA-256: {digest}").format(
                path=self.result.path, digest=self.result.sha256))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
