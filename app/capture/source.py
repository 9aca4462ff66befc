"""A file to import, opened once: never a link, never blocking, always the same bytes.

Between the moment a file is looked at and the moment it is copied, a stranger's card (or a
program on the laptop) can swap it for a named pipe, whose opening would block the import
for ever, or for another picture, so that the probe, the thumbnail and the stored original
would describe different files. So the file is opened once, without following a link and
without blocking, checked with ``fstat`` to be a regular file, and from then on every
reader (format sniffing, EXIF, PyAV, the thumbnail, the vault copy) reads that open file:
on Linux through a private link named like the file that points at ``/proc/self/fd/N``
(the open file itself, whatever its name now holds); where there is no ``/proc`` (Windows,
which has no FIFOs among files) through its path. After the copy, ``fstat`` again: a file
written to while it was imported (its size or modification time moved) is
refused, so nothing is kept whose description came from other bytes. (Not the change
time: renaming or removing the name also moves it, and the open file is still whole.)
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from app.capture.errors import BadFile, EmptyFile, UnreadableFile
from app.domain.messages import QT_TRANSLATE_NOOP

PROC_FD = Path("/proc/self/fd")
_FLAGS = (os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
          | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


class ChangedFile(BadFile):
    """The file was written to while it was being imported."""

    code = "changed"


@dataclass(frozen=True)
class OpenSource:
    fd: int
    path: Path  # read this: it is the open file, under the file's own name
    size: int
    _stamp: tuple[int, int, int, int]

    def check_unchanged(self, name: str) -> None:
        """Raise ChangedFile if the open file was written to since it was opened."""
        if _stamp(os.fstat(self.fd)) != self._stamp:
            raise ChangedFile(QT_TRANSLATE_NOOP(
                "Errors", "{name} changed while it was being imported, so what was read of "
                "it may not match what was stored; nothing of it was kept. Import it again "
                "once nothing is writing to it."), name=name)


def _stamp(st: os.stat_result) -> tuple[int, int, int, int]:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns)


def kind_of(mode: int) -> str:
    """What a non-regular file is, for the sentence that refuses it."""
    if stat.S_ISFIFO(mode):
        return QT_TRANSLATE_NOOP("Errors", "a named pipe (FIFO)")
    if stat.S_ISSOCK(mode):
        return QT_TRANSLATE_NOOP("Errors", "a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return QT_TRANSLATE_NOOP("Errors", "a device")
    if stat.S_ISDIR(mode):
        return QT_TRANSLATE_NOOP("Errors", "a folder")
    return QT_TRANSLATE_NOOP("Errors", "not a regular file")


@contextmanager
def open_source(path: Path, name: str) -> Iterator[OpenSource]:
    """Open ``path`` once for import (see the module notes); ``name`` is shown to the user."""
    try:
        fd = os.open(path, _FLAGS)
    except OSError as err:
        raise _unreadable(path, name, err) from None
    folder: str | None = None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise UnreadableFile(QT_TRANSLATE_NOOP(
                "Errors", "{name} is {what}, not a file that can be imported."),
                name=name, what=kind_of(st.st_mode))
        if st.st_size == 0:
            raise EmptyFile(QT_TRANSLATE_NOOP(
                "Errors", "{name} is empty (0 bytes); there is nothing to keep."), name=name)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        alias = path
        if PROC_FD.is_dir():
            try:
                folder = tempfile.mkdtemp(prefix="fieldarchive-source-")
                alias = Path(folder) / name
                os.symlink(PROC_FD / str(fd), alias)
            except OSError:  # no room for a link in the temporary folder: read by name
                alias = path
        yield OpenSource(fd, alias, st.st_size, _stamp(st))
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
        os.close(fd)


def _unreadable(path: Path, name: str, err: OSError) -> UnreadableFile:
    if err.errno == errno.ELOOP or (err.errno == errno.ENOENT and os.path.islink(path)):
        if os.path.islink(path) and not os.path.exists(path):
            return UnreadableFile(QT_TRANSLATE_NOOP(
                "Errors", "{name} is a link whose target is missing."), name=name)
        return UnreadableFile(QT_TRANSLATE_NOOP(
            "Errors", "{name} became a link while it was being imported; not taken."),
            name=name)
    if err.errno == errno.ENOENT:
        return UnreadableFile(QT_TRANSLATE_NOOP("Errors", "{name} no longer exists."),
                              name=name)
    return UnreadableFile(QT_TRANSLATE_NOOP("Errors", "{name} cannot be read ({reason})."),
                          name=name, reason=err.strerror or str(err))
