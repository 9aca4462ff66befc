"""The "Work log" page: the incident's entries by time, filtered, with review state, linked
items' thumbnails and corrections; and the actions on them (new entry, correct, review,
history, render), which the main window also shows in its "Work log" menu."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QWindow
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.domain import codes
from app.store.errors import StoreError
from app.store.records import IncidentRecord
from app.store.worklog_records import LogEntryRecord, LogEntryView, LogFilter, LogReviewRecord
from app.ui.labels import code_label
from app.ui.log.badges import ReviewBadgeDelegate
from app.ui.log.correction_dialog import CorrectionDialog
from app.ui.log.filter_bar import LogFilterBar
from app.ui.log.history_dialog import HistoryDialog
from app.ui.log.jobs import Rendered, get_entries
from app.ui.log.quick_entry import QuickEntryDialog
from app.ui.log.render_dialog import RenderDialog
from app.ui.log.review_dialog import ReviewDialog, reviewers
from app.ui.log.thumbnails import THUMB_SIZE, ThumbnailCache
from app.ui.log.timeline_model import COLUMN_KEYS, LogTimelineModel
from app.ui.services import UiServices

NEW_ENTRY_SHORTCUT = QKeySequence("Ctrl+L")
ROW_HEIGHT = THUMB_SIZE.height() + 6
COLUMN_WIDTHS = {"seq": 70, "time": 130, "category": 80, "items": 80, "recorder": 90,
                 "phase": 120}


class WorkLogPage(QWidget):
    def __init__(self, services: UiServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.incident: IncidentRecord | None = services.selection.current
        self.quick_entry: QuickEntryDialog | None = None
        self._select_after_load: str | None = None
        self._wanted: str | None = None  # an entry to show (a search hit), once loaded
        self._run_pending = False  # the pages up to it are being loaded
        self._filters_cleared = False  # cleared once for it already

        self.thumbnails = ThumbnailCache(services.repos.items, services.jobs, self)
        self.model = LogTimelineModel(services.repos.log, services.jobs, self.thumbnails, self)
        self.model.total_changed.connect(self._update_count)
        self.model.page_loaded.connect(self._page_loaded)
        self.model.load_failed.connect(self._load_failed)
        self.model.entry_located.connect(self._entry_located)

        self._build_actions()
        self.toolbar = QToolBar(self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.toolbar.addActions([self.new_entry_action, self.correct_action, self.review_action,
                                 self.history_action])
        self.toolbar.addSeparator()
        self.toolbar.addActions([self.render_action, self.refresh_action])

        self.filter_bar = LogFilterBar(self)
        self.filter_bar.changed.connect(self._filters_changed)

        self.view = QTableView(self)
        self.view.setObjectName("logTimeline")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)
        self.view.setIconSize(THUMB_SIZE)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.verticalHeader().hide()
        rows = self.view.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no measuring 100,000 rows
        rows.setDefaultSectionSize(ROW_HEIGHT)
        header = self.view.horizontalHeader()
        for key, width in COLUMN_WIDTHS.items():
            header.resizeSection(COLUMN_KEYS.index(key), width)
        header.setSectionResizeMode(COLUMN_KEYS.index("content"), QHeaderView.ResizeMode.Stretch)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self._header_clicked)
        self._show_order()
        self.view.setItemDelegateForColumn(COLUMN_KEYS.index("review"),
                                           ReviewBadgeDelegate(self.view))
        self.view.doubleClicked.connect(lambda _index: self.show_history())
        self.view.verticalScrollBar().valueChanged.connect(self._prefetch)
        self.view.selectionModel().selectionChanged.connect(self._update_actions)

        self.count_label = QLabel(self)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("logMessage")
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        status = QHBoxLayout()
        status.addWidget(self.count_label)
        status.addStretch(1)
        status.addWidget(self.message_label)

        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.view, 1)
        layout.addLayout(status)

        services.selection.changed.connect(self._incident_changed)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.connect(self._window_focused)
        self.retranslate()
        self._incident_changed(self.incident)

    # -- actions -----------------------------------------------------------------------------
    def _build_actions(self) -> None:
        self.recording_allowed = True
        self.new_entry_action = QAction(self)
        self.new_entry_action.setObjectName("newLogEntry")
        self.new_entry_action.setShortcut(NEW_ENTRY_SHORTCUT)
        # From anywhere in the program, whichever page or window is in front.
        self.new_entry_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.new_entry_action.triggered.connect(self.open_quick_entry)
        self.correct_action = QAction(self)
        self.correct_action.triggered.connect(self.correct_selected)
        self.review_action = QAction(self)
        self.review_action.triggered.connect(self.review_selected)
        self.history_action = QAction(self)
        self.history_action.triggered.connect(self.show_history)
        self.render_action = QAction(self)
        self.render_action.triggered.connect(self.render_log)
        self.refresh_action = QAction(self)
        self.refresh_action.setShortcut(QKeySequence.StandardKey.Refresh)
        self.refresh_action.triggered.connect(self.reload)

    def set_recording_allowed(self, allowed: bool) -> None:
        """Off while a supervisor is the current operator: no new entries, no corrections."""
        self.recording_allowed = allowed
        self.new_entry_action.setEnabled(allowed)
        self._update_actions()

    def menu_title(self) -> str:
        return self.tr("&Work log")

    def menu_actions(self) -> list[QAction]:
        """What the main window's "Work log" menu shows."""
        separator = QAction(self)
        separator.setSeparator(True)
        return [self.new_entry_action, separator, self.correct_action, self.review_action,
                self.history_action, self.render_action]

    def selected_views(self) -> list[LogEntryView]:
        rows = sorted(index.row() for index in self.view.selectionModel().selectedRows())
        return [v for r in rows if (v := self.model.view_at(r)) is not None]

    def current_view(self) -> LogEntryView | None:
        views = self.selected_views()
        return views[0] if len(views) == 1 else None

    def _window_focused(self, focused: QWindow | None) -> None:
        # Operators may have changed elsewhere (another window, the command line): whether
        # anyone may review is asked again when this window is back, not kept from the
        # last click on a row.
        if focused is not None and focused is self.window().windowHandle():
            self._update_actions()

    def _update_actions(self) -> None:
        count = len(self.selected_views())
        self.correct_action.setEnabled(count == 1 and self.recording_allowed)
        self.history_action.setEnabled(count == 1)
        self.review_action.setEnabled(count > 0 and bool(reviewers(self.services)))
        self.render_action.setEnabled(self.incident is not None)

    # -- the incident and the query -------------------------------------------------------------
    def _incident_changed(self, incident: IncidentRecord | None) -> None:
        self.incident = incident
        self._fill_recorders()
        self.message_label.clear()
        self.model.set_query(incident.id if incident else None, self.filter_bar.filters())
        self._update_count()
        self._update_actions()

    def _fill_recorders(self) -> None:
        try:
            names = [op.name for op in self.services.repos.operators.list()]
        except StoreError:
            names = []
        self.filter_bar.set_recorders(names)

    def _filters_changed(self, filters: LogFilter) -> None:
        self.model.set_query(self.model.incident_id, filters)
        self._update_count()
        self._update_actions()

    def reload(self) -> None:
        self._fill_recorders()
        self.model.reload()
        self._update_count()
        self._update_actions()

    def _prefetch(self, value: int) -> None:
        """Ask for the next page a screenful before the end, so scrolling need not stop at
        the bottom to wait for it (the view itself asks only once the end is reached)."""
        bar = self.view.verticalScrollBar()
        if bar.maximum() - value < self.view.viewport().height() and self.model.canFetchMore():
            self.model.fetchMore()

    def _header_clicked(self, section: int) -> None:
        if COLUMN_KEYS[section] == "time":
            self.set_newest_first(not self.model.newest_first)
        self._show_order()  # other columns do not sort: a page holds only part of the log

    def set_newest_first(self, newest_first: bool) -> None:
        self.model.set_query(self.model.incident_id, newest_first=newest_first)
        self._show_order()
        self._update_count()

    def _show_order(self) -> None:
        order = (Qt.SortOrder.DescendingOrder if self.model.newest_first
                 else Qt.SortOrder.AscendingOrder)
        self.view.horizontalHeader().setSortIndicator(COLUMN_KEYS.index("time"), order)

    def _page_loaded(self) -> None:
        self._update_count()
        if self._wanted is not None and not self._run_pending:
            self._seek()
        if self._select_after_load is not None:
            row = self.model.row_of(self._select_after_load)
            self._select_after_load = None
            if row >= 0:
                self.select_row(row)

    # -- showing one entry (a search hit) -----------------------------------------------------
    def show_entry(self, entry_id: str) -> None:
        """Select ``entry_id`` and scroll to it: from the rows loaded, or after loading every
        page up to the one that holds it (one worker call, keyset pages). Filters that hide
        it are cleared, and the user is told."""
        self.message_label.clear()
        self._wanted = entry_id
        self._run_pending = False
        self._filters_cleared = False
        self._seek()

    def _seek(self) -> None:
        wanted = self._wanted
        if wanted is None or self.incident is None:
            return
        row = self.model.row_of(wanted)
        if row >= 0:
            self._wanted = None
            self.select_row(row)
            self.view.setFocus()
            return
        # A page on its way first (``_page_loaded`` seeks again); then the run to the entry.
        self._run_pending = self.model.load_through(wanted)

    def _entry_located(self, target_id: str, found: bool) -> None:
        if self._wanted is None:
            return
        self._run_pending = False
        self._wanted = target_id  # a corrected entry shows as its current version
        if found:
            self._seek()
        elif not self.model.filters.is_empty and not self._filters_cleared:
            self._filters_cleared = True
            self.message_label.setText(self.tr(
                "The filters hid the entry found; they were cleared to show it."))
            self.filter_bar.clear()  # a new query: its first page seeks again
        else:
            self._wanted = None
            self.message_label.setText(self.tr(
                "The entry found is not in this incident's work log."))

    def select_row(self, row: int) -> None:
        self.view.selectionModel().select(
            self.model.index(row, 0),
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.view.setCurrentIndex(self.model.index(row, 0))
        self.view.scrollTo(self.model.index(row, 0))

    def _load_failed(self, message: str) -> None:
        self.message_label.setText(self.tr("The log could not be read: {reason}").format(
            reason=message))
        self._update_count()

    def _update_count(self, _total: int | None = None) -> None:
        if self.incident is None:
            self.count_label.setText(self.tr("No incident selected."))
        elif self.model.total is None:
            self.count_label.setText(self.tr("Loading…"))
        elif self.filter_bar.dates_reversed():
            self.count_label.setText(self.tr(
                "No entries: the first date is after the last; swap them."))
        elif self.model.all_total is not None and self.model.all_total != self.model.total:
            self.count_label.setText(self.tr(
                "{matching} of {total} entries match the filters").format(
                matching=self.model.total, total=self.model.all_total))
        else:
            self.count_label.setText(self.tr("{total} entries").format(total=self.model.total))

    # -- quick entry -----------------------------------------------------------------------
    def open_quick_entry(self) -> QuickEntryDialog:
        """Ctrl+L from anywhere: the small entry box, time filled in, ready to type."""
        if self.quick_entry is None:
            self.quick_entry = QuickEntryDialog(self.services, self.window())
            self.quick_entry.saved.connect(self._entry_saved)
        dialog = self.quick_entry
        if not dialog.isVisible():
            dialog.prepare()
            dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        dialog.text_edit.setFocus()
        return dialog

    def _entry_saved(self, record: LogEntryRecord) -> None:
        self.message_label.setText(self.tr("Entry #{seq} saved.").format(seq=record.seq))
        self._select_after_load = record.id
        self.reload()
        self.services.changes.notify()

    # -- correct, review, history, render ----------------------------------------------------
    def correct_selected(self) -> CorrectionDialog | None:
        view = self.current_view()
        if view is None:
            return None
        dialog = CorrectionDialog(self.services, view, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one at a time, freed after
        dialog.corrected.connect(self._corrected)
        dialog.open()
        return dialog

    def _corrected(self, old_id: str, record: LogEntryRecord) -> None:
        row = self.model.replace_entry(old_id, record)
        view = self.model.view_at(row)
        self.message_label.setText(self.tr("Entry #{old} corrected as #{new}.").format(
            old=view.original_seq if view is not None else "?", new=record.seq))
        if view is not None:
            self.select_row(row)
        self.services.changes.notify()

    def review_selected(self) -> ReviewDialog | None:
        views = self.selected_views()
        if not views:
            return None
        dialog = ReviewDialog(self.services, views, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one at a time, freed after
        dialog.reviewed.connect(self._reviewed)
        dialog.open()
        return dialog

    def _reviewed(self, reviews: tuple[LogReviewRecord, ...]) -> None:
        if not reviews:
            return
        status = reviews[0].status
        count = len(reviews)
        text = (self.tr("%n entries approved.", "", count) if status == "approved"
                else self.tr("%n entries returned with comments.", "", count))
        self.message_label.setText(text)
        self.services.jobs.start(get_entries, self.services.repos.log,
                                 [r.entry_id for r in reviews],
                                 on_finished=self._refresh_rows)

    def _refresh_rows(self, records: list[LogEntryRecord]) -> None:
        self.model.refresh_entries(records)
        self._update_actions()

    def show_history(self) -> HistoryDialog | None:
        view = self.current_view()
        if view is None:
            return None
        dialog = HistoryDialog(self.services.repos.log, view.id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one at a time, freed after
        dialog.open()
        return dialog

    def render_log(self) -> RenderDialog | None:
        if self.incident is None:
            return None
        dialog = RenderDialog(self.services, self.incident, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one at a time, freed after
        dialog.rendered.connect(self._rendered)
        dialog.open()
        return dialog

    def _rendered(self, result: Rendered) -> None:
        if result.pages is not None:
            text = self.tr("Saved {path} ({pages} pages).").format(path=result.path,
                                                                   pages=result.pages)
        else:
            text = self.tr("Saved {path}.").format(path=result.path)
        self.message_label.setText(text)

    # -- language --------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.new_entry_action.setText(self.tr("&New entry…"))
        self.new_entry_action.setToolTip(self.tr("Write a work-log entry ({key}), from "
                                                 "anywhere in the program").format(
            key=NEW_ENTRY_SHORTCUT.toString(QKeySequence.SequenceFormat.NativeText)))
        self.correct_action.setText(self.tr("&Correct…"))
        self.correct_action.setToolTip(self.tr("Correct the selected entry; the original "
                                               "stays in its history"))
        self.review_action.setText(self.tr("&Review…"))
        self.review_action.setToolTip(self.tr("Approve or return the selected entries "
                                              "(reviewer's passphrase)"))
        self.history_action.setText(self.tr("&History…"))
        self.history_action.setToolTip(self.tr("The original and every correction of the "
                                               "selected entry"))
        self.render_action.setText(self.tr("Save as &PDF or XML…"))
        self.refresh_action.setText(self.tr("Refresh"))
        self.model.retranslate()
        self._fit_review_column()
        self._update_count()

    def _fit_review_column(self) -> None:
        """As wide as the longest badge in this language, measured from the labels alone."""
        metrics = self.view.fontMetrics()
        widest = max(metrics.horizontalAdvance(code_label(codes.REVIEW_STATUS, code))
                     for code in codes.REVIEW_STATUS.values())
        self.view.horizontalHeader().resizeSection(
            COLUMN_KEYS.index("review"), widest + 2 * ReviewBadgeDelegate.PAD_X + 24)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
