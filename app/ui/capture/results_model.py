"""What an import did not store, file by file, with the reason in plain words.

Failures are red, duplicates and files stored with a warning amber, files left out (system
litter) or not reached (cancelled) grey. The short reason is chosen by the core's error
code and translated when shown; the core's own sentence (English, naming the file and the
technical cause) is the tooltip and the detail line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QApplication, QStyle

from app.ui.capture.import_outcome import (
    DUPLICATE,
    FAILED,
    IMPORTED,
    SKIPPED,
    FileOutcome,
    detail_english,
    detail_text,
)

StatusRole = Qt.ItemDataRole.UserRole + 1
DetailRole = Qt.ItemDataRole.UserRole + 2
ModelIndex = QModelIndex | QPersistentModelIndex
CONTEXT = "ImportResults"

RED = QColor(190, 30, 30)
AMBER = QColor(170, 105, 0)
GREY = QColor(110, 110, 110)

REASONS = {
    "empty": QT_TRANSLATE_NOOP("ImportResults", "empty file (0 bytes), nothing to keep"),
    "unsupported-format": QT_TRANSLATE_NOOP(
        "ImportResults", "not a format that is taken (photo, sound, video, document)"),
    "damaged": QT_TRANSLATE_NOOP("ImportResults", "damaged or cut short, it cannot be read"),
    "too-large": QT_TRANSLATE_NOOP("ImportResults", "too large to open safely"),
    "unreadable": QT_TRANSLATE_NOOP("ImportResults", "cannot be read (a faulty card or disk?)"),
    "wrong-kind": QT_TRANSLATE_NOOP("ImportResults", "not a photo"),
    "not-found": QT_TRANSLATE_NOOP("ImportResults", "not found (moved or removed?)"),
    "disk-full": QT_TRANSLATE_NOOP("ImportResults", "not stored: the disk is full"),
    "permission-denied": QT_TRANSLATE_NOOP("ImportResults", "no permission to read it"),
    "internal-error": QT_TRANSLATE_NOOP(
        "ImportResults", "unexpected error; nothing of it was stored"),
    "duplicate": QT_TRANSLATE_NOOP(
        "ImportResults", "already in this incident, not stored again"),
    "cancelled": QT_TRANSLATE_NOOP("ImportResults", "not imported: the import was cancelled"),
    "warning": QT_TRANSLATE_NOOP("ImportResults", "imported, with a warning"),
}
FALLBACK = QT_TRANSLATE_NOOP("ImportResults", "could not be imported")
# collect() explains a left-out entry in English; these phrases pick the translated reason.
SKIP_REASONS = (
    ("not an archival format", QT_TRANSLATE_NOOP(
        "ImportResults", "left out: plain text, not an archival format (add it by name)")),
    ("store itself", QT_TRANSLATE_NOOP("ImportResults", "left out: the archive store itself")),
    ("system folder", QT_TRANSLATE_NOOP("ImportResults", "left out: a system folder")),
    ("hidden", QT_TRANSLATE_NOOP("ImportResults", "left out: a hidden file or folder")),
    ("link to a folder", QT_TRANSLATE_NOOP(
        "ImportResults", "left out: a link to a folder (give the folder itself)")),
)
SKIP_FALLBACK = QT_TRANSLATE_NOOP(
    "ImportResults", "left out: an operating-system file, not part of the material")


def tr(text: object) -> str:
    return QCoreApplication.translate(CONTEXT, str(text))


def short_reason(outcome: FileOutcome) -> str:
    if outcome.status == SKIPPED:
        low = detail_english(outcome).lower()
        return tr(next((text for key, text in SKIP_REASONS if key in low), SKIP_FALLBACK))
    if outcome.status == IMPORTED:
        return tr(REASONS["warning"])
    return tr(REASONS.get(outcome.code, FALLBACK))


@dataclass(frozen=True)
class ResultRow:
    outcome: FileOutcome

    @property
    def status(self) -> str:
        return self.outcome.status if self.outcome.status != IMPORTED else "warning"


class ImportResultsModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ResultRow] = []

    @staticmethod
    def wanted(outcome: FileOutcome) -> bool:
        """Only what needs a look: everything not stored cleanly."""
        return outcome.status != IMPORTED or bool(outcome.detail)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        outcome = row.outcome
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{outcome.name} — {short_reason(outcome)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return detail_text(outcome) or str(outcome.path)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(self._color(row.status))
        if role == Qt.ItemDataRole.DecorationRole:
            return QApplication.style().standardIcon(self._icon(row.status))
        if role == StatusRole:
            return row.status
        if role == DetailRole:
            return detail_text(outcome)
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    @staticmethod
    def _color(status: str) -> QColor:
        if status == FAILED:
            return RED
        if status in (DUPLICATE, "warning"):
            return AMBER
        return GREY

    @staticmethod
    def _icon(status: str) -> QStyle.StandardPixmap:
        if status == FAILED:
            return QStyle.StandardPixmap.SP_MessageBoxCritical
        if status in (DUPLICATE, "warning"):
            return QStyle.StandardPixmap.SP_MessageBoxWarning
        return QStyle.StandardPixmap.SP_MessageBoxInformation

    def add(self, outcome: FileOutcome) -> bool:
        if not self.wanted(outcome):
            return False
        at = len(self._rows)
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.append(ResultRow(outcome))
        self.endInsertRows()
        return True

    def statuses(self) -> list[str]:
        return [r.status for r in self._rows]

    def outcome(self, row: int) -> FileOutcome:
        return self._rows[row].outcome

    def clear(self) -> None:
        if self._rows:
            self.beginResetModel()
            self._rows.clear()
            self.endResetModel()

    def retranslate(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1),
                                  [Qt.ItemDataRole.DisplayRole])
