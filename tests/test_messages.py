"""Errors carry a template and arguments; the words come from the interface language."""

from __future__ import annotations

from app.domain.messages import QT_TRANSLATE_NOOP, Message
from app.store.errors import InvalidInput, NotFound


def test_an_error_is_its_english_sentence_for_logs() -> None:
    err = NotFound(QT_TRANSLATE_NOOP("Errors", "There is no item '{ref}'."), ref="abc")
    assert str(err) == "There is no item 'abc'."
    assert err.template == "There is no item '{ref}'."
    assert err.params == {"ref": "abc"}


def test_an_argument_that_is_a_message_is_put_into_words_too() -> None:
    inner = Message("the disk is full")
    err = InvalidInput("Cannot store {name}: {reason}.", name="a.jpg", reason=inner)
    assert str(err) == "Cannot store a.jpg: the disk is full."


def test_a_template_without_its_placeholder_still_gives_a_sentence() -> None:
    assert str(InvalidInput("No placeholder here.", name="x")) == "No placeholder here."
    assert str(InvalidInput("Has {other}.", name="x")) == "Has {other}."


def test_old_style_errors_keep_their_sentence() -> None:
    assert str(InvalidInput("braces {kept} as typed")) == "braces {kept} as typed"
