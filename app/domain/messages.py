"""Messages with a code and arguments, put into words by the UI or the command line.

A layer below the UI never builds a sentence a Chinese screen then shows. It raises an error
whose first argument is an English template marked for translation, with named arguments:

    raise NotFound(QT_TRANSLATE_NOOP("Errors", "There is no incident '{ref}' in this store."),
                   ref=ref)

``str(err)`` is the English sentence (for logs and tests); ``app.ui.i18n.message_text(err)``
is the sentence in the interface language (the desktop app and the command line). Arguments
that are themselves messages are translated too; names, paths and numbers are kept as given.
Plain Python: no Qt here (lupdate finds ``QT_TRANSLATE_NOOP`` by its name).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

ERRORS_CONTEXT = "Errors"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate knows
    """Mark ``text`` for translation in ``context``; it is translated where it is shown."""
    return text


@runtime_checkable
class Translatable(Protocol):
    """Anything with an English template and named arguments (errors and messages)."""

    @property
    def template(self) -> str: ...

    @property
    def params(self) -> Mapping[str, Any]: ...

    @property
    def context(self) -> str: ...


@dataclass(frozen=True)
class Message:
    """A sentence to show later, in whatever language is current then."""

    template: str
    params: Mapping[str, Any] = field(default_factory=dict)
    context: str = ERRORS_CONTEXT

    def __str__(self) -> str:
        return render(self.template, self.params, english)


class MessageValueError(ValueError):
    """A ``ValueError`` of the plain-Python layers that carries a template and arguments.

    Repositories turn it into an ``InvalidInput`` with the same words
    (``InvalidInput(err.template, **err.params)``), so a Chinese screen still gets Chinese.
    """

    context = ERRORS_CONTEXT

    def __init__(self, template: str, /, **params: Any) -> None:
        self.template = template
        self.params: dict[str, Any] = params
        super().__init__(render(template, params, english))


# Words for the user: a plain string (a name, or text from elsewhere) or a translatable.
Words = str | Translatable


def english(value: Any) -> str:

    """The English words of a template, a message or an error; anything else as ``str``."""
    if isinstance(value, Translatable):
        return render(value.template, value.params, english)
    return str(value)


def render(template: str, params: Mapping[str, Any], words: Any) -> str:
    """``template`` with each argument put into words by ``words`` (a callable).

    A template that lacks a placeholder its translation has (or the reverse) still yields a
    sentence: the English one, never a KeyError in front of the user.
    """
    if not params:
        return template
    values = {key: words(value) for key, value in params.items()}
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):
        return template
