"""The first-run dialog: who is working (the operator) and on which incident.

Shown when the store has no operator or no incident; each part appears only if it is
missing. The operator is saved before the incident; if the incident is then refused, the
operator part turns read-only so a retry never adds the operator twice.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QGroupBox, QLabel, QVBoxLayout, QWidget

from app.store.errors import StoreError
from app.store.records import IncidentRecord, OperatorRecord
from app.store.repositories import Repositories
from app.ui.dialog_parts import error_label, ok_cancel, show_error
from app.ui.i18n import message_text
from app.ui.incident_form import IncidentForm
from app.ui.operator_form import OperatorForm


def needs_first_run(repos: Repositories) -> bool:
    return not repos.operators.list() or not repos.incidents.list()


class FirstRunDialog(QDialog):
    def __init__(self, repos: Repositories, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repos = repos
        self.operator: OperatorRecord | None = repos.operators.default()
        self.incident: IncidentRecord | None = None
        self.ask_operator = not repos.operators.list()
        self.ask_incident = not repos.incidents.list()

        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.operator_box = QGroupBox(self)
        self.operator_form = OperatorForm(self.operator_box)
        QVBoxLayout(self.operator_box).addWidget(self.operator_form)
        self.incident_box = QGroupBox(self)
        self.incident_form = IncidentForm(self.incident_box)
        QVBoxLayout(self.incident_box).addWidget(self.incident_form)
        self.operator_box.setVisible(self.ask_operator)
        self.incident_box.setVisible(self.ask_incident)
        self.error = error_label(self)
        self.buttons = ok_cancel(self)

        layout = QVBoxLayout(self)
        for widget in (self.intro, self.operator_box, self.incident_box, self.error,
                       self.buttons):
            layout.addWidget(widget)
        self.setMinimumWidth(520)
        self.retranslate()
        (self.operator_form.name_edit if self.ask_operator
         else self.incident_form.name_edit).setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Welcome to FieldArchive"))
        self.intro.setText(self.tr(
            "Before you start: say who you are, and which incident you are archiving. "
            "Everything you record is signed with your name."))
        self.operator_box.setTitle(self.tr("You (the operator)"))
        self.incident_box.setTitle(self.tr("The incident"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            # After the forms have retranslated; dropped if the dialog is deleted first.
            QTimer.singleShot(0, self, self._align_labels)
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        self._align_labels()
        super().showEvent(event)

    def _align_labels(self) -> None:
        """One label column for both forms, so the fields line up."""
        labels = [*self.operator_form.labels.values(), *self.incident_form.labels.values()]
        for label in labels:
            label.setMinimumWidth(0)
        width = max(label.sizeHint().width() for label in labels)
        for label in labels:
            label.setMinimumWidth(width)

    def accept(self) -> None:
        """Save, or say what is wrong and stay open."""
        problem = None
        if self.ask_operator and self.operator is None:
            problem = self.operator_form.check()
        if problem is None and self.ask_incident:
            problem = self.incident_form.check()
        if problem:
            show_error(self.error, problem)
            return
        try:
            if self.ask_operator and self.operator is None:
                self.operator = self.operator_form.save(self.repos, make_default=True)
                self.operator_form.set_read_only(True)
            if self.ask_incident:
                self.incident = self.incident_form.save(
                    self.repos, operator=self.operator.name if self.operator else None)
        except StoreError as err:  # InvalidInput, or a locked or read-only store
            show_error(self.error, message_text(err))
            return
        super().accept()
