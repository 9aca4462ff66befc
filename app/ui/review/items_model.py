"""The reviewed incident's items, a page at a time, with what the integrity check found."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QBrush, QColor

from app.domain import codes
from app.store.reading import ItemReading
from app.store.repositories.items import ItemRecord
from app.ui.i18n import QT_TRANSLATE_NOOP
from app.ui.labels import code_label, format_time
from app.ui.models.paged import Index, KeysetPagedModel
from app.ui.review.jobs import ItemsPage, Origins, load_items_page
from app.ui.worker import Jobs

PAGE_SIZE = 200
CONTEXT = "ReviewItemsModel"
COLUMNS: tuple[tuple[str, str], ...] = (
    ("code", QT_TRANSLATE_NOOP("ReviewItemsModel", "Archival code")),
    ("title", QT_TRANSLATE_NOOP("ReviewItemsModel", "Title")),
    ("kind", QT_TRANSLATE_NOOP("ReviewItemsModel", "Kind")),
    ("date", QT_TRANSLATE_NOOP("ReviewItemsModel", "Date")),
    ("files", QT_TRANSLATE_NOOP("ReviewItemsModel", "Files")),
    ("sha256", QT_TRANSLATE_NOOP("ReviewItemsModel", "SHA-256 (original)")),
    ("integrity", QT_TRANSLATE_NOOP("ReviewItemsModel", "Integrity")),
    ("origin", QT_TRANSLATE_NOOP("ReviewItemsModel", "Package")),
)
COLUMN_KEYS = tuple(key for key, _ in COLUMNS)
FAILED = QColor("#b00020")


class ReviewItemsModel(KeysetPagedModel):
    """Pages through ``ItemReading.list`` (the read interface's own order and offset: a
    package reader serves the same), with the integrity check's findings per item."""

    CONTEXT = CONTEXT
    COLUMNS = COLUMNS
    PAGE_FUNCTION = staticmethod(load_items_page)

    def __init__(self, items: ItemReading, jobs: Jobs, parent: QObject | None = None,
                 page_size: int = PAGE_SIZE, origins: Origins | None = None) -> None:
        super().__init__(jobs, page_size, parent)
        self.items = items
        self.origins = origins  # packages: the package each item was read from
        self._origin: dict[str, str] = {}
        # item id -> damage found while the package was read (shown before any check)
        self.damage: dict[str, list[str]] = {}
        self.incident_id: str | None = None
        self._rows: list[ItemRecord] = []
        self._row_of_id: dict[str, int] = {}
        # item id -> what the integrity check found wrong with it
        self.findings: dict[str, list[str]] = {}
        self.checked = False  # the integrity check has run to its end

    def set_incident(self, incident_id: str | None) -> None:
        self.incident_id = incident_id
        self.reload()

    def set_findings(self, findings: dict[str, list[str]]) -> None:
        """A finished check's problems by item: those rows show them, the rest ✓."""
        self.findings = findings
        self.checked = True
        if self._rows:
            col = COLUMN_KEYS.index("integrity")
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, col))

    def set_damage(self, damage: dict[str, list[str]]) -> None:
        self.damage = damage
        if self._rows:
            col = COLUMN_KEYS.index("integrity")
            self.dataChanged.emit(self.index(0, col), self.index(len(self._rows) - 1, col))

    def origin_of(self, item_id: str) -> str:
        return self._origin.get(item_id, "")

    def item_at(self, row: int) -> ItemRecord | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, item_id: str) -> int:
        return self._row_of_id.get(item_id, -1)

    # -- paging (KeysetPagedModel): by offset, the order the read interface lists in -----
    def has_query(self) -> bool:
        return self.incident_id is not None

    def _page_args(self, after: Any, with_total: bool, request: int) -> tuple[Any, ...]:
        return (self.items, self.incident_id, len(self._rows), self.page_size, with_total,
                request, self.origins)

    def _rows_of(self, page: ItemsPage) -> Sequence[Any]:
        self._origin.update(page.origins)
        return page.rows

    def _cursor_of(self, row: Any) -> Any:
        return None

    def _cleared(self) -> None:
        self._row_of_id = {}

    def _rows_added(self, first: int, last: int) -> None:
        for row in range(first, last + 1):
            self._row_of_id[self._rows[row].id] = row

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item_at(index.row()) if index.isValid() else None
        if item is None:
            return None
        key = COLUMN_KEYS[index.column()]
        damage = self.damage.get(item.id, [])
        problems = damage + [p for p in self.findings.get(item.id, []) if p not in damage]
        if role == Qt.ItemDataRole.ForegroundRole and key == "integrity" and problems:
            return QBrush(FAILED)
        if role == Qt.ItemDataRole.ToolTipRole and key == "integrity" and problems:
            return "\n".join(problems)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        original = item.file("original")
        if key == "code":
            return item.archival_code or "—"
        if key == "title":
            return item.title or "—"
        if key == "kind":
            return code_label(codes.ITEM_KIND, item.kind)
        if key == "date":
            return format_time(item.date) if item.date else "—"
        if key == "files":
            return str(len(item.files))
        if key == "sha256":
            return original.sha256[:16] + "…" if original else "—"
        if key == "integrity":
            if problems:
                return "✗ " + self.tr("{count} problem(s)").format(count=len(problems))
            return "✓" if self.checked else ""
        if key == "origin":
            return self._origin.get(item.id, "")
        return None
