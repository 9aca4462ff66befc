"""Where recordings are written before they are stored, and the checks around that.

A recording grows in the store's vault pending area (same disk as the vault, so storing it
never crosses disks) under a ``.part`` name, which the store's crash recovery removes if the
program dies mid-recording. Only the finished, synced file is ingested, then this temporary
file is deleted.
"""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

from app.domain.messages import QT_TRANSLATE_NOOP
from app.store.errors import DiskFull
from app.store.store import Store

SPACE_MARGIN = 1.05


def temp_recording(store: Store, suffix: str) -> Path:
    """A fresh path in the vault's pending area for a recording in progress."""
    store.vault.ensure()
    return store.vault.pending / f"rec-{uuid.uuid4().hex}{suffix}.part"


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def require_free_space(store: Store, recording_bytes: int, seconds: float) -> None:
    """Refuse to start when a recording of ``seconds`` could not be stored (it is written,
    then copied)."""
    needed = int(recording_bytes * 2 * SPACE_MARGIN)
    free = shutil.disk_usage(store.vault.root).free
    if free < needed:
        raise DiskFull(QT_TRANSLATE_NOOP(
            "Errors", "The disk holding {path} has {free} MB free but a recording of {seconds} s "
            "needs about {needed} MB; free some space and try again."),
            path=store.root, free=f"{free / 1e6:.1f}", seconds=f"{seconds:g}",
            needed=f"{needed / 1e6:.1f}")



def remove_quietly(path: Path | None) -> None:
    if path is not None:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass  # the pending area is swept at the next start anyway
