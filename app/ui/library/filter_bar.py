"""The Library's filters (kind, phase, source, state, completeness, schedule category,
recorder, dates) and its order. ``changed`` carries the LibraryFilter and LibrarySort."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QToolButton,
    QWidget,
)

from app.domain import codes
from app.domain.codes import CodeTable
from app.store.records import RetentionCategoryRecord
from app.store.repositories.library import LibraryFilter, LibrarySort
from app.ui.i18n import is_chinese
from app.ui.labels import code_label
from app.ui.retranslate import Retranslating

ANY = None
COMPLETENESS_CHOICES = ("incomplete", "complete", "excluded")


def _local_midnight(day: QDate) -> datetime:
    return datetime(day.year(), day.month(), day.day()).astimezone()


class LibraryFilterBar(Retranslating, QWidget):
    changed = Signal(object, object)  # LibraryFilter, LibrarySort

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._creators: list[str] = []
        self._categories: list[RetentionCategoryRecord] = []
        self.kind_combo = self._combo("filterKind")
        self.phase_combo = self._combo("filterPhase")
        self.channel_combo = self._combo("filterChannel")
        self.state_combo = self._combo("filterState")
        self.completeness_combo = self._combo("filterCompleteness")
        self.category_combo = self._combo("filterCategory")
        self.creator_combo = self._combo("filterCreator")
        self.sort_combo = self._combo("sortKey")
        self.descending_check = QCheckBox(self)
        self.dates_check = QCheckBox(self)
        self.dates_check.setObjectName("filterDates")
        self.from_edit = QDateEdit(self)
        self.to_edit = QDateEdit(self)
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setDate(QDate.currentDate())
            edit.setEnabled(False)
        self.clear_button = QToolButton(self)
        self.clear_button.setObjectName("clearFilters")
        self.clear_button.clicked.connect(self.clear)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for column, widget in enumerate((self.kind_combo, self.phase_combo, self.channel_combo,
                                         self.state_combo, self.completeness_combo,
                                         self.category_combo)):
            layout.addWidget(widget, 0, column)
        layout.addWidget(self.creator_combo, 1, 0)
        layout.addWidget(self.dates_check, 1, 1)
        layout.addWidget(self.from_edit, 1, 2)
        layout.addWidget(self.to_edit, 1, 3)
        layout.addWidget(self.sort_combo, 1, 4)
        layout.addWidget(self.descending_check, 1, 5)
        layout.addWidget(self.clear_button, 0, 6)
        layout.setColumnStretch(7, 1)
        self.retranslate()
        for combo in (self.kind_combo, self.phase_combo, self.channel_combo, self.state_combo,
                      self.completeness_combo, self.category_combo, self.creator_combo,
                      self.sort_combo):
            combo.currentIndexChanged.connect(self._emit)
        self.descending_check.toggled.connect(self._emit)
        self.dates_check.toggled.connect(self._dates_toggled)
        self.from_edit.dateChanged.connect(self._emit)
        self.to_edit.dateChanged.connect(self._emit)

    def _combo(self, name: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    # -- choices that depend on the incident -------------------------------------------------
    def set_choices(self, creators: Sequence[str],
                    categories: Sequence[RetentionCategoryRecord]) -> None:
        self._creators = list(creators)
        self._categories = list(categories)
        with _quiet(self.creator_combo, self.category_combo):
            self._fill_creators()
            self._fill_categories()

    def _fill_creators(self) -> None:
        selected = self.creator_combo.currentData()
        self.creator_combo.clear()
        self.creator_combo.addItem(self.tr("Any recorder"), ANY)
        for name in self._creators:
            self.creator_combo.addItem(name, name)
        self.creator_combo.setCurrentIndex(max(self.creator_combo.findData(selected), 0))

    def _fill_categories(self) -> None:
        selected = self.category_combo.currentData()
        self.category_combo.clear()
        self.category_combo.addItem(self.tr("Any schedule category"), ANY)
        for c in self._categories:
            name = c.name_zh if is_chinese() or not c.name_en else c.name_en
            self.category_combo.addItem(name, c.key)
        self.category_combo.setCurrentIndex(max(self.category_combo.findData(selected), 0))

    # -- reading -------------------------------------------------------------------------------
    def filters(self) -> LibraryFilter:
        date_from = date_to = None
        if self.dates_check.isChecked():
            date_from = _local_midnight(self.from_edit.date())
            # The "to" day is included: up to the midnight after it.
            date_to = _local_midnight(self.to_edit.date()) + timedelta(days=1)
        completeness = self.completeness_combo.currentData()
        return LibraryFilter(
            kind=self.kind_combo.currentData(), phase=self.phase_combo.currentData(),
            source_channel=self.channel_combo.currentData(),
            state=self.state_combo.currentData(),
            retention_category_key=self.category_combo.currentData(),
            creator=self.creator_combo.currentData(),
            completeness=completeness if completeness in ("complete", "incomplete") else None,
            excluded=True if completeness == "excluded" else None,
            date_from=date_from, date_to=date_to)

    def sort(self) -> LibrarySort:
        return LibrarySort(self.sort_combo.currentData() or "date",
                           self.descending_check.isChecked())

    def set_sort(self, sort: LibrarySort) -> None:
        with _quiet(self.sort_combo, self.descending_check):
            self.sort_combo.setCurrentIndex(max(self.sort_combo.findData(sort.key), 0))
            self.descending_check.setChecked(sort.descending)

    def clear(self) -> None:
        with _quiet(self.kind_combo, self.phase_combo, self.channel_combo, self.state_combo,
                    self.completeness_combo, self.category_combo, self.creator_combo,
                    self.dates_check):
            for combo in (self.kind_combo, self.phase_combo, self.channel_combo,
                          self.state_combo, self.completeness_combo, self.category_combo,
                          self.creator_combo):
                combo.setCurrentIndex(0)
            self.dates_check.setChecked(False)
            self._dates_toggled(False, emit=False)
        self._emit()

    def _dates_toggled(self, on: bool, emit: bool = True) -> None:
        self.from_edit.setEnabled(on)
        self.to_edit.setEnabled(on)
        if emit:
            self._emit()

    def _emit(self) -> None:
        self.changed.emit(self.filters(), self.sort())

    # -- language --------------------------------------------------------------------------
    def retranslate(self) -> None:
        with _quiet(self.kind_combo, self.phase_combo, self.channel_combo, self.state_combo,
                    self.completeness_combo, self.category_combo, self.creator_combo,
                    self.sort_combo):
            self._fill_code(self.kind_combo, codes.ITEM_KIND, self.tr("Any kind"))
            self._fill_code(self.phase_combo, codes.PHASE, self.tr("Any phase"))
            self._fill_code(self.channel_combo, codes.SOURCE_CHANNEL, self.tr("Any source"))
            self._fill_code(self.state_combo, codes.ITEM_STATE, self.tr("Any state"))
            self._fill(self.completeness_combo, self.tr("Complete or not"), (
                ("incomplete", self.tr("Description incomplete")),
                ("complete", self.tr("Description complete")),
                ("excluded", self.tr("Not to be archived"))))
            self._fill(self.sort_combo, None, (
                ("date", self.tr("By date")), ("created", self.tr("By time stored")),
                ("title", self.tr("By title")), ("code", self.tr("By archival code")),
                ("kind", self.tr("By kind")), ("state", self.tr("By state"))))
            self._fill_creators()
            self._fill_categories()
        self.descending_check.setText(self.tr("Newest / last first"))
        self.dates_check.setText(self.tr("Dated"))
        self.clear_button.setText(self.tr("Clear filters"))
        self.from_edit.setToolTip(self.tr("From this day"))
        self.to_edit.setToolTip(self.tr("To this day (included)"))

    @staticmethod
    def _fill_code(combo: QComboBox, table: CodeTable, any_text: str) -> None:
        LibraryFilterBar._fill(combo, any_text,
                               tuple((c, code_label(table, c)) for c in table.values()))

    @staticmethod
    def _fill(combo: QComboBox, any_text: str | None,
              choices: tuple[tuple[str, str], ...]) -> None:
        selected = combo.currentData()
        combo.clear()
        if any_text is not None:
            combo.addItem(any_text, ANY)
        for code, label in choices:
            combo.addItem(label, code)
        combo.setCurrentIndex(max(combo.findData(selected), 0))


class _quiet:
    """Block the widgets' signals while they are refilled (one ``changed`` afterwards)."""

    def __init__(self, *widgets: QWidget) -> None:
        self.widgets = widgets

    def __enter__(self) -> None:
        self.was = [w.blockSignals(True) for w in self.widgets]

    def __exit__(self, *_: object) -> None:
        for w, was in zip(self.widgets, self.was, strict=True):
            w.blockSignals(was)
