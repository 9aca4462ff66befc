"""A combo box of the microphones Qt can record from, kept up to date as they come and go."""

from __future__ import annotations

from PySide6.QtMultimedia import QAudioDevice, QMediaDevices
from PySide6.QtWidgets import QComboBox, QWidget

from app.capture.microphone import ensure_core_application


def device_key(device: QAudioDevice) -> str:
    return bytes(device.id().data()).decode("utf-8", "replace")


class AudioInputCombo(QComboBox):
    """Lists audio inputs by the name the system gives them; ``none_text`` (if given) adds
    a first choice for "no sound". The selection survives a refresh when the device stays."""

    def __init__(self, none_text: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        ensure_core_application()
        self.none_text = none_text
        # Grow and shrink with the texts, also after a change of language.
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.devices = QMediaDevices(self)
        self.devices.audioInputsChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        keep = self.currentData()
        self.blockSignals(True)
        self.clear()
        if self.none_text is not None:
            self.addItem(self.none_text, "")
        default_row = -1
        for device in QMediaDevices.audioInputs():
            self.addItem(device.description(), device_key(device))
            if device.isDefault():
                default_row = self.count() - 1
        row = self.findData(keep) if keep else -1
        if row < 0:
            row = 0 if self.none_text is not None else max(default_row, 0)
        self.setCurrentIndex(row)
        self.blockSignals(False)
        self.currentIndexChanged.emit(self.currentIndex())

    def set_none_text(self, text: str) -> None:
        self.none_text = text
        if self.count() and self.itemData(0) == "":
            self.setItemText(0, text)

    def select(self, description: str) -> bool:
        row = self.findText(description)
        if row >= 0:
            self.setCurrentIndex(row)
        return row >= 0

    def device(self) -> QAudioDevice | None:
        """The chosen input, or None for "no sound" or a device that has just gone."""
        key = self.currentData()
        if not key:
            return None
        return next((d for d in QMediaDevices.audioInputs() if device_key(d) == key), None)
