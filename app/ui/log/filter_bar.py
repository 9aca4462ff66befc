"""The timeline's filters: phase, category, recorder, review status and a date range."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, QEvent, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QWidget,
)

from app.domain import codes
from app.domain.codes import CodeTable
from app.store.worklog_records import LogFilter
from app.ui.date_fields import TypedDateEdit
from app.ui.labels import code_label


class LogFilterBar(QWidget):
    changed = Signal(object)  # LogFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._recorders: list[str] = []
        self.phase_combo = QComboBox(self)
        self.phase_combo.setObjectName("filterPhase")
        self.category_combo = QComboBox(self)
        self.category_combo.setObjectName("filterCategory")
        self.recorder_combo = QComboBox(self)
        self.recorder_combo.setObjectName("filterRecorder")
        self.status_combo = QComboBox(self)
        self.status_combo.setObjectName("filterStatus")
        self.dates_check = QCheckBox(self)
        self.dates_check.setObjectName("filterDates")
        self._range: tuple[QDate, QDate] | None = None
        self.from_edit = TypedDateEdit(None, self)
        self.to_edit = TypedDateEdit(None, self)
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate.currentDate())
            edit.setEnabled(False)
        self.to_label = QLabel("–", self)
        self.clear_button = QToolButton(self)
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.phase_combo, self.category_combo, self.recorder_combo,
                       self.status_combo, self.dates_check, self.from_edit, self.to_label,
                       self.to_edit, self.clear_button):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.retranslate()
        for combo in (self.phase_combo, self.category_combo, self.recorder_combo,
                      self.status_combo):
            combo.currentIndexChanged.connect(self._emit)
            # Grow and shrink with the texts, also after a change of language.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.dates_check.toggled.connect(self._dates_toggled)
        self.from_edit.dateChanged.connect(self._emit)
        self.to_edit.dateChanged.connect(self._emit)

    def set_recorders(self, names: Sequence[str]) -> None:
        self._recorders = list(names)
        self._fill_recorders()

    def dates_reversed(self) -> bool:
        return self.dates_check.isChecked() and self.from_edit.date() > self.to_edit.date()

    def set_date_range(self, first: QDate, last: QDate) -> None:
        self._range = (first, last)
        self.from_edit.setDate(first)
        self.to_edit.setDate(last)

    def filters(self) -> LogFilter:
        occurred_from = occurred_to = None
        if self.dates_check.isChecked():
            occurred_from = _local_midnight(self.from_edit.date())
            # The "to" day is included: up to the midnight after it.
            occurred_to = _local_midnight(self.to_edit.date()) + timedelta(days=1)
        return LogFilter(
            phase=self.phase_combo.currentData(), category=self.category_combo.currentData(),
            recorder=self.recorder_combo.currentData(),
            review_status=self.status_combo.currentData(),
            occurred_from=occurred_from, occurred_to=occurred_to)

    def clear(self) -> None:
        self.blockSignals(True)
        for combo in (self.phase_combo, self.category_combo, self.recorder_combo,
                      self.status_combo):
            combo.setCurrentIndex(0)
        self.dates_check.setChecked(False)
        if self._range is not None:  # the dates go back to the log's own span
            self.set_date_range(*self._range)
        else:
            for edit in (self.from_edit, self.to_edit):
                edit.setDate(QDate.currentDate())
        self.blockSignals(False)
        self._emit()

    def _dates_toggled(self, on: bool) -> None:
        self.from_edit.setEnabled(on)
        self.to_edit.setEnabled(on)
        self._emit()

    def _emit(self) -> None:
        if not self.signalsBlocked():
            self.changed.emit(self.filters())

    def _fill(self, combo: QComboBox, everything: str, table: CodeTable) -> None:
        selected = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for code in table.values():
            combo.addItem(code_label(table, code), code)
        combo.setCurrentIndex(max(0, combo.findData(selected)))
        combo.blockSignals(False)

    def _fill_recorders(self) -> None:
        selected = self.recorder_combo.currentData()
        self.recorder_combo.blockSignals(True)
        self.recorder_combo.clear()
        self.recorder_combo.addItem(self.tr("All recorders"), None)
        for name in self._recorders:
            self.recorder_combo.addItem(name, name)
        self.recorder_combo.setCurrentIndex(max(0, self.recorder_combo.findData(selected)))
        self.recorder_combo.blockSignals(False)

    def retranslate(self) -> None:
        self._fill(self.phase_combo, self.tr("All phases"), codes.PHASE)
        self._fill(self.category_combo, self.tr("All categories"), codes.LOG_CATEGORY)
        self._fill(self.status_combo, self.tr("Any review state"), codes.REVIEW_STATUS)
        self._fill_recorders()
        self.dates_check.setText(self.tr("&Dates"))
        self.dates_check.setToolTip(self.tr("Only entries that occurred on these days"))
        self.clear_button.setText(self.tr("Clear filters"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def _local_midnight(day: QDate) -> datetime:
    return datetime.combine(date(day.year(), day.month(), day.day()), time()).astimezone()
