"""Review (审核) and correction on screen: passphrase, own entries, reasons, history."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QWidget
from shiboken6 import Shiboken

from app.store.records import IncidentRecord
from app.ui.log.correction_dialog import CorrectionDialog
from app.ui.log.review_dialog import ReviewDialog
from app.ui.log.timeline_model import COLUMN_KEYS
from app.ui.log.timeline_page import WorkLogPage
from app.ui.services import UiServices
from tests import ui_log_support
from tests.ui_log_support import REVIEWER_PASSPHRASE, START, type_text

people = ui_log_support.people  # a shared fixture
services = ui_log_support.services  # a shared fixture

REVIEW = COLUMN_KEYS.index("review")


@pytest.fixture
def page(qtbot, services: UiServices, people: dict[str, str],
         incident: IncidentRecord) -> WorkLogPage:
    for n in range(3):
        services.repos.log.add(incident.id, f"第{n + 1}条：现场记录",
                               occurred_at=START + timedelta(hours=n))
    services.selection.set(incident)
    widget = WorkLogPage(services)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: not widget.model.loading)
    return widget


def select_rows(page: WorkLogPage, rows: list[int]) -> None:
    selection = QItemSelection()
    for row in rows:
        selection.select(page.model.index(row, 0), page.model.index(row, REVIEW))
    page.view.selectionModel().select(selection,
                                      QItemSelectionModel.SelectionFlag.ClearAndSelect)


def open_review(page: WorkLogPage, rows: list[int]) -> ReviewDialog:
    select_rows(page, rows)
    assert page.review_action.isEnabled()
    page.review_action.trigger()
    dialog = page.findChild(ReviewDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def closed(dialog: QWidget) -> bool:
    """Closed dialogs are deleted (WA_DeleteOnClose)."""
    return not Shiboken.isValid(dialog) or not dialog.isVisible()


def reviews_in_store(services: UiServices, incident: IncidentRecord) -> int:
    return sum(len(v.entry.reviews) for v in services.repos.log.page(incident.id))


def test_review_is_offered_only_for_a_selection(page: WorkLogPage) -> None:
    assert not page.review_action.isEnabled()
    assert not page.correct_action.isEnabled()
    select_rows(page, [0, 1])
    assert page.review_action.isEnabled()
    assert not page.correct_action.isEnabled()  # one entry at a time
    select_rows(page, [1])
    assert page.correct_action.isEnabled() and page.history_action.isEnabled()


def test_approve_with_the_right_passphrase(qtbot, page: WorkLogPage, incident: IncidentRecord,
                                           services: UiServices) -> None:
    dialog = open_review(page, [0, 2])
    assert dialog.reviewer_combo.currentData() == "李审核"
    type_text(qtbot, dialog.passphrase_edit, REVIEWER_PASSPHRASE)
    type_text(qtbot, dialog.opinion_edit, "记录完整")
    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closed(dialog))
    views = {v.entry.seq: v.entry for v in services.repos.log.page(incident.id)}
    assert views[3].review_status == "approved" and views[1].review_status == "approved"
    assert views[2].review_status == "unreviewed"
    assert views[3].reviews[0].opinion == "记录完整"
    # The timeline shows the new state in place.
    qtbot.waitUntil(lambda: page.model.index(0, REVIEW).data() == "Approved")
    assert page.model.index(1, REVIEW).data() == "Unreviewed"
    assert page.model.index(2, REVIEW).data() == "Approved"
    assert "2 entr" in page.message_label.text()


def test_wrong_passphrase_stores_nothing(qtbot, page: WorkLogPage, incident: IncidentRecord,
                                         services: UiServices) -> None:
    dialog = open_review(page, [0])
    type_text(qtbot, dialog.passphrase_edit, "not-the-passphrase")
    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.busy and dialog.error.isVisible())
    assert "Wrong passphrase for 李审核; nothing was stored." == dialog.error.text()
    assert dialog.isVisible()
    assert reviews_in_store(services, incident) == 0
    # Corrected, it goes through.
    dialog.passphrase_edit.setText(REVIEWER_PASSPHRASE)
    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closed(dialog))
    assert reviews_in_store(services, incident) == 1


def test_return_needs_comments(qtbot, page: WorkLogPage, incident: IncidentRecord,
                               services: UiServices) -> None:
    dialog = open_review(page, [1])
    dialog.passphrase_edit.setText(REVIEWER_PASSPHRASE)
    qtbot.mouseClick(dialog.return_button, Qt.MouseButton.LeftButton)
    assert "needs comments" in dialog.error.text()
    assert reviews_in_store(services, incident) == 0
    type_text(qtbot, dialog.opinion_edit, "请补充地点")
    qtbot.mouseClick(dialog.return_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: closed(dialog))
    entry = services.repos.log.page(incident.id, newest_first=True)[1].entry
    assert entry.review_status == "returned" and entry.reviews[0].opinion == "请补充地点"
    qtbot.waitUntil(lambda: page.model.index(1, REVIEW).data() == "Returned with comments")


def test_nobody_reviews_their_own_entry(qtbot, page: WorkLogPage, incident: IncidentRecord,
                                        services: UiServices) -> None:
    services.repos.log.add(incident.id, "组长自己的记录", operator="李审核",
                           occurred_at=START + timedelta(hours=5))
    page.reload()
    qtbot.waitUntil(lambda: not page.model.loading)
    dialog = open_review(page, [0, 1])  # newest first: the reviewer's own entry and #3
    dialog.passphrase_edit.setText(REVIEWER_PASSPHRASE)
    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.error.isVisible() and not dialog.busy)
    assert "李审核 recorded entry #4" in dialog.error.text()
    assert "Nothing was stored" in dialog.error.text()
    assert reviews_in_store(services, incident) == 0


def test_the_repository_refuses_an_own_entry_too(qtbot, page: WorkLogPage,
                                                 incident: IncidentRecord,
                                                 services: UiServices) -> None:
    """Even when the screen's own check is passed by (a recorder without an operator id)."""
    from app.ui.log.jobs import OWN_ENTRY_REFUSED, review_entries

    own = services.repos.log.add(incident.id, "组长自己的记录", operator="李审核")
    outcome = review_entries(services.repos, [own.id], "李审核", REVIEWER_PASSPHRASE, "", False,
                             cancel=None, progress=lambda *a: None)  # type: ignore[arg-type]
    assert outcome.refused == OWN_ENTRY_REFUSED
    assert reviews_in_store(services, incident) == 0


def test_no_reviewer_no_review(qtbot, services: UiServices,
                               incident: IncidentRecord) -> None:
    services.repos.operators.add("张伟", "自治区档案馆", "archivist")
    services.repos.log.add(incident.id, "记录")
    services.selection.set(incident)
    widget = WorkLogPage(services)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.model.rowCount() == 1)
    select_rows(widget, [0])
    assert not widget.review_action.isEnabled()


def open_correction(page: WorkLogPage, row: int) -> CorrectionDialog:
    select_rows(page, [row])
    page.correct_action.trigger()
    dialog = page.findChild(CorrectionDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def test_correction_keeps_the_original_in_history(qtbot, page: WorkLogPage,
                                                  incident: IncidentRecord,
                                                  services: UiServices) -> None:
    dialog = open_correction(page, 2)  # the oldest: 第1条
    assert dialog.text_edit.toPlainText() == "第1条：现场记录"
    dialog.text_edit.setPlainText("第1条：现场记录（四号街区）")
    dialog.save()
    assert "reason" in dialog.error.text()  # required
    assert services.repos.log.count(incident.id) == 3
    assert len(services.repos.log.history(page.model.view_at(2).id).versions) == 1
    type_text(qtbot, dialog.reason_edit, "街区写错")
    qtbot.keyClick(dialog.reason_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: closed(dialog))

    current = page.model.view_at(2)
    assert current.entry.content == "第1条：现场记录（四号街区）"
    assert page.model.index(2, 3).data().startswith("[corrected]")
    assert page.model.index(2, 0).data() == "#1→#4"
    history = services.repos.log.history(current.id).versions
    assert [v.content for v in history] == ["第1条：现场记录", "第1条：现场记录（四号街区）"]
    assert history[1].correction_reason == "街区写错"
    # The history is one click away and shows both, with the reason.
    page.history_action.trigger()
    from app.ui.log.history_dialog import HistoryDialog

    shown = page.findChild(HistoryDialog)
    assert shown is not None and shown.isVisible()
    text = shown.browser.toPlainText()
    assert "第1条：现场记录" in text and "街区写错" in text and "current text" in text


def test_a_correction_that_changes_nothing_is_refused(qtbot, page: WorkLogPage,
                                                      incident: IncidentRecord,
                                                      services: UiServices) -> None:
    dialog = open_correction(page, 0)
    dialog.reason_edit.setText("再看一遍")
    dialog.save()
    qtbot.waitUntil(lambda: dialog.error.isVisible() and not dialog.saving)
    assert "changes nothing" in dialog.error.text()
    assert services.repos.log.count(incident.id) == 3


def test_the_missing_reason_error_goes_once_a_reason_is_typed(qtbot, page: WorkLogPage) -> None:
    dialog = open_correction(page, 2)
    dialog.text_edit.setPlainText("第1条：现场记录（四号街区）")
    dialog.save()
    assert dialog.error.isVisible() and "reason" in dialog.error.text()
    type_text(qtbot, dialog.reason_edit, "街")
    assert not dialog.error.isVisible()
    dialog.reject()


def test_a_corrected_time_stays_in_the_entrys_own_offset(
        qtbot, page: WorkLogPage, incident: IncidentRecord, services: UiServices,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # The laptop is set to another zone than the entries (+08:00): the field must show the
    # entry's time as the heading does, and a changed minute must not shift the hour.
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        dialog = open_correction(page, 1)  # 第2条, 15:30 +08:00
        shown = dialog.time_edit.dateTime()
        assert (shown.time().hour(), shown.time().minute()) == (15, 30)
        assert "15:30" in dialog.about.text()
        dialog.time_edit.setDateTime(shown.addSecs(5 * 60))
        dialog.reason_edit.setText("时间记错")
        dialog.save()
        qtbot.waitUntil(lambda: closed(dialog))
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    corrected = services.repos.log.history(page.model.view_at(1).id).versions[-1]
    assert corrected.occurred_at == START + timedelta(hours=1, minutes=5)
    assert corrected.occurred_at.utcoffset() == timedelta(hours=8)
