"""The new-incident form: name, kind, level, start time, fonds code, number, place."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime, QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.domain import codes
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.repositories.incidents import FONDS_CHARS
from app.ui.date_fields import TypedDateTimeEdit
from app.ui.labels import fill_code_combo

FONDS_MAX = 16


class IncidentForm(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name_edit = QLineEdit(self)
        self.kind_combo = QComboBox(self)
        self.level_combo = QComboBox(self)
        self.start_edit = TypedDateTimeEdit(QDateTime.currentDateTime(), self)
        self.start_edit.setCalendarPopup(True)
        self.start_edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.fonds_edit = QLineEdit(self)
        self.fonds_edit.setMaxLength(FONDS_MAX)
        self.number_edit = QLineEdit(self)
        self.place_edit = QLineEdit(self)
        for edit in (self.name_edit, self.number_edit, self.place_edit):
            edit.setMaxLength(300)

        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.labels: dict[str, QLabel] = {}
        for key, field in (("name", self.name_edit), ("kind", self.kind_combo),
                           ("level", self.level_combo), ("start", self.start_edit),
                           ("fonds", self.fonds_edit), ("number", self.number_edit),
                           ("place", self.place_edit)):
            label = QLabel(self)
            label.setBuddy(field)
            self.labels[key] = label
            layout.addRow(label, field)
        self.retranslate()

    def retranslate(self) -> None:
        texts = {
            "name": self.tr("Incident na&me:"),
            "kind": self.tr("&Kind:"),
            "level": self.tr("&Level:"),
            "start": self.tr("&Start time:"),
            "fonds": self.tr("&Fonds code:"),
            "number": self.tr("Num&ber:"),
            "place": self.tr("Pla&ce:"),
        }
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.name_edit.setPlaceholderText(self.tr("e.g. 2025年某旗7.1级地震"))
        self.fonds_edit.setPlaceholderText(self.tr("e.g. Z109"))
        self.fonds_edit.setToolTip(
            self.tr("The fonds (全宗) the incident is filed under; it begins every 档号."))
        self.number_edit.setPlaceholderText(self.tr("optional, e.g. EQ2025-01"))
        self.place_edit.setPlaceholderText(self.tr("e.g. 内蒙古某旗"))
        for combo, table in ((self.kind_combo, codes.INCIDENT_KIND),
                             (self.level_combo, codes.INCIDENT_LEVEL)):
            selected = combo.currentData()
            fill_code_combo(combo, table)
            combo.insertItem(0, self.tr("— choose —"), None)
            index = combo.findData(selected) if selected is not None else 0
            combo.setCurrentIndex(max(index, 0))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def started_at(self) -> datetime:
        # QDateTime -> naive local time -> aware with this machine's offset.
        value = self.start_edit.dateTime().toPython()
        assert isinstance(value, datetime)
        return value.astimezone()

    def check(self) -> str | None:
        """A message in the interface language for what is missing, with focus on it."""
        fonds = self.fonds_edit.text().strip()
        problem: tuple[QWidget, str] | None = None
        if not self.name_edit.text().strip():
            problem = (self.name_edit, self.tr("Enter the incident's name."))
        elif self.kind_combo.currentData() is None:
            problem = (self.kind_combo, self.tr("Choose the kind of incident."))
        elif self.level_combo.currentData() is None:
            problem = (self.level_combo, self.tr("Choose the incident's level."))
        elif self.started_at() > datetime.now().astimezone() + timedelta(minutes=5):
            problem = (self.start_edit, self.tr("The start time is in the future; check the "
                                                "date."))
        elif not fonds or not set(fonds) <= FONDS_CHARS:
            problem = (self.fonds_edit, self.tr("Enter the fonds code in letters and digits, "
                                                "e.g. Z109."))
        if problem is None:
            return None
        problem[0].setFocus()
        return problem[1]

    def save(self, repos: Repositories, operator: str | None = None) -> IncidentRecord:
        """Create the incident (raises InvalidInput with the repository's sentence)."""
        return repos.incidents.create(
            self.name_edit.text(), str(self.kind_combo.currentData()),
            str(self.level_combo.currentData()), self.started_at(), self.fonds_edit.text(),
            number=self.number_edit.text(), place=self.place_edit.text(), operator=operator,
        )

    def set_read_only(self, read_only: bool) -> None:
        for widget in (self.name_edit, self.kind_combo, self.level_combo, self.start_edit,
                       self.fonds_edit, self.number_edit, self.place_edit):
            widget.setEnabled(not read_only)
