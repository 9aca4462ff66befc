"""The Export tab: the incident's transfer batches, and a button that opens the wizard."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.store.errors import StoreError
from app.store.records import IncidentRecord
from app.ui.export.wizard import ExportWizard
from app.ui.services import UiServices


class ExportPage(QWidget):
    def __init__(self, services: UiServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportPage")
        self.services = services
        self.incident: IncidentRecord | None = services.selection.current
        self.about = QLabel(self)
        self.about.setWordWrap(True)
        self.start = QPushButton(self)
        self.start.setObjectName("newTransfer")
        self.start.clicked.connect(self.open_wizard)
        self.history = QTreeWidget(self)
        self.history.setObjectName("transferHistory")
        self.history.setRootIsDecorated(False)
        top = QHBoxLayout()
        top.addWidget(self.about, 1)
        top.addWidget(self.start)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.history, 1)
        self.wizard: ExportWizard | None = None
        services.selection.changed.connect(self._incident_changed)
        services.changes.changed.connect(self.refresh)
        self.retranslate()

    def _incident_changed(self, incident: IncidentRecord | None) -> None:
        self.incident = incident
        self.retranslate()

    def open_wizard(self) -> ExportWizard | None:
        if self.incident is None:
            return None
        self.wizard = ExportWizard(self.services, self)
        self.wizard.finished.connect(lambda _code: self.refresh())
        self.wizard.open()
        return self.wizard

    def refresh(self) -> None:
        self.history.clear()
        if self.incident is None:
            return
        try:
            batches = self.services.repos.transfers.history(self.incident.id)
        except StoreError:
            return
        states = {"done": self.tr("transferred"), "writing": self.tr("being written"),
                  "abandoned": self.tr("abandoned")}
        for b in batches:
            QTreeWidgetItem(self.history, [
                str(b.number), states.get(b.status, b.status), str(b.item_count),
                f"{b.byte_count / 1024 ** 3:.3f}", b.reviewer,
                b.created_at.astimezone().strftime("%Y-%m-%d %H:%M"),
                "; ".join(b.paths)])
        for col in range(6):
            self.history.resizeColumnToContents(col)

    def retranslate(self) -> None:
        self.start.setText(self.tr("&New transfer…"))
        self.start.setEnabled(self.incident is not None)
        if self.incident is None:
            self.about.setText(self.tr("No incident selected."))
        else:
            self.about.setText(self.tr(
                "Transfers (移交) of {incident}: each batch is a signed BagIt package in the "
                "DA/T 93 layout, checked before it is written.").format(
                incident=self.incident.name))
        self.history.setHeaderLabels([
            self.tr("Batch"), self.tr("State"), self.tr("Items"), self.tr("GB"),
            self.tr("Reviewer"), self.tr("Time"), self.tr("Package")])
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
