"""The incident list (issue 11, point 9): as tall as its incidents need, resizable, the
height remembered; its counts are loaded by the worker, never on the GUI thread."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest

from app.store.records import IncidentRecord
from app.store.repositories.incidents import IncidentQueries
from app.ui.main_window import MainWindow
from app.ui.models.incident_model import COLUMN_KEYS
from app.ui.services import UiServices
from tests import ui_log_support
from tests.ui_log_support import START

people = ui_log_support.people  # a shared fixture
services = ui_log_support.services  # a shared fixture


def open_window(qtbot, services: UiServices) -> MainWindow:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1100, 720)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_one_incident_takes_a_small_part_of_the_window(
        qtbot, services: UiServices, incident: IncidentRecord) -> None:
    window = open_window(qtbot, services)
    listed, pages = window.splitter.sizes()
    assert listed < (listed + pages) / 5
    # The one row is wholly shown.
    view = window.incidents.view
    assert view.rowViewportPosition(0) + view.rowHeight(0) <= view.viewport().height()


def test_the_height_the_user_gives_it_is_remembered(
        qtbot, services: UiServices, incident: IncidentRecord) -> None:
    window = open_window(qtbot, services)
    total = sum(window.splitter.sizes())
    window.splitter.setSizes([300, total - 300])
    window.close()
    again = open_window(qtbot, services)
    assert abs(again.splitter.sizes()[0] - 300) <= 2


def test_counts_are_loaded_by_the_worker(
        qtbot, services: UiServices, people: dict[str, str], incident: IncidentRecord,
        monkeypatch: pytest.MonkeyPatch) -> None:
    for n in range(3):
        services.repos.log.add(incident.id, f"第{n + 1}条", occurred_at=START + timedelta(hours=n))
    calls: list[tuple[bool, bool]] = []  # (on the GUI thread, with counts)
    original = IncidentQueries.list

    def spy(self, counted: bool = True):
        calls.append((threading.current_thread() is threading.main_thread(), counted))
        return original(self, counted)

    monkeypatch.setattr(IncidentQueries, "list", spy)
    window = open_window(qtbot, services)
    window.incidents.reload()
    model = window.incidents.model
    log_column = COLUMN_KEYS.index("log")
    qtbot.waitUntil(lambda: model.index(0, log_column).data() == "3")
    assert (True, True) not in calls  # nothing counted on the GUI thread
    assert (False, True) in calls
    assert window.incidents.current().id == incident.id
