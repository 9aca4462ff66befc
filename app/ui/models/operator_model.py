"""Operators as a table model, marking the store's default operator."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from app.domain import codes
from app.store.records import OperatorRecord
from app.ui.i18n import QT_TRANSLATE_NOOP
from app.ui.labels import code_label
from app.ui.models.columns import ColumnTableModel

Index = QModelIndex | QPersistentModelIndex
RecordRole = Qt.ItemDataRole.UserRole + 1

CONTEXT = "OperatorTableModel"
COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", QT_TRANSLATE_NOOP("OperatorTableModel", "Name")),
    ("unit", QT_TRANSLATE_NOOP("OperatorTableModel", "Unit")),
    ("position", QT_TRANSLATE_NOOP("OperatorTableModel", "Position")),
    ("role", QT_TRANSLATE_NOOP("OperatorTableModel", "Role")),
    ("default", QT_TRANSLATE_NOOP("OperatorTableModel", "Default")),
)
COLUMN_KEYS = tuple(key for key, _ in COLUMNS)


class OperatorTableModel(ColumnTableModel):
    CONTEXT = CONTEXT
    COLUMNS = COLUMNS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[OperatorRecord] = []
        self._default_id: str | None = None

    def set_operators(self, operators: Sequence[OperatorRecord], default_id: str | None) -> None:
        self.beginResetModel()
        self._rows = list(operators)
        self._default_id = default_id
        self.endResetModel()

    def record(self, row: int) -> OperatorRecord | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, name: str) -> int:
        return next((r for r, op in enumerate(self._rows) if op.name == name), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        op = self._rows[index.row()]
        key = COLUMN_KEYS[index.column()]
        if role == RecordRole:
            return op
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if key == "role":
            return code_label(codes.ROLE, op.role)
        if key == "default":
            return "✓" if op.id == self._default_id else ""
        return str(getattr(op, key))
