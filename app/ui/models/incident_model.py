"""The incident list as a table model; rows are frozen IncidentRecords from the repository."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from app.domain import codes
from app.domain.deadlines import FilingState, FilingStatus, filing_status
from app.store.records import IncidentRecord
from app.ui.i18n import QT_TRANSLATE_NOOP
from app.ui.labels import code_label, format_date, format_time
from app.ui.models.columns import ColumnTableModel

Index = QModelIndex | QPersistentModelIndex

RecordRole = Qt.ItemDataRole.UserRole + 1  # the IncidentRecord of the row
SortRole = Qt.ItemDataRole.UserRole + 2  # a value that sorts naturally (numbers, ISO times)

COLUMNS: tuple[tuple[str, str], ...] = (
    ("number", QT_TRANSLATE_NOOP("IncidentTableModel", "Number")),
    ("name", QT_TRANSLATE_NOOP("IncidentTableModel", "Name")),
    ("kind", QT_TRANSLATE_NOOP("IncidentTableModel", "Kind")),
    ("level", QT_TRANSLATE_NOOP("IncidentTableModel", "Level")),
    ("start", QT_TRANSLATE_NOOP("IncidentTableModel", "Start")),
    ("items", QT_TRANSLATE_NOOP("IncidentTableModel", "Items")),
    ("log", QT_TRANSLATE_NOOP("IncidentTableModel", "Log entries")),
    ("deadline", QT_TRANSLATE_NOOP("IncidentTableModel", "Filing deadline")),
)
COLUMN_KEYS = tuple(key for key, _ in COLUMNS)


translate = QCoreApplication.translate
CONTEXT = "IncidentTableModel"
# Text colours of the deadline cell: a warning from 30 days before, red once past.
WARNING_COLOUR = QColor(176, 96, 0)
OVERDUE_COLOUR = QColor(200, 0, 0)


def _utc_now() -> datetime:
    return datetime.now(UTC)


class IncidentTableModel(ColumnTableModel):
    CONTEXT = CONTEXT
    COLUMNS = COLUMNS

    def __init__(self, parent: QObject | None = None,
                 clock: Callable[[], datetime] = _utc_now) -> None:
        super().__init__(parent)
        self._rows: list[IncidentRecord] = []
        self.counted = True  # False while the counts shown are not yet loaded
        self._clock = clock  # the days left are counted to now (tests give a fixed clock)

    # -- content -----------------------------------------------------------------------------
    def set_incidents(self, incidents: Sequence[IncidentRecord], counted: bool = True) -> None:
        """``counted=False``: the records' counts are not loaded yet (shown as …)."""
        self.beginResetModel()
        self._rows = list(incidents)
        self.counted = counted
        self.endResetModel()

    def update_counts(self, incidents: Sequence[IncidentRecord]) -> None:
        """Take fresh records for the incidents shown (counts, deadline); keep the rows."""
        fresh = {rec.id: rec for rec in incidents}
        was_counted, self.counted = self.counted, True
        for row, rec in enumerate(self._rows):
            new = fresh.get(rec.id)
            if new is not None and (new != rec or not was_counted):
                self._rows[row] = new
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def record(self, row: int) -> IncidentRecord | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, incident_id: str) -> int:
        for row, rec in enumerate(self._rows):
            if rec.id == incident_id:
                return row
        return -1

    # -- QAbstractTableModel -------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        rec = self._rows[index.row()]
        key = COLUMN_KEYS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(rec, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(rec, key)
        if role == Qt.ItemDataRole.ForegroundRole and key == "deadline":
            state = self._filing(rec).state
            if state is FilingState.OVERDUE:
                return OVERDUE_COLOUR
            return WARNING_COLOUR if state is FilingState.WARNING else None
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("items", "log"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == RecordRole:
            return rec
        if role == SortRole:
            return self._sort_key(rec, key)
        return None

    def _display(self, rec: IncidentRecord, key: str) -> str:
        if key == "number":
            return rec.number or ""
        if key == "name":
            return rec.name
        if key == "kind":
            return code_label(codes.INCIDENT_KIND, rec.kind)
        if key == "level":
            return code_label(codes.INCIDENT_LEVEL, rec.level)
        if key == "start":
            return format_time(rec.started_at)
        if key in ("items", "log") and not self.counted:
            return "…"  # counted in the background
        if key == "items":
            return str(rec.item_count)
        if key == "log":
            if rec.log_corrections:
                return translate("IncidentTableModel", "{entries} ({corrections} corrected)"
                                 ).format(entries=rec.log_count, corrections=rec.log_corrections)
            return str(rec.log_count)
        return self._days_left_text(self._filing(rec))

    def _filing(self, rec: IncidentRecord) -> FilingStatus:
        return filing_status(rec.started_at, rec.response_ended_at, self._clock())

    @staticmethod
    def _days_left_text(status: FilingStatus) -> str:
        if status.days_left is None:
            return "—"  # the response goes on: no deadline yet
        if status.state is FilingState.OVERDUE:
            days = max(1, status.days_overdue)  # (past the hour on the deadline's own day)
            if days == 1:
                return translate("IncidentTableModel", "1 day overdue")
            return translate("IncidentTableModel", "{days} days overdue").format(days=days)
        if status.days_left == 0:
            return translate("IncidentTableModel", "due today")
        if status.days_left == 1:
            return translate("IncidentTableModel", "1 day left")
        return translate("IncidentTableModel", "{days} days left").format(days=status.days_left)

    def _tooltip(self, rec: IncidentRecord, key: str) -> str | None:
        if key == "deadline":
            if rec.filing_deadline is None:
                return translate("IncidentTableModel", "The response has not ended; filing is "
                                 "due six months after it ends.")
            return translate(
                "IncidentTableModel", "Filing is due on {deadline}, six months after the "
                "response ended on {date}.").format(
                    deadline=format_date(rec.filing_deadline),
                    date=format_date(rec.response_ended_at))
        if key == "name" and rec.place:
            return f"{rec.name}\n{rec.place}"
        return None

    def _sort_key(self, rec: IncidentRecord, key: str) -> Any:
        if key == "start":
            return rec.started_at.isoformat()
        if key == "items":
            return rec.item_count
        if key == "log":
            return rec.log_count
        if key == "deadline":
            deadline = rec.filing_deadline
            return deadline.isoformat() if deadline else "9999"
        return self._display(rec, key)
