"""Known conditions: each carries one sentence saying what is wrong and what to do.

The command line prints ``str(error)`` without a traceback; the desktop app shows it in a
dialog. Anything that is not a ``StoreError`` is a bug.
"""

from __future__ import annotations


class StoreError(Exception):
    """A known condition the user can act on."""

    code = "store-error"


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


class NotFound(StoreError):
    code = "not-found"


class InvalidInput(StoreError):
    code = "invalid-input"


class PermissionDenied(StoreError):
    code = "permission-denied"


class DiskFull(StoreError):
    code = "disk-full"
