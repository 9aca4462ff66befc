"""The incident dashboard of the normal window, the first page shown for an incident: the
dashboard (``DashboardView``) and the work on the incident: edit its details, end the
response, the retention schedule in a window of its own, and beside each collection gap a
button that goes to the matching capture.

The page asks for a capture panel through ``capture_requested``; the main window connects
it (it composes, the page does not reach for another page).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from app.domain.collection import CategorySource
from app.store.repositories.dashboard import CategoryFill
from app.ui.dashboard.dashboard_view import DashboardView
from app.ui.dashboard.incident_dialogs import EndResponseDialog, IncidentEditDialog
from app.ui.dashboard.schedule_window import ScheduleWindow
from app.ui.services import UiServices

# Capture panels a gap's button can ask for (the Capture page's own tab order).
IMPORT, CAMERA, MICROPHONE, PHYSICAL = "import", "camera", "microphone", "physical"


def capture_panel(source: CategorySource | None) -> tuple[str, str]:
    """Which capture panel (and source channel) fills a category: a camera for on-site
    photos and video, the microphone for sound and oral history, the physical-object form,
    else an import (media handovers, donations, documents)."""
    if source is None:
        return IMPORT, "self"
    channel = next(iter(sorted(source.channels)), "self")
    if source.item_kinds == {"physical"}:
        return PHYSICAL, channel
    if channel in ("media", "donation"):
        return IMPORT, channel
    if "audio" in source.item_kinds and channel == "oral":
        return MICROPHONE, channel
    if source.item_kinds & {"photo", "video"}:
        return CAMERA, channel
    if "audio" in source.item_kinds:
        return MICROPHONE, channel
    return IMPORT, channel


class DashboardPage(DashboardView):
    capture_requested = Signal(str, str)  # capture panel, source channel

    def __init__(self, services: UiServices, parent: QWidget | None = None) -> None:
        super().__init__(services.browse(), parent)
        self.services = services
        self.dialog: QWidget | None = None
        self.gap_buttons: dict[str, QPushButton] = {}  # figures come later, in the worker

    def _add_actions(self, buttons: QHBoxLayout) -> None:
        self.edit_button = QPushButton(self)
        self.edit_button.setObjectName("editIncident")
        self.edit_button.clicked.connect(self.edit_incident)
        self.end_button = QPushButton(self)
        self.end_button.setObjectName("endResponse")
        self.end_button.clicked.connect(self.end_response)
        self.schedule_button = QPushButton(self)
        self.schedule_button.setObjectName("openSchedule")
        self.schedule_button.clicked.connect(self.open_schedule)
        for button in (self.edit_button, self.end_button, self.schedule_button):
            buttons.addWidget(button)

    def _enable_actions(self) -> None:
        incident = self.incident
        for button in (self.edit_button, self.schedule_button):
            button.setEnabled(incident is not None)
        self.end_button.setEnabled(incident is not None and incident.response_ended_at is None)

    def _gap_widget(self, gap: CategoryFill) -> QWidget | None:
        panel, _channel = capture_panel(gap.source)
        button = QPushButton(self._panel_text(panel), self.gaps_box)
        button.setObjectName(f"gap_{gap.key}")
        button.clicked.connect(lambda _=False, key=gap.key: self._gap_clicked(key))
        self.gap_buttons[gap.key] = button
        return button

    def _show_gaps(self, gaps: Sequence[CategoryFill]) -> None:
        self.gap_buttons = {}
        super()._show_gaps(gaps)

    def _panel_text(self, panel: str) -> str:
        return {CAMERA: self.tr("Photograph or film…"), MICROPHONE: self.tr("Record…"),
                PHYSICAL: self.tr("Record an object…")}.get(panel, self.tr("Import…"))

    # -- actions ---------------------------------------------------------------------------
    def edit_incident(self) -> IncidentEditDialog | None:
        if self.incident is None:
            return None
        dialog = IncidentEditDialog(self.services, self.incident, self)
        dialog.open()
        self.dialog = dialog
        return dialog

    def end_response(self) -> EndResponseDialog | None:
        if self.incident is None or self.incident.response_ended_at is not None:
            return None
        dialog = EndResponseDialog(self.services, self.incident, self)
        dialog.open()
        self.dialog = dialog
        return dialog

    def open_schedule(self) -> ScheduleWindow | None:
        """The schedule in a window of its own (it stays open beside the pages)."""
        if self.incident is None:
            return None
        window = ScheduleWindow(self.services, self.incident.id, self)
        window.changed.connect(lambda _record: self.reload_soon())
        window.show()
        self.dialog = window
        return window

    def _gap_clicked(self, key: str) -> None:
        fill = next((c for c in self.figures.categories if c.key == key), None) \
            if self.figures else None
        panel, channel = capture_panel(fill.source if fill else None)
        self.capture_requested.emit(panel, channel)

    def retranslate(self) -> None:
        self.edit_button.setText(self.tr("Edit details…"))
        self.end_button.setText(self.tr("End the response…"))
        self.schedule_button.setText(self.tr("Retention schedule…"))
        super().retranslate()
