"""Counts read as words, not "entr(ies)" (issue 11, point 9): Qt's plural forms, from an
English plural-only catalogue and the Chinese one."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.store.records import IncidentRecord
from app.ui.log.history_dialog import HistoryDialog
from app.ui.log.review_dialog import ReviewDialog
from app.ui.services import UiServices
from tests import ui_log_support
from tests.ui_log_support import START

people = ui_log_support.people  # a shared fixture
services = ui_log_support.services  # a shared fixture


@pytest.mark.parametrize(("language", "one", "two"), [
    ("en", "Review 1 entry: #1.", "Review 2 entries: #1, #2."),
    ("zh_CN", "审核 1 条记录：#1。", "审核 2 条记录：#1, #2。"),
])
def test_the_review_dialog_counts_in_words(qtbot, services: UiServices,
                                           people: dict[str, str], incident: IncidentRecord,
                                           language: str, one: str, two: str) -> None:
    for n in range(2):
        services.repos.log.add(incident.id, f"第{n + 1}条", occurred_at=START + timedelta(hours=n))
    services.translations.set_language(language)
    views = sorted(services.repos.log.page(incident.id), key=lambda v: v.entry.seq)
    single = ReviewDialog(services, views[:1])
    both = ReviewDialog(services, views)
    for dialog in (single, both):
        qtbot.addWidget(dialog)
    assert single.about.text().startswith(one)
    assert both.about.text().startswith(two)
    assert "(ies)" not in single.about.text()


def test_a_live_switch_to_english_keeps_plural_forms(qtbot, services: UiServices,
                                                     people: dict[str, str],
                                                     incident: IncidentRecord) -> None:
    entry = services.repos.log.add(incident.id, "到达现场", occurred_at=START)
    services.translations.set_language("zh_CN")
    history = HistoryDialog(services.repos.log, entry.id)
    qtbot.addWidget(history)
    qtbot.waitUntil(lambda: "共 1 个版本" in history.browser.toPlainText())
    services.translations.set_language("en")
    qtbot.waitUntil(lambda: "Entry #1: 1 version" in history.browser.toPlainText())
    assert "versions" not in history.browser.toPlainText()


@pytest.mark.parametrize(("language", "recorder", "reviewer"), [
    ("en", "Recorder: 张伟 (现场档案员)", "李审核 (Reviewer, 自治区应急管理厅)"),
    ("zh_CN", "记录人：张伟（现场档案员）", "李审核（审核人，自治区应急管理厅）"),
])
def test_people_are_punctuated_in_the_interface_language(
        qtbot, services: UiServices, people: dict[str, str], incident: IncidentRecord,
        language: str, recorder: str, reviewer: str) -> None:
    """No "Li Na（Reviewer，Banner Archives）" in English."""
    from app.ui.log.quick_entry import QuickEntryDialog

    services.repos.log.add(incident.id, "到达现场", occurred_at=START)
    services.translations.set_language(language)
    services.selection.set(incident)
    quick = QuickEntryDialog(services)
    qtbot.addWidget(quick)
    quick.show()
    quick.prepare()
    assert quick.recorder_label.text() == recorder
    review = ReviewDialog(services, services.repos.log.page(incident.id))
    qtbot.addWidget(review)
    shown = [review.reviewer_combo.itemText(n) for n in range(review.reviewer_combo.count())]
    assert reviewer in shown
