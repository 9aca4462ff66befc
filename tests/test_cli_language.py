"""The command line answers in the user's language: --lang, else the locale's variables."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from app.cli.language import chosen_language, environment_language
from app.ui import i18n


@pytest.fixture(autouse=True)
def _back_to_the_application() -> object:
    yield
    i18n.uninstall_command_line_translation()


@pytest.mark.parametrize(("env", "language"), [
    ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({"LANG": "en_GB.UTF-8", "LC_MESSAGES": "zh_TW.UTF-8"}, "zh_CN"),
    ({"LANG": "zh_CN.UTF-8", "LC_ALL": "en_US.UTF-8"}, "en"),
    ({"LANG": "en_US.UTF-8", "LANGUAGE": "zh_CN:en"}, "zh_CN"),
    ({"LANG": "C", "LANGUAGE": "zh_CN"}, "en"),  # gettext ignores LANGUAGE under C
    ({}, "en"),
])
def test_the_environment_decides_without_lang(env: dict[str, str], language: str) -> None:
    assert environment_language(env) == language


def test_lang_wins_over_the_environment() -> None:
    assert chosen_language(["--lang", "en", "incident", "list"], {"LANG": "zh_CN.UTF-8"}) == "en"
    assert chosen_language(["incident", "list", "--lang=zh_CN"], {"LANG": "C"}) == "zh_CN"


def test_a_failure_line_is_in_chinese_with_lang_zh(store_path: Path, incident, capsys) -> None:
    code = main(["--lang", "zh_CN", "incident", "show", "EQ2099-99", "--store", str(store_path)])
    err = capsys.readouterr().err
    assert code == 1
    assert "本档案库中没有事件“EQ2099-99”" in err and "There is no" not in err


def test_a_failure_line_is_in_english_under_the_c_locale(
        store_path: Path, incident, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    code = main(["incident", "show", "EQ2099-99", "--store", str(store_path)])
    err = capsys.readouterr().err
    assert code == 1 and "There is no incident 'EQ2099-99'" in err


def test_a_chinese_locale_gives_chinese(store_path: Path, incident, capsys,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert main(["incident", "show", "nope", "--store", str(store_path)]) == 1
    assert "本档案库中没有事件" in capsys.readouterr().err
