"""Quick entry: Ctrl+L from anywhere, type, Enter; the entry is stored and on the timeline."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import QMessageBox

from app.capture.importer import import_files
from app.domain.timeutil import now_local
from app.store.records import IncidentRecord
from app.store.worklog_records import LogFilter
from app.ui.log.quick_entry import QuickEntryDialog
from app.ui.log.templates import template
from app.ui.log.timeline_page import WorkLogPage
from app.ui.main_window import MainWindow
from app.ui.services import UiServices
from tests import ui_log_support
from tests.conftest import DATA
from tests.ui_log_support import type_text

people = ui_log_support.people  # a shared fixture
services = ui_log_support.services  # a shared fixture


@pytest.fixture
def window(qtbot, services: UiServices, people: dict[str, str],
           incident: IncidentRecord) -> MainWindow:
    win = MainWindow(services)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitActive(win)
    page = log_page(win)
    qtbot.waitUntil(lambda: not page.model.loading)
    return win


def log_page(win: MainWindow) -> WorkLogPage:
    page = win.pages["worklog"]
    assert isinstance(page, WorkLogPage)
    return page


def open_by_shortcut(qtbot, win: MainWindow) -> QuickEntryDialog:
    win.tabs.setCurrentWidget(win.pages["capture"])  # the shortcut works from any page
    qtbot.keyClick(win, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    dialog = log_page(win).quick_entry
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def wait_saved(qtbot, page: WorkLogPage, dialog: QuickEntryDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.saving and not page.model.loading)


def test_keyboard_only_entry_is_stored_and_shown(qtbot, window: MainWindow,
                                                 incident: IncidentRecord,
                                                 services: UiServices) -> None:
    page = log_page(window)
    dialog = open_by_shortcut(qtbot, window)
    assert dialog.text_edit.hasFocus() or dialog.focusWidget() is dialog.text_edit
    # The time is already there: now.
    shown = dialog.time_edit.dateTime().toPython()
    assert abs(shown - now_local().replace(tzinfo=None)) < timedelta(minutes=1)

    type_text(qtbot, dialog.text_edit, "到达现场，开始拍摄")
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    type_text(qtbot, dialog.text_edit, "三号街区")
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)
    wait_saved(qtbot, page, dialog)

    assert not dialog.isVisible()
    stored = services.repos.log.page(incident.id)
    assert [v.entry.content for v in stored] == ["到达现场，开始拍摄\n三号街区"]
    assert stored[0].entry.recorder_name == "张伟"
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert "到达现场，开始拍摄" in page.model.index(0, 3).data()
    assert "#1" in page.message_label.text()
    # The new row is selected, ready to be looked at.
    assert [v.id for v in page.selected_views()] == [stored[0].id]


def test_empty_text_stores_nothing_and_says_so(qtbot, window: MainWindow,
                                               incident: IncidentRecord,
                                               services: UiServices) -> None:
    dialog = open_by_shortcut(qtbot, window)
    type_text(qtbot, dialog.text_edit, "   ")
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error.isVisible()
    assert "nothing was saved" in dialog.error.text()
    assert services.repos.log.count(incident.id) == 0


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.No,
                                    QMessageBox.StandardButton.Yes])
def test_a_future_time_asks_first(qtbot, window: MainWindow, incident: IncidentRecord,
                                  services: UiServices, monkeypatch,
                                  answer: QMessageBox.StandardButton) -> None:
    asked: list[str] = []

    def question(parent, title, text, *args):
        asked.append(text)
        return answer

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    page = log_page(window)
    dialog = open_by_shortcut(qtbot, window)
    dialog.time_edit.setDateTime(QDateTime.currentDateTime().addDays(2))
    type_text(qtbot, dialog.text_edit, "明天的会议")
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(asked))
    wait_saved(qtbot, page, dialog)
    assert "in the future" in asked[0]
    if answer == QMessageBox.StandardButton.No:
        assert services.repos.log.count(incident.id) == 0
        assert dialog.isVisible() and "Nothing was saved" in dialog.error.text()
    else:
        stored = services.repos.log.page(incident.id)
        assert [v.entry.content for v in stored] == ["明天的会议"]
        assert stored[0].entry.occurred_at > now_local() + timedelta(days=1)
        assert not dialog.isVisible()


def test_a_time_before_the_incident_asks_too(qtbot, window: MainWindow,
                                             incident: IncidentRecord, monkeypatch,
                                             services: UiServices) -> None:
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(
        lambda parent, title, text, *args: asked.append(text) or QMessageBox.StandardButton.No))
    dialog = open_by_shortcut(qtbot, window)
    dialog.time_edit.setDateTime(QDateTime(incident.started_at.replace(tzinfo=None))
                                 .addDays(-3))
    type_text(qtbot, dialog.text_edit, "预警")
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(asked) and not dialog.saving)
    assert "before the incident started" in asked[0]
    assert services.repos.log.count(incident.id) == 0


def test_templates_prefill_text_and_category(qtbot, window: MainWindow,
                                             incident: IncidentRecord,
                                             services: UiServices) -> None:
    page = log_page(window)
    dialog = open_by_shortcut(qtbot, window)
    qtbot.mouseClick(dialog.template_buttons["meeting"], Qt.MouseButton.LeftButton)
    assert dialog.text_edit.toPlainText() == template("meeting").prefill()
    assert dialog.category_combo.currentData() == "meeting"
    # Another template replaces an untouched prefill.
    qtbot.mouseClick(dialog.template_buttons["handover"], Qt.MouseButton.LeftButton)
    assert dialog.text_edit.toPlainText() == "Received a handover: "
    assert dialog.category_combo.currentData() == "handover"
    # A prefill alone is not an entry.
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)
    assert dialog.error.isVisible()
    # The cursor waits at the end: typing continues the sentence.
    type_text(qtbot, dialog.text_edit, "旗融媒体中心照片120张")
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)
    wait_saved(qtbot, page, dialog)
    entry = services.repos.log.page(incident.id)[0].entry
    assert entry.content == "Received a handover: 旗融媒体中心照片120张"
    assert entry.category == "handover"


def test_templates_speak_chinese_in_the_chinese_interface(qtbot, window: MainWindow,
                                                          services: UiServices) -> None:
    services.translations.set_language("zh_CN")
    dialog = open_by_shortcut(qtbot, window)
    assert dialog.template_buttons["arrival"].text() == "到达现场"
    assert dialog.template_buttons["interview"].text() == "完成口述采录"
    qtbot.mouseClick(dialog.template_buttons["interview"], Qt.MouseButton.LeftButton)
    assert dialog.text_edit.toPlainText().startswith("完成口述采录")
    assert dialog.category_combo.currentText() == "口述采录"


def test_details_phase_place_participants(qtbot, window: MainWindow, incident: IncidentRecord,
                                          services: UiServices) -> None:
    page = log_page(window)
    dialog = open_by_shortcut(qtbot, window)
    assert not dialog.more.isVisible()  # out of the way until asked for
    dialog.more_button.click()
    assert dialog.more.isVisible()
    dialog.phase_combo.setCurrentIndex(dialog.phase_combo.findData("recovery"))
    type_text(qtbot, dialog.place_edit, "三号街区")
    type_text(qtbot, dialog.participants_edit, "王五、赵六")
    type_text(qtbot, dialog.text_edit, "安置点走访")
    qtbot.keyClick(dialog.place_edit, Qt.Key.Key_Return)  # Enter in a field saves too
    wait_saved(qtbot, page, dialog)
    entry = services.repos.log.page(incident.id)[0].entry
    assert (entry.phase, entry.place, entry.participants) == ("recovery", "三号街区",
                                                              "王五、赵六")


def test_links_the_item_just_captured(qtbot, window: MainWindow, incident: IncidentRecord,
                                      services: UiServices) -> None:
    report = import_files(services.repos, incident.id,
                          [Path(DATA, "camera-samples", "jpg", "Canon_40D.jpg")])
    item_id = report.imported[0].item_id
    services.last_item.set(item_id)  # what the capture page does after storing
    page = log_page(window)
    dialog = open_by_shortcut(qtbot, window)
    assert dialog.links.isVisible() and dialog.links.checked_ids() == (item_id,)
    assert "Canon_40D" in dialog.links.item(0).text()
    type_text(qtbot, dialog.text_edit, "拍摄受损房屋")
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)
    wait_saved(qtbot, page, dialog)
    entry = services.repos.log.page(incident.id)[0].entry
    assert entry.linked_items == (item_id,)
    # The timeline shows the photo's thumbnail beside the entry.
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    page.model.index(0, 4).data(Qt.ItemDataRole.DecorationRole)  # asks for it
    qtbot.waitUntil(lambda: page.model.index(0, 4).data(
        Qt.ItemDataRole.DecorationRole) is not None)
    pixmap = page.model.index(0, 4).data(Qt.ItemDataRole.DecorationRole)
    assert 0 < pixmap.width() <= 56 and 0 < pixmap.height() <= 40


def test_unticked_link_is_not_stored(qtbot, window: MainWindow, incident: IncidentRecord,
                                     services: UiServices) -> None:
    report = import_files(services.repos, incident.id,
                          [Path(DATA, "camera-samples", "jpg", "Nikon_D70.jpg")])
    services.last_item.set(report.imported[0].item_id)
    page = log_page(window)
    dialog = open_by_shortcut(qtbot, window)
    dialog.links.set_checked(report.imported[0].item_id, False)
    type_text(qtbot, dialog.text_edit, "例行巡查")
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)
    wait_saved(qtbot, page, dialog)
    assert services.repos.log.page(incident.id)[0].entry.linked_items == ()


def test_escape_keeps_the_draft(qtbot, window: MainWindow, incident: IncidentRecord,
                                services: UiServices) -> None:
    dialog = open_by_shortcut(qtbot, window)
    type_text(qtbot, dialog.text_edit, "写了一半")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert services.repos.log.count(incident.id) == 0
    again = open_by_shortcut(qtbot, window)
    assert again is dialog and again.text_edit.toPlainText() == "写了一半"


def test_menu_shows_the_action_with_its_shortcut(window: MainWindow) -> None:
    page = log_page(window)
    titles = [m.title() for m in window.page_menus.values()]
    assert titles == ["&Work log"]
    menu = next(iter(window.page_menus.values()))
    assert page.new_entry_action in menu.actions()
    assert page.new_entry_action.shortcut().toString() == "Ctrl+L"
    assert page.new_entry_action.shortcutContext() == Qt.ShortcutContext.ApplicationShortcut


def test_a_link_is_used_once_and_an_older_capture_is_offered_unticked(
        qtbot, window: MainWindow, incident: IncidentRecord, services: UiServices) -> None:
    report = import_files(services.repos, incident.id,
                          [Path(DATA, "camera-samples", "jpg", "Canon_40D.jpg")])
    item_id = report.imported[0].item_id
    services.last_item.set(item_id)
    page = log_page(window)
    dialog = open_by_shortcut(qtbot, window)
    assert dialog.links.checked_ids() == (item_id,)
    type_text(qtbot, dialog.text_edit, "拍摄受损房屋")
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)
    wait_saved(qtbot, page, dialog)
    # The next entry is about something else: the photo is offered, not ticked.
    qtbot.waitUntil(lambda: not dialog.isVisible())
    dialog = page.open_quick_entry()
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.links.ids() == (item_id,) and dialog.links.checked_ids() == ()
    type_text(qtbot, dialog.text_edit, "召开碰头会")
    qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: services.repos.log.count(incident.id, LogFilter()) == 2)
    entries = {v.entry.content: v.entry for v in services.repos.log.page(incident.id)}
    assert entries["拍摄受损房屋"].linked_items == (item_id,)
    assert entries["召开碰头会"].linked_items == ()


def test_a_capture_from_minutes_ago_is_offered_but_not_ticked(
        qtbot, window: MainWindow, incident: IncidentRecord, services: UiServices,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from app.ui.log import quick_entry

    report = import_files(services.repos, incident.id,
                          [Path(DATA, "camera-samples", "jpg", "Nikon_D70.jpg")])
    services.last_item.set(report.imported[0].item_id)
    monkeypatch.setattr(quick_entry, "RECENT_CAPTURE", timedelta(seconds=0))
    dialog = open_by_shortcut(qtbot, window)
    assert dialog.links.isVisible() and dialog.links.checked_ids() == ()


def test_write_first_goes_once_something_is_written(qtbot, window: MainWindow) -> None:
    dialog = open_by_shortcut(qtbot, window)
    dialog.save()
    assert dialog.error.isVisible()
    type_text(qtbot, dialog.text_edit, "巡")
    assert not dialog.error.isVisible()
    dialog.clear()
    dialog.reject()
