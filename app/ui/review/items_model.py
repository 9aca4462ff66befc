"""The reviewed incident's items, a page at a time, with what the integrity check found."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from app.domain import codes
from app.store.reading import ItemReading
from app.store.repositories.items import ItemRecord
from app.ui.i18n import QT_TRANSLATE_NOOP
from app.ui.labels import code_label, format_time
from app.ui.models.columns import ColumnTableModel
from app.ui.review.jobs import ItemsPage, Origins, load_items_page
from app.ui.worker import Jobs

Index = QModelIndex | QPersistentModelIndex
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


class ReviewItemsModel(ColumnTableModel):
    CONTEXT = CONTEXT
    COLUMNS = COLUMNS

    page_loaded = Signal()
    load_failed = Signal(str)

    def __init__(self, items: ItemReading, jobs: Jobs, parent: QObject | None = None,
                 page_size: int = PAGE_SIZE, origins: Origins | None = None) -> None:
        super().__init__(parent)
        self.items = items
        self.origins = origins  # packages: the package each item was read from
        self._origin: dict[str, str] = {}
        self.jobs = jobs
        self.page_size = page_size
        self.incident_id: str | None = None
        self.total: int | None = None
        self._rows: list[ItemRecord] = []
        self._exhausted = True
        self._requests = 0
        self._pending: int | None = None
        # item id -> what the integrity check found wrong with it
        self.findings: dict[str, list[str]] = {}
        self.checked = False  # the integrity check has run to its end
        # item id -> damage found while the package was read (shown before any check)
        self.damage: dict[str, list[str]] = {}

    def set_incident(self, incident_id: str | None) -> None:
        self.beginResetModel()
        self.incident_id = incident_id
        self._rows = []
        self.total = None
        self._pending = None
        self._exhausted = incident_id is None
        self.endResetModel()
        if incident_id is not None:
            self._request(with_total=True)

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
        return next((r for r, i in enumerate(self._rows) if i.id == item_id), -1)

    @property
    def loading(self) -> bool:
        return self._pending is not None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and self._pending is None

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._request(with_total=False)

    def _request(self, with_total: bool) -> None:
        assert self.incident_id is not None
        self._requests += 1
        self._pending = self._requests
        self.jobs.start(load_items_page, self.items, self.incident_id, len(self._rows),
                        self.page_size, with_total, self._requests, self.origins,
                        on_finished=self._arrived, on_failed=self._failed)

    def _arrived(self, page: ItemsPage) -> None:
        if page.request != self._pending:
            return
        self._pending = None
        if page.total is not None:
            self.total = page.total
        self._origin.update(page.origins)
        if page.rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
            self._rows.extend(page.rows)
            self.endInsertRows()
        self._exhausted = len(page.rows) < self.page_size
        self.page_loaded.emit()

    def _failed(self, message: str) -> None:
        self._pending = None
        self._exhausted = True
        self.load_failed.emit(message)
        self.page_loaded.emit()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        item = self.item_at(index.row()) if index.isValid() else None
        if item is None:
            return None
        key = COLUMN_KEYS[index.column()]
        problems = self.damage.get(item.id, []) + [
            p for p in self.findings.get(item.id, []) if p not in self.damage.get(item.id, [])]
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
