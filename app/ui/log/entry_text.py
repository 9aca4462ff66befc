"""The entry text box: Enter saves, Shift+Enter (or Ctrl+Enter) starts a new line."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

SUBMIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
NEWLINE_MODIFIERS = (Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier)


class EntryTextEdit(QPlainTextEdit):
    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)  # Tab moves on to the next field, as in a form

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in SUBMIT_KEYS:
            if event.modifiers() & NEWLINE_MODIFIERS:
                self.insertPlainText("\n")
            else:
                self.submitted.emit()
            event.accept()
            return
        super().keyPressEvent(event)
