"""Roles in the normal window: a reviewer or supervisor becomes the current operator only
with their passphrase, and a supervisor gets the review window of the store (nothing in it
can write) and no capture or entries in the normal window."""

from __future__ import annotations

from datetime import datetime

import pytest

from app.store.errors import PermissionDenied
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.ui.main_window import MainWindow
from app.ui.operators_dialog import OperatorsDialog
from app.ui.passphrase_dialog import PassphraseDialog
from app.ui.review.review_window import ReviewWindow
from tests.review_support import review_cache
from tests.review_walk import walk
from tests.test_ui_operators import window

__all__ = ["review_cache", "window"]
REVIEWER, SUPERVISOR = "review-2025", "inspect-2025"


@pytest.fixture
def staff(repos: Repositories) -> None:
    repos.operators.add("李审核", "应急管理厅", "reviewer", passphrase=REVIEWER)
    repos.operators.add("赵监督", "盟档案馆", "supervisor", passphrase=SUPERVISOR)


def choose(qtbot, window: MainWindow, name: str) -> tuple[OperatorsDialog, PassphraseDialog]:
    dialog = window.show_operators()
    qtbot.waitExposed(dialog)
    dialog.view.selectRow(dialog.model.row_of(name))
    asked = dialog.make_default()
    assert isinstance(asked, PassphraseDialog)  # a passphrase is asked, every time
    qtbot.waitExposed(asked)
    return dialog, asked


def test_switching_to_a_reviewer_without_the_passphrase_is_refused(
        qtbot, window: MainWindow, repos: Repositories, staff: None) -> None:
    dialog, asked = choose(qtbot, window, "李审核")
    asked.accept()  # empty
    assert asked.isVisible() and asked.error.isVisible()
    asked.passphrase_edit.setText("guess")
    asked.accept()
    assert asked.isVisible() and "passphrase" in asked.error.text()
    asked.reject()
    default = repos.operators.default()
    assert default is not None and default.name == "张伟"
    assert "张伟" in window.operator_label.text()
    dialog.reject()


def test_the_right_passphrase_makes_the_reviewer_current(
        qtbot, window: MainWindow, repos: Repositories, staff: None) -> None:
    dialog, asked = choose(qtbot, window, "李审核")
    asked.passphrase_edit.setText(REVIEWER)
    with qtbot.waitSignal(dialog.operators_changed, timeout=5000):
        asked.accept()
    default = repos.operators.default()
    assert default is not None and default.name == "李审核"
    assert "李审核" in window.operator_label.text()
    dialog.reject()


def test_the_repository_itself_refuses_without_the_passphrase(repos: Repositories,
                                                              staff: None) -> None:
    with pytest.raises(PermissionDenied, match="needs their passphrase"):
        repos.operators.set_default("赵监督")
    with pytest.raises(PermissionDenied):
        repos.operators.set_default("赵监督", "wrong")


def test_a_supervisor_gets_a_read_only_view(qtbot, window: MainWindow, repos: Repositories,
                                            staff: None, incident: IncidentRecord,
                                            review_cache) -> None:
    worklog = window.pages["worklog"]
    capture_index = [s.key for s in window.page_specs].index("capture")
    assert worklog.new_entry_action.isEnabled()
    assert window.tabs.isTabEnabled(capture_index)
    dialog, asked = choose(qtbot, window, "赵监督")
    asked.passphrase_edit.setText(SUPERVISOR)
    with qtbot.waitSignal(dialog.operators_changed, timeout=5000):
        asked.accept()
    dialog.reject()
    assert not worklog.new_entry_action.isEnabled()
    assert not window.tabs.isTabEnabled(capture_index)
    assert not window.pages["capture"].isEnabled()
    assert "read-only view" in window.operator_label.text()
    # The review window of this store opens for them, read beside this window.
    qtbot.waitUntil(lambda: len(window.reviews) == 1, timeout=10000)
    review = window.reviews[0]
    assert isinstance(review, ReviewWindow) and review.isVisible()
    assert review.reader.root == window.services.store.root and review.reader.source.live
    assert "只读审阅" in review.banner.text()
    assert walk(review).writers == []
    window.update_status()  # still the supervisor: no second review window
    assert len(window.reviews) == 1
    review.close()
    qtbot.waitUntil(lambda: window.reviews == [], timeout=5000)
    # And the repository refuses a supervisor's entry whatever a window offers.
    with pytest.raises(PermissionDenied, match="supervisor"):
        repos.log.add(incident.id, "监督人员不应记录。",
                      occurred_at=datetime.fromisoformat("2025-07-21T15:00:00+08:00"))
    with pytest.raises(PermissionDenied, match="supervisor"):
        repos.log.add(incident.id, "点名也不行。", operator="赵监督",
                      occurred_at=datetime.fromisoformat("2025-07-21T15:00:00+08:00"))
