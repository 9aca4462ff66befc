"""The incident dashboard on a real store with real imported photos and a fixed clock: the
days left and the warning colours, the counts, the collection gaps and their capture
buttons (switched by the main window), editing the incident and ending the response."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QDateTime

from app.store.records import IncidentRecord
from app.ui.capture.capture_page import CapturePage
from app.ui.dashboard.dashboard_page import DashboardPage
from app.ui.main_window import MainWindow
from app.ui.pages import PAGES
from app.ui.services import UiServices
from tests import ui_log_support
from tests.library_support import import_samples

services = ui_log_support.services  # a shared fixture
people = ui_log_support.people  # a shared fixture
ENDED = datetime.fromisoformat("2025-08-31T18:00:00+08:00")  # deadline 2026-02-28


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.fixture
def page(qtbot, services: UiServices, people: dict[str, str],
         incident: IncidentRecord) -> DashboardPage:
    import_samples(services.repos, incident.id)
    services.repos.log.add(incident.id, "搜救队进入三号街区", occurred_at=at(
        "2025-07-21T16:00:00+08:00"), category="other")
    services.selection.set(incident)
    widget = DashboardPage(services)
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    widget.show()
    qtbot.waitUntil(lambda: widget.figures is not None, timeout=20_000)
    return widget


def show_at(qtbot, page: DashboardPage, now: datetime) -> None:
    page.now = now
    with qtbot.waitSignal(page.loaded, timeout=20_000):
        page.reload()


def test_dashboard_is_the_first_page() -> None:
    assert PAGES[0].key == "dashboard"


def test_ongoing_then_days_left_warning_and_overdue(qtbot, page: DashboardPage,
                                                    services: UiServices,
                                                    incident: IncidentRecord) -> None:
    show_at(qtbot, page, at("2025-07-25T09:00:00+08:00"))
    assert "ongoing: day 5" in page.deadline_label.text()
    assert page.deadline_label.property("filingState") == "ongoing"
    services.selection.set(services.repos.incidents.end_response(incident.id, ENDED))
    show_at(qtbot, page, at("2025-12-01T12:00:00+08:00"))
    assert page.deadline_label.text().startswith("89 days left")
    assert page.deadline_label.property("filingState") == "open"
    show_at(qtbot, page, at("2026-02-10T12:00:00+08:00"))
    assert page.deadline_label.text().startswith("18 days left")
    assert "2026-02-28" in page.deadline_label.text()
    assert page.deadline_label.property("filingState") == "warning"
    assert "#fff3cd" in page.deadline_label.styleSheet()
    show_at(qtbot, page, at("2026-03-05T12:00:00+08:00"))
    assert "overdue by 5 days" in page.deadline_label.text()
    assert page.deadline_label.property("filingState") == "overdue"
    assert "#f8d7da" in page.deadline_label.styleSheet()
    assert not page.end_button.isEnabled()


def test_counts_and_collection_gaps(qtbot, page: DashboardPage) -> None:
    figures = page.figures
    assert figures is not None
    assert f"Photo: <b>{figures.items}</b>" in page.counts_labels["kind"].text()
    assert "Log entries not reviewed: <b>1</b>" in page.counts_labels["open"].text()
    assert "Captured" in page.counts_labels["state"].text()
    gaps = {g.key for g in figures.gaps}
    assert "photos-important" not in gaps and "work-logs" not in gaps
    assert {"oral-history", "physical", "donations"} <= gaps
    assert set(page.gap_buttons) == gaps
    with qtbot.waitSignal(page.capture_requested) as asked:
        page.gap_buttons["oral-history"].click()
    assert asked.args == ["microphone", "oral"]
    with qtbot.waitSignal(page.capture_requested) as asked:
        page.gap_buttons["donations"].click()
    assert asked.args == ["import", "donation"]


def test_a_gap_button_switches_the_window_to_capture(qtbot, services: UiServices,
                                                     incident: IncidentRecord) -> None:
    services.selection.set(incident)
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    dashboard = window.pages["dashboard"]
    assert isinstance(dashboard, DashboardPage)
    assert window.tabs.currentWidget() is dashboard
    qtbot.waitUntil(lambda: "physical" in dashboard.gap_buttons, timeout=20_000)
    dashboard.gap_buttons["physical"].click()
    capture = window.pages["capture"]
    assert isinstance(capture, CapturePage)
    assert window.tabs.currentWidget() is capture
    assert capture.tabs.currentIndex() == capture.PHYSICAL


def test_edit_details_and_end_the_response(qtbot, page: DashboardPage, services: UiServices,
                                           incident: IncidentRecord) -> None:
    dialog = page.edit_incident()
    assert dialog is not None
    dialog.edits["place"].setText("内蒙古某旗某镇")
    dialog.edits["lead_unit"].setText("自治区应急管理厅")
    assert dialog.changes() == {"place": "内蒙古某旗某镇", "lead_unit": "自治区应急管理厅"}
    with qtbot.waitSignal(dialog.applied, timeout=20_000):
        dialog.accept()
    assert services.repos.incidents.get(incident.id).place == "内蒙古某旗某镇"
    qtbot.waitUntil(lambda: "内蒙古某旗某镇" in page.details_label.text(), timeout=20_000)
    # A refusal stays in the dialog.
    dialog = page.edit_incident()
    assert dialog is not None
    dialog.edits["fonds_code"].setText("Z 1/09")
    dialog.accept()
    qtbot.waitUntil(dialog.error.isVisible, timeout=20_000)
    assert dialog.isVisible()
    dialog.reject()
    end = page.end_response()
    assert end is not None
    end.when_edit.setDateTime(QDateTime.fromString("2025-08-31 18:00", "yyyy-MM-dd HH:mm"))
    with qtbot.waitSignal(end.applied, timeout=20_000):
        end.accept()
    ended = services.repos.incidents.get(incident.id).response_ended_at
    assert ended is not None and ended.date().isoformat() == "2025-08-31"
    qtbot.waitUntil(lambda: not page.end_button.isEnabled(), timeout=20_000)
    qtbot.waitUntil(lambda: "days" in page.deadline_label.text()
                    and "ongoing" not in page.deadline_label.text(), timeout=20_000)


def test_the_schedule_opens_from_the_dashboard(qtbot, page: DashboardPage) -> None:
    window = page.open_schedule()
    assert window is not None and window.isVisible()
    qtbot.waitUntil(lambda: window.view is not None, timeout=20_000)
    window.close()
