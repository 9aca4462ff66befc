"""The review window: a supervisor browses a store and can change nothing in it.

Built on the read interface alone (a ``StoreReader``): the banner says so and what is open.
The pages are the normal window's reading widgets over the same interface: the dashboard
(deadline, counts, gaps), the library (grid or table, filters, search, preview, playback;
double-click shows an item's history), the work log read-only (corrections in each entry's
history, review states in the last column); then the items with what the integrity check
found, the integrity panel (``check`` in the background) and the report panel (a PDF saved
outside the store). No repository, writable store or vault is reachable from here (a test
walks the objects).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.export.package_review import PackageReviewReader
from app.store.integrity import CheckReport
from app.store.reading import StoreReader
from app.store.records import IncidentRecord
from app.ui.browse import BrowseServices
from app.ui.dashboard.dashboard_view import DashboardView
from app.ui.i18n import Translations, message_text
from app.ui.library.item_history import ItemHistoryDialog
from app.ui.library.library_browser import LibraryBrowser
from app.ui.log.badges import ReviewBadgeDelegate
from app.ui.log.history_dialog import HistoryDialog
from app.ui.log.timeline_model import COLUMN_KEYS as LOG_COLUMNS
from app.ui.log.timeline_model import LogTimelineModel
from app.ui.log.timeline_page import COLUMN_WIDTHS
from app.ui.review.integrity_panel import IntegrityPanel
from app.ui.review.items_model import COLUMN_KEYS as ITEM_COLUMNS
from app.ui.review.items_model import ReviewItemsModel
from app.ui.review.jobs import list_incidents, run_verify
from app.ui.review.report_panel import ReportPanel
from app.ui.services import IncidentSelection, StoreChanges
from app.ui.worker import Jobs

BANNER_STYLE = ("background: #7a4b00; color: white; font-weight: bold; padding: 6px 10px;"
                "border-radius: 3px;")


def _table(parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    return view


def _fit(view: QTableView, stretch: int) -> None:
    """Columns as wide as their contents (a bounded sample of rows), one taking the rest."""
    header = view.horizontalHeader()
    header.setResizeContentsPrecision(200)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


class ReviewWindow(QMainWindow):
    def __init__(self, reader: StoreReader, jobs: Jobs, translations: Translations,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewWindow")
        self.reader = reader
        self.jobs = jobs
        self.translations = translations
        # Listed in the worker (each incident's counts go over all its items and entries).
        self.incidents: list[IncidentRecord] | None = None
        self.incident: IncidentRecord | None = None
        self.load_error: str | None = None
        self.history: HistoryDialog | None = None
        self.item_history: ItemHistoryDialog | None = None
        # The reading widgets follow this window's incident; nothing here is ever stored,
        # so no change notice comes.
        self.selection = IncidentSelection(self)
        self.browse = BrowseServices(reader, jobs, self.selection, StoreChanges(self))

        self.banner = QLabel(self)
        self.banner.setObjectName("reviewBanner")
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setWordWrap(True)
        self.incident_label = QLabel(self)
        self.incident_combo = QComboBox(self)
        self.incident_label.setBuddy(self.incident_combo)
        self.counts = QLabel(self)

        self.dashboard = DashboardView(self.browse, self)
        self.library = LibraryBrowser(self.browse, self)
        self.library.open_requested.connect(self.show_item_history)
        self.library.log_entry_requested.connect(self.show_log_entry)
        self.log_model = LogTimelineModel(reader.log, jobs, parent=self)
        self.log_view = _table(self)
        self.log_view.setModel(self.log_model)
        self.log_view.doubleClicked.connect(self.show_history)
        # Packages: each item's origin, the damage met while reading, verify for the check.
        self.packages = reader if isinstance(reader, PackageReviewReader) else None
        self.items_model = ReviewItemsModel(
            reader.items, jobs, self, origins=self.packages.origins if self.packages else None)
        self.items_view = _table(self)
        self.items_view.setModel(self.items_model)
        self.items_view.setColumnHidden(ITEM_COLUMNS.index("origin"), self.packages is None)
        if self.packages is None:
            self.integrity = IntegrityPanel(reader.source, jobs, self)
        else:
            self.integrity = IntegrityPanel(reader.source, jobs, self, job=run_verify,
                                            subject=self.packages, damage=self._damage_lines)
            self.items_model.set_damage(self._damage_by_item())
        self.integrity.checked.connect(self._checked)
        self.report = ReportPanel(reader, jobs, self._latest_check, self)

        # The work log as the main window shows it: its column widths and review badges.
        header = self.log_view.horizontalHeader()
        for key, width in COLUMN_WIDTHS.items():
            header.resizeSection(LOG_COLUMNS.index(key), width)
        header.setSectionResizeMode(LOG_COLUMNS.index("content"), QHeaderView.ResizeMode.Stretch)
        self.log_view.setItemDelegateForColumn(LOG_COLUMNS.index("review"),
                                               ReviewBadgeDelegate(self.log_view))
        _fit(self.items_view, ITEM_COLUMNS.index("title"))
        self.tabs = QTabWidget(self)
        self.pages: dict[str, QWidget] = {
            "dashboard": self.dashboard, "library": self.library, "worklog": self.log_view,
            "items": self.items_view, "integrity": self.integrity, "report": self.report}
        for widget in self.pages.values():
            self.tabs.addTab(widget, "")
        top = QHBoxLayout()
        top.addWidget(self.incident_label)
        top.addWidget(self.incident_combo, 1)
        top.addWidget(self.counts)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.resize(1100, 700)

        self.incident_combo.currentIndexChanged.connect(self._incident_chosen)
        translations.language_changed.connect(lambda _language: self.retranslate())
        self.retranslate()
        jobs.start(list_incidents, reader.incidents, on_finished=self._incidents_listed,
                   on_failed=self._incidents_failed)

    def _incidents_listed(self, incidents: list[IncidentRecord]) -> None:
        self.incidents = incidents
        self.incident_combo.blockSignals(True)
        for inc in incidents:
            self.incident_combo.addItem(f"{inc.number or inc.id[:8]}  {inc.name}", inc.id)
        self.incident_combo.blockSignals(False)
        self._incident_chosen(self.incident_combo.currentIndex())

    def _incidents_failed(self, message: str) -> None:
        self.load_error = message
        self.retranslate()

    def _incident_chosen(self, index: int) -> None:
        incidents = self.incidents or []
        self.incident = incidents[index] if 0 <= index < len(incidents) else None
        incident_id = self.incident.id if self.incident else None
        self.selection.set(self.incident)
        self.log_model.set_query(incident_id)
        self.items_model.set_incident(incident_id)
        self.retranslate()

    def _damage_lines(self) -> list[str]:
        damage = self.packages.damage if self.packages else ()
        return [f"{d.package}: {d.subject}: {message_text(d.message)}" for d in damage]

    def _damage_by_item(self) -> dict[str, list[str]]:
        by_item: dict[str, list[str]] = {}
        for d in self.packages.damage if self.packages else ():
            if d.item_id:
                by_item.setdefault(d.item_id, []).append(
                    f"{d.subject}: {message_text(d.message)}")
        return by_item

    def _latest_check(self) -> CheckReport | None:
        report = self.integrity.report
        return report if report is not None and not report.cancelled else None

    def _checked(self, report: CheckReport) -> None:
        by_item: dict[str, list[str]] = {}
        for finding in report.findings:
            if finding.item_id:
                by_item.setdefault(finding.item_id, []).append(finding.message)
        if not report.cancelled:
            self.items_model.set_findings(by_item)

    def show_history(self, index: QModelIndex) -> HistoryDialog | None:
        view = self.log_model.view_at(index.row())
        if view is None:
            return None
        self.history = HistoryDialog(self.reader.log, view.id, self)
        self.history.open()
        return self.history

    def _package_banner(self, packages: PackageReviewReader) -> None:
        comma = "、" if str(self.translations.language).startswith("zh") else ", "
        names = comma.join(p.name for p in packages.packages)
        self.setWindowTitle(self.tr("Read-only review: {path}").format(path=names))
        text = self.tr("{count} transfer package(s): {names} (read from their own files). "
                       "Nothing here can change them.").format(
            count=len(packages.packages), names=names)
        if packages.damage:
            text += " " + self.tr("Damage found while reading: {count} place(s), listed "
                                  "under Integrity.").format(count=len(packages.damage))
        self.banner.setText("只读审阅 · Read-only review — " + text)

    def show_item_history(self, item_ids: list[str]) -> ItemHistoryDialog | None:
        """An item's changes and its stored files with their digests (read-only)."""
        if not item_ids:
            return None
        self.item_history = ItemHistoryDialog(self.reader, self.jobs, item_ids[0], self)
        self.item_history.open()
        return self.item_history

    def show_log_entry(self, entry_id: str) -> None:
        """A work-log entry found by the library's search: the Work log, it selected."""
        self.tabs.setCurrentWidget(self.log_view)
        row = self.log_model.row_of(entry_id)
        if row >= 0:
            self.log_view.selectRow(row)

    def retranslate(self) -> None:
        source = self.reader.source
        how = {"live": self.tr("read beside the program that has it open"),
               "in-place": self.tr("read in place from read-only media"),
               "idle": self.tr("read in place; no program has it open")}.get(
            source.mode, self.tr("read from a snapshot copy"))
        if source.newer_schema:
            how += " · " + self.tr("written by a newer version")
        if self.packages is not None:
            self._package_banner(self.packages)
        else:
            self.setWindowTitle(self.tr("Read-only review: {path}").format(path=source.root))
            self.banner.setText("只读审阅 · Read-only review — " + self.tr(
                "{path} ({how}). Nothing here can change it.").format(path=source.root,
                                                                      how=how))
        self.incident_label.setText(self.tr("&Incident:"))
        if self.load_error is not None:
            self.counts.setText(self.load_error)
        elif self.incidents is None:
            self.counts.setText(self.tr("Loading…"))
        elif self.incident is None:
            self.counts.setText(self.tr("This store has no incidents."))
        else:
            self.counts.setText(self.tr("{items} items · {entries} log entries").format(
                items=self.incident.item_count, entries=self.incident.log_count))
        titles = {"dashboard": self.tr("Dashboard"), "library": self.tr("Library"),
                  "worklog": self.tr("Work log"), "items": self.tr("Items and integrity"),
                  "integrity": self.tr("Integrity"), "report": self.tr("Report")}
        for key, widget in self.pages.items():
            self.tabs.setTabText(self.tabs.indexOf(widget), titles[key])
        self.log_model.retranslate()
        self.items_model.retranslate()
        if self.packages is not None:
            self.items_model.set_damage(self._damage_by_item())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def closeEvent(self, event: object) -> None:
        self.integrity.cancel()
        self.jobs.cancel_all()
        self.library.preview.show_item(None)  # stops a recording playing
        super().closeEvent(event)  # type: ignore[arg-type]


__all__ = ["ReviewWindow"]
