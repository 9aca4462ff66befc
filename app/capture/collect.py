"""Expand the paths given to an import into files, leaving out operating-system litter.

Folders are walked recursively in name order. Files the operating system leaves on cards
and sticks (.DS_Store, Thumbs.db, AppleDouble ``._`` files, .Trashes, System Volume
Information, ...) and hidden entries inside walked folders are skipped and reported as
skipped, never as failures. A path given by name is taken even if hidden (the user asked
for it), unless it is litter.

Links to files are followed once, and only to a file inside the folders the user chose (a
file given by name: its own folder). A card handed over by a stranger can hold a link to
``/etc/shadow`` or to the laptop's keys: such a link is skipped with its reason, as are
links to links, link loops, and a link to a file already taken under its own name.
"""

from __future__ import annotations

import errno
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
    path: Path  # as found (a link's own name, for the user)
    size: int  # from lstat/stat at collection time; 0 for non-regular entries
    source: Path | None = None  # what to open: a link's target, else the path itself

    @property
    def opened(self) -> Path:
        return self.source if self.source is not None else self.path


@dataclass
class Collected:
    files: list[Candidate] = field(default_factory=list)
    skipped: list[tuple[Path, Message]] = field(default_factory=list)
    missing: list[tuple[Path, Message]] = field(default_factory=list)
    exclude: str | None = None  # real path of a folder never taken (the store)
    allow: str | None = None  # real path of a folder inside it that is taken (recovered)
    roots: list[str] = field(default_factory=list)  # real paths of the folders chosen
    links: list[Path] = field(default_factory=list)  # links to files, resolved at the end

    def excludes(self, path: Path) -> bool:
        if self.exclude is None:
            return False
        real = Path(_key(path))
        if self.allow is not None and real.is_relative_to(self.allow):
            return False
        return real.is_relative_to(self.exclude)

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
LINK_OUTSIDE = Message(QT_TRANSLATE_NOOP(
    "Errors", "a link to a file outside the folders chosen for import; not taken"))
LINK_TO_LINK = Message(QT_TRANSLATE_NOOP(
    "Errors", "a link to another link; links are followed only once"))
LINK_LOOP = Message(QT_TRANSLATE_NOOP("Errors", "a link loop (it leads back to itself)"))
LINK_SAME = QT_TRANSLATE_NOOP("Errors", "a link to the same file as {other}, taken once")


def collect(paths: list[Path], exclude: Path | None = None,
            allow: Path | None = None) -> Collected:
    """Every file under ``paths``; entries that are not regular files stay in so the
    importer reports why each cannot be read (a FIFO, a broken link). Anything under
    ``exclude`` (the store's own folder) is skipped, except under ``allow`` (where the
    store keeps recordings a crash interrupted, for the user to import)."""
    out = Collected(exclude=_key(exclude) if exclude is not None else None,
                    allow=_key(allow) if allow is not None else None)
    seen: dict[str, Path] = {}  # real path -> the name it was taken under
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
            out.roots.append(_key(given))
            _walk(given, out, seen)
        else:
            reason = litter_reason(given.name)
            out.roots.append(_key(given.parent))
            if reason:
                out.skipped.append((given, reason))
            elif given.is_symlink():
                out.links.append(given)
            else:
                _add(given, out, seen)
    # Links last, so a file found under its own name is taken under it.
    for link in out.links:
        _add_link(link, out, seen)
    return out


def _key(path: Path) -> str:
    return os.path.realpath(path)


def _add(path: Path, out: Collected, seen: dict[str, Path], source: Path | None = None
         ) -> None:
    key = _key(source if source is not None else path)
    if key in seen:
        if source is not None:
            out.skipped.append((path, Message(LINK_SAME, {"other": seen[key].name})))
        return
    seen[key] = path
    try:
        st = os.stat(source if source is not None else path)
        size = st.st_size if stat.S_ISREG(st.st_mode) else 0
    except OSError:
        size = 0
    out.files.append(Candidate(path, size, source))


def _add_link(link: Path, out: Collected, seen: dict[str, Path]) -> None:
    """A link to a file: taken (its target opened) only one hop away and inside a root."""
    try:
        os.stat(link)
    except OSError as err:
        if err.errno == errno.ELOOP:
            out.skipped.append((link, LINK_LOOP))
        else:  # a missing target: the importer says so, as for any file that went away
            out.files.append(Candidate(link, 0))
        return
    try:
        hop = Path(os.path.join(os.path.dirname(link), os.readlink(link)))
    except OSError:
        out.files.append(Candidate(link, 0))
        return
    if hop.is_symlink():
        out.skipped.append((link, LINK_TO_LINK))
        return
    target = _key(hop)
    if not any(Path(target).is_relative_to(root) for root in out.roots):
        out.skipped.append((link, LINK_OUTSIDE))
    elif out.excludes(Path(target)):
        out.skipped.append((link, STORE_REASON))
    else:
        _add(link, out, seen, source=Path(target))


def _walk(root: Path, out: Collected, seen: dict[str, Path]) -> None:
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
        elif entry.is_symlink():
            out.links.append(path)
        else:
            _add(path, out, seen)
