"""Exports a crash or a pulled plug interrupted: the hidden partial package is cleared at
the next start, and the user is told, instead of the next export of the same batch finding
it (by then the carrier may have been handed over with a hidden half-package on it).

While an export writes, a note in the store folder (``exports-in-progress/``) names its
partial packages (``.<name>.partial`` beside the target). The export removes the note when
it ends, whichever way; a note found at a start with no other program on the store is a dead
export's: its partials that can be reached are removed, and those on a carrier not plugged
in are named so the user can delete them. Only names an export gives partials are touched.
"""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from app.store.atomic import write_atomically
from app.store.store import Store

NOTE_DIR = "exports-in-progress"


@dataclass
class Interrupted:
    """What the start found of exports that did not end: partials removed, and not found."""

    removed: list[Path] = field(default_factory=list)
    unreachable: list[Path] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.removed or self.unreachable)


@contextmanager
def export_note(store: Store, partials: list[Path]) -> Iterator[None]:
    """Name ``partials`` in the store folder for as long as the export writes them."""
    folder = store.root / NOTE_DIR
    folder.mkdir(exist_ok=True)
    note = folder / f"{uuid.uuid4().hex}.json"
    write_atomically(note, json.dumps([str(p) for p in partials]).encode())
    try:
        yield
    finally:
        with suppress(OSError):
            note.unlink()
            folder.rmdir()  # only when empty: another program's export may be writing


def dead_export_notes(store: Store) -> list[Path]:
    """The notes of exports that died: those present when the store opened alone. Taken
    at the start, before any export of this run can write one of its own."""
    folder = store.root / NOTE_DIR
    if store.readonly or not store.opened_alone or not folder.is_dir():
        return []
    return sorted(folder.glob("*.json"))


def settle_interrupted_exports(store: Store, notes: list[Path] | None = None) -> Interrupted:
    """Clear the partial packages of exports that died (see the module note): those of
    ``notes`` (``dead_export_notes``), by default the ones there now."""
    found = Interrupted()
    folder = store.root / NOTE_DIR
    for note in dead_export_notes(store) if notes is None else notes:
        try:
            named = [Path(p) for p in json.loads(note.read_text("utf-8"))]
        except (OSError, ValueError, TypeError):
            named = []
        for partial in named:
            if not _a_partial_name(partial):
                continue
            if partial.exists():
                _remove(partial)
                found.removed.append(partial)
            elif not partial.parent.is_dir():  # the carrier is not plugged in
                found.unreachable.append(partial)
        with suppress(OSError):
            note.unlink()
    with suppress(OSError):
        folder.rmdir()
    return found


def _a_partial_name(path: Path) -> bool:
    return path.name.startswith(".") and path.name.endswith(".partial") and len(path.name) > 9


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with suppress(OSError):
            path.unlink()
