"""A time hours away from the entries recorded around it asks first (issue 11, point 4): more
than NEIGHBOUR_GAP (6 h) before the entry recorded before it, or (a correction) after the one
recorded after it. The question shows both times; No stores nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import QMessageBox

from app.store.records import IncidentRecord
from app.store.repositories.log_input import NEIGHBOUR_GAP
from app.ui.labels import format_time
from app.ui.log.correction_dialog import CorrectionDialog
from app.ui.log.quick_entry import QuickEntryDialog
from app.ui.services import UiServices
from tests import ui_log_support
from tests.ui_log_support import START, type_text

people = ui_log_support.people  # a shared fixture
services = ui_log_support.services  # a shared fixture


class Questions(list[str]):
    """Questions put to the user, each answered with ``answer``."""

    answer = QMessageBox.StandardButton.No


@pytest.fixture
def asked(monkeypatch: pytest.MonkeyPatch) -> Questions:
    questions = Questions()

    def question(parent, title, text, *args):
        questions.append(text)
        return questions.answer

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    return questions


def quick_entry(qtbot, services: UiServices, incident: IncidentRecord,
                when: QDateTime, text: str) -> QuickEntryDialog:
    services.selection.set(incident)
    dialog = QuickEntryDialog(services)
    qtbot.addWidget(dialog)
    dialog.prepare()
    dialog.show()
    dialog.time_edit.setDateTime(when)
    type_text(qtbot, dialog.text_edit, text)
    dialog.save()
    return dialog


def local(value) -> QDateTime:
    """As a new entry's field shows it: in this machine's offset."""
    return QDateTime(value.astimezone().replace(tzinfo=None))


def as_recorded(value) -> QDateTime:
    """As a correction's field shows it: in the entry's own offset."""
    return QDateTime(value.replace(tzinfo=None))


def test_the_gap_is_a_few_hours() -> None:
    assert NEIGHBOUR_GAP == timedelta(hours=6)


@pytest.mark.parametrize("answer", [QMessageBox.StandardButton.No,
                                    QMessageBox.StandardButton.Yes])
def test_a_time_far_before_the_previous_entry_asks(
        qtbot, services: UiServices, people: dict[str, str], incident: IncidentRecord,
        asked: Questions, answer: QMessageBox.StandardButton) -> None:
    asked.answer = answer
    log = services.repos.log
    previous = log.add(incident.id, "晚间碰头会", occurred_at=START + timedelta(hours=20))
    # A slip of a day: typed the afternoon before, meaning this one.
    typed = START + timedelta(hours=1)
    dialog = quick_entry(qtbot, services, incident, local(typed), "转移群众")
    qtbot.waitUntil(lambda: bool(asked) and not dialog.saving)
    assert format_time(typed) in asked[0] and format_time(previous.occurred_at) in asked[0]
    assert "#1" in asked[0] and "19 hours before" in asked[0]
    if answer == QMessageBox.StandardButton.No:
        assert log.count(incident.id) == 1
        assert dialog.isVisible() and "Nothing was saved" in dialog.error.text()
    else:
        qtbot.waitUntil(lambda: log.count(incident.id) == 2)
        assert not dialog.isVisible()


def test_a_time_near_the_previous_entry_does_not_ask(
        qtbot, services: UiServices, people: dict[str, str], incident: IncidentRecord,
        asked: Questions) -> None:
    log = services.repos.log
    log.add(incident.id, "晚间碰头会", occurred_at=START + timedelta(hours=5))
    # Catching up on the morning's work in the afternoon is fine.
    dialog = quick_entry(qtbot, services, incident, local(START + timedelta(hours=1)),
                         "上午的排查")
    qtbot.waitUntil(lambda: log.count(incident.id) == 2 and not dialog.saving)
    assert asked == []


def test_a_corrected_time_far_after_the_next_entry_asks_in_chinese(
        qtbot, services: UiServices, people: dict[str, str], incident: IncidentRecord,
        asked: Questions) -> None:
    log = services.repos.log
    log.add(incident.id, "到达现场", occurred_at=START + timedelta(hours=1))
    log.add(incident.id, "开始搜救", occurred_at=START + timedelta(hours=2))
    services.translations.set_language("zh_CN")
    view = next(v for v in log.page(incident.id) if v.entry.seq == 1)
    dialog = CorrectionDialog(services, view)
    qtbot.addWidget(dialog)
    dialog.show()
    typed = START + timedelta(days=1, hours=1)  # a wrong day
    dialog.time_edit.setDateTime(as_recorded(typed))
    type_text(qtbot, dialog.reason_edit, "时间有误")
    dialog.save()
    qtbot.waitUntil(lambda: bool(asked) and not dialog.saving)
    assert "比后一条记录 #2" in asked[0] and "晚 23 小时" in asked[0]
    assert format_time(typed) in asked[0]
    assert format_time(START + timedelta(hours=2)) in asked[0]
    assert log.page(incident.id)[0].entry.corrects_id is None  # nothing stored
