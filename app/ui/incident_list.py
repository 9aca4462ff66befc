"""The incident list: a sortable table whose selection is the current incident."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from app.store.records import IncidentRecord
from app.store.repositories.incidents import IncidentRepository
from app.ui.models.incident_model import COLUMN_KEYS, IncidentTableModel, RecordRole, SortRole
from app.ui.services import UiServices


class IncidentListPanel(QWidget):
    def __init__(self, services: UiServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.model = IncidentTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.view = QTableView(self)
        self.view.setObjectName("incidentTable")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(COLUMN_KEYS.index("start"), Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COLUMN_KEYS.index("name"), QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        # Counts change with every capture and log entry: recount at most twice a second,
        # off the GUI thread (a large log makes the count a real query).
        self._recount = QTimer(self, singleShot=True, interval=500)
        self._recount.timeout.connect(self._start_recount)
        services.changes.changed.connect(self._recount.start)

    def reload(self, select_id: str | None = None) -> None:
        """Re-read the incidents (a short query, without counts) and keep or set the current
        one; the counts follow from the worker (a large log makes counting a real query)."""
        current = self.services.selection.current
        wanted = select_id or (current.id if current else None)
        self.model.set_incidents(self.services.repos.incidents.list(counted=False),
                                 counted=False)
        self._start_recount()
        row = self.model.row_of(wanted) if wanted else -1
        if row < 0 and self.model.rowCount() > 0:
            row = self.proxy.mapToSource(self.proxy.index(0, 0)).row()
        if row >= 0:
            self.view.selectRow(self.proxy.mapFromSource(self.model.index(row, 0)).row())
        self._selection_changed()

    def _start_recount(self) -> None:
        self.services.jobs.start(_list_incidents, self.services.repos.incidents,
                                 on_finished=self._recounted)

    def _recounted(self, incidents: list[IncidentRecord]) -> None:
        self.model.update_counts(incidents)

    def preferred_height(self, most_rows: int = 6) -> int:
        """Room for the header and the rows (at least one, at most ``most_rows``): a store
        with one incident does not give a third of the window to its list."""
        rows = min(max(self.model.rowCount(), 1), most_rows)
        view = self.view
        row_height = view.verticalHeader().defaultSectionSize()
        return (view.horizontalHeader().sizeHint().height() + rows * row_height
                + 2 * view.frameWidth() + view.horizontalScrollBar().sizeHint().height())

    def current(self) -> IncidentRecord | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(RecordRole) if rows else None

    def _selection_changed(self) -> None:
        self.services.selection.set(self.current())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.model.retranslate()
        super().changeEvent(event)


def _list_incidents(incidents: IncidentRepository, **_job: object) -> list[IncidentRecord]:
    return incidents.list()
