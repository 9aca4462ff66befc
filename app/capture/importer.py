"""Import a batch of files into an incident: one result per file, one bad file never stops it.

For each file: refuse what is not a regular, non-empty file of a format we take; find out
cheaply whether it is already in the incident (a file is hashed first only when its size
matches a stored original); probe it and make its derivatives; then ``ingest`` copies it
into the vault (hashing SHA-256 and SM3 while copying) and commits its rows.

Runs off the GUI thread: ``progress(done, total, text)`` reports kibibytes taken in (a
4-GB video would otherwise hold a file counter still for minutes) and ``cancel`` stops
between files or in the middle of a copy. A cancelled import keeps every file that finished
and leaves no partial file behind: the vault removes an unfinished copy, and the item's row
is committed only after all its files are in place.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import threading
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from app.capture.collect import Candidate, collect
from app.capture.errors import BadFile, WrongKind
from app.capture.prepare import PreparedFile, display_name, prepare_file
from app.capture.provenance import (
    build_provenance,
    creator_from_provenance,
    item_fields_from_provenance,
)
from app.store.errors import DiskFull, StoreError
from app.store.hashing import CHUNK
from app.store.repositories import Repositories
from app.store.repositories.base import os_user
from app.store.repositories.items import BatchRecord, DuplicateItem

ProgressCallback = Callable[[int, int, str], None]
log = logging.getLogger(__name__)

# Probing and thumbnails of the next files run on other cores while one file is copied,
# hashed and committed (Pillow, PyAV and hashlib release the GIL while they work).
PREPARE_THREADS = max(1, min(4, os.cpu_count() or 1))
LOOK_AHEAD = 2 * PREPARE_THREADS

# Room kept free on the store's disk beyond each file and its derivatives, so the database
# and the audit head can still be written when the vault is nearly full.
FREE_SPACE_RESERVE = 1024 * 1024


@dataclass(frozen=True)
class Imported:
    path: Path
    item_id: str
    sha256: str
    kind: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Duplicate:
    path: Path
    item_id: str


@dataclass(frozen=True)
class Failed:
    path: Path
    error: str
    code: str = "error"


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str


@dataclass
class ImportReport:
    batch_id: str | None = None
    imported: list[Imported] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    failed: list[Failed] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    not_started: list[Path] = field(default_factory=list)  # left when cancelled
    cancelled: bool = False

    @property
    def ok(self) -> bool:
        return not self.failed and not self.cancelled

    def as_dict(self) -> dict[str, Any]:
        return {
            "batch_id": self.batch_id,
            "imported": [{"id": i.item_id, "path": shown(i.path), "sha256": i.sha256,
                          "kind": i.kind, "warnings": list(i.warnings)} for i in self.imported],
            "duplicates": [{"path": shown(d.path), "id": d.item_id} for d in self.duplicates],
            "failed": [{"path": shown(f.path), "error": f.error, "code": f.code}
                       for f in self.failed],
            "skipped": [{"path": shown(s.path), "reason": s.reason} for s in self.skipped],
            "not_started": [shown(p) for p in self.not_started],
            "cancelled": self.cancelled,
        }


def printable(text: str) -> str:
    """Text that can always be printed: undecodable name bytes become \\x escapes."""
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that is not an escaped byte
        raw = text.encode("utf-8", "backslashreplace")
    return raw.decode("utf-8", "backslashreplace")


def shown(path: Path) -> str:
    return printable(str(path))


class _Cancelled(Exception):
    pass


class _Reader:
    """A source file read for the vault copy: reports progress, and stops on cancel."""

    def __init__(self, f: BinaryIO, on_bytes: Callable[[int], None],
                 cancel: threading.Event | None) -> None:
        self._f = f
        self._on_bytes = on_bytes
        self._cancel = cancel

    def read(self, size: int = -1) -> bytes:
        if self._cancel is not None and self._cancel.is_set():
            raise _Cancelled
        data = self._f.read(size)
        self._on_bytes(len(data))
        return data


@dataclass
class _Batch:
    """The import batch, created when the first file is about to be stored."""

    repos: Repositories
    incident: str
    channel: str
    provenance: dict[str, Any]
    operator: str | None
    note: str
    given_id: str | None = None
    record: BatchRecord | None = None

    def id(self) -> str:
        if self.given_id is not None:
            return self.given_id
        if self.record is None:
            self.record = self.repos.items.create_batch(
                self.incident, self.channel, self.provenance, note=self.note,
                operator=self.operator)
        return self.record.id

    def made_id(self) -> str | None:
        return self.given_id or (self.record.id if self.record is not None else None)


def import_files(
    repos: Repositories,
    incident: str,
    paths: Sequence[Path],
    *,
    source_channel: str = "self",
    provenance: Mapping[str, Any] | None = None,
    batch_id: str | None = None,
    operator: str | None = None,
    note: str = "",
    kinds: frozenset[str] | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> ImportReport:
    """Import ``paths`` (files and folders) into ``incident``; see the module docstring.

    ``batch_id`` adds to an existing batch; otherwise a batch with ``source_channel`` and
    ``provenance`` is made when the first file is stored. ``kinds`` limits what is taken
    (e.g. only photos of a physical object).
    """
    source_channel, prov = build_provenance(source_channel, provenance or {})
    found = collect([Path(p) for p in paths], exclude=repos.store.root)
    report = ImportReport(batch_id=batch_id)
    report.skipped.extend(Skipped(p, r) for p, r in found.skipped)
    report.failed.extend(Failed(p, printable(m), "not-found") for p, m in found.missing)
    batch = _Batch(repos, incident, source_channel, prov, operator, note, given_id=batch_id)
    creator = creator_from_provenance(source_channel, prov) or _operator_name(repos, operator)
    run = _Run(repos, incident, operator, creator, kinds, report, batch, progress, cancel,
               total_kib=sum(_kib(c.size) for c in found.files),
               fields=item_fields_from_provenance(source_channel, prov))
    run.sizes = repos.items.original_sizes(incident)
    with ThreadPoolExecutor(PREPARE_THREADS, thread_name_prefix="import-prepare") as pool:
        ahead: deque[tuple[int, Candidate, Future[PreparedFile] | None]] = deque()
        upcoming = iter(enumerate(found.files))

        def look_ahead() -> None:
            while len(ahead) < LOOK_AHEAD and (nxt := next(upcoming, None)) is not None:
                n, candidate = nxt
                # A file the size of a stored original may be a duplicate: no work ahead.
                job = None if candidate.size in run.sizes else pool.submit(
                    prepare_file, candidate.path, default_creator=creator)
                ahead.append((n, candidate, job))

        look_ahead()
        while ahead:
            n, candidate, job = ahead.popleft()
            if cancel is not None and cancel.is_set():
                report.cancelled = True
                report.not_started.extend(c.path for c in found.files[n:])
                for _, _, pending in ahead:
                    if pending is not None:
                        pending.cancel()
                break
            run.one(candidate, f"{n + 1}/{len(found.files)}", job)
            look_ahead()
    report.batch_id = batch.made_id()
    return report


def _kib(size: int) -> int:
    return size // 1024 + 1


def _operator_name(repos: Repositories, operator: str | None) -> str:
    if operator:
        return repos.operators.get(operator).name
    default = repos.operators.default()
    return default.name if default is not None else os_user()


@dataclass
class _Run:
    repos: Repositories
    incident: str
    operator: str | None
    creator: str
    kinds: frozenset[str] | None
    report: ImportReport
    batch: _Batch
    progress: ProgressCallback | None
    cancel: threading.Event | None
    total_kib: int
    fields: dict[str, Any] = field(default_factory=dict)
    done_kib: int = 0
    sizes: set[int] = field(default_factory=set)

    def _tell(self, text: str) -> None:
        if self.progress is not None:
            self.progress(min(self.done_kib, self.total_kib), self.total_kib, text)

    def one(self, candidate: Candidate, counter: str,
            job: Future[PreparedFile] | None = None) -> None:
        path = candidate.path
        start = self.done_kib
        label = f"{counter} {display_name(path.name)[0]}"
        self._tell(label)
        try:
            self._import(candidate, label, job)
        except _Cancelled:
            self.report.cancelled = True
            self.report.not_started.append(path)
        except DuplicateItem as dup:
            self.report.duplicates.append(Duplicate(path, dup.existing_item_id))
        except BadFile as err:
            self._fail(path, str(err), err.code)
        except DiskFull as err:
            self._fail(path, _disk_full(path, err), err.code)
        except StoreError as err:
            self._fail(path, f"{path.name}: {err}", err.code)
        except OSError as err:
            self._fail(path, f"{path.name} cannot be read ({err.strerror or err}).",
                       "unreadable")
        except Exception as err:  # a bug, or a file that breaks a decoder in a new way
            log.exception("importing %s failed unexpectedly", shown(path))
            self._fail(path, f"{path.name} could not be imported: unexpected error "
                             f"({type(err).__name__}: {err}); nothing of it was stored.",
                       "internal-error")
        self.done_kib = start + _kib(candidate.size)
        self._tell(label)

    def _fail(self, path: Path, message: str, code: str) -> None:
        # Messages name the file; a name that is not valid UTF-8 must still print.
        self.report.failed.append(Failed(path, printable(message), code))

    def _import(self, candidate: Candidate, label: str,
                job: Future[PreparedFile] | None) -> None:
        path = candidate.path
        size = candidate.size
        if size in self.sizes:
            existing = self._known(path)
            if existing is not None:
                raise DuplicateItem(existing, path.name)
        if job is not None:
            prepared = job.result()
        else:
            prepared = prepare_file(path, default_creator=self.creator)
        if self.kinds is not None and prepared.kind not in self.kinds:
            raise WrongKind(f"{path.name} is {prepared.probe.format.name} "
                            f"({prepared.kind}), not a {' or '.join(sorted(self.kinds))}.")
        self._check_room(prepared)
        if self.cancel is not None and self.cancel.is_set():
            raise _Cancelled
        record = self._store(prepared, label)
        original = record.file("original")
        self.sizes.add(prepared.probe.size)
        self.report.imported.append(Imported(path, record.id, original.sha256 if original else "",
                                             record.kind, prepared.warnings))

    def _known(self, path: Path) -> str | None:
        sha = hashlib.sha256()
        with open(path, "rb") as f:
            while chunk := f.read(CHUNK):
                if self.cancel is not None and self.cancel.is_set():
                    raise _Cancelled
                sha.update(chunk)
        return self.repos.items.find_original(self.incident, sha.hexdigest())

    def _check_room(self, prepared: PreparedFile) -> None:
        need = (prepared.probe.size + sum(len(d.data) for d in prepared.derivatives)
                + FREE_SPACE_RESERVE)
        try:
            free = shutil.disk_usage(self.repos.store.vault.root).free
        except OSError:
            return
        if free < need:
            raise DiskFull(f"Only {free // 1024} KiB are free on the disk holding "
                           f"{self.repos.store.root}; {need // 1024} KiB are needed.")

    def _store(self, prepared: PreparedFile, label: str) -> Any:
        base = self.done_kib
        read = 0

        def on_bytes(n: int) -> None:
            nonlocal read
            read += n
            self.done_kib = base + read // 1024
            self._tell(label)

        with open(prepared.path, "rb") as f:
            reader: Any = _Reader(f, on_bytes, self.cancel)
            return self.repos.items.ingest(
                self.incident, prepared.kind, prepared.new_files(reader),
                batch_id=self.batch.id(), date=prepared.date,
                fields={**prepared.fields, **self.fields},
                technical=prepared.technical, event_type="item.import",
                operator=self.operator,
            )


def _disk_full(path: Path, err: DiskFull) -> str:
    return f"{path.name} was not stored: the disk is full. {err}"
