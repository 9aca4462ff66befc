"""What reading code needs from a store: short reading sessions, its folder, its files.

Both a writable ``Store`` and a ``ReadOnlyStore`` (``app.store.read_source``) are one; the
checks and the reading repositories take this type, so the same query code serves both
and a reader is never handed a way to write.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

from sqlalchemy.orm import Session

from app.store.vault import VaultFiles


class StoreSource(Protocol):
    @property
    def root(self) -> Path:
        """The store folder (the audit head file sits there)."""

    @property
    def vault(self) -> VaultFiles: ...

    def reader(self) -> AbstractContextManager[Session]:
        """A reading transaction: one consistent snapshot."""
