"""A search hit on a work-log entry that is not among the loaded rows: the window switches
to the Work log, loads the pages up to the one holding it, selects it and scrolls it into
view; filters that hide it are cleared, and the page says so."""

from __future__ import annotations

from datetime import timedelta

from app.store.records import IncidentRecord
from app.ui.library.library_page import LibraryPage
from app.ui.log.timeline_model import PAGE_SIZE
from app.ui.log.timeline_page import WorkLogPage
from app.ui.main_window import MainWindow
from app.ui.services import UiServices
from tests import ui_log_support
from tests.test_ui_library_search import search_for
from tests.ui_log_support import START, bulk_log

people = ui_log_support.people  # a shared fixture
services = ui_log_support.services  # a shared fixture
LATER = 2 * PAGE_SIZE + 50  # entries after the one searched for: it is on the third page


def test_a_log_hit_beyond_the_first_page_is_loaded_selected_and_shown(
        qtbot, services: UiServices, people: dict[str, str],
        incident: IncidentRecord) -> None:
    repos = services.repos
    wanted = repos.log.add(incident.id, "洪水冲毁G6高速K123+500路段，交通中断。",
                           category="capture", phase="response",
                           occurred_at=START).id
    bulk_log(services.store, incident.id, repos.operators.get(people["archivist"]).id, LATER,
             start=START + timedelta(hours=1))
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.resize(1200, 800)
    window.show()
    services.selection.set(incident)
    worklog = window.pages["worklog"]
    library = window.pages["library"]
    assert isinstance(worklog, WorkLogPage) and isinstance(library, LibraryPage)
    qtbot.waitUntil(lambda: worklog.model.total is not None and not worklog.model.loading,
                    timeout=20_000)
    # Newest first, one page loaded: the old entry is not among the rows; a filter on
    # meetings would hide it even when loaded.
    bar = worklog.filter_bar
    bar.category_combo.setCurrentIndex(bar.category_combo.findData("meeting"))
    qtbot.waitUntil(lambda: not worklog.model.loading, timeout=20_000)
    assert worklog.model.row_of(wanted) < 0
    window.tabs.setCurrentWidget(library)

    hits = search_for(qtbot, library, "K123")
    assert ("log", wanted) in hits
    library.search.results.activated.emit(library.search.model.index(
        hits.index(("log", wanted)), 0))

    assert window.tabs.currentWidget() is worklog
    qtbot.waitUntil(lambda: worklog.current_view() is not None, timeout=30_000)
    assert worklog.current_view().id == wanted
    assert worklog.model.rowCount() > 2 * PAGE_SIZE  # the pages up to it, loaded in one go
    assert bar.category_combo.currentData() is None  # the hiding filter is gone
    assert worklog.message_label.text() == (
        "The filters hid the entry found; they were cleared to show it.")
    row = worklog.model.row_of(wanted)
    rect = worklog.view.visualRect(worklog.model.index(row, 0))
    assert worklog.view.viewport().rect().intersects(rect)  # scrolled into view
    # Paging goes on from there as before.
    assert worklog.model.canFetchMore() == (worklog.model.rowCount() < LATER + 1)
    services.jobs.wait()
