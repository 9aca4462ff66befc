"""Starting the desktop app: stores that cannot be opened, switching stores, lean imports."""

from __future__ import annotations

import ast
import json
import logging
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QMessageBox

from app.export import interrupted
from app.export.interrupted import NOTE_DIR
from app.store.repositories import Repositories
from app.store.store import Store
from app.ui import i18n
from app.ui.app_controller import AppController
from app.ui.main import run
from app.ui.settings import UiSettings
from app.ui.worker import Jobs

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def user_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """run() uses the user's settings, cache and log folders: point them at tmp_path."""
    home = tmp_path / "home"
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache"),
                     ("XDG_STATE_HOME", "state"), ("XDG_DATA_HOME", "data")):
        monkeypatch.setenv(var, str(home / sub))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(home / "config"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    handlers = list(logging.getLogger().handlers)
    yield home
    for handler in logging.getLogger().handlers:
        if handler not in handlers:
            logging.getLogger().removeHandler(handler)
            handler.close()
    i18n.Translations(home / "cache").set_language("en")


@pytest.fixture
def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The message box is only the messenger: capture what it would say, never block."""
    shown: list[tuple[str, str]] = []

    def warning(parent: object, title: str, text: str, *args: object) -> int:
        shown.append((title, text))
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "warning", warning)
    return shown


def test_a_folder_that_is_not_a_store_exits_1_with_a_message(
        qapp, user_dirs: Path, warnings_shown: list[tuple[str, str]], tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "IMG_0001.JPG").write_bytes(b"\xff\xd8\xff")
    assert run(folder, explicit_store=True, language="en") == 1
    ((title, text),) = warnings_shown
    assert title == "Cannot open the store"
    assert "not a FieldArchive store" in text
    assert str(folder) in text
    assert "Traceback" not in text
    assert sorted(p.name for p in folder.iterdir()) == ["IMG_0001.JPG"]  # left untouched
    assert QCoreApplication.organizationName() == "FieldArchive"
    assert QCoreApplication.applicationName() == "FieldArchive"


def test_a_damaged_database_exits_1_with_a_message_in_chinese(
        qapp, user_dirs: Path, warnings_shown: list[tuple[str, str]], tmp_path: Path) -> None:
    folder = tmp_path / "store"
    folder.mkdir()
    (folder / "archive.sqlite").write_bytes(b"this is not a database, it was overwritten")
    assert run(folder, explicit_store=True, language="zh_CN") == 1
    ((title, text),) = warnings_shown
    assert title == "无法打开档案库"
    assert "数据库已损坏" in text
    assert "不是 SQLite 数据库" in text and "not a SQLite database" not in text


def test_the_default_store_hint_names_the_store_option(
        qapp, user_dirs: Path, warnings_shown: list[tuple[str, str]], tmp_path: Path) -> None:
    folder = tmp_path / "store"
    folder.mkdir()
    (folder / "archive.sqlite").write_bytes(b"garbage")
    assert run(folder, explicit_store=False, language="en") == 1
    assert "--store" in warnings_shown[0][1]


def make_store(path: Path, incident_name: str) -> None:
    with Store.open(path, create=True) as store:
        repos = Repositories(store)
        repos.operators.add("张伟", "自治区档案馆", "archivist")
        repos.incidents.create(incident_name, "natural", "II",
                               datetime.fromisoformat("2025-07-21T14:30:00+08:00"), "Z109")


def test_controller_opens_a_store_and_switches_to_another(qtbot, tmp_path: Path) -> None:
    make_store(tmp_path / "a", "事件甲")
    make_store(tmp_path / "b", "事件乙")
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    controller = AppController(settings, i18n.Translations(tmp_path / "cache"), Jobs())
    assert controller.start(tmp_path / "a", explicit_store=True) is None
    first = controller.window
    assert first is not None and first.isVisible()
    qtbot.addWidget(first)
    assert first.incidents.current().name == "事件甲"

    first.open_store_requested.emit(tmp_path / "b")
    second = controller.window
    assert second is not first and second is not None
    qtbot.addWidget(second)
    assert second.incidents.current().name == "事件乙"
    assert str(tmp_path / "b") in second.store_label.text()
    assert not first.isVisible()
    controller.shutdown()


def test_startup_path_does_not_import_opencv_or_multimedia() -> None:
    """The window must appear fast: cv2 and Qt Multimedia load only when a page needs them."""
    code = (
        "import os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from app.cli import build_parser\n"
        "build_parser()\n"
        "import app.ui.main, app.ui.main_window, app.ui.pages\n"
        "bad = sorted(m for m in sys.modules if m == 'cv2' or m.startswith('cv2.')\n"
        "             or m == 'PySide6.QtMultimedia')\n"
        "print(bad)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True,
                            text=True, timeout=120, check=True)
    assert result.stdout.strip() == "[]"


def test_ui_code_never_touches_sessions_or_sql() -> None:
    """Widgets call repositories; SQLAlchemy stays in app/store."""
    offenders = []
    for path in sorted((REPO / "app" / "ui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] == "sqlalchemy"]
        if ".reader()" in path.read_text() or ".writer()" in path.read_text():
            offenders.append(f"{path.name}: opens a session")
    assert offenders == []


def test_a_clock_earlier_than_the_newest_event_is_warned_at_start(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_store(tmp_path / "a", "事件甲")
    with Store.open(tmp_path / "a", readonly=True) as store:
        newest = Repositories(store).audit.list(limit=1)[0].occurred_at
    # The computer's clock now reads a day before the newest record.
    behind = newest - timedelta(days=1)

    class Behind(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[override]
            return behind.astimezone(tz)

    monkeypatch.setattr("app.store.repositories.audit_log.datetime", Behind)
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        staticmethod(lambda parent, title, text: warned.append(text)))
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    translations = i18n.Translations(tmp_path / "cache")
    try:
        controller = AppController(settings, translations, Jobs())
        assert controller.start(tmp_path / "a", explicit_store=True) is None
        assert controller.window is not None
        qtbot.addWidget(controller.window)
        shown = newest.astimezone().strftime("%Y-%m-%d %H:%M")
        assert len(warned) == 1 and shown in warned[0]  # (in the interface's language)
        controller.shutdown()
        # A clock that is right says nothing.
        monkeypatch.setattr("app.store.repositories.audit_log.datetime", datetime)
        controller = AppController(settings, translations, Jobs())
        assert controller.start(tmp_path / "a", explicit_store=True) is None
        qtbot.addWidget(controller.window)
        assert len(warned) == 1
        controller.shutdown()
    finally:
        translations.set_language("en")  # the window chose the settings' language


def test_a_recording_a_crash_cut_off_is_kept_and_the_user_told_where(
        qtbot, tmp_path: Path) -> None:
    make_store(tmp_path / "a", "事件甲")
    store = Store.open(tmp_path / "a")
    store.vault.ensure()
    part = store.vault.pending / "rec-0123456789abcdef0123456789abcdef.wav.part"
    store.close()
    part.write_bytes(b"RIFF\0\0\0\0WAVE" + bytes(48000))  # as a killed recorder leaves it
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    controller = AppController(settings, i18n.Translations(tmp_path / "cache"), Jobs())
    assert controller.start(tmp_path / "a", explicit_store=True) is None
    assert controller.window is not None
    qtbot.addWidget(controller.window)
    box = controller.kept_recordings_box
    assert box is not None and box.isVisible()  # asked without blocking the start
    kept = sorted((tmp_path / "a" / "recovered").iterdir())
    assert len(kept) == 1 and kept[0].read_bytes().startswith(b"RIFF")
    assert kept[0].name in box.text() and str(kept[0].parent) in box.text()
    assert not part.exists()
    box.accept()
    controller.shutdown()


def test_a_killed_exports_partial_package_is_cleared_behind_the_window_and_told(
        qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The partial (thousands of files after a big export) is removed off the GUI thread:
    the window is up first, the box comes when the removal is done."""
    removed_on: list[threading.Thread] = []
    real_rmtree = interrupted.shutil.rmtree

    def rmtree(path: Path, **kwargs: object) -> None:
        removed_on.append(threading.current_thread())
        real_rmtree(path, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(interrupted.shutil, "rmtree", rmtree)
    make_store(tmp_path / "a", "事件甲")
    partial = tmp_path / "usb" / ".Z109-EQ2025-01-001.partial"
    for n in range(200):
        (partial / "data" / f"{n:04d}").mkdir(parents=True)
        (partial / "data" / f"{n:04d}" / "photo.jpg").write_bytes(bytes(1024))
    notes = tmp_path / "a" / NOTE_DIR
    notes.mkdir()
    (notes / "dead.json").write_text(json.dumps([str(partial)]))  # as a killed export leaves
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    controller = AppController(settings, i18n.Translations(tmp_path / "cache"), Jobs())
    assert controller.start(tmp_path / "a", explicit_store=True) is None
    assert controller.window is not None
    qtbot.addWidget(controller.window)
    qtbot.waitUntil(lambda: controller.interrupted_export_box is not None, timeout=20_000)
    box = controller.interrupted_export_box
    assert box is not None and box.isVisible()
    assert str(partial) in box.text()
    assert not partial.exists() and not notes.exists()
    assert removed_on and threading.main_thread() not in removed_on
    box.accept()
    controller.shutdown()
