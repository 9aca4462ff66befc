"""Expand the paths given to an import into files, leaving out operating-system litter.

Folders are walked recursively in name order. Files the operating system leaves on cards
and sticks (.DS_Store, Thumbs.db, AppleDouble ``._`` files, .Trashes, System Volume
Information, ...) and hidden entries inside walked folders are skipped and reported as
skipped, never as failures. A path given by name is taken even if hidden (the user asked
for it), unless it is litter.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from app.domain.messages import QT_TRANSLATE_NOOP, Message

LITTER_FILES = frozenset({
    ".ds_store", "thumbs.db", "ehthumbs.db", "ehthumbs_vista.db", "desktop.ini",
    ".directory", "icon\r", ".localized", ".picasa.ini", "picasa.ini", ".nomedia",
})
LITTER_DIRS = frozenset({
    ".trashes", ".spotlight-v100", ".fseventsd", ".temporaryitems", ".documentrevisions-v100",
    "system volume information", "$recycle.bin", "recycler", ".thumbnails", "__macosx",
    ".trash", ".trash-1000", ".appledouble",
})


@dataclass(frozen=True)
class Candidate:
    path: Path
    size: int  # from lstat/stat at collection time; 0 for non-regular entries


@dataclass
class Collected:
    files: list[Candidate] = field(default_factory=list)
    skipped: list[tuple[Path, Message]] = field(default_factory=list)
    missing: list[tuple[Path, Message]] = field(default_factory=list)
    exclude: str | None = None  # real path of a folder never taken (the store)

    def excludes(self, path: Path) -> bool:
        return self.exclude is not None and Path(_key(path)).is_relative_to(self.exclude)

    @property
    def total_bytes(self) -> int:
        return sum(c.size for c in self.files)


def litter_reason(name: str, is_dir: bool = False) -> Message | None:
    """Why this name is operating-system litter, or None if it is not."""
    low = name.lower()
    if is_dir:
        return Message(QT_TRANSLATE_NOOP(
            "Errors", "a system folder, not part of the material")) if low in LITTER_DIRS else None
    if low in LITTER_FILES:
        return Message(QT_TRANSLATE_NOOP(
            "Errors", "operating-system litter, not part of the material"))
    if name.startswith("._"):
        return Message(QT_TRANSLATE_NOOP(
            "Errors", "a macOS resource-fork file (AppleDouble), not part of the material"))
    if low.startswith("~$"):
        return Message(QT_TRANSLATE_NOOP(
            "Errors", "an office lock file, not part of the material"))
    return None


STORE_REASON = Message(QT_TRANSLATE_NOOP(
    "Errors", "the archive store itself, never imported into itself"))


def collect(paths: list[Path], exclude: Path | None = None) -> Collected:
    """Every file under ``paths``; entries that are not regular files stay in so the
    importer reports why each cannot be read (a FIFO, a broken link). Anything under
    ``exclude`` (the store's own folder) is skipped."""
    out = Collected(exclude=_key(exclude) if exclude is not None else None)
    seen: set[str] = set()
    for given in paths:
        if out.excludes(given):
            out.skipped.append((given, STORE_REASON))
            continue
        if not os.path.lexists(given):
            out.missing.append((given, Message(QT_TRANSLATE_NOOP(
                "Errors", "{path} does not exist."), {"path": given})))
            continue
        if given.is_dir():
            reason = litter_reason(given.name, is_dir=True)
            if reason:
                out.skipped.append((given, reason))
                continue
            _walk(given, out, seen)
        else:
            reason = litter_reason(given.name)
            if reason:
                out.skipped.append((given, reason))
            else:
                _add(given, out, seen)
    return out


def _key(path: Path) -> str:
    return os.path.realpath(path)


def _add(path: Path, out: Collected, seen: set[str]) -> None:
    key = _key(path)
    if key in seen:
        return
    seen.add(key)
    try:
        st = os.stat(path)
        size = st.st_size if stat.S_ISREG(st.st_mode) else 0
    except OSError:
        size = 0
    out.files.append(Candidate(path, size))


def _walk(root: Path, out: Collected, seen: set[str]) -> None:
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError as err:
        out.missing.append((root, Message(QT_TRANSLATE_NOOP(
            "Errors", "{path} cannot be listed ({reason})."),
            {"path": root, "reason": err.strerror or err})))
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()  # follows links to folders
        except OSError:
            is_dir = False
        reason = litter_reason(entry.name, is_dir=is_dir)
        if reason is None and entry.name.startswith("."):
            reason = Message(QT_TRANSLATE_NOOP("Errors", "a hidden folder inside a folder")
                             if is_dir else
                             QT_TRANSLATE_NOOP("Errors", "a hidden file inside a folder"))
        if reason:
            out.skipped.append((path, reason))
        elif is_dir:
            if entry.is_symlink():
                out.skipped.append((path, Message(QT_TRANSLATE_NOOP(
                    "Errors", "a link to a folder; give the folder itself"))))
            elif out.excludes(path):
                out.skipped.append((path, STORE_REASON))
            else:
                _walk(path, out, seen)
        else:
            _add(path, out, seen)
