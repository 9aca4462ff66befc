"""Where a batch came from (来源渠道) and the details its channel asks for.

The channel's rows show and hide with the choice; the one detail a channel cannot do
without (media: organisation, oral: narrator, donation: donor) is marked and checked here
with a message in the interface language, and the field is focused so it can be typed at
once. ``build_provenance`` (the core) then normalises what was typed.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.capture.provenance import CHANNEL_FIELDS, REQUIRED_FIELD, build_provenance
from app.domain import codes
from app.store.errors import InvalidInput
from app.ui.i18n import message_text
from app.ui.labels import code_label

ALL_CHANNELS = ("self", "media", "oral", "donation")
ERROR_STYLE = "border: 1px solid #be1e1e;"


class ProvenanceForm(QWidget):
    """Channel choice and its details; ``channel_changed`` carries the new channel code."""

    channel_changed = Signal(str)
    changed = Signal()

    def __init__(self, channels: tuple[str, ...] = ALL_CHANNELS,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.channels = channels
        self.channel_combo = QComboBox(self)
        self.channel_combo.setObjectName("channel_combo")
        self.edits: dict[str, QLineEdit] = {}
        for key in {k for c in channels for k in CHANNEL_FIELDS[c]} - {"open_status"}:
            edit = QLineEdit(self)
            edit.setObjectName(f"{key}_edit")
            edit.textEdited.connect(self._edited)
            self.edits[key] = edit
        self.open_status_combo = QComboBox(self)
        self.open_status_combo.setObjectName("open_status_combo")
        self.labels: dict[str, QLabel] = {}

        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.channel_label = QLabel(self)
        self.channel_label.setBuddy(self.channel_combo)
        layout.addRow(self.channel_label, self.channel_combo)
        for channel in channels:
            for key in CHANNEL_FIELDS[channel]:
                field = self.open_status_combo if key == "open_status" else self.edits[key]
                label = QLabel(self)
                label.setBuddy(field)
                self.labels[key] = label
                layout.addRow(label, field)
        self.form = layout
        if "open_status" not in self.labels:
            self.open_status_combo.setVisible(False)  # this form's channels do not ask for it
        self.channel_combo.currentIndexChanged.connect(self._channel_changed)
        self.retranslate()
        self._show_rows()

    # -- values --------------------------------------------------------------------------------
    @property
    def channel(self) -> str:
        return str(self.channel_combo.currentData() or self.channels[0])

    def set_channel(self, channel: str) -> None:
        self.channel_combo.setCurrentIndex(max(0, self.channel_combo.findData(channel)))

    def set_value(self, key: str, text: str) -> None:
        if key == "open_status":
            self.open_status_combo.setCurrentIndex(max(0, self.open_status_combo.findData(text)))
        else:
            self.edits[key].setText(text)

    def raw_values(self) -> dict[str, str]:
        """What is typed for the current channel (empty fields left out)."""
        out: dict[str, str] = {}
        for key in CHANNEL_FIELDS[self.channel]:
            if key == "open_status":
                value = str(self.open_status_combo.currentData() or "")
            else:
                value = self.edits[key].text().strip()
            if value:
                out[key] = value
        return out

    def problem(self) -> str | None:
        """Why the details cannot be used (in the interface language), or None. Marks and
        focuses the field to fix."""
        self._clear_marks()
        values = self.raw_values()
        required = REQUIRED_FIELD.get(self.channel)
        if required and required not in values:
            return self._mark(required, self.tr("{channel}: please fill in “{field}”.").format(
                channel=code_label(codes.SOURCE_CHANNEL, self.channel),
                field=self._field_name(required)))
        when = values.get("handover_date")
        if when is not None and not _is_date(when):
            return self._mark("handover_date", self.tr(
                "Write the handover date as year-month-day, e.g. 2025-07-23."))
        try:
            build_provenance(self.channel, values)
        except InvalidInput as err:
            return message_text(err)
        return None

    def provenance(self) -> tuple[str, dict[str, str]]:
        """(channel, details) checked by the core; call ``problem()`` first."""
        return build_provenance(self.channel, self.raw_values())

    # -- look ----------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.channel_label.setText(self.tr("So&urce channel:"))
        current = self.channel
        self.channel_combo.blockSignals(True)
        self.channel_combo.clear()
        for code in self.channels:
            self.channel_combo.addItem(code_label(codes.SOURCE_CHANNEL, code), code)
        self.channel_combo.setCurrentIndex(max(0, self.channel_combo.findData(current)))
        self.channel_combo.blockSignals(False)
        status = self.open_status_combo.currentData()
        self.open_status_combo.clear()
        self.open_status_combo.addItem(self.tr("(not set)"), "")
        for code in codes.OPEN_STATUS.values():
            self.open_status_combo.addItem(code_label(codes.OPEN_STATUS, code), code)
        self.open_status_combo.setCurrentIndex(
            max(0, self.open_status_combo.findData(status or "")))
        texts = self._label_texts()
        for key, label in self.labels.items():
            required = key in REQUIRED_FIELD.values()
            label.setText(texts[key] + (" *" if required else ""))
        if "handover_date" in self.edits:
            self.edits["handover_date"].setPlaceholderText(self.tr("e.g. 2025-07-23"))
        if "consent" in self.edits:
            self.edits["consent"].setPlaceholderText(self.tr("number of the signed consent form"))

    def _label_texts(self) -> dict[str, str]:
        return {
            "organisation": self.tr("Media &organisation:"),
            "handover_date": self.tr("Handover &date:"),
            "document_number": self.tr("Document &number:"),
            "narrator": self.tr("&Narrator:"),
            "interviewer": self.tr("Inter&viewer:"),
            "unit": self.tr("Uni&t:"),
            "consent": self.tr("Consent &reference:"),
            "donor": self.tr("&Donor:"),
            "contact": self.tr("Con&tact:"),
            "authorisation": self.tr("Autho&risation:"),
            "copyright": self.tr("Cop&yright note:"),
            "open_status": self.tr("Ope&n status:"),
        }

    def _field_name(self, key: str) -> str:
        text = re.sub(r"\(&.\)", "", self._label_texts()[key])  # "口述者(&N)："
        return text.replace("&", "").rstrip(":：").strip()

    def _show_rows(self) -> None:
        wanted = set(CHANNEL_FIELDS[self.channel])
        for key, label in self.labels.items():
            self.form.setRowVisible(label, key in wanted)

    def _channel_changed(self) -> None:
        self._clear_marks()
        self._show_rows()
        self.channel_changed.emit(self.channel)
        self.changed.emit()

    def _edited(self) -> None:
        edit = self.sender()
        if isinstance(edit, QLineEdit):
            edit.setStyleSheet("")
        self.changed.emit()

    def _mark(self, key: str, message: str) -> str:
        field = self.open_status_combo if key == "open_status" else self.edits[key]
        field.setStyleSheet(ERROR_STYLE)
        field.setFocus()
        return message

    def _clear_marks(self) -> None:
        for edit in self.edits.values():
            edit.setStyleSheet("")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True
