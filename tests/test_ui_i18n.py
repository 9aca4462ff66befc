"""Translations: complete, placeholders intact, built on demand, switchable at run time."""

from __future__ import annotations

import os
import re
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTranslator

from app.resources import resource_path
from app.store.records import IncidentRecord
from app.store.store import Store
from app.ui import i18n
from app.ui.main_window import MainWindow
from app.ui.services import UiServices
from app.ui.settings import UiSettings
from app.ui.worker import Jobs

TS = resource_path("i18n", "fieldarchive_zh_CN.ts")
APP_DIR = Path(i18n.__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"%L?\d+|\{[A-Za-z_][A-Za-z0-9_]*\}")


def messages(ts: Path) -> list[tuple[str, str, str, str | None]]:
    """(context, source, translation, type) for every message."""
    out = []
    for ctx in ET.parse(ts).getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            tr = msg.find("translation")
            assert tr is not None
            source = msg.findtext("source") or ""
            forms = tr.findall("numerusform")  # plural forms: each one is checked
            for text in [f.text or "" for f in forms] if forms else [tr.text or ""]:
                out.append((name, source, text, tr.get("type")))
    return out


def test_every_translation_keeps_the_placeholders() -> None:
    found = messages(TS)
    assert len(found) > 50
    for context, source, translation, _ in found:
        assert sorted(PLACEHOLDER.findall(translation)) == sorted(PLACEHOLDER.findall(source)), (
            f"{context}: {source!r} -> {translation!r}")
        # A mnemonic stays a single one (Alt+letter), and keeps its letter reachable.
        assert translation.replace("&&", "").count("&") == source.replace("&&", "").count("&"), (
            f"{context}: {source!r} -> {translation!r}")


def test_every_message_in_the_code_is_translated(tmp_path: Path) -> None:
    """lupdate over app/ finds no message without a finished Chinese translation."""
    ts = tmp_path / TS.name
    shutil.copy(TS, ts)
    i18n.update_ts(ts, i18n.python_sources(APP_DIR))
    untranslated = [(c, s) for c, s, t, kind in messages(ts)
                    if kind in ("unfinished", "vanished", "obsolete") or not t]
    listing = "\n".join(f"  {context}: {source!r}" for context, source in untranslated)
    assert not untranslated, (
        f"{len(untranslated)} messages lack a Chinese translation; run "
        f"'python -m app.ui.i18n --update' and translate them in {TS.name}:\n{listing}")


def test_qm_is_built_into_the_cache_and_rebuilt_when_the_ts_changes(tmp_path: Path) -> None:
    sources = tmp_path / "i18n"
    sources.mkdir()
    ts = sources / TS.name
    shutil.copy(TS, ts)
    cache = tmp_path / "cache"
    qm = i18n.qm_file("zh_CN", cache, sources)
    assert qm == cache / "fieldarchive_zh_CN.qm"
    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate("MainWindow", "&File") == "文件(&F)"

    ts.write_text(ts.read_text(encoding="utf-8").replace("文件(&amp;F)", "档案文件(&amp;F)"),
                  encoding="utf-8")
    later = qm.stat().st_mtime + 10
    os.utime(ts, (later, later))
    rebuilt = i18n.qm_file("zh_CN", cache, sources)
    translator = QTranslator()
    assert rebuilt is not None and translator.load(str(rebuilt))
    assert translator.translate("MainWindow", "&File") == "档案文件(&F)"


def test_the_build_compiles_every_ts(tmp_path: Path) -> None:
    built = i18n.compile_all_translations(tmp_path)
    # English holds only its plural forms ("1 entry", "2 entries").
    assert [p.name for p in built] == ["fieldarchive_en.qm", "fieldarchive_zh_CN.qm"]
    translator = QTranslator()
    assert translator.load(str(built[1]))
    assert translator.translate("Pages", "Capture") == "采集"
    english = QTranslator()
    assert english.load(str(built[0]))
    assert english.translate("WorkLogPage", "%n entries approved.", "", 1) == "%n entry approved."


def test_a_missing_translation_leaves_english(tmp_path: Path, qapp: object) -> None:
    translations = i18n.Translations(tmp_path / "cache", i18n_dir=tmp_path / "empty")
    assert not translations.set_language("zh_CN")
    assert translations.language == "en"


def test_language_names_are_normalised() -> None:
    assert i18n.normalize("zh-CN") == "zh_CN"
    assert i18n.normalize("zh_TW") == "zh_CN"
    assert i18n.normalize("en_US") == "en"
    assert i18n.normalize("fr") is None
    assert i18n.system_language() in i18n.LANGUAGES


@pytest.fixture
def window(qtbot, store: Store, incident: IncidentRecord,
           tmp_path: Path) -> Iterator[MainWindow]:
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    translations = i18n.Translations(tmp_path / "cache")
    win = MainWindow(UiServices.for_store(store, settings, translations, Jobs()))
    qtbot.addWidget(win)
    win.show()
    yield win
    translations.set_language("en")


def menu_titles(win: MainWindow) -> list[str]:
    return [a.text() for a in win.menuBar().actions()]


def test_switching_to_chinese_from_the_menu(qtbot, window: MainWindow, tmp_path: Path) -> None:
    assert menu_titles(window) == ["&File", "&Work log", "&Settings", "&Help"]
    window.language_actions["zh_CN"].trigger()
    qtbot.waitUntil(lambda: menu_titles(window) == ["文件(&F)", "工作日志(&W)", "设置(&S)",
                                                    "帮助(&H)"])
    assert window.new_incident_action.text() == "新建事件(&N)…"
    assert window.tabs.tabText(0) == "概览"  # the dashboard comes first
    assert window.tabs.tabText(1) == "采集"
    assert window.incidents.model.headerData(0, Qt.Orientation.Horizontal) == "编号"
    assert window.incidents.view.model().index(0, 2).data() == "自然灾害"
    assert window.language_actions["zh_CN"].isChecked()
    # Remembered for the next start.
    stored = QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat)
    assert stored.value(UiSettings.LANGUAGE) == "zh_CN"

    window.language_actions["en"].trigger()
    qtbot.waitUntil(lambda: menu_titles(window) == ["&File", "&Work log", "&Settings", "&Help"])
    assert window.tabs.tabText(0) == "Dashboard"

