"""Editing an incident's details, and ending its response (with confirmation). Both call the
repository in the worker and show a refusal in the dialog, in the user's language."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import QDateTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain import codes
from app.store.errors import StoreError
from app.store.records import IncidentRecord
from app.ui.dialog_parts import error_label, show_error
from app.ui.i18n import message_text
from app.ui.labels import fill_code_combo
from app.ui.retranslate import Retranslating
from app.ui.services import UiServices
from app.ui.worker import ProgressCallback


def run_repository(fn: Callable[..., IncidentRecord], *args: Any, cancel: threading.Event,
                   progress: ProgressCallback) -> IncidentRecord | str:
    """The updated incident, or why the store refused (in the user's language)."""
    try:
        return fn(*args)
    except StoreError as err:
        return message_text(err)


class _RepositoryDialog(Retranslating, QDialog):
    applied = Signal(object)  # IncidentRecord

    def __init__(self, services: UiServices, incident: IncidentRecord,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.incident = incident
        self.error = error_label(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _start(self, fn: Callable[..., IncidentRecord], *args: Any) -> None:
        self.ok_button.setEnabled(False)
        self.services.jobs.start(run_repository, fn, *args, on_finished=self._finished,
                                 on_failed=self._refused)

    def _finished(self, outcome: IncidentRecord | str) -> None:
        self.ok_button.setEnabled(True)
        if isinstance(outcome, str):
            self._refused(outcome)
            return
        self.services.selection.set(outcome)
        self.services.changes.notify()
        self.applied.emit(outcome)
        super().accept()

    def _refused(self, message: str) -> None:
        self.ok_button.setEnabled(True)
        show_error(self.error, message)


TEXT_FIELDS = ("name", "number", "place", "lead_unit", "participating_units", "fonds_code",
               "fonds_name", "org_code")


class IncidentEditDialog(_RepositoryDialog):
    def __init__(self, services: UiServices, incident: IncidentRecord,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, incident, parent)
        self.setObjectName("incidentEdit")
        self.edits: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        form = QFormLayout()
        for name in TEXT_FIELDS:
            edit = QLineEdit(self)
            edit.setObjectName(f"incident_{name}")
            value = getattr(incident, name)
            edit.setText("、".join(value) if isinstance(value, tuple) else (value or ""))
            self.edits[name] = edit
        self.kind_combo = QComboBox(self)
        self.level_combo = QComboBox(self)
        order = ("name", "number", "kind", "level", "place", "lead_unit", "participating_units",
                 "fonds_code", "fonds_name", "org_code")
        for name in order:
            widget: QWidget = (self.kind_combo if name == "kind" else self.level_combo
                               if name == "level" else self.edits[name])
            self.labels[name] = QLabel(self)
            self.labels[name].setBuddy(widget)
            form.addRow(self.labels[name], widget)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self.retranslate()

    def changes(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, edit in self.edits.items():
            text = edit.text().strip()
            if name == "participating_units":
                units = [u.strip() for u in text.replace(",", "、").replace("，", "、")
                         .split("、") if u.strip()]
                if tuple(units) != self.incident.participating_units:
                    out[name] = units
            elif text != (getattr(self.incident, name) or ""):
                out[name] = text
        if self.kind_combo.currentData() != self.incident.kind:
            out["kind"] = self.kind_combo.currentData()
        if self.level_combo.currentData() != self.incident.level:
            out["level"] = self.level_combo.currentData()
        return out

    def accept(self) -> None:
        changes = self.changes()
        if not changes:
            super(_RepositoryDialog, self).reject()
            return
        self._start(self.services.repos.incidents.edit, self.incident.id, changes)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Incident details"))
        texts = {"name": self.tr("Name"), "number": self.tr("Number"), "kind": self.tr("Kind"),
                 "level": self.tr("Level"), "place": self.tr("Place"),
                 "lead_unit": self.tr("Lead unit"),
                 "participating_units": self.tr("Participating units"),
                 "fonds_code": self.tr("Fonds code (全宗号)"),
                 "fonds_name": self.tr("Fonds name (全宗名称)"),
                 "org_code": self.tr("Organisation code (机构代码)")}
        for name, text in texts.items():
            self.labels[name].setText(text)
        self.edits["participating_units"].setPlaceholderText(self.tr(
            "separated by 、 or commas"))
        for combo, table, value in ((self.kind_combo, codes.INCIDENT_KIND, self.incident.kind),
                                    (self.level_combo, codes.INCIDENT_LEVEL,
                                     self.incident.level)):
            current = combo.currentData() or value
            fill_code_combo(combo, table)
            combo.setCurrentIndex(max(combo.findData(current), 0))
        self.note.setText(self.tr(
            "A new fonds code or organisation code takes the archival codes of filed items "
            "away; they are filed again under the new code. Every change is recorded."))


class EndResponseDialog(_RepositoryDialog):
    """"End the response": when it ended, confirmed; it starts the six-month deadline."""

    def __init__(self, services: UiServices, incident: IncidentRecord,
                 parent: QWidget | None = None) -> None:
        super().__init__(services, incident, parent)
        self.setObjectName("endResponse")
        self.question = QLabel(self)
        self.question.setWordWrap(True)
        self.when_label = QLabel(self)
        # In the incident's own offset (that of its start), whatever this laptop's zone.
        now = datetime.now(incident.started_at.tzinfo)
        self.when_edit = QDateTimeEdit(QDateTime.fromString(
            now.strftime("%Y-%m-%d %H:%M"), "yyyy-MM-dd HH:mm"), self)
        self.when_edit.setCalendarPopup(True)
        self.when_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when_label.setBuddy(self.when_edit)
        form = QFormLayout()
        form.addRow(self.when_label, self.when_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.retranslate()

    def ended_at(self) -> datetime:
        value = self.when_edit.dateTime().toPython()
        assert isinstance(value, datetime)
        return value.replace(tzinfo=self.incident.started_at.tzinfo)

    def accept(self) -> None:
        self._start(self.services.repos.incidents.end_response, self.incident.id,
                    self.ended_at())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("End the response"))
        self.question.setText(self.tr(
            "End the response to {name}? Filing must then be finished within six months; "
            "the end is recorded in the audit log.").format(name=self.incident.name))
        self.when_label.setText(self.tr("The response ended at (UTC{offset})").format(
            offset=self.incident.started_at.strftime("%z")))
        self.ok_button.setText(self.tr("End the response"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
