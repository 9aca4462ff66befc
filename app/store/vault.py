"""The media vault: write-once files, placed atomically, hashed while written.

A file is written under ``vault/.pending/`` while SHA-256 and SM3 are computed, fsynced,
then renamed into its final place and the folder fsynced. Only then may the caller commit
the database row. An *intent* note written before the rename names the final path; it is
removed once the row is committed. At the next start, ``recover()`` removes partial files
and any placed file whose row never committed, so a killed writer leaves no visible file and
no row. Vault files are made read-only and are never modified after that.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from app.store.errors import DiskFull, ReadOnlyLocation, StoreError
from app.store.hashing import CHUNK, DualDigest

PENDING = ".pending"


@dataclass(frozen=True)
class PlacedFile:
    """A file safely in the vault, waiting for (or with) its database row."""

    vault_path: str  # relative to the vault root, POSIX separators
    size: int
    sha256: str
    sm3: str
    intent: Path  # remove with Vault.settle() after the row is committed


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
        return DiskFull(f"The disk holding {where} is full; free some space and try again.")
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ReadOnlyLocation(
            f"Cannot write to {where} ({exc.strerror}); choose a writable location."
        )
    return StoreError(f"Could not write to {where}: {exc.strerror or exc}.")


class Vault:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.pending = root / PENDING

    def ensure(self) -> None:
        self.pending.mkdir(parents=True, exist_ok=True)

    def absolute(self, vault_path: str) -> Path:
        return self.root.joinpath(*vault_path.split("/"))

    @staticmethod
    def new_path(suffix: str) -> str:
        """A fresh relative path: two-level fan-out so no folder grows huge."""
        name = uuid.uuid4().hex
        suffix = suffix.lower() if suffix and len(suffix) <= 10 and suffix.isascii() else ""
        return f"{name[:2]}/{name}{suffix}"

    def place_stream(
        self,
        source: BinaryIO,
        suffix: str = "",
        progress: Callable[[int], None] | None = None,
    ) -> PlacedFile:
        """Copy ``source`` into the vault atomically; returns its path and digests."""
        vault_path = self.new_path(suffix)
        final = self.absolute(vault_path)
        token = uuid.uuid4().hex
        part = self.pending / f"{token}.part"
        intent = self.pending / f"{token}.intent"
        digest = DualDigest()
        try:
            self.ensure()
            with open(part, "xb") as out:
                while chunk := source.read(CHUNK):
                    out.write(chunk)
                    digest.update(chunk)
                    if progress is not None:
                        progress(digest.size)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(part, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
            _write_synced(intent, vault_path.encode("utf-8"))
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(part, final)
            fsync_dir(final.parent)
        except OSError as exc:
            part.unlink(missing_ok=True)
            intent.unlink(missing_ok=True)
            raise translate_os_error(exc, self.root) from exc
        except BaseException:
            part.unlink(missing_ok=True)
            intent.unlink(missing_ok=True)
            raise
        return PlacedFile(vault_path, digest.size, digest.sha256, digest.sm3, intent)

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
        placed.intent.unlink(missing_ok=True)

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

    def pending_intents(self) -> list[tuple[Path, str]]:
        if not self.pending.is_dir():
            return []
        out = []
        for intent in sorted(self.pending.glob("*.intent")):
            try:
                out.append((intent, intent.read_text("utf-8").strip()))
            except OSError:
                continue
        return out

    def recover(self, has_row: Callable[[str], bool]) -> list[str]:
        """Undo what a killed writer left: partial files, and placed files without a row."""
        removed: list[str] = []
        for intent, vault_path in self.pending_intents():
            # A note naming a path outside the vault is not ours: drop it, touch nothing else.
            if _inside_vault(vault_path) and not has_row(vault_path):
                target = self.absolute(vault_path)
                if target.exists():
                    _remove_readonly(target)
                    removed.append(vault_path)
            intent.unlink(missing_ok=True)
        if self.pending.is_dir():
            for part in self.pending.glob("*.part"):
                _remove_readonly(part)
        return removed

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

    def copy_out(self, vault_path: str, target: Path) -> None:
        shutil.copyfile(self.absolute(vault_path), target)


def _inside_vault(vault_path: str) -> bool:
    parts = vault_path.split("/")
    return bool(vault_path) and not vault_path.startswith("/") and all(
        part not in ("", ".", "..") and "\\" not in part and ":" not in part for part in parts
    )


def _write_synced(path: Path, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def _remove_readonly(path: Path) -> None:
    try:
        os.chmod(path, stat.S_IWUSR | stat.S_IRUSR)
    except OSError:
        pass
    path.unlink(missing_ok=True)
