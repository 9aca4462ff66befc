"""File ▸ New incident…: the incident form in a dialog that stays open on invalid input."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from app.store.errors import StoreError
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.ui.dialog_parts import error_label, ok_cancel, show_error
from app.ui.i18n import message_text
from app.ui.incident_form import IncidentForm


class NewIncidentDialog(QDialog):
    def __init__(self, repos: Repositories, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repos = repos
        self.incident: IncidentRecord | None = None
        self.form = IncidentForm(self)
        self.error = error_label(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.error)
        layout.addWidget(ok_cancel(self))
        self.setMinimumWidth(480)
        self.retranslate()
        self.form.name_edit.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New incident"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def accept(self) -> None:
        problem = self.form.check()
        if problem:
            show_error(self.error, problem)
            return
        try:
            self.incident = self.form.save(self.repos)
        except StoreError as err:
            show_error(self.error, message_text(err))
            return
        super().accept()
