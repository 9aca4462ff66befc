"""A status line whose message follows a change of language.

A panel says what just happened ("Photo stored: …"); if the user then switches language
the line is shown again in the new one. Messages are given as a function that renders
them (``lambda: self.tr("…").format(…)``), called again on LanguageChange; a plain string
(a sentence from the core, in English) is shown as it is.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget

Message = str | Callable[[], str]


class MessageLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self._message: Message = ""

    def show_message(self, message: Message, colour: str = "") -> None:
        self._message = message
        self.setStyleSheet(f"color: {colour};" if colour else "")
        self.setToolTip("")
        self._render()

    def _render(self) -> None:
        message = self._message
        self.setText(message() if callable(message) else message)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)
