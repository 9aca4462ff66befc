"""The incident dashboard's reading half: the incident's details, the response and the
six-month filing deadline (a warning colour from 30 days, red past it), counts of its
material, what is not yet filed or transferred, work-log entries not yet reviewed, and the
collection gaps.

The figures come from ``DashboardQueries.summary`` in one reading transaction in the worker.
It is given ``BrowseServices`` (reading queries only), so the review window shows the same
dashboard; the normal window's ``DashboardPage`` adds editing the incident, ending the
response, the schedule window and a capture button beside each gap.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from datetime import datetime
from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain import codes
from app.domain.deadlines import FilingState
from app.store.records import IncidentRecord
from app.store.repositories.dashboard import CategoryFill, IncidentDashboard
from app.ui.browse import BrowseReading, BrowseServices
from app.ui.i18n import is_chinese
from app.ui.labels import code_label, format_date, format_time
from app.ui.retranslate import Retranslating
from app.ui.worker import ProgressCallback

RELOAD_DELAY_MS = 1000
STATE_COLOURS = {FilingState.ONGOING: ("#e7f0fb", "#1d4f8c"),
                 FilingState.OPEN: ("#e6f4ea", "#1e6b34"),
                 FilingState.WARNING: ("#fff3cd", "#7a5b00"),
                 FilingState.OVERDUE: ("#f8d7da", "#8a1c25")}


def load_dashboard(reading: BrowseReading, incident_id: str, now: datetime | None,
                   request: int, *, cancel: threading.Event, progress: ProgressCallback
                   ) -> tuple[int, IncidentDashboard]:
    return request, reading.dashboard.summary(incident_id, now)


class DashboardView(Retranslating, QWidget):
    loaded = Signal()

    def __init__(self, browse: BrowseServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.browse = browse
        self.incident: IncidentRecord | None = browse.selection.current
        self.figures: IncidentDashboard | None = None
        self.now: datetime | None = None  # a fixed clock for tests; None: the real one
        self.title_label = QLabel(self)
        self.title_label.setObjectName("dashboardTitle")
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title_label.setFont(font)
        self.title_label.setWordWrap(True)
        self.details_label = QLabel(self)
        self.details_label.setObjectName("dashboardDetails")
        self.details_label.setWordWrap(True)
        self.details_label.setTextFormat(Qt.TextFormat.RichText)
        self.deadline_label = QLabel(self)
        self.deadline_label.setObjectName("deadline")
        self.deadline_label.setWordWrap(True)
        self.deadline_label.setMargin(10)
        deadline_font = self.deadline_label.font()
        deadline_font.setPointSizeF(deadline_font.pointSizeF() * 1.25)
        deadline_font.setBold(True)
        self.deadline_label.setFont(deadline_font)
        self.counts_box = QGroupBox(self)
        self.counts_grid = QGridLayout(self.counts_box)
        self.counts_labels: dict[str, QLabel] = {}
        for column, key in enumerate(("kind", "phase", "channel", "state", "open")):
            title = QLabel(self.counts_box)
            title.setStyleSheet("font-weight: bold;")
            value = QLabel(self.counts_box)
            value.setObjectName(f"counts_{key}")
            value.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            value.setTextFormat(Qt.TextFormat.RichText)
            self.counts_labels[f"{key}_title"] = title
            self.counts_labels[key] = value
            self.counts_grid.addWidget(title, 0, column)
            self.counts_grid.addWidget(value, 1, column)
        self.gaps_box = QGroupBox(self)
        self.gaps_layout = QGridLayout(self.gaps_box)
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #a61b1b;")
        buttons = QHBoxLayout()
        self._add_actions(buttons)
        buttons.addStretch(1)
        body = QWidget(self)
        inner = QVBoxLayout(body)
        inner.addWidget(self.title_label)
        inner.addWidget(self.details_label)
        inner.addLayout(buttons)
        inner.addWidget(self.deadline_label)
        inner.addWidget(self.counts_box)
        inner.addWidget(self.gaps_box)
        inner.addWidget(self.message_label)
        inner.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.reload_timer = QTimer(self)
        self.reload_timer.setSingleShot(True)
        self.reload_timer.setInterval(RELOAD_DELAY_MS)
        self.reload_timer.timeout.connect(self.reload)
        browse.selection.changed.connect(self._incident_changed)
        browse.changes.changed.connect(self.reload_soon)
        self._request = 0
        self.retranslate()
        self.reload()

    def _add_actions(self, buttons: QHBoxLayout) -> None:
        """Buttons under the incident's details (none when reading)."""

    def _enable_actions(self) -> None:
        """Enable them for the incident shown."""

    def _gap_widget(self, gap: CategoryFill) -> QWidget | None:
        """What goes beside a collection gap (nothing when reading)."""
        return None

    # -- loading ---------------------------------------------------------------------------
    def _incident_changed(self, incident: IncidentRecord | None) -> None:
        changed = incident is None or self.incident is None or incident.id != self.incident.id
        self.incident = incident
        if changed:
            self.figures = None
            self.retranslate()
        self.reload()

    def reload_soon(self) -> None:
        if self.incident is not None:
            self.reload_timer.start()

    def reload(self) -> None:
        self.reload_timer.stop()
        if self.incident is None:
            self.figures = None
            self.retranslate()
            return
        self._request += 1
        # Bound methods: Qt drops the connections if the page goes first.
        self.browse.jobs.start(load_dashboard, self.browse.reading, self.incident.id,
                               self.now, self._request, on_finished=self._loaded,
                               on_failed=self._failed)

    def _loaded(self, answer: tuple[int, IncidentDashboard]) -> None:
        request, figures = answer
        if request != self._request:
            return  # the answer to an older request (another incident, another clock)
        self.figures = figures
        self.message_label.clear()
        self.retranslate()
        self.loaded.emit()

    def _failed(self, message: str) -> None:
        self.message_label.setText(message)

    # -- showing -----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.counts_box.setTitle(self.tr("Material"))
        self.gaps_box.setTitle(self.tr("Collection gaps: schedule categories with no "
                                       "material yet"))
        titles = {"kind": self.tr("By kind"), "phase": self.tr("By phase"),
                  "channel": self.tr("By source"), "state": self.tr("Completeness"),
                  "open": self.tr("Still to do")}
        for key, text in titles.items():
            self.counts_labels[f"{key}_title"].setText(text)
        incident = self.incident
        self._enable_actions()
        if incident is None:
            self.title_label.setText(self.tr("No incident selected."))
            self.details_label.clear()
            self.deadline_label.clear()
            self.deadline_label.setStyleSheet("")
            for key in ("kind", "phase", "channel", "state", "open"):
                self.counts_labels[key].clear()
            self._show_gaps(())
            return
        self.title_label.setText(incident.name)
        self.details_label.setText(self._details_html(incident))
        figures = self.figures
        if figures is None:
            self.deadline_label.setText(self.tr("Loading…"))
            self.deadline_label.setStyleSheet("")
            return
        self._show_deadline(figures)
        none = self.tr("none yet")
        self.counts_labels["kind"].setText(_lines(
            [(code_label(codes.ITEM_KIND, k), n) for k, n in figures.by_kind], none))
        self.counts_labels["phase"].setText(_lines(
            [(code_label(codes.PHASE, k) if k else self.tr("no phase yet"), n)
             for k, n in figures.by_phase], none))
        self.counts_labels["channel"].setText(_lines(
            [(code_label(codes.SOURCE_CHANNEL, k), n) for k, n in figures.by_channel], none))
        self.counts_labels["state"].setText(_lines(
            [(code_label(codes.ITEM_STATE, k), n) for k, n in figures.by_state], none))
        self.counts_labels["open"].setText(_lines([
            (self.tr("Items"), figures.items),
            (self.tr("Not yet filed"), figures.not_filed),
            (self.tr("Not yet transferred"), figures.not_transferred),
            (self.tr("Work-log entries"), figures.log_entries),
            (self.tr("Log entries not reviewed"), figures.log_unreviewed)], none))
        self._show_gaps(figures.gaps)

    def _details_html(self, incident: IncidentRecord) -> str:
        parts = [
            (self.tr("Number"), incident.number or "—"),
            (self.tr("Kind"), code_label(codes.INCIDENT_KIND, incident.kind)),
            (self.tr("Level"), code_label(codes.INCIDENT_LEVEL, incident.level)),
            (self.tr("Place"), incident.place or "—"),
            (self.tr("Started"), format_time(incident.started_at)),
            (self.tr("Response ended"), format_time(incident.response_ended_at) or
             self.tr("not yet")),
            (self.tr("Fonds"), f"{incident.fonds_code} {incident.fonds_name}".strip()),
            (self.tr("Organisation code"), incident.org_code or "—"),
            (self.tr("Lead unit"), incident.lead_unit or "—"),
        ]
        return " &nbsp;·&nbsp; ".join(f"<b>{escape(k)}</b> {escape(v)}" for k, v in parts)

    def _show_deadline(self, figures: IncidentDashboard) -> None:
        status = figures.filing
        if status.state is FilingState.ONGOING:
            text = self.tr("The response is ongoing: day {days}. The six-month filing "
                           "deadline starts when it ends.").format(days=status.response_days)
        elif status.state is FilingState.OVERDUE:
            text = self.tr("Filing is overdue by {days} days (the deadline was {date}).").format(
                days=status.days_overdue, date=format_date(status.deadline))
        else:
            text = self.tr("{days} days left to finish filing (deadline {date}).").format(
                days=status.days_left, date=format_date(status.deadline))
        background, colour = STATE_COLOURS[status.state]
        self.deadline_label.setText(text)
        self.deadline_label.setProperty("filingState", status.state.value)
        self.deadline_label.setStyleSheet(
            f"background-color: {background}; color: {colour}; border-radius: 6px;")

    def _show_gaps(self, gaps: Sequence[CategoryFill]) -> None:
        while self.gaps_layout.count():
            item = self.gaps_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        if not gaps:
            label = QLabel(self.tr("Every schedule category has material.") if self.figures
                           else "", self.gaps_box)
            self.gaps_layout.addWidget(label, 0, 0)
            return
        for row, gap in enumerate(gaps):
            name = gap.name_zh if is_chinese() or not gap.name_en else gap.name_en
            label = QLabel(f"{name} · {code_label(codes.RETENTION, gap.retention)}",
                           self.gaps_box)
            self.gaps_layout.addWidget(label, row, 0)
            beside = self._gap_widget(gap)
            if beside is not None:
                self.gaps_layout.addWidget(beside, row, 1)
        self.gaps_layout.setColumnStretch(0, 1)


def _lines(pairs: Sequence[tuple[str, int]], none: str) -> str:
    if not pairs:
        return escape(none)
    return "<br>".join(f"{escape(label)}: <b>{n}</b>" for label, n in pairs)
