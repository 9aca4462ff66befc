"""Reviewing transfer packages: the second source of the read interface.

``open_packages`` reads one or more packages (folders or ZIPs) from their own files
(``package_contents``), puts what they say into a database with the store's schema in the
user's cache folder (``app.store.review_cache``) and opens it read-only: a ``StoreReader``
over it offers the library, search, dashboard and work log exactly as for a store. The
files' bytes come from the packages themselves through ``PackageFiles`` (a ``VaultFiles``
whose paths are ``<package number>/<path in the package>``). Nothing is ever written
inside a package: a ZIP entry a player needs as a file is copied into the cache folder.

``verify_packages`` is the integrity panel's job for packages: ``verify`` on each, its
failures placed on the items they concern.
"""

from __future__ import annotations

import os
import threading
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from app.domain.messages import QT_TRANSLATE_NOOP, Message
from app.export.package_contents import read_packages
from app.export.package_reader import FolderReader, PackageReader, ZipReader, open_package
from app.export.package_rows import Contents, Damage, PackageFacts
from app.export.package_thumbnails import PackageLibrary
from app.export.report import PACKAGE, Report
from app.export.verify import verify_package
from app.store import migrate
from app.store.atomic import write_atomically
from app.store.audit import ChainHead
from app.store.errors import NotAStore, NotFound
from app.store.integrity import CheckReport, Finding
from app.store.read_source import ReadOnlyStore
from app.store.reading import StoreHead, StoreReader
from app.store.review_cache import build_review_db, new_cache_folder
from app.store.store import DB_NAME
from app.store.vault import VaultFiles

EXTRACTED = "files"  # ZIP entries copied out for a player, in the cache folder
THUMBNAILS = "thumbnails"  # made for the library (a package has none), in the cache folder


def is_package(path: Path) -> bool:
    """A BagIt folder, or a ZIP file (judged by its content, not its name)."""
    if path.is_dir():
        return (path / "bagit.txt").is_file()
    return path.is_file() and zipfile.is_zipfile(path)


def is_store(path: Path) -> bool:
    return path.is_dir() and (path / DB_NAME).is_file()


def refuse_unknown(path: Path) -> None:
    """One clear sentence for a path that is neither a store nor a package."""
    if not path.exists():
        raise NotAStore(QT_TRANSLATE_NOOP(
            "Errors", "{path} does not exist; give a store folder, a package folder or a "
            "package ZIP."), path=path)
    if not is_store(path) and not is_package(path):
        raise NotAStore(QT_TRANSLATE_NOOP(
            "Errors", "{path} is neither a FieldArchive store nor a transfer package (a "
            "folder with bagit.txt, or a ZIP)."), path=path)


class PackageFiles(VaultFiles):
    """The packages' files, read-only, named ``<package number>/<path in the package>``."""

    def __init__(self, readers: list[PackageReader], extract_root: Path) -> None:
        super().__init__(extract_root)
        self.readers = readers
        self._lock = threading.Lock()

    def _locate(self, vault_path: str) -> tuple[PackageReader, str]:
        number, _, rel = vault_path.partition("/")
        reader = None
        if number.isdigit() and 1 <= int(number) <= len(self.readers):
            reader = self.readers[int(number) - 1]
        if reader is None or rel not in reader.files:
            raise NotFound(QT_TRANSLATE_NOOP(
                "Errors", "'{path}' is not a file of the package (it is missing or damaged)."),
                path=rel or vault_path)
        return reader, rel

    def open_file(self, vault_path: str) -> BinaryIO:
        reader, rel = self._locate(vault_path)
        if isinstance(reader, ZipReader):
            return reader.zf.open(reader.names[rel])  # type: ignore[return-value]
        assert isinstance(reader, FolderReader)
        fd = os.open(reader.root.joinpath(*rel.split("/")),
                     os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        return os.fdopen(fd, "rb")

    def path_to_read(self, vault_path: str) -> Path:
        """A folder package's own file; a ZIP entry copied into the cache (CRC checked)."""
        reader, rel = self._locate(vault_path)
        if isinstance(reader, FolderReader):
            return reader.root.joinpath(*rel.split("/"))
        target = self.root.joinpath(vault_path.split("/", 1)[0], *rel.split("/"))
        with self._lock:
            if not target.is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                with self.open_file(vault_path) as f:
                    write_atomically(target, f.read())
        return target

    def pending_intents(self) -> list[tuple[Path, str]]:
        return []

    def iter_files(self) -> Iterator[str]:
        for number, reader in enumerate(self.readers, 1):
            for rel in sorted(reader.files):
                if rel.startswith("data/"):
                    yield f"{number}/{rel}"


class PackageStore(ReadOnlyStore):
    """The review database made from the packages, and the packages' own files."""

    def __init__(self, contents: Contents, folder: Path, hold: BinaryIO) -> None:
        engine = build_review_db(folder, contents.rows)
        super().__init__(Path(contents.packages[0].path), engine, live=False,
                         snapshot_dir=folder, revision=migrate.head_revision(),
                         newer_schema=False, migrated_from=None)
        self._hold = hold
        self._vault = PackageFiles(contents.readers, folder / EXTRACTED)
        self.thumbnails = folder / THUMBNAILS
        self.contents = contents

    @property
    def mode(self) -> str:
        return "package"

    def close(self) -> None:
        super().close()
        for reader in self.contents.readers:
            reader.close()


class PackageReviewReader(StoreReader):
    """``ReviewReading`` over packages: a StoreReader on their review database."""

    source: PackageStore

    def __init__(self, source: PackageStore) -> None:
        super().__init__(source)
        self.library = PackageLibrary(source, self.items, source.thumbnails)

    @property
    def packages(self) -> tuple[PackageFacts, ...]:
        return tuple(self.source.contents.packages)

    @property
    def roots(self) -> tuple[Path, ...]:
        return tuple(Path(p.path) for p in self.packages)

    @property
    def damage(self) -> tuple[Damage, ...]:
        return tuple(self.source.contents.damage)

    def origins(self, item_ids: list[str]) -> dict[str, str]:
        """Each item's origin: the name of the package it was read from (the first, when
        two packages hold the same item)."""
        origin = self.source.contents.origin
        return {i: origin.get(i, "") for i in item_ids}

    def head(self) -> StoreHead:
        """What the packages state (bag-info's audit head, the newest), and the newest event
        the review database holds."""
        tail = self.newest_event()
        stated = [p.audit_head.split(" ", 1) for p in self.packages if " " in p.audit_head]
        heads = [ChainHead(int(c), h) for c, h in stated if c.isdigit()]
        return StoreHead(max(heads, key=lambda h: h.count) if heads else None, tail)


def open_packages(paths: list[Path]) -> PackageReviewReader:
    """Open packages for review; a package that cannot be opened at all is refused."""
    def open_reader(path: Path) -> PackageReader:
        try:
            return open_package(path)
        except (zipfile.BadZipFile, OSError, ValueError) as err:
            raise NotAStore(QT_TRANSLATE_NOOP(
                "Errors", "The package {path} cannot be opened ({reason})."), path=path,
                reason=str(err)) from err

    contents = read_packages([Path(p).expanduser().absolute() for p in paths], open_reader)
    try:
        folder, hold = new_cache_folder()
    except BaseException:
        for reader in contents.readers:
            reader.close()
        raise
    try:
        return PackageReviewReader(PackageStore(contents, folder, hold))
    except BaseException:
        hold.close()
        for reader in contents.readers:
            reader.close()
        from app.store.review_cache import remove_cache_folder

        remove_cache_folder(folder)
        raise


def open_review(paths: list[Path]) -> StoreReader:
    """One store folder, or any number of packages: the reader review mode is built on."""
    paths = [Path(p).expanduser() for p in paths]
    for path in paths:
        refuse_unknown(path)
    if len(paths) == 1 and is_store(paths[0]):
        return StoreReader.open(paths[0])
    if any(is_store(p) for p in paths):
        raise NotAStore(QT_TRANSLATE_NOOP(
            "Errors", "Review one store at a time, or packages only; {path} is a store."),
            path=next(p for p in paths if is_store(p)))
    return open_packages(paths)


# -- the integrity panel's job for packages ----------------------------------------------------


@dataclass(frozen=True)
class PackageVerdict:
    name: str
    passed: bool
    blocking: int
    warnings: int


@dataclass
class PackageCheckReport(CheckReport):
    """``verify`` of every package, as the integrity panel and the report show a check."""

    verdicts: tuple[PackageVerdict, ...] = ()
    warnings: int = 0  # the last findings are warnings (the packages still pass)

    @property
    def passed(self) -> bool:
        return not self.cancelled and all(v.passed for v in self.verdicts)


Translate = Callable[[Message], str]


def verify_packages(reader: PackageReviewReader, translate: Translate, *,
                    cancel: threading.Event | None = None,
                    progress: Callable[[int, int, str], None] | None = None
                    ) -> PackageCheckReport:
    """``verify`` on each package; each failure a finding, on its item where it has one."""
    out = PackageCheckReport()
    verdicts = []
    warnings: list[Finding] = []
    packages = reader.packages
    item_of = reader.source.contents.item_of
    total_bytes = sum(p.bytes for p in packages) or 1
    done_before = 0
    for p in packages:
        if cancel is not None and cancel.is_set():
            out.cancelled = True
            break

        def step(_stage: str, done: int, total: int, base: int = done_before,
                 size: int = p.bytes) -> None:
            # verify's own scale (its digest pass, then its checks) onto this package's
            # part of the bar
            if cancel is not None and cancel.is_set():
                raise _Cancelled
            if progress is not None:
                part = size * done // total if total else size
                progress(min(base + part, total_bytes), total_bytes, "")

        try:
            report = verify_package(Path(p.path), progress=step)
        except _Cancelled:
            out.cancelled = True
            break
        done_before += p.bytes
        verdicts.append(_verdict(p, report))
        out.files_checked += len({r.subject for r in report.results
                                  if r.check == "digests-match"})
        for r in report.blocking + report.warnings:
            words = translate(Message(r.template, r.params)) if r.template else r.check
            where = "" if r.subject in words or r.subject == PACKAGE else f"{r.subject}: "
            finding = Finding(r.check, f"{p.name}: {r.subject}", f"{p.name}: {where}{words}",
                              _item_of(item_of, p.index, r.subject))
            (warnings if not r.blocking else out.findings).append(finding)
    out.verdicts = tuple(verdicts)
    out.findings += warnings
    out.warnings = len(warnings)
    return out


class _Cancelled(Exception):
    pass


def _verdict(p: PackageFacts, report: Report) -> PackageVerdict:
    return PackageVerdict(p.name, report.passed, len(report.blocking), len(report.warnings))


def _item_of(item_of: dict[tuple[int, str], str], index: int, subject: str) -> str | None:
    """The item a verify subject (a 档号, or a path in an item's folder) is about."""
    if subject == PACKAGE:
        return None
    return item_of.get((index, subject)) or item_of.get((index, subject.rsplit("/", 1)[0]))
