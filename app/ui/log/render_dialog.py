"""Save the work log as PDF or XML (the renditions that go into the transfer package), for
the whole log or one operational period. Written in the worker with a progress dialog."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.store.errors import StoreError
from app.store.records import IncidentRecord
from app.ui.dialog_parts import error_label, show_error
from app.ui.log.jobs import Rendered, render_log
from app.ui.progress import JobProgressDialog, run_with_progress
from app.ui.save_folder import default_save_folder
from app.ui.services import UiServices

UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\s]+')


class RenderDialog(QDialog):
    rendered = Signal(object)  # Rendered

    def __init__(self, services: UiServices, incident: IncidentRecord,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logRenderDialog")
        self.services = services
        self.incident = incident
        self.progress: JobProgressDialog | None = None
        self.outcome: Rendered | None = None

        self.period_combo = QComboBox(self)
        try:
            self.periods = services.repos.log.periods(incident.id)
        except StoreError:
            self.periods = []
        self.pdf_radio = QRadioButton(self)
        self.pdf_radio.setChecked(True)
        self.xml_radio = QRadioButton(self)
        formats = QHBoxLayout()
        formats.addWidget(self.pdf_radio)
        formats.addWidget(self.xml_radio)
        formats.addStretch(1)
        self.path_edit = QLineEdit(self)
        self.path_edit.setObjectName("renderPath")
        self.browse_button = QPushButton(self)
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        self.form = QFormLayout()
        self.labels = [QLabel(self), QLabel(self), QLabel(self)]
        self.labels[0].setBuddy(self.period_combo)
        self.labels[2].setBuddy(self.path_edit)
        self.form.addRow(self.labels[0], self.period_combo)
        self.form.addRow(self.labels[1], formats)
        self.form.addRow(self.labels[2], path_row)
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.retranslate()
        self.pdf_radio.toggled.connect(self._format_changed)
        self.period_combo.currentIndexChanged.connect(self._suggest_path)
        self._suggest_path()

    def suffix(self) -> str:
        return ".pdf" if self.pdf_radio.isChecked() else ".xml"

    def _suggest_path(self) -> None:
        folder = (Path(self.path_edit.text()).parent if self.path_edit.text()
                  else default_save_folder())
        period = self.period_combo.currentData()
        name = "-".join(part for part in ("工作日志", self.incident.number or self.incident.name,
                                          period) if part)
        self.path_edit.setText(str(folder / (UNSAFE_NAME.sub("_", name) + self.suffix())))

    def _format_changed(self) -> None:
        text = self.path_edit.text()
        if text:
            self.path_edit.setText(str(Path(text).with_suffix(self.suffix())))

    def browse(self) -> None:
        filters = (self.tr("PDF document (*.pdf)") if self.pdf_radio.isChecked()
                   else self.tr("XML file (*.xml)"))
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save the work log as"),
                                                self.path_edit.text(), filters)
        if chosen:
            self.path_edit.setText(str(Path(chosen).with_suffix(self.suffix())))

    def save(self) -> None:
        text = self.path_edit.text().strip()
        if not text:
            show_error(self.error, self.tr("Choose where to save the file."))
            return
        out = Path(text).expanduser().with_suffix(self.suffix())
        if not out.parent.is_dir():
            show_error(self.error, self.tr("The folder {folder} does not exist.").format(
                folder=out.parent))
            return
        show_error(self.error, None)
        self.buttons.setEnabled(False)
        self.progress = run_with_progress(
            self.services.jobs, self, self.tr("Saving the work log"), render_log,
            self.services.repos.log, self.incident.id, self.period_combo.currentData(), out,
            on_finished=self._done, on_failed=self._failed)

    def _done(self, result: Rendered) -> None:
        self.buttons.setEnabled(True)
        self.outcome = result
        self.rendered.emit(result)
        self.accept()

    def _failed(self, message: str) -> None:
        self.buttons.setEnabled(True)
        show_error(self.error, self.tr("The file was not written: {reason}").format(
            reason=message))

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Save the work log as PDF or XML"))
        selected = self.period_combo.currentData()
        self.period_combo.blockSignals(True)
        self.period_combo.clear()
        self.period_combo.addItem(self.tr("The whole log"), None)
        for period in self.periods:
            self.period_combo.addItem(self.tr("Operational period {period}").format(
                period=period), period)
        self.period_combo.setCurrentIndex(max(0, self.period_combo.findData(selected)))
        self.period_combo.blockSignals(False)
        self.pdf_radio.setText(self.tr("PDF (to read and print)"))
        self.xml_radio.setText(self.tr("XML (the source, verifiable)"))
        self.browse_button.setText(self.tr("&Browse…"))
        for label, text in zip(self.labels, (self.tr("&Period"), self.tr("Format"),
                                             self.tr("&File")), strict=True):
            label.setText(text)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
