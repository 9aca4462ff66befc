"""Typed times are taken as typed, and Tab leaves a date field (issue: times changed silently)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.store.repositories import Repositories
from app.ui.incident_dialog import NewIncidentDialog
from app.ui.log.filter_bar import LogFilterBar
from app.ui.log.time_fields import OccurredAtEdit


def type_over(qtbot, edit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()  # as after a click or a Tab into the field
    qtbot.keyClicks(edit, text)


def test_a_typed_date_time_is_taken_as_typed(qtbot) -> None:
    edit = OccurredAtEdit()
    qtbot.addWidget(edit)
    edit.show()
    edit.set_now()
    type_over(qtbot, edit, "2030-01-01 10:00")
    assert edit.text() == "2030-01-01 10:00"
    assert edit.value().strftime("%Y-%m-%d %H:%M") == "2030-01-01 10:00"
    type_over(qtbot, edit, "2025-7-9 8:05")
    assert edit.text() == "2025-07-09 08:05"


def test_tab_leaves_the_start_time_for_the_fonds_code(qtbot, repos: Repositories) -> None:
    dialog = NewIncidentDialog(repos)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    form = dialog.form
    before = form.start_edit.dateTime()
    form.start_edit.setFocus()
    assert form.start_edit.hasFocus()
    qtbot.keyClick(form.start_edit, Qt.Key.Key_Tab)
    assert form.fonds_edit.hasFocus(), QApplication.focusWidget()
    qtbot.keyClicks(QApplication.focusWidget(), "Z109")
    assert form.fonds_edit.text() == "Z109"
    assert form.start_edit.dateTime() == before  # typing after Tab did not touch the time


def test_the_filter_dates_take_a_typed_year(qtbot) -> None:
    bar = LogFilterBar()
    qtbot.addWidget(bar)
    bar.show()
    bar.dates_check.setChecked(True)
    type_over(qtbot, bar.from_edit, "2030-01-02")
    assert bar.from_edit.text() == "2030-01-02"
