"""The global exception hook: a known condition shows its sentence, a bug is logged and
shown as a bug, and the program keeps running."""

from __future__ import annotations

import logging
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from app.store.errors import StoreLocked
from app.ui.errors import handle_exception


@pytest.fixture
def boxes(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, str]]:
    """Capture what the message boxes would say instead of blocking on them."""
    shown: list[tuple[str, str, str]] = []

    def warning(parent: object, title: str, text: str, *args: object) -> int:
        shown.append(("warning", title, text))
        return int(QMessageBox.StandardButton.Ok)

    def exec_(box: QMessageBox) -> int:
        shown.append(("critical", box.windowTitle(),
                      f"{box.text()}\n{box.informativeText()}\n{box.detailedText()}"))
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "warning", warning)
    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown


def raised(exc: BaseException) -> tuple[type[BaseException], BaseException, object]:
    try:
        raise exc
    except BaseException:
        return sys.exc_info()  # type: ignore[return-value]


def test_a_known_condition_shows_its_sentence(qapp, boxes: list) -> None:
    handle_exception(*raised(StoreLocked("The store at X is in use by another program; "
                                         "close it and try again.")))
    ((kind, _title, text),) = boxes
    assert kind == "warning"
    assert "in use by another program; close it and try again." in text
    assert "Traceback" not in text


def test_a_bug_is_logged_and_shown_as_a_bug(qapp, boxes: list,
                                           caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.ERROR):
        handle_exception(*raised(KeyError("incident_id")))
    ((kind, title, text),) = boxes
    assert kind == "critical" and "unexpected error" in title
    assert "Your saved records are safe" in text
    assert "KeyError: 'incident_id'" in text
    assert "Traceback" in caplog.text and "KeyError" in caplog.text
