"""Creating a store is a deliberate act (issue 11, point 9): opening a folder with no store
asks with No as the default and says what would be created; a first run cancelled in a store
this start created leaves nothing behind."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QMessageBox

from app.store.repositories import Repositories
from app.store.store import Store
from app.ui import i18n
from app.ui.app_controller import EXIT_OK, AppController
from app.ui.first_run import FirstRunDialog
from app.ui.settings import UiSettings
from app.ui.worker import Jobs


@pytest.fixture
def controller(qapp, tmp_path: Path):
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    made = AppController(settings, i18n.Translations(tmp_path / "cache"), Jobs())
    yield made
    made.shutdown()


@pytest.fixture
def cancelled_first_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(FirstRunDialog, "exec", lambda self: QDialog.DialogCode.Rejected)


def test_cancelling_the_first_run_leaves_no_store_folder(
        controller: AppController, tmp_path: Path, cancelled_first_run: None) -> None:
    target = tmp_path / "新档案库"
    assert controller.start(target, explicit_store=True) == EXIT_OK
    assert not target.exists()


def test_an_empty_folder_chosen_for_it_stays_and_stays_empty(
        controller: AppController, tmp_path: Path, cancelled_first_run: None) -> None:
    target = tmp_path / "空文件夹"
    target.mkdir()
    assert controller.start(target, explicit_store=True) == EXIT_OK
    assert target.is_dir() and list(target.iterdir()) == []


def test_an_existing_store_is_never_removed(
        controller: AppController, tmp_path: Path, cancelled_first_run: None) -> None:
    target = tmp_path / "已有"
    with Store.open(target, create=True) as store:  # a store with no operator yet
        Repositories(store).incidents.create(
            "事件", "natural", "II", datetime.fromisoformat("2025-07-21T14:30:00+08:00"),
            "Z109")
    assert controller.start(target, explicit_store=True) == EXIT_OK
    with Store.open(target) as store:
        assert [i.name for i in Repositories(store).incidents.list()] == ["事件"]


def test_opening_a_folder_without_a_store_asks_with_no_as_default(
        controller: AppController, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple] = []

    def question(parent, title, text, buttons=None, default=None):
        asked.append((text, default))
        return default  # the user presses Enter

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    target = tmp_path / "别处"
    target.mkdir()
    assert controller.switch_store(target) is False
    text, default = asked[0]
    assert default == QMessageBox.StandardButton.No
    assert "archive.sqlite" in text and "vault" in text
    assert list(target.iterdir()) == []
