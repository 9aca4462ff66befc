"""Known conditions: each carries one sentence saying what is wrong and what to do.

An error is raised with an English template marked for translation and named arguments
(see ``app.domain.messages``); ``str(error)`` is the English sentence, and the desktop app
and the command line show ``app.ui.i18n.message_text(error)``, the sentence in the user's
language, without a traceback. Anything that is not a ``StoreError`` is a bug.
"""

from __future__ import annotations

from typing import Any

from app.domain.messages import ERRORS_CONTEXT, english, render


class StoreError(Exception):
    """A known condition the user can act on: a code, a template and its arguments."""

    code = "store-error"
    context = ERRORS_CONTEXT

    def __init__(self, template: str = "", /, **params: Any) -> None:
        self.template = template
        self.params: dict[str, Any] = params
        super().__init__(render(template, params, english))


class NotAStore(StoreError):
    code = "not-a-store"


class CorruptStore(StoreError):
    code = "corrupt-store"


class StoreLocked(StoreError):
    code = "store-locked"


class ReadOnlyLocation(StoreError):
    code = "read-only"


class StoreTooNew(StoreError):
    code = "store-too-new"


class MigrationFailed(StoreError):
    """A schema upgrade failed; the database was put back as it was before it."""

    code = "migration-failed"


class NotFound(StoreError):
    code = "not-found"


class InvalidInput(StoreError):
    code = "invalid-input"


class PermissionDenied(StoreError):
    code = "permission-denied"


class DiskFull(StoreError):
    code = "disk-full"
