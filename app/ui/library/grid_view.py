"""The Library's thumbnail grid: a list view laid out in rows that wrap, each cell a
picture above its title.

Qt's icon mode keeps a rectangle per item and, on every page the model adds, lays out every
row again, asking the (Python) model for each row's index: with thousands of items that is
thousands of calls into Python, each needing the GIL a background import holds, and the
GUI froze while the next page arrived (even with the grid hidden behind the table). List
mode with wrapping and uniform cells lays out in C++ arithmetic; the delegate puts the
picture on top as icon mode did.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtWidgets import QListView, QStyledItemDelegate, QStyleOptionViewItem, QWidget

CELL_MARGIN = QSize(24, 44)  # room around the picture for the title and the selection


class GridCellDelegate(QStyledItemDelegate):
    def __init__(self, cell: QSize, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cell = cell

    def initStyleOption(self, option: QStyleOptionViewItem,
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        option.decorationPosition = QStyleOptionViewItem.Position.Top
        option.decorationAlignment = Qt.AlignmentFlag.AlignCenter
        option.displayAlignment = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
        option.showDecorationSelected = False

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        return self.cell


class ThumbnailGrid(QListView):
    def __init__(self, icon_size: QSize, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        cell = icon_size + CELL_MARGIN
        self.setViewMode(QListView.ViewMode.ListMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setIconSize(icon_size)
        self.setGridSize(cell)
        self.setUniformItemSizes(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setItemDelegate(GridCellDelegate(cell - QSize(4, 4), self))
