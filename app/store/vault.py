"""The media vault: write-once files, placed atomically, hashed while written.

A file is copied to ``vault/.pending/<name>.part`` while SHA-256 and SM3 are computed,
fsynced, and only then appears under its final name ``<xx>/<name>``; the caller commits
the database row after that. Until the row is committed a note in the pending area names
the final file; ``settle`` removes the note. At the next start, ``recover()`` removes
partial copies and any placed file whose row never committed, so a killed writer leaves
no visible file and no row. Vault files are created read-only and never modified.

Two ways to place a file, with the same guarantees (each step in this order):

*Linked* (POSIX, where the file system has hard links): the copy is written, fsynced (this
also makes its name in the pending area durable: it is a new file), then hard-linked to
its final name. The pending name is itself the note: same file, same name. Per file: one
create, one fsync, one link; after the commit, one unlink.

*Renamed* (Windows, where a read-only file cannot lose one name without the other changing
its attributes, and file systems without hard links such as FAT): an empty note
``<name>.intent`` is created first, the copy is written and fsynced, the pending folder
is fsynced (the note is on disk before the file can appear), then the copy is renamed to
its final name.

Either way, before the rows commit ``Placement.seal`` fsyncs the fan-out folder (and the
vault folder when the fan-out folder is new), so the final name is on disk. The files of
one item share a fan-out folder: one folder fsync covers them all.

A crash before the final name exists leaves a partial ``.part`` (and perhaps a note):
recovery removes them. A crash after it leaves a note naming a file without a row:
recovery removes the file, then the note. A crash after the commit leaves a note naming a
file with its row: recovery keeps the file and removes the note.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import sys
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from app.domain.messages import QT_TRANSLATE_NOOP
from app.store.errors import DiskFull, NotFound, ReadOnlyLocation, StoreError
from app.store.hashing import CHUNK, DualDigest

PENDING = ".pending"
PART = ".part"
INTENT = ".intent"
READ_ONLY = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH
# A vault file's name: 32 hex digits and a short lower-case suffix (see Vault.new_path).
_VAULT_NAME = re.compile(r"[0-9a-f]{32}(?:\.[a-z0-9]{1,9})?")
# Errors by which a file system says it has no hard links.
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK,
             errno.ENOSYS}


@dataclass(frozen=True)
class PlacedFile:
    """A file safely in the vault, waiting for (or with) its database row."""

    vault_path: str  # relative to the vault root, POSIX separators
    size: int
    sha256: str
    sm3: str  # "" until the digest pass computes it (large imported originals)
    intent: Path  # the note in the pending area; Vault.settle() removes it after the commit


def fsync_dir(path: Path) -> None:
    if os.name == "nt":  # Windows cannot open a directory for fsync
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def translate_os_error(exc: OSError, where: Path) -> StoreError:
    if exc.errno == errno.ENOSPC:
        return DiskFull(QT_TRANSLATE_NOOP(
            "Errors", "The disk holding {path} is full; free some space and try again."),
            path=where)
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ReadOnlyLocation(QT_TRANSLATE_NOOP(
            "Errors", "Cannot write to {path} ({reason}); choose a writable location."),
            path=where, reason=exc.strerror)
    return StoreError(QT_TRANSLATE_NOOP("Errors", "Could not write to {path}: {reason}."),
                      path=where, reason=exc.strerror or exc)



class VaultFiles:
    """Reading a vault: open a stored file read-only, list files and pending notes.

    Holds no method that places or removes a file, so a reader given only this can
    never change the vault (review mode is built on it).
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.pending = root / PENDING

    def open_file(self, vault_path: str) -> BinaryIO:
        """A stored file, opened for reading only; a path leaving the vault is refused."""
        return open(self.path_to_read(vault_path), "rb")

    def path_to_read(self, vault_path: str) -> Path:
        """Where a stored file lies, for a reader that needs a path (a media player, a
        decoder); the caller only reads it. A path leaving the vault is refused."""
        if not _inside_vault(vault_path):
            raise NotFound(QT_TRANSLATE_NOOP(
                "Errors", "'{path}' is not a file of this store's vault."), path=vault_path)
        return self.root.joinpath(*vault_path.split("/"))

    def pending_intents(self) -> list[tuple[Path, str]]:
        """Notes in the pending area, each with the vault path it names (placed or not)."""
        if not self.pending.is_dir():
            return []
        out = []
        for note in sorted(self.pending.iterdir()):
            vault_path = _named_path(note)
            if vault_path is not None:
                out.append((note, vault_path))
        return out

    def iter_files(self) -> Iterator[str]:
        """Every file in the vault (relative paths), the pending area excluded."""
        if not self.root.is_dir():
            return
        for dirpath, dirnames, filenames in os.walk(self.root):
            if Path(dirpath) == self.root and PENDING in dirnames:
                dirnames.remove(PENDING)
            rel = Path(dirpath).relative_to(self.root)
            for name in filenames:
                yield (rel / name).as_posix()


class Vault(VaultFiles):
    def __init__(self, root: Path, linked: bool | None = None) -> None:
        super().__init__(root)
        # Place by hard link (see the module notes); turned off for good by a file system
        # that refuses links.
        self.linked = os.name != "nt" if linked is None else linked

    def ensure(self) -> None:
        self.pending.mkdir(parents=True, exist_ok=True)

    def absolute(self, vault_path: str) -> Path:
        return self.root.joinpath(*vault_path.split("/"))

    @staticmethod
    def new_path(suffix: str, folder: str | None = None) -> str:
        """A fresh relative path: two-level fan-out so no folder grows huge.

        ``folder`` (two hex digits) puts it beside other files of the same item.
        """
        name = uuid.uuid4().hex
        if folder is not None:
            name = folder + name[2:]
        suffix = suffix.lower() if suffix else ""
        if not _VAULT_NAME.fullmatch(f"{name}{suffix}"):
            suffix = ""  # something that could not be a plain file suffix: leave it off
        return f"{name[:2]}/{name}{suffix}"

    def placement(self) -> Placement:
        """The files of one item on their way in; see ``Placement``."""
        return Placement(self)

    def place_stream(
        self,
        source: BinaryIO,
        suffix: str = "",
        progress: Callable[[int], None] | None = None,
    ) -> PlacedFile:
        """Copy ``source`` into the vault atomically; returns its path and digests."""
        batch = self.placement()
        placed = batch.place_stream(source, suffix, progress)
        try:
            batch.seal()
        except OSError as exc:
            self.discard(placed)
            raise translate_os_error(exc, self.root) from exc
        return placed

    def place_bytes(self, data: bytes, suffix: str = "") -> PlacedFile:
        import io

        return self.place_stream(io.BytesIO(data), suffix)

    def place_file(
        self, path: Path, suffix: str | None = None, progress: Callable[[int], None] | None = None
    ) -> PlacedFile:
        with open(path, "rb") as src:
            return self.place_stream(src, path.suffix if suffix is None else suffix, progress)

    def settle(self, placed: PlacedFile) -> None:
        """The row is committed: the file is now for keeps."""
        placed.intent.unlink(missing_ok=True)

    def discard(self, placed: PlacedFile) -> None:
        """The row did not commit: take the file back out."""
        _remove_readonly(self.absolute(placed.vault_path))
        _remove_readonly(placed.intent)

    @contextmanager
    def placing(self, source: BinaryIO, suffix: str = "") -> Iterator[PlacedFile]:
        """Place a file; discard it if the block (the database commit) fails."""
        placed = self.place_stream(source, suffix)
        try:
            yield placed
        except BaseException:
            self.discard(placed)
            raise
        self.settle(placed)

    def recover(self, has_row: Callable[[str], bool],
                unfinished: list[str] | None = None,
                recordings_to: Path | None = None,
                kept: list[Path] | None = None) -> list[str]:
        """Undo what a killed writer left: partial files, and placed files without a row.

        Returns the placed files removed; the names of unfinished copies and recordings
        are added to ``unfinished`` (so the user can be told what was lost). A recording
        that holds sound or pictures is not deleted but moved to ``recordings_to`` (outside
        the vault) and its new path added to ``kept``: what was recorded until the crash
        exists nowhere else, unlike a copy, whose source is still on the card.
        Only for a store no other live program has open (see ``store_lock``): everything
        in the pending area is taken for a dead writer's.
        """
        removed: list[str] = []
        if not self.pending.is_dir():
            return removed
        for note in self.pending.iterdir():
            if not note.name.endswith((PART, INTENT)):
                continue
            vault_path = _named_path(note)
            placed = False
            # A note naming a path outside the vault is not ours: drop it, touch nothing else.
            if vault_path is not None and _inside_vault(vault_path):
                target = self.absolute(vault_path)
                placed = _placed_by(note, target)
                if placed and not has_row(vault_path):
                    _remove_readonly(target)
                    removed.append(vault_path)
            if note.name.endswith(PART) and not placed:
                if unfinished is not None:
                    unfinished.append(note.name)
                if recordings_to is not None and _holds_a_recording(note):
                    moved = _keep_aside(note, recordings_to)
                    if moved is not None:
                        if kept is not None:
                            kept.append(moved)
                        continue
            _remove_readonly(note)
        if unfinished is not None:
            unfinished.sort()
        return sorted(removed)

    def copy_out(self, vault_path: str, target: Path) -> None:
        shutil.copyfile(self.absolute(vault_path), target)


class Placement:
    """The files of one item on their way into the vault: one fan-out folder for all.

    ``place_stream`` copies, hashes and fsyncs each file and gives it its final name;
    ``seal`` makes the final names durable with one folder fsync and must return before
    the rows commit; then ``settle`` once they are committed, or ``discard`` if they are not.
    """

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.folder = uuid.uuid4().hex[:2]
        self.placed: list[PlacedFile] = []
        self._unsealed = False
        self._new_folder = False

    def place_stream(
        self,
        source: BinaryIO,
        suffix: str = "",
        progress: Callable[[int], None] | None = None,
        with_sm3: bool = True,
    ) -> PlacedFile:
        """Copy, hash and fsync ``source`` and give it its final name (see the class).

        ``with_sm3=False`` leaves SM3 to the digest pass (``sm3`` is "")."""
        vault = self.vault
        vault_path = vault.new_path(suffix, self.folder)
        final = vault.absolute(vault_path)
        part = vault.pending / f"{final.name}{PART}"
        intent = vault.pending / f"{final.name}{INTENT}"
        linked = vault.linked
        digest = DualDigest(with_sm3)
        try:
            if not self.placed:
                vault.ensure()
            if not linked:
                with open(intent, "xb"):
                    pass  # empty: its name is the note
            # Created read-only (the mode applies to later opens): no chmod afterwards.
            fd = os.open(part, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                         READ_ONLY)
            with open(fd, "wb", buffering=0) as out:
                while chunk := source.read(CHUNK):
                    _write_all(out, chunk)
                    _start_writeback(fd, digest.size, len(chunk))
                    digest.update(chunk)
                    if progress is not None:
                        progress(digest.size)
                os.fsync(fd)
            size, sha256, sm3 = digest.size, digest.sha256, digest.sm3  # before it can appear
            if not final.parent.is_dir():
                final.parent.mkdir(parents=True, exist_ok=True)
                self._new_folder = True
            if linked:
                linked = self._link(part, final)
            if not linked:
                if not intent.exists():  # links refused just now: note, then rename
                    with open(intent, "xb"):
                        pass
                fsync_dir(vault.pending)  # the note is on disk before the file can appear
                os.replace(part, final)
        except OSError as exc:
            _remove_readonly(part)
            intent.unlink(missing_ok=True)
            raise translate_os_error(exc, vault.root) from exc
        except BaseException:
            _remove_readonly(part)
            intent.unlink(missing_ok=True)
            raise
        finally:
            digest.close()
        placed = PlacedFile(vault_path, size, sha256, sm3, part if linked else intent)
        self.placed.append(placed)
        self._unsealed = True
        return placed

    def _link(self, part: Path, final: Path) -> bool:
        """Give the copy its final name beside its pending one; False if links are refused."""
        try:
            os.link(part, final)
            return True
        except OSError as err:
            if err.errno not in _NO_LINKS:
                raise
            self.vault.linked = False
            return False

    def seal(self) -> None:
        """Make every final name so far durable: call before committing the rows."""
        if not self._unsealed:
            return
        fsync_dir(self.vault.root / self.folder)
        if self._new_folder:
            fsync_dir(self.vault.root)
            self._new_folder = False
        self._unsealed = False

    def discard(self) -> None:
        for placed in self.placed:
            self.vault.discard(placed)

    def settle(self) -> None:
        for placed in self.placed:
            self.vault.settle(placed)


def _write_all(out: BinaryIO, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[out.write(view) or 0:]


def _start_writeback(fd: int, offset: int, length: int) -> None:
    """Ask the kernel to start writing what was just written (Linux: DONTNEED on dirty
    pages starts their writeback without waiting): the disk works while the next chunk is
    read and hashed, and the fsync at the end has little left to wait for."""
    if _FADVISE is None:
        return
    try:
        _FADVISE(fd, offset, length, os.POSIX_FADV_DONTNEED)
    except OSError:
        pass


_FADVISE = getattr(os, "posix_fadvise", None) if sys.platform.startswith("linux") else None


def _named_path(note: Path) -> str | None:
    """The vault path a pending note names: by its name, or (older notes) its content."""
    for ending in (PART, INTENT):
        if note.name.endswith(ending):
            name = note.name[: -len(ending)]
            break
    else:
        return None
    if ending == INTENT:
        try:
            if note.stat().st_size:
                return note.read_text("utf-8").strip()
        except OSError:
            return None
    if _VAULT_NAME.fullmatch(name):
        return f"{name[:2]}/{name}"
    return None


def _placed_by(note: Path, target: Path) -> bool:
    """Did the writer that left ``note`` put ``target`` in place?

    A ``.part`` placed by link is the same file as its target (one merely copying has no
    target yet); an intent note's target is whatever sits at the path it names.
    """
    try:
        if note.name.endswith(PART):
            return os.path.samefile(note, target)
        return target.exists()
    except OSError:
        return False


def _inside_vault(vault_path: str) -> bool:
    parts = vault_path.split("/")
    return bool(vault_path) and not vault_path.startswith("/") and all(
        part not in ("", ".", "..") and "\\" not in part and ":" not in part for part in parts
    )


RECORDING_PREFIX = "rec-"  # how capture names a recording in progress (recording_files)
KEEP_AT_LEAST = 4096  # bytes: less is a header and no sound or picture worth keeping


def _holds_a_recording(note: Path) -> bool:
    try:
        return note.name.startswith(RECORDING_PREFIX) and note.stat().st_size >= KEEP_AT_LEAST
    except OSError:
        return False


def _keep_aside(note: Path, folder: Path) -> Path | None:
    """Move an interrupted recording to ``folder`` under a name saying when it was made
    (``recording-20250721-143000.wav``); None if it cannot be moved (it is then deleted)."""
    suffix = note.name[: -len(PART)].rsplit(".", 1)
    ending = f".{suffix[1]}" if len(suffix) == 2 and suffix[1].isalnum() else ""
    try:
        made = datetime.fromtimestamp(note.stat().st_mtime)
        folder.mkdir(parents=True, exist_ok=True)
        stem = f"recording-{made:%Y%m%d-%H%M%S}"
        target = folder / f"{stem}{ending}"
        n = 1
        while target.exists():
            n += 1
            target = folder / f"{stem}-{n}{ending}"
        os.replace(note, target)
        return target
    except OSError:
        return None


def _remove_readonly(path: Path) -> None:
    if os.name == "nt":  # Windows will not delete a read-only file
        try:
            os.chmod(path, stat.S_IWUSR | stat.S_IRUSR)
        except OSError:
            pass
    path.unlink(missing_ok=True)
