"""The timeline model and page: paging a large log, filters, review badges, corrections."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt

from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.store import Store
from app.store.worklog_records import LogFilter
from app.ui.log.badges import StatusRole
from app.ui.log.history_dialog import HistoryDialog
from app.ui.log.timeline_model import COLUMN_KEYS, PAGE_SIZE, LogTimelineModel
from app.ui.log.timeline_page import WorkLogPage
from app.ui.services import UiServices
from app.ui.worker import Jobs
from tests import ui_log_support
from tests.ui_log_support import REVIEWER_PASSPHRASE, START, bulk_log

people = ui_log_support.people  # a shared fixture
services = ui_log_support.services  # a shared fixture

LARGE = 100_000
COL = {key: n for n, key in enumerate(COLUMN_KEYS)}


def wait_loaded(qtbot, model: LogTimelineModel) -> None:
    qtbot.waitUntil(lambda: not model.loading, timeout=20_000)


@pytest.fixture(scope="module")
def large_log(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, str]]:
    """A store whose incident has a 100,000-entry log (built once for this module)."""
    store = Store.open(tmp_path_factory.mktemp("large") / "store", create=True)
    repos = Repositories(store)
    op = repos.operators.add("张三", "旗应急管理局", "archivist")
    inc = repos.incidents.create("大型日志事件", "natural", "I", START, "Z109", number="BIG")
    bulk_log(store, inc.id, op.id, LARGE)
    yield store, inc.id
    store.close()


def test_a_100000_entry_log_loads_one_page_at_a_time(qtbot, qapp,
                                                    large_log: tuple[Store, str]) -> None:
    store, incident_id = large_log
    jobs = Jobs()
    model = LogTimelineModel(Repositories(store).log, jobs)
    model.set_query(incident_id)
    wait_loaded(qtbot, model)
    # Only the first page is in memory; the count says how many there are.
    assert model.rowCount() == PAGE_SIZE
    assert model.total == LARGE
    assert model.canFetchMore()
    # Newest first: the last entry made is the first row.
    assert model.index(0, COL["seq"]).data() == f"#{LARGE}"
    model.fetchMore()
    wait_loaded(qtbot, model)
    assert model.rowCount() == 2 * PAGE_SIZE
    # Pages follow on without a gap or a repeat.
    seqs = [model.view_at(r).entry.seq for r in range(model.rowCount())]
    assert seqs == list(range(LARGE, LARGE - 2 * PAGE_SIZE, -1))
    # Oldest first starts at the beginning.
    model.set_query(incident_id, newest_first=False)
    wait_loaded(qtbot, model)
    assert model.index(0, COL["seq"]).data() == "#1"
    assert model.rowCount() == PAGE_SIZE
    jobs.wait()


def test_model_passes_qtmodeltester(qtbot, qtmodeltester, services: UiServices,
                                    people: dict[str, str], incident: IncidentRecord) -> None:
    log = services.repos.log
    for n in range(7):
        log.add(incident.id, f"第{n + 1}条：搜救", occurred_at=START + timedelta(hours=n),
                category="capture" if n % 2 else "meeting")
    first = log.page(incident.id)[0]
    log.correct(first.id, "第1条：搜救（已更正）", "时间写错")
    model = LogTimelineModel(log, services.jobs, page_size=3)
    model.set_query(incident.id)
    wait_loaded(qtbot, model)
    qtmodeltester.check(model)
    wait_loaded(qtbot, model)  # the tester itself asked for the next page
    while model.canFetchMore():
        model.fetchMore()
        wait_loaded(qtbot, model)
    assert model.rowCount() == 7
    qtmodeltester.check(model)


@pytest.fixture
def page(qtbot, services: UiServices, people: dict[str, str],
         incident: IncidentRecord) -> WorkLogPage:
    services.selection.set(incident)
    widget = WorkLogPage(services)
    qtbot.addWidget(widget)
    widget.show()
    wait_loaded(qtbot, widget.model)
    return widget


def fill_some(repos: Repositories, incident: IncidentRecord) -> list[str]:
    ids = []
    for n, (category, phase) in enumerate([("meeting", "response"), ("capture", "response"),
                                           ("decision", "recovery"), ("capture", "recovery"),
                                           ("other", "warning")]):
        ids.append(repos.log.add(incident.id, f"第{n + 1}条", category=category, phase=phase,
                                 occurred_at=START + timedelta(days=n)).id)
    return ids


def test_filters_narrow_the_rows(qtbot, page: WorkLogPage, services: UiServices,
                                 incident: IncidentRecord) -> None:
    ids = fill_some(services.repos, incident)
    services.repos.log.review([ids[0]], "李审核", REVIEWER_PASSPHRASE)
    page.reload()
    wait_loaded(qtbot, page.model)
    assert page.model.rowCount() == 5
    bar = page.filter_bar

    bar.category_combo.setCurrentIndex(bar.category_combo.findData("capture"))
    wait_loaded(qtbot, page.model)
    assert page.model.rowCount() == 2
    assert page.count_label.text() == "2 of 5 entries match the filters"
    bar.phase_combo.setCurrentIndex(bar.phase_combo.findData("recovery"))
    wait_loaded(qtbot, page.model)
    assert [page.model.view_at(r).entry.content for r in range(page.model.rowCount())] == [
        "第4条"]
    bar.clear()
    wait_loaded(qtbot, page.model)
    assert page.model.rowCount() == 5

    bar.status_combo.setCurrentIndex(bar.status_combo.findData("approved"))
    wait_loaded(qtbot, page.model)
    assert [page.model.view_at(r).id for r in range(page.model.rowCount())] == [ids[0]]
    bar.status_combo.setCurrentIndex(bar.status_combo.findData("unreviewed"))
    wait_loaded(qtbot, page.model)
    assert page.model.rowCount() == 4
    bar.clear()

    # Days 2 and 3 of the incident (the "to" day is included).
    day = START.date()
    bar.set_date_range(QDate(day + timedelta(days=1)), QDate(day + timedelta(days=2)))
    bar.dates_check.setChecked(True)
    wait_loaded(qtbot, page.model)
    assert sorted(page.model.view_at(r).entry.content
                  for r in range(page.model.rowCount())) == ["第2条", "第3条"]
    bar.clear()

    services.repos.operators.add("王五", "旗档案馆", "archivist")
    services.repos.log.add(incident.id, "王五的记录", operator="王五",
                           occurred_at=START + timedelta(hours=1),
                           force=True)  # days before the last entry: confirmed
    page.reload()
    wait_loaded(qtbot, page.model)
    bar.recorder_combo.setCurrentIndex(bar.recorder_combo.findData("王五"))
    wait_loaded(qtbot, page.model)
    assert [page.model.view_at(r).entry.content for r in range(page.model.rowCount())] == [
        "王五的记录"]


def test_review_state_and_corrections_are_shown_plainly(qtbot, page: WorkLogPage,
                                                        services: UiServices,
                                                        incident: IncidentRecord) -> None:
    log = services.repos.log
    ids = fill_some(services.repos, incident)
    log.review([ids[1]], "李审核", REVIEWER_PASSPHRASE)
    log.review([ids[2]], "李审核", REVIEWER_PASSPHRASE, opinion="时间不对", returned=True)
    log.correct(ids[3], "第4条（更正）", "写错了街区")
    page.reload()
    wait_loaded(qtbot, page.model)
    rows = {page.model.view_at(r).entry.content: r for r in range(page.model.rowCount())}

    def cell(text: str, key: str, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        return page.model.index(rows[text], COL[key]).data(role)

    assert cell("第1条", "review") == "Unreviewed"
    assert cell("第2条", "review") == "Approved"
    assert cell("第3条", "review") == "Returned with comments"
    assert cell("第3条", "review", StatusRole) == "returned"
    assert "时间不对" in cell("第3条", "review", Qt.ItemDataRole.ToolTipRole)
    assert cell("第4条（更正）", "content") == "[corrected] 第4条（更正）"
    assert cell("第4条（更正）", "seq") == "#4→#6"
    assert "写错了街区" in cell("第4条（更正）", "content", Qt.ItemDataRole.ToolTipRole)

    services.translations.set_language("zh_CN")
    assert cell("第1条", "review") == "未审核"
    assert cell("第2条", "review") == "已通过"
    assert cell("第3条", "review") == "退回修改"
    assert cell("第4条（更正）", "content").startswith("〔已更正〕")


def test_history_is_one_double_click_away(qtbot, page: WorkLogPage,
                                          services: UiServices,
                                          incident: IncidentRecord) -> None:
    log = services.repos.log
    entry = log.add(incident.id, "原文：三号街区", occurred_at=START + timedelta(hours=2))
    log.correct(entry.id, "更正：四号街区", "街区写错")
    page.reload()
    wait_loaded(qtbot, page.model)
    page.select_row(0)
    page.view.doubleClicked.emit(page.model.index(0, COL["content"]))
    dialog = page.findChild(HistoryDialog, "logHistoryDialog")
    assert dialog is not None and dialog.isVisible()
    text = dialog.browser.toPlainText()
    assert "原文：三号街区" in text and "更正：四号街区" in text and "街区写错" in text
    assert text.index("原文：三号街区") < text.index("更正：四号街区")


def test_rendering_writes_pdf_and_xml(qtbot, page: WorkLogPage, services: UiServices,
                                      incident: IncidentRecord, tmp_path: Path) -> None:
    fill_some(services.repos, incident)
    for suffix in (".pdf", ".xml"):
        dialog = page.render_log()
        assert dialog is not None
        (dialog.pdf_radio if suffix == ".pdf" else dialog.xml_radio).setChecked(True)
        dialog.path_edit.setText(str(tmp_path / f"日志{suffix}"))
        dialog.save()
        qtbot.waitUntil(lambda d=dialog: d.outcome is not None, timeout=30_000)
        out = tmp_path / f"日志{suffix}"
        assert out.is_file() and out.stat().st_size > 1000
        assert str(out) in page.message_label.text()
    assert (tmp_path / "日志.pdf").read_bytes().startswith(b"%PDF")
    assert b"<?xml" in (tmp_path / "日志.xml").read_bytes()[:100]


def test_no_incident_shows_nothing(qtbot, services: UiServices) -> None:
    widget = WorkLogPage(services)
    qtbot.addWidget(widget)
    assert widget.model.rowCount() == 0
    assert not widget.model.canFetchMore()
    assert widget.count_label.text() == "No incident selected."
    assert not widget.render_action.isEnabled()


def test_filter_model_query_matches_repository(services: UiServices,
                                               people: dict[str, str],
                                               incident: IncidentRecord) -> None:
    """What the bar asks for is a LogFilter the repository understands."""
    from app.ui.log.filter_bar import LogFilterBar

    bar = LogFilterBar()
    assert bar.filters() == LogFilter()
    bar.status_combo.setCurrentIndex(bar.status_combo.findData("returned"))
    assert bar.filters().review_status == "returned"
    assert services.repos.log.count(incident.id, bar.filters()) == 0


def test_clicking_the_time_header_turns_the_order(qtbot, page: WorkLogPage,
                                                  services: UiServices,
                                                  incident: IncidentRecord) -> None:
    fill_some(services.repos, incident)
    page.reload()
    wait_loaded(qtbot, page.model)
    assert page.model.view_at(0).entry.content == "第5条"  # newest first
    page.view.horizontalHeader().sectionClicked.emit(COL["time"])
    wait_loaded(qtbot, page.model)
    assert page.model.view_at(0).entry.content == "第1条"
    assert page.view.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    # Other columns do not sort (a page holds only part of the log): the order stays.
    page.view.horizontalHeader().sectionClicked.emit(COL["category"])
    assert page.view.horizontalHeader().sortIndicatorSection() == COL["time"]
    assert page.model.view_at(0).entry.content == "第1条"


def test_scrolling_near_the_end_loads_the_next_page(qtbot, tmp_path: Path,
                                                    large_log: tuple[Store, str]) -> None:
    from PySide6.QtCore import QSettings

    from app.ui.i18n import Translations
    from app.ui.settings import UiSettings

    store, incident_id = large_log
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    services = UiServices.for_store(store, settings, Translations(tmp_path / "cache"), Jobs())
    services.selection.set(services.repos.incidents.get(incident_id))
    widget = WorkLogPage(services)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    wait_loaded(qtbot, widget.model)
    assert widget.model.rowCount() == PAGE_SIZE
    assert widget.count_label.text() == "100000 entries"  # the whole log, not the loaded rows
    bar = widget.view.verticalScrollBar()
    bar.setValue(bar.maximum() - widget.view.viewport().height() // 2)  # not yet at the end
    qtbot.waitUntil(lambda: widget.model.rowCount() == 2 * PAGE_SIZE, timeout=20_000)
    wait_loaded(qtbot, widget.model)
    assert widget.model.rowCount() < LARGE  # still only what was scrolled to
    services.jobs.wait()
