"""The part every read-only table model here shares: rows in ``_rows``, columns named by
(key, untranslated title) pairs, titles translated in the model's own context."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

Index = QModelIndex | QPersistentModelIndex
# Made once: views ask every visible cell's flags on every paint.
ROW_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class ColumnTableModel(QAbstractTableModel):
    CONTEXT: ClassVar[str]
    COLUMNS: ClassVar[tuple[tuple[str, str], ...]]
    _rows: list[Any]

    def index(self, row: int, column: int,
              parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        # Qt's own index() asks rowCount and columnCount first: two calls into Python for
        # every index a view makes (several per painted cell), each one taking the GIL,
        # which a background import holds often. Answered here in one call.
        if parent.isValid() or not (0 <= row < len(self._rows)
                                    and 0 <= column < len(self.COLUMNS)):
            return QModelIndex()
        return self.createIndex(row, column)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(self.COLUMNS)):
            return QCoreApplication.translate(self.CONTEXT, self.COLUMNS[section][1])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return ROW_FLAGS

    def retranslate(self) -> None:
        """Headers and every cell again: titles and code labels follow the language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(self.COLUMNS) - 1))
