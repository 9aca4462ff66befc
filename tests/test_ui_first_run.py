"""The first-run dialog, driven from the keyboard: operator and first incident."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from app.store.repositories import Repositories
from app.ui.first_run import FirstRunDialog, needs_first_run


@pytest.fixture
def dialog(qtbot, repos: Repositories) -> Iterator[FirstRunDialog]:
    dlg = FirstRunDialog(repos)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    yield dlg
    if dlg.isVisible():
        dlg.reject()


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def type_text(qtbot, text: str) -> None:
    """Type into the focused widget; Chinese arrives as committed text, as from an IME."""
    widget = focused()
    assert widget is not None
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier,
                                      char))


def type_and_tab(qtbot, text: str) -> None:
    type_text(qtbot, text)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)


def tab_until(qtbot, target: QWidget, limit: int = 10) -> None:
    """Tab on (a date-time edit takes one Tab per section) until ``target`` has focus."""
    for _ in range(limit):
        if focused() is target:
            return
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is target


def test_keyboard_only_creates_operator_and_incident(qtbot, dialog: FirstRunDialog,
                                                     repos: Repositories) -> None:
    assert needs_first_run(repos)
    assert focused() is dialog.operator_form.name_edit
    type_and_tab(qtbot, "张伟")
    type_and_tab(qtbot, "自治区档案馆")
    type_and_tab(qtbot, "现场档案员")
    assert focused() is dialog.operator_form.role_combo
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)  # keep the archivist role
    assert focused() is dialog.incident_form.name_edit
    type_and_tab(qtbot, "2025年某旗7.1级地震")
    qtbot.keyClick(focused(), Qt.Key.Key_Down)  # 自然灾害
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClick(focused(), Qt.Key.Key_Down)  # 特别重大
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    tab_until(qtbot, dialog.incident_form.fonds_edit)  # start time stays "now"
    type_and_tab(qtbot, "Z109")
    type_and_tab(qtbot, "EQ2025-01")
    type_text(qtbot, "内蒙古某旗")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # Enter = OK

    assert dialog.result() == QDialog.DialogCode.Accepted
    operators = repos.operators.list()
    assert [(o.name, o.unit, o.position, o.role) for o in operators] == [
        ("张伟", "自治区档案馆", "现场档案员", "archivist")]
    assert repos.operators.default().name == "张伟"
    (incident,) = repos.incidents.list()
    assert (incident.name, incident.kind, incident.level, incident.fonds_code,
            incident.number, incident.place) == (
        "2025年某旗7.1级地震", "natural", "I", "Z109", "EQ2025-01", "内蒙古某旗")
    assert not needs_first_run(repos)
    # The incident is attributed to the new operator in the audit trail.
    events = [e for e in repos.audit.list() if e.event_type == "incident.create"]
    assert events[0].agent == "张伟"


def test_missing_input_is_said_inline_and_the_dialog_stays(qtbot, dialog: FirstRunDialog,
                                                          repos: Repositories) -> None:
    dialog.operator_form.name_edit.setText("张伟")
    qtbot.keyClick(dialog.operator_form.name_edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert dialog.error.isVisible()
    assert "unit" in dialog.error.text()
    assert focused() is dialog.operator_form.unit_edit
    assert repos.operators.list() == []


def test_reviewer_gives_the_passphrase_twice(qtbot, dialog: FirstRunDialog,
                                             repos: Repositories) -> None:
    form = dialog.operator_form
    assert not form.passphrase_edit.isVisible()
    form.name_edit.setText("李审核")
    form.unit_edit.setText("应急管理局")
    form.role_combo.setCurrentIndex(form.role_combo.findData("reviewer"))
    assert form.passphrase_edit.isVisible() and form.repeat_edit.isVisible()
    form.passphrase_edit.setText("secret-one")
    form.repeat_edit.setText("secret-two")
    inc = dialog.incident_form
    inc.name_edit.setText("某化工厂爆炸事故")
    inc.kind_combo.setCurrentIndex(inc.kind_combo.findData("accident"))
    inc.level_combo.setCurrentIndex(inc.level_combo.findData("II"))
    inc.fonds_edit.setText("Z109")
    dialog.accept()
    assert dialog.isVisible() and "differ" in dialog.error.text()
    assert repos.operators.list() == []

    form.repeat_edit.setText("secret-one")
    dialog.accept()
    assert not dialog.isVisible()
    (op,) = repos.operators.list()
    assert op.role == "reviewer" and op.has_passphrase
    assert repos.operators.authenticate("李审核", "secret-one", role="reviewer").name == "李审核"


def test_a_refused_incident_does_not_add_the_operator_twice(qtbot, dialog: FirstRunDialog,
                                                            repos: Repositories) -> None:
    dialog.operator_form.name_edit.setText("张伟")
    dialog.operator_form.unit_edit.setText("自治区档案馆")
    inc = dialog.incident_form
    inc.name_edit.setText("2025年某旗7.1级地震")
    inc.kind_combo.setCurrentIndex(1)
    inc.level_combo.setCurrentIndex(1)
    inc.fonds_edit.setText("Z-109")  # not letters and digits
    dialog.accept()
    assert dialog.isVisible() and "Z109" in dialog.error.text()
    assert repos.operators.list() == []  # checked before anything was saved

    inc.fonds_edit.setText("Z109")
    dialog.accept()
    assert not dialog.isVisible()
    assert len(repos.operators.list()) == 1 and len(repos.incidents.list()) == 1


def test_escape_cancels_without_saving(qtbot, dialog: FirstRunDialog,
                                       repos: Repositories) -> None:
    dialog.operator_form.name_edit.setText("张伟")
    qtbot.keyClick(focused(), Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert repos.operators.list() == []


def test_only_the_missing_part_is_asked(qtbot, repos: Repositories) -> None:
    repos.operators.add("张伟", "自治区档案馆", "archivist")
    dlg = FirstRunDialog(repos)
    qtbot.addWidget(dlg)
    assert dlg.operator_box.isHidden() and not dlg.incident_box.isHidden()
