"""Where a bag is written: a folder or one ZIP with stored entries, always under a
temporary name first, fsynced, and renamed into place only when complete."""

from __future__ import annotations

import ctypes
import os
import shutil
import sys
import zipfile
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, Protocol

from app.store.vault import fsync_dir

ZIP64_FROM = 2 ** 31 - 1


class Sink(Protocol):
    final: Path
    partial: Path

    def start(self) -> None: ...
    def stream(self, rel: str, size: int) -> AbstractContextManager[BinaryIO]: ...
    def put(self, rel: str, data: bytes) -> None: ...
    def finish(self) -> None: ...
    def rename(self) -> None: ...
    def discard(self) -> None: ...


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _syncfs(path: Path) -> bool:
    """syncfs(2) on the file system holding ``path``; False where there is none."""
    libc = _c_library()
    if libc is None:
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        if libc.syncfs(fd) != 0:
            err = ctypes.get_errno()
            raise OSError(err, os.strerror(err), str(path))
        return True
    except AttributeError:
        return False
    finally:
        os.close(fd)


# sync_file_range(2) flags: start writing the file's dirty pages out, without waiting.
_SYNC_FILE_RANGE_WRITE = 2
# A file at least this big gets its write-back started as soon as it is written.
WRITEBACK_FROM = 256 * 1024
_libc: ctypes.CDLL | None = None


def _c_library() -> ctypes.CDLL | None:
    global _libc
    if _libc is None and sys.platform.startswith("linux"):
        try:
            _libc = ctypes.CDLL(None, use_errno=True)
        except OSError:
            return None
    return _libc


def start_writeback(fd: int) -> None:
    """Ask the kernel to start writing a finished file to disk now (Linux; elsewhere
    nothing). The disk then works while the next files are read and hashed, so the final
    sync waits only for the tail instead of for the whole bag: ``cp`` then ``sync`` leaves
    all of it to the end."""
    libc = _c_library()
    fn = getattr(libc, "sync_file_range", None) if libc is not None else None
    if fn is None:
        return
    fn.argtypes = (ctypes.c_int, ctypes.c_int64, ctypes.c_int64, ctypes.c_uint)
    fn(fd, 0, 0, _SYNC_FILE_RANGE_WRITE)  # advisory: an error leaves it to the final sync


class FolderSink:
    """A folder bag written as ``.<name>.partial`` beside its final name."""

    def __init__(self, out: Path, name: str) -> None:
        self.final = out / name
        self.partial = out / f".{name}.partial"
        # The folders made so far, as paths relative to the bag (short strings: a bag of
        # 100,000 items has as many folders; Path objects would cost several times more).
        # The files written are not listed: ``finish`` finds them in the bag's folder.
        self._folders: set[str] = set()

    def start(self) -> None:
        if self.partial.exists():  # a killed earlier attempt of the same batch
            shutil.rmtree(self.partial)
        self.partial.mkdir(parents=True)

    def _path(self, rel: str) -> Path:
        """The file's place, its folders made below the bag's own folder only: a target
        that disappeared (a disk pulled out) fails here instead of being made again."""
        parts = rel.split("/")
        for n in range(1, len(parts)):
            folder = "/".join(parts[:n])
            if folder not in self._folders:
                # FileNotFoundError when the bag is gone
                self.partial.joinpath(folder).mkdir(exist_ok=True)
                self._folders.add(folder)
        return self.partial.joinpath(rel)

    @contextmanager
    def stream(self, rel: str, size: int) -> Iterator[BinaryIO]:
        path = self._path(rel)
        with open(path, "xb") as f:
            yield f
            if size >= WRITEBACK_FROM:
                f.flush()
                start_writeback(f.fileno())

    def put(self, rel: str, data: bytes) -> None:
        with self.stream(rel, len(data)) as f:
            f.write(data)

    def finish(self) -> None:
        """Every file and folder durable before the bag can get its name.

        Where the system offers syncfs (Linux), one call flushes the target file system:
        the bag's files went out while later ones were being written, as ``cp`` then
        ``sync`` has it, instead of one waited-for fsync per file. Elsewhere each file and
        folder is fsynced.
        """
        if not _syncfs(self.partial):
            for folder, _dirs, files in os.walk(self.partial, topdown=False):
                for name in files:
                    fsync_file(Path(folder, name))
                fsync_dir(Path(folder))

    def rename(self) -> None:
        os.rename(self.partial, self.final)
        fsync_dir(self.final.parent)

    def discard(self) -> None:
        shutil.rmtree(self.partial, ignore_errors=True)


class ZipSink:
    """One ZIP (stored entries, UTF-8 names, all under ``<name>/``) as ``.<name>.zip.partial``."""

    def __init__(self, out: Path, name: str, when: datetime) -> None:
        self.name = name
        self.final = out / f"{name}.zip"
        self.partial = out / f".{name}.zip.partial"
        self.when = (max(when.year, 1980), when.month, when.day, when.hour, when.minute,
                     when.second)
        self._zip: zipfile.ZipFile | None = None

    def start(self) -> None:
        self.partial.unlink(missing_ok=True)
        self._zip = zipfile.ZipFile(self.partial, "x", zipfile.ZIP_STORED, allowZip64=True)

    def _info(self, rel: str, size: int) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(f"{self.name}/{rel}", self.when)
        info.compress_type = zipfile.ZIP_STORED
        info.file_size = size
        info.external_attr = 0o644 << 16
        return info

    @contextmanager
    def stream(self, rel: str, size: int) -> Iterator[BinaryIO]:
        assert self._zip is not None
        with self._zip.open(self._info(rel, size), "w",
                            force_zip64=size >= ZIP64_FROM) as f:
            yield f  # type: ignore[misc]

    def put(self, rel: str, data: bytes) -> None:
        with self.stream(rel, len(data)) as f:
            f.write(data)

    def finish(self) -> None:
        if self._zip is not None:
            self._zip.close()
            self._zip = None
        fsync_file(self.partial)

    def rename(self) -> None:
        os.rename(self.partial, self.final)
        fsync_dir(self.final.parent)

    def discard(self) -> None:
        if self._zip is not None:
            try:
                self._zip.close()
            except (OSError, ValueError):
                pass
            self._zip = None
        self.partial.unlink(missing_ok=True)
