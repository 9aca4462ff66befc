"""Date and date-time fields that take a typed value as typed and let Tab leave them.

Qt's editors refuse a digit typed while the whole text is selected (as after a click or a
Tab into the field): "2030-01-01 10:00" became 2026-01-01 with the year dropped. And Tab
moved from one part of the date to the next, so the next field's typing landed in the date.
Here a digit typed over the whole text starts at the first part, and Tab goes to the next
field (the arrow keys still move between the parts).
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QDateTimeEdit, QWidget

SEPARATORS = frozenset("-/.: T")


class _TypedMixin:
    """Typing for QDateTimeEdit and QDateEdit (mixed in before the Qt class)."""

    _advanced = False  # the last digit filled its part and Qt moved to the next part

    def keyPressEvent(self, event: QKeyEvent) -> None:
        edit: QDateTimeEdit = self  # type: ignore[assignment]
        text = event.text()
        line = edit.lineEdit()
        if (text and text.isdigit() and line.hasSelectedText()
                and len(line.selectedText()) == len(line.text())):
            edit.setCurrentSectionIndex(0)
            edit.setSelectedSection(edit.sectionAt(0))
        if text and text in SEPARATORS and self._advanced:
            # The part was full and Qt moved on already: the typed separator is that move.
            self._advanced = False
            event.accept()
            return
        before = edit.currentSectionIndex()
        super().keyPressEvent(event)  # type: ignore[misc]
        self._advanced = bool(text) and text.isdigit() and edit.currentSectionIndex() != before

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: A002 - Qt's name
        # Tab leaves the field (Qt moves between its parts; the arrow keys still do).
        return QWidget.focusNextPrevChild(self, next)  # type: ignore[arg-type]


class TypedDateTimeEdit(_TypedMixin, QDateTimeEdit):
    def __init__(self, value: QDateTime | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if value is not None:
            self.setDateTime(value)


class TypedDateEdit(_TypedMixin, QDateEdit):
    def __init__(self, value: QDate | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if value is not None:
            self.setDate(value)
