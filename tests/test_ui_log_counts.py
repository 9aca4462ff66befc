"""Counts say what the log shows: entries (a correction is not one more), how many match the
filters out of how many, why nothing matches, and Clear filters clears the dates too."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDate

from app.store.records import IncidentRecord
from app.ui.log.timeline_page import WorkLogPage
from app.ui.models.incident_model import COLUMN_KEYS, IncidentTableModel
from app.ui.services import UiServices
from tests import ui_log_support

people = ui_log_support.people  # a shared fixture
services = ui_log_support.services  # a shared fixture


@pytest.fixture
def logged(services: UiServices, people: dict[str, str], incident: IncidentRecord) -> str:
    log = services.repos.log
    first = log.add(incident.id, "到达现场", category="other")
    log.add(incident.id, "搜救", category="capture")
    log.add(incident.id, "转移群众", category="capture")
    log.add(incident.id, "碰头会", category="meeting")
    log.correct(first.id, "到达现场（北门）", "门写错")
    services.selection.set(services.repos.incidents.get(incident.id))
    return incident.id


@pytest.fixture
def page(qtbot, services: UiServices, logged: str) -> Iterator[WorkLogPage]:
    widget = WorkLogPage(services)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.total is not None and not widget.model.loading)
    yield widget


def test_the_incident_list_counts_entries_and_names_corrections(
        services: UiServices, logged: str) -> None:
    record = services.repos.incidents.get(logged)
    assert (record.log_count, record.log_corrections) == (4, 1)
    listed = {r.id: r for r in services.repos.incidents.list()}[logged]
    assert (listed.log_count, listed.log_corrections) == (4, 1)
    model = IncidentTableModel()
    model.set_incidents([listed])
    assert model.index(0, COLUMN_KEYS.index("log")).data() == "4 (1 corrected)"


def test_the_count_is_of_the_whole_log_and_says_how_many_match(
        qtbot, page: WorkLogPage) -> None:
    assert page.count_label.text() == "4 entries"
    bar = page.filter_bar
    bar.category_combo.setCurrentIndex(bar.category_combo.findData("capture"))
    qtbot.waitUntil(lambda: page.count_label.text() == "2 of 4 entries match the filters")


def test_reversed_dates_are_explained_and_clear_resets_them(qtbot, page: WorkLogPage) -> None:
    bar = page.filter_bar
    bar.dates_check.setChecked(True)
    bar.from_edit.setDate(QDate(2030, 1, 2))
    bar.to_edit.setDate(QDate(2030, 1, 1))
    qtbot.waitUntil(lambda: "first date is after the last" in page.count_label.text())
    bar.clear_button.click()
    assert not bar.dates_check.isChecked()
    assert bar.from_edit.date() == bar.to_edit.date() == QDate.currentDate()
    qtbot.waitUntil(lambda: page.count_label.text() == "4 entries")
