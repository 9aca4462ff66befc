"""审核 follows the operators at once (issue 11, point 9): after a reviewer is added, or
becomes the current operator, the selected entries can be reviewed without clicking a row
again."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QItemSelectionModel
from PySide6.QtWidgets import QWidget

from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.ui.log.timeline_page import WorkLogPage
from app.ui.main_window import MainWindow
from app.ui.operators_dialog import OperatorsDialog
from tests.test_ui_operators import window
from tests.ui_log_support import START

__all__ = ["window"]
PASSPHRASE = "review-2025"


def log_page(qtbot, window: MainWindow, repos: Repositories,
             incident: IncidentRecord) -> WorkLogPage:
    for n in range(2):
        repos.log.add(incident.id, f"第{n + 1}条", occurred_at=START + timedelta(hours=n))
    window.incidents.reload(incident.id)
    page = window.pages["worklog"]
    assert isinstance(page, WorkLogPage)
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 and not page.model.loading)
    page.view.selectionModel().select(
        page.model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
        | QItemSelectionModel.SelectionFlag.Rows)
    return page


def test_review_is_offered_once_a_reviewer_is_added_and_made_current(
        qtbot, window: MainWindow, repos: Repositories, incident: IncidentRecord) -> None:
    page = log_page(qtbot, window, repos, incident)
    assert len(page.selected_views()) == 1
    assert not page.review_action.isEnabled()  # nobody may review yet
    dialog = window.show_operators()
    assert isinstance(dialog, OperatorsDialog)
    add = dialog.add_operator()
    add.form.name_edit.setText("李审核")
    add.form.unit_edit.setText("应急管理厅")
    add.form.role_combo.setCurrentIndex(add.form.role_combo.findData("reviewer"))
    add.form.passphrase_edit.setText(PASSPHRASE)
    add.form.repeat_edit.setText(PASSPHRASE)
    add.default_check.setChecked(True)
    with qtbot.waitSignal(dialog.operators_changed, timeout=5000):
        add.accept()
    dialog.accept()
    qtbot.waitUntil(lambda: not page.model.loading)
    assert len(page.selected_views()) == 1
    qtbot.waitUntil(page.review_action.isEnabled, timeout=3000)


def test_review_follows_a_reviewer_added_elsewhere_when_the_window_is_back(
        qtbot, window: MainWindow, repos: Repositories, incident: IncidentRecord) -> None:
    """A reviewer added from the command line (no signal reaches this window): 审核 is
    offered as soon as the window is active again, without clicking a row."""
    page = log_page(qtbot, window, repos, incident)
    assert not page.review_action.isEnabled()
    repos.operators.add("李审核", "应急管理厅", "reviewer", passphrase=PASSPHRASE,
                        make_default=True)
    other = QWidget()
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    qtbot.waitUntil(lambda: not window.isActiveWindow())
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert len(page.selected_views()) == 1
    qtbot.waitUntil(page.review_action.isEnabled, timeout=3000)
