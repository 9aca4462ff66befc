"""The Library page on a real store with real imported photos: the model pages by keyset and
passes qtmodeltester, the grid and the table share one selection, filters narrow the rows,
the status line counts, double-click asks for the editor, a change reloads."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QIcon

from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.repositories.library import LibraryFilter, LibrarySort
from app.store.store import Store
from app.ui.library.item_model import COLUMN_KEYS, PAGE_SIZE, LibraryItemModel
from app.ui.library.library_page import LibraryPage
from app.ui.library.thumbnails import LibraryThumbnails
from app.ui.services import UiServices
from app.ui.worker import Jobs
from tests import ui_log_support
from tests.library_support import add_photos, bulk_items, import_samples

services = ui_log_support.services  # a shared fixture
COL = {key: n for n, key in enumerate(COLUMN_KEYS)}


def wait_loaded(qtbot, model: LibraryItemModel) -> None:
    qtbot.waitUntil(lambda: not model.loading, timeout=20_000)


def test_model_pages_and_passes_qtmodeltester(qtbot, qtmodeltester, services: UiServices,
                                              incident: IncidentRecord) -> None:
    report = import_samples(services.repos, incident.id)
    add_photos(services.repos, incident.id, 12, phase="response")
    total = len(report.imported) + 12
    thumbs = LibraryThumbnails(services.repos, services.jobs)
    model = LibraryItemModel(services.repos.library, services.jobs, thumbs, page_size=5)
    model.set_query(incident.id)
    wait_loaded(qtbot, model)
    assert model.rowCount() == 5 and model.total == total and model.canFetchMore()
    qtmodeltester.check(model)
    wait_loaded(qtbot, model)
    while model.canFetchMore():
        model.fetchMore()
        wait_loaded(qtbot, model)
    assert model.rowCount() == total
    assert len({model.row_at(r).id for r in range(total)}) == total  # no repeat, no gap
    qtmodeltester.check(model)
    # The stored thumbnails arrive from the worker and replace the kind's icon.
    canon = next(i.item_id for i in report.imported if i.path.name == "Canon_40D.jpg")
    row = model.row_of(canon)
    model.index(row, 0).data(Qt.ItemDataRole.DecorationRole)
    qtbot.waitUntil(lambda: thumbs.pixmap(canon) is not None, timeout=10_000)
    picture = model.index(row, 0).data(Qt.ItemDataRole.DecorationRole)
    assert isinstance(picture, QIcon)
    assert picture.availableSizes()[0].width() == 160
    assert model.index(row, COL["title"]).data() == "Canon_40D"  # the import's title
    assert "Retention period" in model.index(row, COL["missing"]).data()
    services.jobs.wait()


@pytest.fixture
def page(qtbot, services: UiServices, incident: IncidentRecord) -> LibraryPage:
    import_samples(services.repos, incident.id)
    add_photos(services.repos, incident.id, 6, phase="response", creator="张伟")
    services.selection.set(incident)
    widget = LibraryPage(services)
    qtbot.addWidget(widget)
    widget.resize(1200, 800)
    widget.show()
    wait_loaded(qtbot, widget.model)
    return widget


def test_filters_grid_table_selection_and_status(qtbot, page: LibraryPage,
                                                 services: UiServices) -> None:
    total = page.model.rowCount()
    assert f"{total} of {total} items loaded" in page.status_label.text()
    assert page.views.currentWidget() is page.grid
    # The recorders of the incident become choices once loaded in the worker.
    qtbot.waitUntil(lambda: page.filter_bar.creator_combo.findData("张伟") > 0)
    page.filter_bar.phase_combo.setCurrentIndex(page.filter_bar.phase_combo.findData("response"))
    wait_loaded(qtbot, page.model)
    assert page.model.rowCount() == 6
    assert "6 of 6 items loaded" in page.status_label.text()
    page.filter_bar.clear()
    wait_loaded(qtbot, page.model)
    assert page.model.rowCount() == total
    # A selection made in the grid is the table's too.
    for row in (0, 2):
        page.selection.select(page.model.index(row, 0),
                              QItemSelectionModel.SelectionFlag.Select
                              | QItemSelectionModel.SelectionFlag.Rows)
    page.show_table()
    assert page.views.currentWidget() is page.table
    assert len(page.table.selectionModel().selectedRows()) == 2
    assert "2 selected" in page.status_label.text()
    # A click on the title header sorts by title in the store.
    page.table.horizontalHeader().sectionClicked.emit(COL["title"])
    wait_loaded(qtbot, page.model)
    titles = [page.model.row_at(r).title for r in range(page.model.rowCount())]
    assert titles == sorted(titles) and page.model.order.key == "title"
    assert page.filter_bar.sort_combo.currentData() == "title"


def test_double_click_asks_for_the_editor(qtbot, page: LibraryPage) -> None:
    first = page.model.row_at(0)
    with qtbot.waitSignal(page.edit_requested) as asked:
        page.grid.doubleClicked.emit(page.model.index(0, 0))
    assert asked.args == [[first.id]]


def test_a_stored_item_reloads_the_page(qtbot, page: LibraryPage, services: UiServices,
                                        incident: IncidentRecord) -> None:
    before = page.model.rowCount()
    add_photos(services.repos, incident.id, 2,
               start=datetime.fromisoformat("2026-01-01T10:00:00+08:00"))
    services.changes.notify()
    qtbot.waitUntil(lambda: page.model.rowCount() == before + 2 and not page.model.loading,
                    timeout=10_000)


LARGE = 20_000


@pytest.fixture(scope="module")
def large_store(tmp_path_factory: pytest.TempPathFactory):
    """A store whose incident has 20,000 items (built once for this module)."""
    store = Store.open(tmp_path_factory.mktemp("large") / "store", create=True)
    inc = Repositories(store).incidents.create(
        "大型事件", "natural", "I", datetime.fromisoformat("2025-07-21T14:30:00+08:00"), "Z109")
    bulk_items(store, inc.id, LARGE)
    yield store, inc.id
    store.close()


def test_20000_items_load_one_page_at_a_time(qtbot, qapp, large_store) -> None:
    store, incident_id = large_store
    jobs = Jobs()
    model = LibraryItemModel(Repositories(store).library, jobs)
    model.set_query(incident_id, sort=LibrarySort("date", descending=True))
    wait_loaded(qtbot, model)
    assert model.rowCount() == PAGE_SIZE and model.total == LARGE
    assert model.row_at(0).title == f"现场照片{LARGE - 1:05d}"
    for _ in range(3):
        model.fetchMore()
        wait_loaded(qtbot, model)
    titles = [model.row_at(r).title for r in range(model.rowCount())]
    assert titles == [f"现场照片{n:05d}" for n in range(LARGE - 1, LARGE - 1 - 4 * PAGE_SIZE, -1)]
    model.set_query(incident_id, LibraryFilter(phase="recovery", creator="张伟"))
    wait_loaded(qtbot, model)
    assert model.total == LARGE // 4 and model.counts is not None
    assert all(model.row_at(r).phase == "recovery" for r in range(model.rowCount()))
    jobs.wait()
