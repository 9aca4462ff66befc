"""Settings ▸ Operators: list, add a reviewer, choose the default operator."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from app.store.repositories import Repositories
from app.store.store import Store
from app.ui.i18n import Translations
from app.ui.main_window import MainWindow
from app.ui.models.operator_model import COLUMN_KEYS
from app.ui.operators_dialog import OperatorsDialog
from app.ui.services import UiServices
from app.ui.settings import UiSettings
from app.ui.worker import Jobs


@pytest.fixture
def window(qtbot, store: Store, repos: Repositories, tmp_path: Path) -> Iterator[MainWindow]:
    repos.operators.add("张伟", "自治区档案馆", "archivist", position="现场档案员")
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    services = UiServices.for_store(store, settings, Translations(tmp_path / "cache"), Jobs())
    win = MainWindow(services)
    qtbot.addWidget(win)
    win.show()
    yield win


def cell(dialog: OperatorsDialog, row: int, key: str) -> str:
    return dialog.model.index(row, COLUMN_KEYS.index(key)).data()


def test_lists_operators_with_the_default_marked(qtbot, window: MainWindow) -> None:
    dialog = window.show_operators()
    qtbot.waitExposed(dialog)
    assert dialog.model.rowCount() == 1
    assert cell(dialog, 0, "name") == "张伟"
    assert cell(dialog, 0, "role") == "Archivist"
    assert cell(dialog, 0, "default") == "✓"
    dialog.reject()


def test_adds_a_reviewer_and_makes_them_default(qtbot, window: MainWindow,
                                                repos: Repositories) -> None:
    dialog = window.show_operators()
    add = dialog.add_operator()
    qtbot.waitExposed(add)
    form = add.form
    form.name_edit.setText("李审核")
    form.unit_edit.setText("应急管理局")
    form.position_edit.setText("组长")
    form.role_combo.setCurrentIndex(form.role_combo.findData("reviewer"))
    form.passphrase_edit.setText("review-2025")
    form.repeat_edit.setText("review-2025")
    add.default_check.setChecked(True)
    with qtbot.waitSignal(dialog.operators_changed, timeout=5000):
        add.accept()
    assert not add.isVisible()

    row = dialog.model.row_of("李审核")
    assert cell(dialog, row, "role") == "Reviewer"
    assert cell(dialog, row, "default") == "✓"
    assert dialog.selected().name == "李审核"
    assert "李审核" in window.operator_label.text()
    assert repos.operators.authenticate("李审核", "review-2025", role="reviewer")

    # And back: make the archivist the default again from the list.
    dialog.view.selectRow(dialog.model.row_of("张伟"))
    dialog.default_button.click()
    assert repos.operators.default().name == "张伟"
    assert "张伟" in window.operator_label.text()
    dialog.reject()


def test_a_duplicate_name_is_refused_inline(qtbot, window: MainWindow,
                                            repos: Repositories) -> None:
    dialog = window.show_operators()
    add = dialog.add_operator()
    add.form.name_edit.setText("张伟")
    add.form.unit_edit.setText("另一个单位")
    add.accept()
    assert add.isVisible()
    assert "already exists" in add.error.text()
    assert len(repos.operators.list()) == 1
    add.reject()
    dialog.reject()
