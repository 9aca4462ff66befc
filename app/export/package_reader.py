"""Reading a package, folder or ZIP, without ever following a path out of it.

A folder is walked without following symlinks (a symlink is reported, never opened); a ZIP
is judged from its central directory before any entry is read: names outside its one root
folder, absolute or with ``..``, symlinks, encrypted or compressed entries and sizes that
would make a ZIP bomb are refused. Reading an entry checks its CRC. Plain Python: no store.
"""

from __future__ import annotations

import os
import stat
import zipfile
from abc import ABC, abstractmethod
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from app.domain.messages import QT_TRANSLATE_NOOP
from app.export.report import Result, fail

# A package is plain media: a ZIP declaring more than this, or entries that expand more
# than STORED entries can, is refused before anything is read.
MAX_TOTAL = 16 * 1024 ** 4
MAX_ENTRIES = 2_000_000
HIDDEN_NAMES = frozenset({"thumbs.db", ".ds_store", "desktop.ini", "__macosx"})


def unsafe(rel: str) -> bool:
    """A path that would leave the package: absolute, drive letters, ``..``, backslashes.
    Plain string tests: verify calls this once per manifest line."""
    if not rel or rel.startswith(("/", "\\")) or "\\" in rel or "\x00" in rel:
        return True
    if len(rel) > 1 and rel[1] == ":":
        return True
    parts = rel.split("/")  # "a//b", "./a" and "a/" name no file inside the package either
    return ".." in parts or "." in parts or "" in parts


def hidden(rel: str) -> bool:
    return any(part.startswith(".") or part.lower() in HIDDEN_NAMES for part in rel.split("/"))


@dataclass
class PackageReader(ABC):
    """Files of a bag by their path relative to the bag's base (``data/...``)."""

    label: str
    files: dict[str, int] = field(default_factory=dict)  # rel -> size
    problems: list[Result] = field(default_factory=list)
    is_zip: bool = False

    def read(self, rel: str) -> bytes:
        with self.open(rel) as f:
            return f.read()

    @abstractmethod
    def open(self, rel: str) -> AbstractContextManager[BinaryIO]:
        """A file of the package, read-only; never a path outside it."""

    def close(self) -> None:  # noqa: B027 - a folder has nothing to close
        return None


class FolderReader(PackageReader):
    def __init__(self, root: Path) -> None:
        super().__init__(str(root))
        self.root = root
        self._walk(str(root), "")

    def _walk(self, folder: str, prefix: str) -> None:
        """Every regular file below ``folder`` by its relative path, symlinks reported and
        never followed (os.scandir: one system call per folder, no Path per file)."""
        with os.scandir(folder) as entries:
            for entry in entries:
                rel = prefix + entry.name
                if entry.is_symlink():
                    self._symlink(rel)
                elif entry.is_dir(follow_symlinks=False):
                    self._walk(entry.path, rel + "/")
                elif entry.is_file(follow_symlinks=False):
                    self.files[rel] = entry.stat(follow_symlinks=False).st_size

    def _symlink(self, rel: str) -> None:
        self.problems.append(fail("no-path-escape", rel, QT_TRANSLATE_NOOP(
            "Errors", "{path} is a symbolic link; it was not followed"), path=rel))

    @contextmanager
    def open(self, rel: str) -> Iterator[BinaryIO]:
        if unsafe(rel) or rel not in self.files:
            raise FileNotFoundError(rel)
        fd = os.open(self.root.joinpath(*rel.split("/")), os.O_RDONLY
                     | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as f:
            yield f


class ZipReader(PackageReader):
    def __init__(self, path: Path) -> None:
        super().__init__(str(path), is_zip=True)
        self.zf = zipfile.ZipFile(path)  # BadZipFile: no central directory
        self.root = ""
        self.names: dict[str, zipfile.ZipInfo] = {}
        infos = self.zf.infolist()
        if len(infos) > MAX_ENTRIES or sum(i.file_size for i in infos) > MAX_TOTAL:
            raise zipfile.BadZipFile("the archive declares more than a package can hold")
        roots = {i.filename.split("/", 1)[0] for i in infos}
        self.root = roots.pop() if len(roots) == 1 else ""
        for info in infos:
            name = info.filename
            if info.is_dir():
                continue
            rel = name[len(self.root) + 1:] if self.root and name.startswith(
                self.root + "/") else ""
            if unsafe(name) or not rel or unsafe(rel):
                self.problems.append(fail("zip-integrity", name, QT_TRANSLATE_NOOP(
                    "Errors", "the ZIP entry {name} lies outside the package's one root "
                    "folder; it was not read"), name=name))
                continue
            if stat.S_ISLNK(info.external_attr >> 16):
                self.problems.append(fail("no-path-escape", rel, QT_TRANSLATE_NOOP(
                    "Errors", "{path} is a symbolic link; it was not followed"), path=rel))
                continue
            if info.flag_bits & 0x1:
                self.problems.append(fail("no-compression", rel, QT_TRANSLATE_NOOP(
                    "Errors", "the ZIP entry {name} is encrypted"), name=rel))
                continue
            if info.compress_type != zipfile.ZIP_STORED:
                self.problems.append(fail("no-compression", rel, QT_TRANSLATE_NOOP(
                    "Errors", "the ZIP entry {name} is compressed; a transfer package "
                    "stores its entries"), name=rel))
                continue
            if info.compress_size != info.file_size:
                self.problems.append(fail("zip-integrity", rel, QT_TRANSLATE_NOOP(
                    "Errors", "the ZIP entry {name} declares sizes that do not agree"),
                    name=rel))
                continue
            self.names[rel] = info
            self.files[rel] = info.file_size

    @contextmanager
    def open(self, rel: str) -> Iterator[BinaryIO]:
        info = self.names.get(rel)
        if info is None:
            raise FileNotFoundError(rel)
        with self.zf.open(info) as f:  # reading to the end checks the CRC
            yield f  # type: ignore[misc]

    def close(self) -> None:
        self.zf.close()


def open_package(path: Path) -> PackageReader:
    if path.is_dir():
        return FolderReader(path)
    return ZipReader(path)
