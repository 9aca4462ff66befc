"""The main window composes: the incident list, the pages, menus and the status bar.

It holds no logic of its own beyond wiring; pages come from ``app.ui.pages.PAGES`` and get
the services, never the window.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QWidget,
)

from app import __version__
from app.domain import codes
from app.store.reading import StoreReader
from app.ui.capture.capture_page import CapturePage
from app.ui.decode_pass import DecodePass
from app.ui.digest_pass import DigestPass
from app.ui.incident_dialog import NewIncidentDialog
from app.ui.incident_list import IncidentListPanel
from app.ui.labels import code_label
from app.ui.log.timeline_page import WorkLogPage
from app.ui.operators_dialog import OperatorsDialog
from app.ui.pages import PAGES, PageSpec
from app.ui.retranslate import Retranslating
from app.ui.services import UiServices
from app.ui.settings import UiSettings
from app.ui.worker import Jobs

LANGUAGE_NAMES = (("zh_CN", "中文"), ("en", "English"))  # each in its own language


class MainWindow(Retranslating, QMainWindow):
    current_incident_changed = Signal(object)  # IncidentRecord | None
    open_store_requested = Signal(Path)

    def __init__(self, services: UiServices, pages: list[PageSpec] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.page_specs = list(PAGES if pages is None else pages)
        self.reviews: list[QWidget] = []  # review windows opened from the File menu
        self._supervising = False  # a supervisor is current: their review window was opened

        self.incidents = IncidentListPanel(services, self)
        self.tabs = QTabWidget(self)
        self.pages: dict[str, QWidget] = {}
        for spec in self.page_specs:
            page = spec.factory(services, self.tabs)
            page.setObjectName(f"page_{spec.key}")
            self.pages[spec.key] = page
            self.tabs.addTab(page, spec.key)
        self._connect_pages()
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.incidents)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 0)  # extra height goes to the pages
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.store_label = QLabel(self)
        self.operator_label = QLabel(self)
        self.statusBar().addWidget(self.store_label, 1)
        self.statusBar().addPermanentWidget(self.operator_label)
        self.digest_pass = DigestPass(services, self)
        self.statusBar().addPermanentWidget(self.digest_pass)
        self.decode_pass = DecodePass(services, self.digest_pass, self)
        self.statusBar().addPermanentWidget(self.decode_pass)
        # Material can sit on this laptop for months: say when the copy off it is old.
        self.backup_label = QLabel(self)
        self.backup_label.setObjectName("backup_reminder")
        self.statusBar().addPermanentWidget(self.backup_label)

        self._build_actions()
        services.selection.changed.connect(self.current_incident_changed)
        services.translations.language_changed.connect(self._language_changed)
        self._fit_incident_list = False
        self._restore_layout(services.settings)
        self.retranslate()
        self.incidents.reload()
        if self._fit_incident_list:
            wanted = self.incidents.preferred_height()
            self.splitter.setSizes([wanted, max(1, self.height() - wanted)])

    # -- menus ---------------------------------------------------------------------------------
    def _build_actions(self) -> None:
        self.new_incident_action = QAction(self)
        self.new_incident_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_incident_action.triggered.connect(self.new_incident)
        self.open_store_action = QAction(self)
        self.open_store_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_store_action.triggered.connect(self.choose_store)
        self.review_action = QAction(self)
        self.review_action.triggered.connect(self.choose_review)
        self.review_zip_action = QAction(self)
        self.review_zip_action.triggered.connect(self.choose_review_zips)
        self.quit_action = QAction(self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.operators_action = QAction(self)
        self.operators_action.triggered.connect(self.show_operators)
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self.show_about)
        self.head_action = QAction(self)
        self.head_action.triggered.connect(self.show_audit_head)
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, name in LANGUAGE_NAMES:
            action = QAction(name, self, checkable=True)
            action.setData(code)
            action.triggered.connect(lambda _checked=False, c=code: self.set_language(c))
            self.language_group.addAction(action)
            self.language_actions[code] = action

        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.file_menu.addActions([self.new_incident_action, self.open_store_action,
                                   self.review_action, self.review_zip_action])
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)
        # A page may offer its actions in a menu of its own (menu_actions(), menu_title());
        # the work log's "New entry…" carries an application-wide shortcut.
        self.page_menus: dict[int, QMenu] = {}
        for index, spec in enumerate(self.page_specs):
            page_actions = getattr(self.pages[spec.key], "menu_actions", None)
            if callable(page_actions):
                self.page_menus[index] = bar.addMenu("")
                self.page_menus[index].addActions(page_actions())
        self.settings_menu = bar.addMenu("")
        self.settings_menu.addAction(self.operators_action)
        self.language_menu = self.settings_menu.addMenu("")
        self.language_menu.addActions(list(self.language_actions.values()))
        self.help_menu = bar.addMenu("")
        self.help_menu.addAction(self.head_action)
        self.help_menu.addAction(self.about_action)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("FieldArchive"))
        self.file_menu.setTitle(self.tr("&File"))
        self.new_incident_action.setText(self.tr("&New incident…"))
        self.open_store_action.setText(self.tr("&Open store…"))
        self.review_action.setText(self.tr("&Review a store or package folder (read-only)…"))
        self.review_zip_action.setText(self.tr("Review package &ZIP files (read-only)…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.settings_menu.setTitle(self.tr("&Settings"))
        self.operators_action.setText(self.tr("&Operators…"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About FieldArchive"))
        self.head_action.setText(self.tr("Audit &head to write down…"))
        for index, spec in enumerate(self.page_specs):
            self.tabs.setTabText(index, QCoreApplication.translate("Pages", spec.title))
            if index in self.page_menus:
                menu_title = getattr(self.pages[spec.key], "menu_title", None)
                self.page_menus[index].setTitle(menu_title() if callable(menu_title) else
                                                QCoreApplication.translate("Pages", spec.title))
        self._language_changed(self.services.translations.language)
        self.update_status()

    def _language_changed(self, language: str) -> None:
        action = self.language_actions.get(language)
        if action is not None:
            action.setChecked(True)

    def update_status(self) -> None:
        self.store_label.setText(self.tr("Store: {path}").format(
            path=self.services.store.root))
        op = self.services.repos.operators.default()
        if op is None:
            self.operator_label.setText(self.tr("No operator set"))
        else:
            self.operator_label.setText(self.tr("Operator: {name} ({role}, {unit})").format(
                name=op.name, role=code_label(codes.ROLE, op.role), unit=op.unit))
        self.apply_role(op.role if op is not None else None)
        self.update_backup_reminder()
        # The status bar keeps a permanent widget's old width after a change of language;
        # room for the whole text, whatever mix of scripts it holds.
        text = self.operator_label.text()
        self.operator_label.setMinimumWidth(
            self.operator_label.fontMetrics().horizontalAdvance(text) + 8)

    def apply_role(self, role: str | None) -> None:
        """A supervisor inspects: the review window of this store opens for them (read
        beside this window, nothing in it can write), and here no capture, import or new
        log entries (the repository refuses a supervisor's entry too). Pages that record
        offer set_recording_allowed."""
        allowed = role != "supervisor"
        if not allowed and not self._supervising:
            self.open_review(self.services.store.root)
        self._supervising = not allowed
        for index, spec in enumerate(self.page_specs):
            page = self.pages[spec.key]
            set_allowed = getattr(page, "set_recording_allowed", None)
            if callable(set_allowed):
                set_allowed(allowed)
            if spec.key == "capture":
                self.tabs.setTabEnabled(index, allowed)
        if not allowed:
            self.operator_label.setText(self.operator_label.text() + " · " + self.tr(
                "read-only view"))

    # -- pages asking for each other ------------------------------------------------------
    def _connect_pages(self) -> None:
        """The dashboard's collection gaps open a capture panel, the library's search shows a
        log entry; the window does the switching (pages never reach for each other)."""
        dashboard = self.pages.get("dashboard")
        if dashboard is not None and hasattr(dashboard, "capture_requested"):
            dashboard.capture_requested.connect(self.show_capture)
        library = self.pages.get("library")
        if library is not None and hasattr(library, "log_entry_requested"):
            library.log_entry_requested.connect(self.show_log_entry)

    def show_log_entry(self, entry_id: str) -> None:
        """The Work log page with the entry selected and in view (loaded first if need be)."""
        worklog = self.pages.get("worklog")
        if not isinstance(worklog, WorkLogPage):
            return
        self.tabs.setCurrentWidget(worklog)
        worklog.show_entry(entry_id)

    def show_capture(self, panel: str, channel: str = "self") -> None:
        capture = self.pages.get("capture")
        if not isinstance(capture, CapturePage):
            return
        self.tabs.setCurrentWidget(capture)
        index = {"import": capture.IMPORT, "camera": capture.CAMERA,
                 "microphone": capture.MICROPHONE, "physical": capture.PHYSICAL}.get(panel)
        if index is not None:
            capture.show_panel(index)

    def update_backup_reminder(self) -> None:
        """Shown when the last backup is older than a day (or there never was one)."""
        backups = self.services.repos.backups
        last = backups.last()
        if not backups.overdue(datetime.now(UTC)):
            self.backup_label.hide()
            return
        if last is None:
            text = self.tr("⚠ Not backed up yet: copy the store to another disk "
                           "(fieldarchive backup)")
        else:
            days = max(1, (datetime.now(UTC) - last).days)
            text = self.tr("⚠ Last backup %n day(s) ago: copy the store to another disk "
                           "(fieldarchive backup)", "", days)
        self.backup_label.setText(text)
        # A status-bar widget keeps its old width after a change of language: room for all.
        self.backup_label.setMinimumWidth(
            self.backup_label.fontMetrics().horizontalAdvance(text) + 8)
        self.backup_label.setStyleSheet("color: #a05a00;")
        self.backup_label.show()

    # -- actions ----------------------------------------------------------------------------
    def new_incident(self) -> NewIncidentDialog:
        dialog = NewIncidentDialog(self.services.repos, self)
        dialog.accepted.connect(
            lambda: self.incidents.reload(dialog.incident.id if dialog.incident else None))
        dialog.open()
        return dialog

    def show_operators(self) -> OperatorsDialog:
        dialog = OperatorsDialog(self.services.repos, self)
        dialog.operators_changed.connect(self.update_status)
        dialog.open()
        return dialog

    def show_about(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("About FieldArchive"),
                          self.tr("FieldArchive (现场建档) {version}\n\nOffline capture, work "
                                  "log, description and transfer of major-incident archives."
                                  ).format(version=__version__),
                          QMessageBox.StandardButton.Ok, self)
        box.open()
        return box

    def show_audit_head(self) -> QMessageBox:
        """The audit head (count and hash) to write down or photograph: 'fieldarchive check
        --head' later proves that nothing recorded up to it was rewritten or rolled back."""
        from app.store.repositories.audit_log import short_head

        short = short_head(self.services.repos.audit.head())
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("Audit head"), short,
                          QMessageBox.StandardButton.Ok, self)
        box.setInformativeText(self.tr(
            "Write this down or photograph it, outside this laptop. Later, "
            "'fieldarchive check --store STORE --head {head}' shows whether anything recorded "
            "up to now was changed, removed or rolled back.").format(head=short))
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.open()
        return box

    def choose_store(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Open store"), str(self.services.store.root.parent))
        if folder:
            self.open_store_requested.emit(Path(folder))

    def choose_review(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Review a store (read-only)"), str(self.services.store.root))
        if folder:
            self.open_review(Path(folder))

    def choose_review_zips(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Review package ZIP files (read-only)"), str(Path.home()),
            self.tr("Transfer packages (*.zip)"))
        if names:
            self.open_review([Path(n) for n in names])

    def open_review(self, folder: Path | list[Path]) -> None:
        """A read-only review window on a store folder (this store too: it is read beside
        us) or on packages, opened in the worker (a snapshot of a large store, a package's
        review database, take a moment)."""
        from app.ui.review.jobs import open_reader

        self.services.jobs.start(open_reader, folder, on_finished=self._review_opened,
                                 on_failed=self._review_failed)

    def _review_failed(self, message: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Review a store (read-only)"),
                          message, QMessageBox.StandardButton.Ok, self)
        box.open()

    def _review_opened(self, reader: StoreReader) -> None:
        from app.ui.review.review_window import ReviewWindow

        # Its own job list on the same threads: the window's jobs (holding this store and
        # its repositories as arguments) are never reachable from the review.
        jobs = Jobs(self.services.jobs.pool)
        window = ReviewWindow(reader, jobs, self.services.translations)
        jobs.setParent(window)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.destroyed.connect(reader.close)
        self.reviews.append(window)
        window.destroyed.connect(lambda: self.reviews.remove(window))
        window.show()

    def set_language(self, language: str) -> None:
        """Switch now and remember it; every widget retranslates on LanguageChange."""
        self.services.translations.set_language(language)
        self.services.settings.language = self.services.translations.language

    # -- window layout ----------------------------------------------------------------------
    def _restore_layout(self, settings: UiSettings) -> None:
        geometry = settings.bytes_value(UiSettings.GEOMETRY)
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1100, 720)
        splitter = settings.bytes_value(UiSettings.SPLITTER)
        if splitter is None or not self.splitter.restoreState(splitter):
            # As tall as the incidents need (set again once they are loaded); the user drags
            # the handle, and the window remembers where.
            self._fit_incident_list = True

    def closeEvent(self, event: QCloseEvent) -> None:
        self.services.settings.set_bytes(UiSettings.GEOMETRY, self.saveGeometry())
        self.services.settings.set_bytes(UiSettings.SPLITTER, self.splitter.saveState())
        self.services.jobs.cancel_all()
        super().closeEvent(event)
