"""The Library's reading half: every item of the current incident as a thumbnail grid or a
table, filtered and sorted by the store, the search box, a preview of the selected item
(photos, sound and video playing in place) and a status line.

It is given ``BrowseServices`` (reading queries, the worker, the current incident, change
notices), never a repository that writes, so review mode shows the same library. It follows
``selection.changed`` (another incident: the first page again) and ``changes.changed``
(something was stored: the page reloads, at most once a second). Double-click (or Enter)
on an item, or on an item found by the search, asks for it through ``open_requested``: the
normal window's ``LibraryPage`` opens the editor, the review window the item's history.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.store.records import IncidentRecord
from app.store.repositories.library import LibraryFilter, LibraryRow, LibrarySort
from app.ui.browse import BrowseServices
from app.ui.library.filter_bar import LibraryFilterBar
from app.ui.library.grid_view import ThumbnailGrid
from app.ui.library.item_model import (
    COLUMN_KEYS,
    COLUMN_WIDTHS,
    SORT_OF_COLUMN,
    LibraryItemModel,
    RowRole,
)
from app.ui.library.jobs import FilterChoices, load_filter_choices
from app.ui.library.preview_pane import ItemPreview
from app.ui.library.search_box import LibrarySearch
from app.ui.library.thumbnails import GRID_SIZE, LibraryThumbnails
from app.ui.retranslate import Retranslating

RELOAD_DELAY_MS = 1000
GRID, TABLE = 0, 1


class LibraryBrowser(Retranslating, QWidget):
    open_requested = Signal(list)  # item ids (double-click, Enter, a search hit)
    current_item_changed = Signal(object)  # LibraryRow | None
    log_entry_requested = Signal(str)  # a work-log entry found by the search

    def __init__(self, browse: BrowseServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browse = browse
        self.jobs = browse.jobs
        self.incident: IncidentRecord | None = None
        self.thumbnails = LibraryThumbnails(browse.reading, browse.jobs, parent=self)
        self.model = LibraryItemModel(browse.reading.library, browse.jobs, self.thumbnails,
                                      self)
        self.search = LibrarySearch(browse.reading.search, browse.jobs, self)
        self.find_shortcut = QShortcut(QKeySequence.StandardKey.Find, self)
        self.find_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_shortcut.activated.connect(self.search.focus_box)
        self._select_after_load: str | None = None
        self._reselect = ""
        self.filter_bar = LibraryFilterBar(self)
        self.grid_button = QToolButton(self)
        self.grid_button.setObjectName("gridView")
        self.table_button = QToolButton(self)
        self.table_button.setObjectName("tableView")
        for button in (self.grid_button, self.table_button):
            button.setCheckable(True)
            button.setAutoExclusive(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.grid_button.setChecked(True)

        self.grid = ThumbnailGrid(GRID_SIZE, self)
        self.grid.setObjectName("libraryGrid")
        self.table = QTableView(self)
        self.table.setObjectName("libraryTable")
        self.table.setIconSize(QSize(32, 24))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.horizontalHeader().setSectionsClickable(True)
        for view in (self.grid, self.table):
            view.setModel(self.model)
            view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.doubleClicked.connect(self._double_clicked)
            view.activated.connect(self._double_clicked)
        for key, width in COLUMN_WIDTHS.items():
            self.table.setColumnWidth(COLUMN_KEYS.index(key), width)
        # One selection for both views: switching keeps what is selected.
        self.selection: QItemSelectionModel = self.table.selectionModel()
        self.grid.setSelectionModel(self.selection)
        self.views = QStackedWidget(self)
        self.views.addWidget(self.grid)
        self.views.addWidget(self.table)
        self.preview = ItemPreview(browse.reading.library, browse.jobs, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.views)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("libraryStatus")
        self.message_label = QLabel(self)
        self.message_label.setObjectName("libraryMessage")
        self.message_label.setStyleSheet("color: #a61b1b;")
        self.message_label.setWordWrap(True)
        self.message_label.hide()

        bar = QHBoxLayout()
        bar.addWidget(self.grid_button)
        bar.addWidget(self.table_button)
        self.action_bar = bar
        self._add_actions(bar)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.filter_bar)
        layout.addLayout(bar)
        layout.addWidget(self.message_label)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.status_label)

        self.reload_timer = QTimer(self)
        self.reload_timer.setSingleShot(True)
        self.reload_timer.setInterval(RELOAD_DELAY_MS)
        self.reload_timer.timeout.connect(self.reload)
        self.grid_button.toggled.connect(self._view_switched)
        self.filter_bar.changed.connect(self._filters_changed)
        self.table.horizontalHeader().sectionClicked.connect(self._header_clicked)
        self.model.page_loaded.connect(self._update_status)
        self.model.modelReset.connect(self._update_status)
        self.model.load_failed.connect(self._load_failed)
        self.selection.selectionChanged.connect(self._selection_changed)
        self.selection.currentChanged.connect(self._current_changed)
        self.search.item_activated.connect(self.select_item)
        self.search.item_open_requested.connect(lambda item_id: self._open([item_id]))
        self.search.log_activated.connect(self.log_entry_requested)
        browse.selection.changed.connect(self._incident_changed)
        browse.changes.changed.connect(self.reload_soon)
        self._show_sort(self.model.order)
        self.retranslate()
        self._incident_changed(browse.selection.current)

    def _add_actions(self, bar: QHBoxLayout) -> None:
        """Buttons acting on the selection, after the view switches (none when reading)."""

    def _open(self, item_ids: list[str]) -> None:
        self.open_requested.emit(item_ids)

    # -- following the incident and the store ---------------------------------------------
    def _incident_changed(self, incident: IncidentRecord | None) -> None:
        self.incident = incident
        self.message_label.hide()
        self._select_after_load = None
        self.search.set_incident(incident.id if incident else None)
        self.model.set_query(incident.id if incident else None, self.filter_bar.filters(),
                             self.filter_bar.sort())
        self._load_choices()
        self._update_status()

    def _load_choices(self) -> None:
        if self.incident is not None:
            self.jobs.start(load_filter_choices, self.browse.reading, self.incident.id,
                            on_finished=self._choices_loaded)

    def _choices_loaded(self, choices: FilterChoices) -> None:
        if self.incident is not None and choices.incident_id == self.incident.id:
            self.filter_bar.set_choices(choices.creators, choices.categories)

    def reload_soon(self) -> None:
        if self.incident is not None:
            self.reload_timer.start()

    def reload(self) -> None:
        """The first page again (after a change), the same item current if it still shows."""
        self.reload_timer.stop()
        current = self.current_row()
        self.model.reload()
        self.search.refresh()
        if current is not None:
            self._reselect = current.id
            self.model.page_loaded.connect(self._reselect_after_load,
                                           Qt.ConnectionType.SingleShotConnection)
        self._load_choices()

    def _reselect_after_load(self) -> None:
        row = self.model.row_of(self._reselect)
        if row >= 0:
            self.selection.setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    # -- filters, order and views ---------------------------------------------------------
    def _filters_changed(self, filters: LibraryFilter, sort: LibrarySort) -> None:
        self.message_label.hide()
        self._show_sort(sort)
        self.model.set_query(self.incident.id if self.incident else None, filters, sort)

    def _header_clicked(self, column: int) -> None:
        key = SORT_OF_COLUMN.get(COLUMN_KEYS[column])
        if key is None:
            self._show_sort(self.model.order)
            return
        descending = (not self.model.order.descending) if self.model.order.key == key else False
        sort = LibrarySort(key, descending)
        self.filter_bar.set_sort(sort)
        self._filters_changed(self.filter_bar.filters(), sort)

    def _show_sort(self, sort: LibrarySort) -> None:
        header = self.table.horizontalHeader()
        column = next((COLUMN_KEYS.index(c) for c, k in SORT_OF_COLUMN.items()
                       if k == sort.key), -1)
        header.blockSignals(True)
        header.setSortIndicator(column, Qt.SortOrder.DescendingOrder if sort.descending
                                else Qt.SortOrder.AscendingOrder)
        header.blockSignals(False)

    def _view_switched(self) -> None:
        self.views.setCurrentIndex(GRID if self.grid_button.isChecked() else TABLE)
        current = self.selection.currentIndex()
        view = self.grid if self.grid_button.isChecked() else self.table
        if current.isValid():
            view.scrollTo(current)

    def show_table(self) -> None:
        self.table_button.setChecked(True)

    def show_grid(self) -> None:
        self.grid_button.setChecked(True)

    # -- selection -------------------------------------------------------------------------
    def selected_rows(self) -> list[LibraryRow]:
        rows = sorted({i.row() for i in self.selection.selectedIndexes()})
        return [r for r in (self.model.row_at(n) for n in rows) if r is not None]

    def selected_ids(self) -> list[str]:
        return [r.id for r in self.selected_rows()]

    def current_row(self) -> LibraryRow | None:
        index = self.selection.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _selection_changed(self) -> None:
        self._update_status()

    def _current_changed(self, current: QModelIndex) -> None:
        row = current.data(RowRole) if current.isValid() else None
        self.preview.show_item(row)
        self.current_item_changed.emit(row)

    def select_item(self, item_id: str) -> None:
        """Make ``item_id`` the current, selected and previewed row. An item on a page not
        loaded yet is paged to (keyset pages, one at a time); one the filters hide is said
        so."""
        self._select_after_load = None
        row = self.model.row_of(item_id)
        if row >= 0:
            index = self.model.index(row, 0)
            self.selection.setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            (self.grid if self.grid_button.isChecked() else self.table).scrollTo(index)
            return
        if self.model.loading or self.model.canFetchMore():
            self._select_after_load = item_id
            self.model.page_loaded.connect(self._page_for_selection,
                                           Qt.ConnectionType.SingleShotConnection)
            if not self.model.loading:
                self.model.fetchMore()
            return
        self._load_failed(self.tr(
            "The item found is hidden by the filters; clear them to see it in the list."))

    def _page_for_selection(self) -> None:
        if self._select_after_load is not None:
            self.select_item(self._select_after_load)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self._open([index.data(RowRole).id])

    # -- status ------------------------------------------------------------------------------
    def _load_failed(self, message: str) -> None:
        self.message_label.setStyleSheet("color: #a61b1b;")
        self.message_label.setText(message)
        self.message_label.show()

    def _update_status(self) -> None:
        if self.incident is None:
            self.status_label.setText(self.tr("No incident selected."))
            return
        counts = self.model.counts
        if counts is None:
            self.status_label.setText(self.tr("Loading…"))
            return
        lacking = counts.by_state.get("captured", 0)
        self.status_label.setText(self.tr(
            "{shown} of {matching} items loaded · {total} in the incident · {lacking} "
            "still lack a description · {filed} filed · {selected} selected").format(
            shown=self.model.rowCount(), matching=counts.matching, total=counts.total,
            lacking=lacking, filed=counts.by_state.get("filed", 0),
            selected=len({i.row() for i in self.selection.selectedIndexes()})))

    def retranslate(self) -> None:
        self.grid_button.setText(self.tr("Thumbnails"))
        self.grid_button.setToolTip(self.tr("Show the items as a grid of pictures"))
        self.table_button.setText(self.tr("Table"))
        self.table_button.setToolTip(self.tr("Show the items as a table"))
        self.model.retranslate()
        self._update_status()
