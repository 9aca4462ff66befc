"""The Library page: every item of the current incident as a thumbnail grid or a table,
filtered and sorted by the store, with a preview of the selected item and a status line.

It follows ``services.selection.changed`` (another incident: the first page again) and
``services.changes.changed`` (something was stored: the page reloads, at most once a second,
so a running import does not reload it for every file). Double-click (or Enter) opens the
editor; the page asks for it through ``edit_requested`` handlers it owns.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.store.records import IncidentRecord
from app.store.repositories.filing import FilingResult, UnfileResult
from app.store.repositories.library import LibraryFilter, LibraryRow, LibrarySort
from app.ui.library.batch_edit import BatchEditDialog
from app.ui.library.edit_jobs import Outcome, appraise_items, file_items, unfile_items
from app.ui.library.filter_bar import LibraryFilterBar
from app.ui.library.grid_view import ThumbnailGrid
from app.ui.library.item_editor import ItemEditorDialog
from app.ui.library.item_model import (
    COLUMN_KEYS,
    COLUMN_WIDTHS,
    SORT_OF_COLUMN,
    LibraryItemModel,
    RowRole,
    missing_text,
)
from app.ui.library.jobs import FilterChoices, load_filter_choices
from app.ui.library.preview_pane import ItemPreview
from app.ui.library.search_box import LibrarySearch
from app.ui.library.thumbnails import GRID_SIZE, LibraryThumbnails
from app.ui.retranslate import Retranslating
from app.ui.services import UiServices

RELOAD_DELAY_MS = 1000
GRID, TABLE = 0, 1


class LibraryPage(Retranslating, QWidget):
    edit_requested = Signal(list)  # item ids: one opens the editor, several the batch edit
    current_item_changed = Signal(object)  # LibraryRow | None
    log_entry_requested = Signal(str)  # a work-log entry found by the search

    def __init__(self, services: UiServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.incident: IncidentRecord | None = None
        self.thumbnails = LibraryThumbnails(services.repos, services.jobs, parent=self)
        self.model = LibraryItemModel(services.repos.library, services.jobs, self.thumbnails,
                                      self)
        self.search = LibrarySearch(services.repos.search, services.jobs, self)
        self.find_shortcut = QShortcut(QKeySequence.StandardKey.Find, self)
        self.find_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.find_shortcut.activated.connect(self.search.focus_box)
        self._select_after_load: str | None = None
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
        self.preview = ItemPreview(services, self)
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

        self.edit_action = QAction(self)
        self.edit_action.setShortcut(QKeySequence(Qt.Key.Key_F2))
        self.edit_action.triggered.connect(self.edit_selected)
        self.addAction(self.edit_action)
        self.edit_button = QToolButton(self)
        self.edit_button.setObjectName("editItems")
        self.edit_button.setDefaultAction(self.edit_action)
        self.exclude_action = QAction(self)
        self.exclude_action.triggered.connect(self.exclude_selected)
        self.restore_action = QAction(self)
        self.restore_action.triggered.connect(self.restore_selected)
        self.file_action = QAction(self)
        self.file_action.triggered.connect(self.file_selected)
        self.unfile_action = QAction(self)
        self.unfile_action.triggered.connect(self.unfile_selected)
        self.selection_actions = (self.edit_action, self.exclude_action, self.restore_action,
                                  self.file_action, self.unfile_action)
        self.action_buttons: list[QToolButton] = []
        for action in self.selection_actions[1:]:
            button = QToolButton(self)
            button.setDefaultAction(action)
            self.action_buttons.append(button)
        self.dialog: QDialog | None = None

        bar = QHBoxLayout()
        bar.addWidget(self.grid_button)
        bar.addWidget(self.table_button)
        bar.addSpacing(12)
        bar.addWidget(self.edit_button)
        for button in self.action_buttons:
            bar.addWidget(button)
        self.action_bar = bar
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
        self.edit_requested.connect(self.open_editor)
        self.search.item_activated.connect(self.select_item)
        self.search.item_open_requested.connect(lambda item_id: self.edit_requested.emit(
            [item_id]))
        self.search.log_activated.connect(self.log_entry_requested)
        services.selection.changed.connect(self._incident_changed)
        services.changes.changed.connect(self.reload_soon)
        self._show_sort(self.model.order)
        self.retranslate()
        self._incident_changed(services.selection.current)

    # -- following the incident and the store ---------------------------------------------
    def _incident_changed(self, incident: IncidentRecord | None) -> None:
        self.incident = incident
        self.message_label.hide()
        self._select_after_load = None
        self.search.set_incident(incident.id if incident else None)
        self.model.set_query(incident.id if incident else None, self.filter_bar.filters(),
                             self.filter_bar.sort())
        if incident is not None:
            self.services.jobs.start(load_filter_choices, self.services.repos, incident.id,
                                     on_finished=self._choices_loaded)
        self._update_status()

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
        if self.incident is not None:
            self.services.jobs.start(load_filter_choices, self.services.repos,
                                     self.incident.id, on_finished=self._choices_loaded)

    def _reselect_after_load(self) -> None:
        row = self.model.row_of(getattr(self, "_reselect", ""))
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
        self._enable_actions()
        self._update_status()

    def _enable_actions(self) -> None:
        rows = self.selected_rows()
        open_rows = [r for r in rows if r.state != "transferred"]
        self.edit_action.setEnabled(bool(open_rows))
        self.exclude_action.setEnabled(any(not r.excluded and r.state in ("captured",
                                                                          "described")
                                           for r in rows))
        self.restore_action.setEnabled(any(r.excluded for r in rows))
        self.file_action.setEnabled(any(not r.excluded and r.state in ("captured", "described")
                                        for r in rows))
        self.unfile_action.setEnabled(any(r.state == "filed" for r in rows))

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
            self.edit_requested.emit([index.data(RowRole).id])

    def edit_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.edit_requested.emit(ids)

    # -- describing, appraising, filing ----------------------------------------------------
    def open_editor(self, item_ids: list[str]) -> QDialog | None:
        """One item: the editor; several: the batch edit. Both save through libcore."""
        if not item_ids or self.incident is None:
            return None
        dialog: QDialog
        if len(item_ids) == 1:
            dialog = ItemEditorDialog(self.services, item_ids[0], self)
        else:
            kinds = {row.kind for row in (self.model.row_at(self.model.row_of(i))
                                          for i in item_ids) if row is not None}
            dialog = BatchEditDialog(self.services, self.incident.id, item_ids, self,
                                     physical=kinds == {"physical"})
        self.dialog = dialog
        dialog.open()
        return dialog

    def exclude_selected(self) -> QInputDialog | None:
        ids = [r.id for r in self.selected_rows() if not r.excluded]
        if not ids:
            return None
        ask = QInputDialog(self)
        ask.setObjectName("excludeReason")
        ask.setWindowTitle(self.tr("Not to be archived"))
        ask.setLabelText(self.tr(
            "Why are these {count} items not to be archived (a test shot, a blurred "
            "duplicate)? They stay in the store and can be restored.").format(count=len(ids)))
        ask.textValueSelected.connect(lambda reason: self._run(
            appraise_items, self.services.repos, ids, True, reason))
        ask.open()
        self.dialog = ask
        return ask

    def restore_selected(self) -> None:
        ids = [r.id for r in self.selected_rows() if r.excluded]
        if ids:
            self._run(appraise_items, self.services.repos, ids, False, "")

    def file_selected(self) -> None:
        ids = [r.id for r in self.selected_rows() if not r.excluded]
        if ids and self.incident is not None:
            self._run(file_items, self.services.repos, self.incident.id, ids)

    def unfile_selected(self) -> QMessageBox | None:
        ids = [r.id for r in self.selected_rows() if r.state == "filed"]
        if not ids:
            return None
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Un-file"), self.tr(
            "Take the archival codes of {count} items away? Their groups are renumbered "
            "without gaps.").format(count=len(ids)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.accepted.connect(lambda: self._run(unfile_items, self.services.repos, ids))
        box.open()
        self.dialog = box
        return box

    def _run(self, fn: Callable[..., Outcome], *args: object) -> None:
        self.services.jobs.start(fn, *args, on_finished=self._done,
                                 on_failed=self._load_failed)

    def _done(self, outcome: Outcome) -> None:
        if outcome.error is not None:
            self._load_failed(outcome.error)
            return
        self.message_label.setStyleSheet("color: #1e6b34;")
        self.message_label.setText(self._outcome_text(outcome.result))
        self.message_label.show()
        self.services.changes.notify()

    def _outcome_text(self, result: object) -> str:
        if isinstance(result, FilingResult):
            text = self.tr("{count} items filed.").format(count=len(result.filed))
            if result.blocked:
                blocked = "; ".join(f"{b.title or b.item_id[:8]}: {missing_text(b.lacks)}"
                                    for b in result.blocked[:5])
                text += " " + self.tr("{count} cannot be filed yet: {items}").format(
                    count=len(result.blocked), items=blocked)
            return text
        if isinstance(result, UnfileResult):
            return self.tr("{count} items un-filed; {renumbered} renumbered.").format(
                count=len(result.unfiled), renumbered=len(result.renumbered))
        if isinstance(result, tuple) and result and hasattr(result[0], "excluded"):
            if result[0].excluded:
                return self.tr("{count} items marked not to be archived.").format(
                    count=len(result))
            return self.tr("{count} items restored for archiving.").format(count=len(result))
        return ""

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
        self.edit_action.setText(self.tr("Describe…"))
        self.edit_action.setToolTip(self.tr(
            "Describe the selected item, or several at once (F2; double-click opens one)"))
        self.exclude_action.setText(self.tr("Not to be archived…"))
        self.exclude_action.setToolTip(self.tr(
            "Mark the selected items not to be archived (不归档), with a reason"))
        self.restore_action.setText(self.tr("Restore"))
        self.restore_action.setToolTip(self.tr("Take the selected items back for archiving"))
        self.file_action.setText(self.tr("File"))
        self.file_action.setToolTip(self.tr(
            "Give the selected complete, classified items their archival codes (归档)"))
        self.unfile_action.setText(self.tr("Un-file…"))
        self.unfile_action.setToolTip(self.tr("Take the archival codes of the selected items "
                                              "away"))
        self._enable_actions()
        self.model.retranslate()
        self._update_status()
