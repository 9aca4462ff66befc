"""The incident's items as a table model, one keyset page at a time (see ``KeysetPagedModel``).

The same model serves the table and the thumbnail grid (a QListView in icon mode shows
column 0: the picture and the title). Pictures come from a cache that loads them in the
worker; until one arrives the cell shows the item kind's icon.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from app.domain import codes
from app.domain.completeness import field_label
from app.store.repositories.library import (
    LibraryCounts,
    LibraryFilter,
    LibraryQueries,
    LibraryRow,
    LibrarySort,
)
from app.ui.i18n import QT_TRANSLATE_NOOP, is_chinese, message_text
from app.ui.labels import code_label, format_time
from app.ui.library.jobs import LibraryPage, load_library_page
from app.ui.library.thumbnails import LibraryThumbnails
from app.ui.models.paged import Index, KeysetPagedModel
from app.ui.worker import Jobs

RowRole = int(Qt.ItemDataRole.UserRole) + 1  # the row's LibraryRow
ItemIdRole = int(Qt.ItemDataRole.UserRole) + 2
PAGE_SIZE = 200
MAX_ICONS = 2000
SERVED_ROLES = frozenset({
    int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole),
    int(Qt.ItemDataRole.DecorationRole), int(Qt.ItemDataRole.ForegroundRole),
    RowRole, ItemIdRole,
})
KIND_ICONS = {
    "photo": QStyle.StandardPixmap.SP_FileIcon,
    "audio": QStyle.StandardPixmap.SP_MediaVolume,
    "video": QStyle.StandardPixmap.SP_MediaPlay,
    "document": QStyle.StandardPixmap.SP_FileDialogDetailedView,
    "physical": QStyle.StandardPixmap.SP_DirHomeIcon,
    "log": QStyle.StandardPixmap.SP_FileDialogContentsView,
}

CONTEXT = "LibraryItemModel"
COLUMNS: tuple[tuple[str, str], ...] = (
    ("title", QT_TRANSLATE_NOOP("LibraryItemModel", "Title")),
    ("kind", QT_TRANSLATE_NOOP("LibraryItemModel", "Kind")),
    ("date", QT_TRANSLATE_NOOP("LibraryItemModel", "Date")),
    ("creator", QT_TRANSLATE_NOOP("LibraryItemModel", "Creator")),
    ("phase", QT_TRANSLATE_NOOP("LibraryItemModel", "Phase")),
    ("channel", QT_TRANSLATE_NOOP("LibraryItemModel", "Source")),
    ("state", QT_TRANSLATE_NOOP("LibraryItemModel", "State")),
    ("code", QT_TRANSLATE_NOOP("LibraryItemModel", "Archival code")),
    ("missing", QT_TRANSLATE_NOOP("LibraryItemModel", "Still lacks")),
)
COLUMN_KEYS = tuple(key for key, _ in COLUMNS)
COLUMN_WIDTHS = {"title": 240, "kind": 70, "date": 135, "creator": 90, "phase": 150,
                 "channel": 110, "state": 90, "code": 200}
# The order a click on a column's header asks the store for (columns not here do not sort).
SORT_OF_COLUMN = {"title": "title", "kind": "kind", "date": "date", "state": "state",
                  "code": "code"}
translate = QCoreApplication.translate


def excluded_label() -> str:
    return translate("LibraryItemModel", "Not to be archived")


class LibraryItemModel(KeysetPagedModel):
    CONTEXT = CONTEXT
    COLUMNS = COLUMNS
    PAGE_FUNCTION = staticmethod(load_library_page)

    def __init__(self, library: LibraryQueries, jobs: Jobs,
                 thumbnails: LibraryThumbnails | None = None, parent: QObject | None = None,
                 page_size: int = PAGE_SIZE) -> None:
        super().__init__(jobs, page_size, parent)
        self.library = library
        self.thumbnails = thumbnails
        self.incident_id: str | None = None
        self.filters = LibraryFilter()
        self.order = LibrarySort()
        self.counts: LibraryCounts | None = None
        self._rows: list[LibraryRow] = []
        self._row_of_id: dict[str, int] = {}
        self._icons: dict[str, QIcon] = {}
        self._thumb_icons: dict[str, QIcon] = {}  # oldest first, bounded like the cache
        if thumbnails is not None:
            thumbnails.loaded.connect(self._thumbnail_loaded)

    # -- what is shown ---------------------------------------------------------------------
    def set_query(self, incident_id: str | None, filters: LibraryFilter | None = None,
                  sort: LibrarySort | None = None) -> None:
        """Another incident, other filters or another order: back to the first page."""
        self.incident_id = incident_id
        if filters is not None:
            self.filters = filters
        if sort is not None:
            self.order = sort
        self.reload()

    def row_at(self, row: int) -> LibraryRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, item_id: str) -> int:
        return self._row_of_id.get(item_id, -1)

    # -- paging ----------------------------------------------------------------------------
    def has_query(self) -> bool:
        return self.incident_id is not None

    def _page_args(self, after: Any, with_total: bool, request: int) -> tuple[Any, ...]:
        return (self.library, self.incident_id, self.filters, self.order, after,
                self.page_size, with_total, request)

    def _arrived(self, page: LibraryPage) -> None:
        if page.request == self._pending and page.counts is not None:
            self.counts = page.counts
        super()._arrived(page)

    def _cleared(self) -> None:
        self._row_of_id = {}
        self.counts = None

    def _rows_added(self, first: int, last: int) -> None:
        for row in range(first, last + 1):
            self._row_of_id[self._rows[row].id] = row

    def _thumbnail_loaded(self, item_id: str) -> None:
        row = self._row_of_id.get(item_id, -1)
        if 0 <= row < len(self._rows):
            index = self.index(row, 0)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    # -- the model interface ---------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Qt asks each visible cell for a dozen roles on every paint: answer the ones not
        # served here before doing any work.
        if role not in SERVED_ROLES or not index.isValid() or not (
                0 <= index.row() < len(self._rows)):
            return None
        row = self._rows[index.row()]
        key = COLUMN_KEYS[index.column()]
        if role == RowRole:
            return row
        if role == ItemIdRole:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, key)
        if role == Qt.ItemDataRole.DecorationRole and key == "title":
            return self._picture(row)
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.excluded:
                return QBrush(QColor("#808080"))
            if key == "missing" and row.missing:
                return QBrush(QColor("#b35c00"))
        return None

    def _display(self, row: LibraryRow, key: str) -> str:
        if key == "title":
            return row.shown_title
        if key == "kind":
            return code_label(codes.ITEM_KIND, row.kind)
        if key == "date":
            return format_time(row.date)
        if key == "creator":
            return row.creator
        if key == "phase":
            return code_label(codes.PHASE, row.phase) if row.phase else ""
        if key == "channel":
            return code_label(codes.SOURCE_CHANNEL, row.source_channel)
        if key == "state":
            state = code_label(codes.ITEM_STATE, row.state)
            return f"{state} · {excluded_label()}" if row.excluded else state
        if key == "code":
            return row.archival_code or ""
        if key == "missing":
            return missing_text(row.missing) if not row.excluded else ""
        return ""

    def _tooltip(self, row: LibraryRow, key: str) -> str | None:
        if key == "title":
            lines = [row.shown_title]
            if row.original_name and row.original_name != row.shown_title:
                lines.append(row.original_name)
            if row.place:
                lines.append(translate("LibraryItemModel", "Place: {place}").format(
                    place=row.place))
            if row.missing and not row.excluded:
                lines.append(translate("LibraryItemModel", "Still lacks: {fields}").format(
                    fields=missing_text(row.missing)))
            return "\n".join(lines)
        if key == "missing" and row.missing:
            return missing_text(row.missing)
        return None

    def _picture(self, row: LibraryRow) -> Any:
        # An icon, not a pixmap: each view draws it at its own icon size (grid or table).
        if row.has_thumbnail and self.thumbnails is not None:
            pixmap = self.thumbnails.pixmap(row.id)
            if pixmap is not None:
                icon = self._thumb_icons.get(row.id)
                if icon is None:
                    icon = self._thumb_icons[row.id] = QIcon(pixmap)
                    while len(self._thumb_icons) > MAX_ICONS:
                        self._thumb_icons.pop(next(iter(self._thumb_icons)))
                return icon
        icon = self._icons.get(row.kind)
        if icon is None:
            icon = QApplication.style().standardIcon(
                KIND_ICONS.get(row.kind, QStyle.StandardPixmap.SP_FileIcon))
            self._icons[row.kind] = icon
        return icon


def missing_text(fields: tuple[str, ...]) -> str:
    separator = "、" if is_chinese() else ", "
    return separator.join(message_text(field_label(f)) for f in fields)
