"""The Library's search box on a real store: camera files imported from tests/data, described
through the repository, and real work-log entries. Typing asks the search in the worker after
a pause; hits come best first; a refused query says why; Esc clears; a hit selects its item."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from app.store.records import IncidentRecord
from app.ui.library.library_page import LibraryPage
from app.ui.library.search_box import HitRole, LibrarySearch, SearchHitModel
from app.ui.log.timeline_page import WorkLogPage
from app.ui.main_window import MainWindow
from app.ui.services import UiServices
from tests import ui_log_support
from tests.library_support import import_samples
from tests.ui_log_support import type_text

services = ui_log_support.services  # a shared fixture
WHEN = datetime.fromisoformat("2025-07-22T09:00:00+08:00")


@pytest.fixture
def found_store(services: UiServices, incident: IncidentRecord) -> dict[str, str]:
    """Imported photos, three described, and two log entries (one about the 转移)."""
    repos = services.repos
    repos.operators.add("张伟", "自治区档案馆", "archivist")
    imported = sorted(import_samples(repos, incident.id).imported, key=lambda i: i.path.name)
    ids = [i.item_id for i in imported]
    repos.description.describe([ids[0]], {"title": "群众转移到第二安置点"})
    repos.description.describe([ids[1]], {"title": "道路积水",
                                          "description": "村口积水没过脚踝"})
    repos.description.describe([ids[2]], {"title": "G6高速K123+500处塌方",
                                          "people": "乌云其木格"})
    entry = repos.log.add(incident.id, "组织三个村的群众转移，清点人数。", place="兴和县",
                          occurred_at=WHEN)
    meeting = repos.log.add(incident.id, "指挥部召开调度会。", occurred_at=WHEN)
    return {"moved": ids[0], "water": ids[1], "road": ids[2], "entry": entry.id,
            "meeting": meeting.id}


def search_for(qtbot, page: LibraryPage, text: str) -> list[tuple[str, str]]:
    """Type ``text`` into an empty box, wait for the answer, return (kind, id) of the hits."""
    page.search.box.clear()
    type_text(qtbot, page.search.box, text)
    assert page.search.timer.isActive()  # debounced: nothing asked while typing
    qtbot.waitUntil(lambda: not page.search.waiting, timeout=10_000)
    model = page.search.model
    return [(model.hit_at(r).kind, model.hit_at(r).id) for r in range(model.rowCount())]


@pytest.fixture
def page(qtbot, services: UiServices, incident: IncidentRecord,
         found_store: dict[str, str]) -> LibraryPage:
    services.selection.set(incident)
    page = LibraryPage(services)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitUntil(lambda: not page.model.loading and page.model.rowCount() > 0,
                    timeout=20_000)
    return page


def test_finds_items_and_log_entries_best_first(qtbot, page: LibraryPage,
                                                found_store: dict[str, str]) -> None:
    hits = search_for(qtbot, page, "转移")
    assert hits == [("item", found_store["moved"]), ("log", found_store["entry"])]
    assert page.search.results.isVisible() and not page.search.message_label.isVisible()
    item_line = page.search.model.index(0, 0).data()
    log_line = page.search.model.index(1, 0).data()
    assert item_line.startswith("群众转移到第二安置点")
    assert log_line.startswith("Work log no. 1:") and "转移" in log_line
    assert search_for(qtbot, page, "水") == [("item", found_store["water"])]
    assert search_for(qtbot, page, "G6高速") == [("item", found_store["road"])]
    assert search_for(qtbot, page, "乌云其木格") == [("item", found_store["road"])]
    assert search_for(qtbot, page, "调度") == [("log", found_store["meeting"])]
    assert search_for(qtbot, page, "洪峰") == []
    assert page.search.message_label.text() == "Nothing found."
    assert not page.search.results.isVisible()


def test_a_refused_query_says_why_and_esc_clears(qtbot, page: LibraryPage) -> None:
    assert search_for(qtbot, page, "phase:xx 转移") == []
    message = page.search.message_label
    assert message.isVisible() and "phase:xx" in message.text()
    assert "response" in message.text()  # the phases it knows
    assert not page.search.results.isVisible()
    # Esc in the box clears it: no results, no message, nothing pending.
    search_for(qtbot, page, "转移")
    assert page.search.results.isVisible()
    page.search.box.setFocus()
    qtbot.keyClick(page.search.box, Qt.Key.Key_Escape)
    assert page.search.box.text() == ""
    assert not page.search.results.isVisible() and not message.isVisible()
    assert not page.search.waiting


def test_stale_answers_are_dropped(qtbot, page: LibraryPage,
                                   found_store: dict[str, str]) -> None:
    search = page.search
    search.box.setText("转移")
    search.run_now()  # asked at once ...
    search.box.setText("水")
    search.run_now()  # ... and replaced before the first answer is shown
    qtbot.waitUntil(lambda: not search.waiting, timeout=10_000)
    page.services.jobs.wait()
    QApplication.processEvents()
    assert [search.model.hit_at(r).id for r in range(search.model.rowCount())] == [
        found_store["water"]]


def test_ctrl_f_focuses_the_box(qtbot, page: LibraryPage) -> None:
    page.activateWindow()
    page.grid.setFocus()
    qtbot.waitUntil(page.grid.hasFocus)
    qtbot.keyClick(page.grid, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.box.hasFocus()


def test_activating_an_item_hit_selects_and_previews_it(qtbot, page: LibraryPage,
                                                        found_store: dict[str, str]) -> None:
    page.selection.setCurrentIndex(page.model.index(page.model.row_of(found_store["water"]),
                                                    0),
                                   QItemSelectionModel.SelectionFlag.ClearAndSelect)
    search_for(qtbot, page, "转移")
    first = page.search.model.index(0, 0)
    page.search.results.activated.emit(first)
    assert page.selected_ids() == [found_store["moved"]]
    assert page.current_row().id == found_store["moved"]
    assert page.preview.row is not None and page.preview.row.id == found_store["moved"]
    # A double-click asks for the editor of that item, as the rows do.
    asked: list[list[str]] = []
    page.edit_requested.disconnect()
    page.edit_requested.connect(asked.append)
    page.search.results.doubleClicked.emit(first)
    assert asked == [[found_store["moved"]]]
    # A log hit asks for the work log with the entry's id.
    shown: list[str] = []
    page.log_entry_requested.connect(shown.append)
    page.search.results.activated.emit(page.search.model.index(1, 0))
    assert shown == [found_store["entry"]]


def test_an_item_on_a_later_page_is_paged_to(qtbot, services: UiServices,
                                             incident: IncidentRecord,
                                             found_store: dict[str, str]) -> None:
    services.selection.set(incident)
    page = LibraryPage(services)
    qtbot.addWidget(page)
    page.model.page_size = 1  # one item per page: the hit is not loaded at first
    page.model.reload()
    qtbot.waitUntil(lambda: not page.model.loading, timeout=20_000)
    target = found_store["road"]
    if page.model.row_of(target) >= 0:  # (first by date: take another one)
        target = found_store["water"]
    assert page.model.row_of(target) < 0
    page.select_item(target)
    qtbot.waitUntil(lambda: page.current_row() is not None
                    and page.current_row().id == target, timeout=20_000)


def test_the_hit_model_passes_qtmodeltester(qtbot, qtmodeltester, page: LibraryPage) -> None:
    search_for(qtbot, page, "转移")
    model = page.search.model
    assert isinstance(model, SearchHitModel) and model.rowCount() == 2
    assert model.index(0, 0).data(HitRole).kind == "item"
    qtmodeltester.check(model)
    model.set_hits([])
    qtmodeltester.check(model)


def _texts_fit(widget: LibrarySearch) -> None:
    box = widget.box
    placeholder = QFontMetrics(box.font()).horizontalAdvance(box.placeholderText())
    assert placeholder < box.width(), "the placeholder is cut off"


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_screenshots_with_results(qtbot, page: LibraryPage, services: UiServices,
                                  language: str, tmp_path: Path) -> None:
    services.translations.set_language(language)
    QApplication.processEvents()
    hits = search_for(qtbot, page, "转移")
    assert len(hits) == 2
    QApplication.processEvents()
    _texts_fit(page.search)
    log_line = page.search.model.index(1, 0).data()
    assert log_line.startswith("工作日志第 1 条" if language == "zh_CN" else "Work log no. 1")
    folder = Path(os.environ.get("FIELDARCHIVE_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    assert page.grab().save(str(folder / f"library-search-{language}.png"))
    search_for(qtbot, page, "phase:xx 转移")
    refusal = page.search.message_label.text()
    assert "phase:xx" in refusal
    assert refusal.startswith("检索条件" if language == "zh_CN" else "The search asks for")
    assert page.grab().save(str(folder / f"library-search-refused-{language}.png"))


def test_a_log_hit_shows_the_entry_on_the_work_log_page(
        qtbot, services: UiServices, incident: IncidentRecord,
        found_store: dict[str, str]) -> None:
    window = MainWindow(services)
    qtbot.addWidget(window)
    window.show()
    services.selection.set(incident)
    library = window.pages["library"]
    worklog = window.pages["worklog"]
    assert isinstance(library, LibraryPage) and isinstance(worklog, WorkLogPage)
    window.tabs.setCurrentWidget(library)
    qtbot.waitUntil(lambda: worklog.model.row_of(found_store["entry"]) >= 0, timeout=20_000)
    hits = search_for(qtbot, library, "转移")
    assert hits[1] == ("log", found_store["entry"])
    library.search.results.activated.emit(library.search.model.index(1, 0))
    assert window.tabs.currentWidget() is worklog
    current = worklog.current_view()
    assert current is not None and current.entry.id == found_store["entry"]


def test_a_change_in_the_store_asks_again(qtbot, page: LibraryPage, services: UiServices,
                                          found_store: dict[str, str]) -> None:
    assert search_for(qtbot, page, "安置点") == [("item", found_store["moved"])]
    services.repos.description.describe([found_store["water"]], {"title": "积水的安置点"})
    services.changes.notify()  # what a save in the window says; the page reloads soon after
    qtbot.waitUntil(lambda: page.search.model.rowCount() == 2, timeout=20_000)
    assert {page.search.model.hit_at(r).id for r in range(2)} == {
        found_store["moved"], found_store["water"]}
    assert page.search.results.currentIndex().data(HitRole).id == found_store["moved"]
