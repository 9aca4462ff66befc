"""The work-log timeline as a table model that loads one page at a time.

It reads through ``LogReading`` (the writable repository in the main window, a read-only
``StoreReader`` in review mode), never anything that writes.

Rows are the current versions of entries (``repos.log.page``), ``PAGE_SIZE`` at a time: the
view asks ``canFetchMore``/``fetchMore`` as it scrolls, and each page is read in the worker,
so a log of 100,000 entries opens and scrolls without the GUI thread waiting on a query. Pages
follow each other by keyset (``after`` the last row shown), so the thousandth page costs
what the first does. The first page also brings the total count (for "shown of total").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app.domain import codes
from app.store.reading import LogReading
from app.store.worklog_records import LogEntryRecord, LogEntryView, LogFilter
from app.ui.i18n import QT_TRANSLATE_NOOP
from app.ui.labels import code_label, format_time
from app.ui.log.badges import StatusRole
from app.ui.log.jobs import EntryRun, load_through_entry, load_timeline_page
from app.ui.log.thumbnails import ThumbnailCache
from app.ui.models.paged import KeysetPagedModel
from app.ui.person_text import person_text
from app.ui.worker import Jobs

Index = QModelIndex | QPersistentModelIndex
ViewRole = int(Qt.ItemDataRole.UserRole) + 1  # the row's LogEntryView
PAGE_SIZE = 200
SERVED_ROLES = frozenset({
    int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.ToolTipRole),
    int(Qt.ItemDataRole.DecorationRole), int(Qt.ItemDataRole.TextAlignmentRole),
    ViewRole, StatusRole,
})

CONTEXT = "LogTimelineModel"
COLUMNS: tuple[tuple[str, str], ...] = (
    ("seq", QT_TRANSLATE_NOOP("LogTimelineModel", "No.")),
    ("time", QT_TRANSLATE_NOOP("LogTimelineModel", "Time")),
    ("category", QT_TRANSLATE_NOOP("LogTimelineModel", "Category")),
    ("content", QT_TRANSLATE_NOOP("LogTimelineModel", "Entry")),
    ("items", QT_TRANSLATE_NOOP("LogTimelineModel", "Items")),
    ("recorder", QT_TRANSLATE_NOOP("LogTimelineModel", "Recorder")),
    ("phase", QT_TRANSLATE_NOOP("LogTimelineModel", "Phase")),
    ("review", QT_TRANSLATE_NOOP("LogTimelineModel", "Review")),
)
COLUMN_KEYS = tuple(key for key, _ in COLUMNS)
translate = QCoreApplication.translate


class LogTimelineModel(KeysetPagedModel):
    CONTEXT = CONTEXT
    COLUMNS = COLUMNS

    PAGE_FUNCTION = staticmethod(load_timeline_page)
    entry_located = Signal(str, bool)  # the wanted entry's current version, loaded or not

    def __init__(self, log: LogReading, jobs: Jobs,
                 thumbnails: ThumbnailCache | None = None, parent: QObject | None = None,
                 page_size: int = PAGE_SIZE) -> None:
        super().__init__(jobs, page_size, parent)
        self.log = log
        self.thumbnails = thumbnails
        self.incident_id: str | None = None
        self.filters = LogFilter()
        self.newest_first = True
        self.all_total: int | None = None  # without the filters
        self._rows: list[LogEntryView] = []
        self._rows_by_item: dict[str, list[int]] = {}
        if thumbnails is not None:
            thumbnails.loaded.connect(self._thumbnail_loaded)

    # -- what is shown ---------------------------------------------------------------------
    def set_query(self, incident_id: str | None, filters: LogFilter | None = None,
                  newest_first: bool | None = None) -> None:
        """Show another incident, other filters or another order: back to the first page."""
        self.incident_id = incident_id
        if filters is not None:
            self.filters = filters
        if newest_first is not None:
            self.newest_first = newest_first
        self.reload()

    def view_at(self, row: int) -> LogEntryView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, entry_id: str) -> int:
        return next((r for r, v in enumerate(self._rows) if v.id == entry_id), -1)

    def replace_entry(self, old_id: str, record: LogEntryRecord) -> int:
        """Show a newer state of a row in place: reviewed, or corrected (a new version)."""
        row = self.row_of(old_id)
        if row < 0:
            return -1
        view = self._rows[row]
        if record.id != view.id:  # a correction: one more version of the same entry
            view = LogEntryView(record, view.original_seq, view.version_count + 1)
        else:
            view = dataclasses.replace(view, entry=record)
        self._rows[row] = view
        self._index_items(row, view)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        return row

    def refresh_entries(self, records: Iterable[LogEntryRecord]) -> None:
        for record in records:
            self.replace_entry(record.id, record)

    # -- paging ----------------------------------------------------------------------------
    def has_query(self) -> bool:
        return self.incident_id is not None

    def _page_args(self, after: Any, with_total: bool, request: int) -> tuple[Any, ...]:
        return (self.log, self.incident_id, self.filters, after, self.page_size,
                self.newest_first, with_total, request)

    def _rows_of(self, page: Any) -> tuple[LogEntryView, ...]:
        return page.views

    def _cleared(self) -> None:
        self._rows_by_item = {}

    def load_through(self, entry_id: str) -> bool:
        """Load every page up to the one holding ``entry_id`` in one worker call;
        ``entry_located`` says whether it is among the rows now. False while a page is on
        its way (nothing started)."""
        return self.fetch_through(load_through_entry, self.log, self.incident_id, self.filters,
                                  self.newest_first, self.page_size, entry_id)

    def _arrived(self, page: Any) -> None:  # a jobs.TimelinePage or jobs.EntryRun
        current = page.request == self._pending and page.error is None
        # The log's whole size beside the filtered count ("N of M entries match").
        if current and page.total is not None:
            self.all_total = page.all_total
        super()._arrived(page)
        if current and isinstance(page, EntryRun):
            self.entry_located.emit(page.target_id, page.found)

    def _rows_added(self, first: int, last: int) -> None:
        for row in range(first, last + 1):
            self._index_items(row, self._rows[row])

    def _index_items(self, row: int, view: LogEntryView) -> None:
        for item_id in view.entry.linked_items[:1]:
            rows = self._rows_by_item.setdefault(item_id, [])
            if row not in rows:
                rows.append(row)

    def _thumbnail_loaded(self, item_id: str) -> None:
        column = COLUMN_KEYS.index("items")
        for row in self._rows_by_item.get(item_id, []):
            if row < len(self._rows):
                index = self.index(row, column)
                self.dataChanged.emit(index, index)

    # -- the model interface ---------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Qt asks each visible cell for a dozen roles on every paint: answer the ones not
        # served here before doing any work.
        if role not in SERVED_ROLES or not index.isValid() or not (
                0 <= index.row() < len(self._rows)):
            return None
        view = self._rows[index.row()]
        key = COLUMN_KEYS[index.column()]
        if role == ViewRole:
            return view
        if role == StatusRole:
            return view.review_status if key == "review" else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(view, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(view, key)
        if role == Qt.ItemDataRole.DecorationRole and key == "items":
            return self._picture(view)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("seq", "time"):
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, view: LogEntryView, key: str) -> str:
        e = view.entry
        if key == "seq":
            return f"#{view.original_seq}→#{e.seq}" if view.has_history else f"#{e.seq}"
        if key == "time":
            return format_time(e.occurred_at)
        if key == "category":
            return code_label(codes.LOG_CATEGORY, e.category)
        if key == "content":
            text = " ⏎ ".join(e.content.splitlines())
            if view.has_history:
                return translate("LogTimelineModel", "[corrected]") + " " + text
            return text
        if key == "items":
            return self._items_text(e)
        if key == "recorder":
            return e.recorder_name
        if key == "phase":
            return code_label(codes.PHASE, e.phase) if e.phase else ""
        if key == "review":
            return code_label(codes.REVIEW_STATUS, view.review_status)
        return ""

    def _items_text(self, e: LogEntryRecord) -> str:
        if not e.linked_items:
            return ""
        more = f" +{len(e.linked_items) - 1}" if len(e.linked_items) > 1 else ""
        info = self.thumbnails.info(e.linked_items[0]) if self.thumbnails else None
        if info is not None and info.image is None:
            kind = code_label(codes.ITEM_KIND, info.kind) if info.kind else "?"
            return kind + more
        return more.strip() if info is not None else "…" + more

    def _picture(self, view: LogEntryView) -> Any:
        items = view.entry.linked_items
        if not items or self.thumbnails is None:
            return None
        return self.thumbnails.pixmap(items[0])

    def _tooltip(self, view: LogEntryView, key: str) -> str | None:
        e = view.entry
        if key in ("content", "seq"):
            lines = [e.content]
            if view.has_history:
                lines.append(translate(
                    "LogTimelineModel", "Corrected ({count} versions); the reason: {reason}. "
                    "Double-click for the history.").format(
                    count=view.version_count, reason=e.correction_reason))
            if e.place:
                lines.append(translate("LogTimelineModel", "Place: {place}").format(place=e.place))
            if e.participants:
                lines.append(translate("LogTimelineModel", "Participants: {names}").format(
                    names=e.participants))
            return "\n".join(lines)
        if key == "time":
            return translate("LogTimelineModel", "Occurred {occurred}; recorded {recorded}"
                             ).format(occurred=format_time(e.occurred_at),
                                      recorded=format_time(e.recorded_at))
        if key == "items" and e.linked_items:
            names = []
            for item_id in e.linked_items:
                info = self.thumbnails.info(item_id) if self.thumbnails else None
                if info is None:  # being loaded; the tooltip is asked again on hover
                    names.append(translate("LogTimelineModel", "Linked item (loading…)"))
                elif not info.kind:
                    names.append(translate("LogTimelineModel",
                                           "Linked item {id} is not in this store").format(
                                               id=item_id[:8]))
                else:
                    names.append(f"{code_label(codes.ITEM_KIND, info.kind)}: {info.title}")
            return "\n".join(names)
        if key == "review" and e.latest_review is not None:
            r = e.latest_review
            text = translate("LogTimelineModel", "{status} by {reviewer}, {time}").format(
                status=code_label(codes.REVIEW_STATUS, r.status), reviewer=r.reviewer_name,
                time=format_time(r.reviewed_at))
            return text + (f"\n{r.opinion}" if r.opinion else "")
        if key == "recorder" and e.recorder_position:
            return person_text(e.recorder_name, e.recorder_position, e.unit)
        return None
