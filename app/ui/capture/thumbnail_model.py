"""Thumbnails of stored items for an icon grid (import) or a strip (camera, object photos).

Rows are added as items are stored; each carries a QImage made off the GUI thread. The
QIcon a view draws is made from it the first time it is asked for (on the GUI thread, where
pixmaps must be made) and kept: the picture fitted into the view's icon size and centred, so
every cell is alike whatever the photo's shape or size. Items without a picture (sound)
show an icon of their kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    Qt,
)
from PySide6.QtGui import QIcon, QImage, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from app.store.repositories import Repositories
from app.store.repositories.items import ItemRecord

ItemIdRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2

ModelIndex = QModelIndex | QPersistentModelIndex


@dataclass
class Thumb:
    item_id: str
    name: str
    kind: str | None
    image: QImage | None
    tooltip: str = ""
    icon: QIcon | None = None  # made on first display


KIND_ICONS = {
    "audio": QStyle.StandardPixmap.SP_MediaVolume,
    "video": QStyle.StandardPixmap.SP_MediaPlay,
    "physical": QStyle.StandardPixmap.SP_DirHomeIcon,
}


class ThumbnailModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None, newest_first: bool = False,
                 icon_size: QSize | None = None) -> None:
        super().__init__(parent)
        self.newest_first = newest_first
        self.icon_size = icon_size or QSize(120, 90)
        self._rows: list[Thumb] = []

    # -- reading -------------------------------------------------------------------------------
    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.name
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip or row.name
        if role == ItemIdRole:
            return row.item_id
        if role == KindRole:
            return row.kind
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def item_ids(self) -> list[str]:
        return [r.item_id for r in self._rows]

    def thumb(self, row: int) -> Thumb:
        return self._rows[row]

    def _icon(self, row: Thumb) -> QIcon:
        if row.icon is None:
            if row.image is not None and not row.image.isNull():
                row.icon = QIcon(fitted(row.image, self.icon_size))
            else:
                pixmap = KIND_ICONS.get(row.kind or "", QStyle.StandardPixmap.SP_FileIcon)
                row.icon = QApplication.style().standardIcon(pixmap)
        return row.icon

    # -- changing ------------------------------------------------------------------------------
    def add(self, thumb: Thumb) -> None:
        at = 0 if self.newest_first else len(self._rows)
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.insert(at, thumb)
        self.endInsertRows()

    def set_image(self, item_id: str, image: QImage | None) -> None:
        """The picture for a row added without one (it was still being made)."""
        for row, thumb in enumerate(self._rows):
            if thumb.item_id == item_id:
                thumb.image, thumb.icon = image, None
                index = self.index(row)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def remove(self, row: int) -> Thumb:
        self.beginRemoveRows(QModelIndex(), row, row)
        thumb = self._rows.pop(row)
        self.endRemoveRows()
        return thumb

    def clear(self) -> None:
        if self._rows:
            self.beginResetModel()
            self._rows.clear()
            self.endResetModel()


def fitted(image: QImage, size: QSize) -> QPixmap:
    """``image`` scaled to fit ``size`` (aspect kept) and centred on a clear pixmap."""
    scaled = image.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                          Qt.TransformationMode.SmoothTransformation)
    pixmap = QPixmap(size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.drawImage((size.width() - scaled.width()) // 2,
                      (size.height() - scaled.height()) // 2, scaled)
    painter.end()
    return pixmap


def jpeg_to_qimage(data: bytes | None) -> QImage | None:
    """A stored JPEG thumbnail as a QImage, or None when there is none or it will not decode."""
    if not data:
        return None
    image = QImage.fromData(data)
    return None if image.isNull() else image


def item_thumbnail(repos: Repositories, item: ItemRecord | str) -> QImage | None:
    """The thumbnail of a stored item, read from the vault (call it off the GUI thread)."""
    record = repos.items.get(item) if isinstance(item, str) else item
    thumb = record.file("thumbnail")
    if thumb is None:
        return None
    with repos.items.open_file(thumb.vault_path) as f:
        return jpeg_to_qimage(f.read())
