"""The desktop app's own preferences (interface language, window layout) in QSettings.

Store data never goes here: it lives in the store. Tests pass a QSettings on a temporary
INI file so they never touch the user's preferences.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from app.ui.i18n import normalize

ORGANIZATION = "FieldArchive"
APPLICATION = "FieldArchive"


class UiSettings:
    LANGUAGE = "ui/language"
    GEOMETRY = "ui/main_window_geometry"
    SPLITTER = "ui/main_window_splitter"

    def __init__(self, qsettings: QSettings | None = None) -> None:
        # QSettings() uses the organisation/application names set on the QApplication.
        self.qsettings = qsettings if qsettings is not None else QSettings()

    @property
    def language(self) -> str | None:
        return normalize(str(self.qsettings.value(self.LANGUAGE, "") or ""))

    @language.setter
    def language(self, value: str) -> None:
        self.qsettings.setValue(self.LANGUAGE, value)
        self.qsettings.sync()

    def bytes_value(self, key: str) -> QByteArray | None:
        value = self.qsettings.value(key)
        return value if isinstance(value, QByteArray) else None

    def set_bytes(self, key: str, value: QByteArray) -> None:
        self.qsettings.setValue(key, value)
