"""Import a batch of files into an incident: one result per file, one bad file never stops it.

For each file: refuse what is not a regular, non-empty file of a format we take; find out
cheaply whether it is already in the incident (a file is hashed first only when its size
matches a stored original); probe it and make its derivatives; copy it into the vault
(``stage``: SHA-256 while copying, fsynced); then commit its rows (``commit_staged``).

Files are staged on several threads at once (copying waits on the disk, probing and
hashing on a core; Pillow, PyAV and hashlib let go of the GIL) and committed in order, a
group at a time (the first file at once, then at most every half second): one transaction
and one fsync for all files that are ready. SM3 is left to the digest pass
(``app.store.digests``) that runs after the import.

Runs off the GUI thread: ``progress(done, total, text)`` reports kibibytes taken in (a
4-GB video would otherwise hold a file counter still for minutes), ``on_result`` hears of
each file as it ends, in order, and ``cancel`` stops between files or in the middle of a
copy. A cancelled import keeps every file that finished and leaves no partial file behind:
the vault removes an unfinished copy, and an item's rows are committed only after all its
files are in place.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import CancelledError, Future, ThreadPoolExecutor
from concurrent.futures import wait as futures_wait
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

from app.capture.archival_formats import leave_out_text
from app.capture.collect import Candidate, collect
from app.capture.errors import BadFile, WrongKind
from app.capture.prepare import PreparedFile, display_name, prepare_file
from app.capture.provenance import (
    build_provenance,
    creator_from_provenance,
    item_fields_from_provenance,
)
from app.capture.source import OpenSource, open_source
from app.domain.messages import QT_TRANSLATE_NOOP, Message, Words
from app.domain.text import escaped, printable
from app.store.errors import DiskFull, StoreError
from app.store.hashing import CHUNK
from app.store.repositories import Repositories
from app.store.repositories.base import os_user
from app.store.repositories.items import BatchRecord, DuplicateItem, ItemRecord, StagedItem
from app.store.store import RECOVERED_DIR

ProgressCallback = Callable[[int, int, str], None]
log = logging.getLogger(__name__)

# Files staged at once: more than there are cores, since a copy spends much of its time
# waiting for the disk (its fsync) while another file is probed and hashed.
STAGE_THREADS = max(2, min(8, (os.cpu_count() or 1) + 2))
# Files staged ahead of the commits: enough that the threads stay busy during a commit.
LOOK_AHEAD = 4 * STAGE_THREADS
# Staged items are committed together, at most this many and at least this often. A commit
# is an fsync of the database, and on a journalling file system it also waits for the
# vault copies in flight: measured here at 40 ms while photos were being copied, so a
# commit per file took most of an import's time.
GROUP_MAX = 64
COMMIT_EVERY_SECONDS = 0.5

# Room kept free on the store's disk beyond each file and its derivatives, so the database
# and the audit head can still be written when the vault is nearly full.
FREE_SPACE_RESERVE = 1024 * 1024


@dataclass(frozen=True)
class Imported:
    path: Path
    item_id: str
    sha256: str
    kind: str
    warnings: tuple[str, ...] = ()  # English (as recorded)
    warning_words: tuple[Words, ...] = ()  # the same, to show in the interface language

    @property
    def notes(self) -> tuple[Words, ...]:
        return self.warning_words or self.warnings


@dataclass(frozen=True)
class Duplicate:
    path: Path
    item_id: str


@dataclass(frozen=True)
class Failed:
    path: Path
    error: str  # the English sentence, printable
    code: str = "error"
    words: Words | None = None  # the same, shown with app.ui.i18n.message_text

    @classmethod
    def of(cls, path: Path, words: Words, code: str) -> Failed:
        return cls(path, printable(str(words)), code, words)

    @property
    def message(self) -> Words:
        return self.words if self.words is not None else self.error


@dataclass(frozen=True)
class Skipped:
    path: Path
    reason: str  # English
    words: Words | None = None  # the same, shown with app.ui.i18n.message_text

    @property
    def message(self) -> Words:
        return self.words if self.words is not None else self.reason


Outcome = Imported | Duplicate | Failed | Skipped
ResultCallback = Callable[[Outcome], None]


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


def shown(path: Path) -> str:
    return printable(str(path))


def terminal_text(text: str) -> str:
    """A line safe to print on a terminal: undecodable bytes and control characters in a
    file name (ESC starting colours, CR or a line break forging a line) become escapes."""
    return escaped(printable(text))


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
    lock: threading.Lock = field(default_factory=threading.Lock)

    def id(self) -> str:
        if self.given_id is not None:
            return self.given_id
        with self.lock:  # files are staged on several threads: one batch for them all
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
    on_result: ResultCallback | None = None,
    cancel: threading.Event | None = None,
) -> ImportReport:
    """Import ``paths`` (files and folders) into ``incident``; see the module docstring.

    ``batch_id`` adds to an existing batch; otherwise a batch with ``source_channel`` and
    ``provenance`` is made when the first file is stored. ``kinds`` limits what is taken
    (e.g. only photos of a physical object).
    """
    source_channel, prov = build_provenance(source_channel, provenance or {})
    found = collect([Path(p) for p in paths], exclude=repos.store.root,
                    allow=repos.store.root / RECOVERED_DIR)
    found.files, left_out = leave_out_text(found.files, map(Path, paths))
    found.skipped.extend(left_out)
    report = ImportReport(batch_id=batch_id)
    batch = _Batch(repos, incident, source_channel, prov, operator, note, given_id=batch_id)
    creator = creator_from_provenance(source_channel, prov) or _operator_name(repos, operator)
    run = _Run(repos, incident, operator, creator, kinds, report, batch, cancel,
               _Progress(progress, sum(_kib(c.size) for c in found.files)), on_result,
               fields=item_fields_from_provenance(source_channel, prov))
    for p, reason in found.skipped:
        run.tell(Skipped(p, str(reason), reason))
    for p, message in found.missing:
        run.tell(Failed.of(p, message, "not-found"))
    run.sizes = repos.items.original_sizes(incident)
    run.all(found.files)
    report.batch_id = batch.made_id()
    return report


def _kib(size: int) -> int:
    return size // 1024 + 1


def _operator_name(repos: Repositories, operator: str | None) -> str:
    if operator:
        return repos.operators.get(operator).name
    default = repos.operators.default()
    return default.name if default is not None else os_user()


class _Progress:
    """Kibibytes taken in, counted from every staging thread."""

    def __init__(self, callback: ProgressCallback | None, total_kib: int) -> None:
        self.callback = callback
        self.total = total_kib
        self.done = 0
        self.label = ""
        self.lock = threading.Lock()

    def add(self, kib: int, label: str | None = None) -> None:
        with self.lock:
            self.done += kib
            if label is not None:
                self.label = label
            if self.callback is not None:
                self.callback(min(self.done, self.total), self.total, self.label)


@dataclass
class _Staged:
    candidate: Candidate
    prepared: PreparedFile
    item: StagedItem


@dataclass
class _Run:
    repos: Repositories
    incident: str
    operator: str | None
    creator: str
    kinds: frozenset[str] | None
    report: ImportReport
    batch: _Batch
    cancel: threading.Event | None
    progress: _Progress
    on_result: ResultCallback | None
    fields: dict[str, Any] = field(default_factory=dict)
    sizes: set[int] = field(default_factory=set)
    in_flight_bytes: int = 0
    room_lock: threading.Lock = field(default_factory=threading.Lock)

    def tell(self, outcome: Outcome) -> None:
        """Record a file's outcome and pass it on (always on the importing thread)."""
        if isinstance(outcome, Imported):
            self.report.imported.append(outcome)
        elif isinstance(outcome, Duplicate):
            self.report.duplicates.append(outcome)
        elif isinstance(outcome, Failed):
            self.report.failed.append(outcome)
        else:
            self.report.skipped.append(outcome)
        if self.on_result is not None:
            self.on_result(outcome)

    def _cancelled(self) -> bool:
        return self.cancel is not None and self.cancel.is_set()

    def all(self, files: list[Candidate]) -> None:
        """Stage files on the pool, a window ahead; commit them in order, in groups."""
        total = len(files)
        ahead: deque[tuple[Candidate, Future[_Staged]]] = deque()
        group: list[_Staged] = []
        upcoming = iter(enumerate(files))
        last_commit = time.monotonic() - COMMIT_EVERY_SECONDS  # the first file shows at once

        def due() -> bool:
            return (len(group) >= GROUP_MAX
                    or time.monotonic() - last_commit >= COMMIT_EVERY_SECONDS)

        with ThreadPoolExecutor(STAGE_THREADS, thread_name_prefix="import-stage") as pool:
            while True:
                while (len(ahead) < LOOK_AHEAD and not self._cancelled()
                       and (nxt := next(upcoming, None)) is not None):
                    n, candidate = nxt
                    label = f"{n + 1}/{total} {display_name(candidate.path.name)[0]}"
                    ahead.append((candidate, pool.submit(self._stage, candidate, label)))
                if not ahead:
                    break
                candidate, job = ahead.popleft()
                # Finished files wait for company at most COMMIT_EVERY_SECONDS, also while
                # a long video is still being copied.
                while group and not job.done() and not due():
                    futures_wait([job], timeout=COMMIT_EVERY_SECONDS
                                 - (time.monotonic() - last_commit))
                if group and due():
                    self._commit(group)
                    group, last_commit = [], time.monotonic()
                staged = self._wait(candidate, job)
                if staged is not None:
                    group.append(staged)
            self._commit(group)
        if self._cancelled():
            self.report.not_started.extend(c.path for _, c in upcoming)
            self.report.cancelled = bool(self.report.not_started)

    def _wait(self, candidate: Candidate, job: Future[_Staged]) -> _Staged | None:
        path = candidate.path
        try:
            return job.result()
        except (_Cancelled, CancelledError):
            self.report.cancelled = True
            self.report.not_started.append(path)
        except DuplicateItem as dup:
            self.tell(Duplicate(path, dup.existing_item_id))
        except Exception as err:
            self.tell(self._failure(path, err))
        return None

    def _failure(self, path: Path, err: Exception) -> Failed:
        if isinstance(err, BadFile):
            return Failed.of(path, err, err.code)
        if isinstance(err, DiskFull):
            return Failed.of(path, _disk_full(path, err), err.code)
        if isinstance(err, StoreError):
            return Failed.of(path, Message(QT_TRANSLATE_NOOP("Errors", "{name}: {reason}"),
                                        {"name": path.name, "reason": err}), err.code)
        if isinstance(err, OSError):
            return Failed.of(path, Message(QT_TRANSLATE_NOOP(
                "Errors", "{name} cannot be read ({reason})."),
                {"name": path.name, "reason": err.strerror or err}), "unreadable")
        # A bug, or a file that breaks a decoder in a new way.
        log.error("importing %s failed unexpectedly", shown(path), exc_info=err)
        return Failed.of(path, Message(QT_TRANSLATE_NOOP(
            "Errors", "{name} could not be imported: unexpected error ({reason}); nothing of "
            "it was stored."), {"name": path.name, "reason": f"{type(err).__name__}: {err}"}),
            "internal-error")

    def _commit(self, group: list[_Staged]) -> None:
        if not group:
            return
        try:
            outcomes: list[ItemRecord | DuplicateItem] = self.repos.items.commit_staged(
                [g.item for g in group])
        except Exception as err:  # nothing of the group was kept: each file says why
            for g in group:
                self.tell(self._failure(g.candidate.path, err))
            return
        for g, outcome in zip(group, outcomes, strict=True):
            path = g.candidate.path
            if isinstance(outcome, DuplicateItem):
                self.tell(Duplicate(path, outcome.existing_item_id))
                continue
            original = outcome.file("original")
            self.sizes.add(g.prepared.probe.size)
            words = g.prepared.warnings
            self.tell(Imported(path, outcome.id, original.sha256 if original else "",
                               outcome.kind, tuple(str(w) for w in words), words))

    # -- on a staging thread -------------------------------------------------------------
    def _stage(self, candidate: Candidate, label: str) -> _Staged:
        """Probe one file and put it in the vault; its kibibytes count as it is read."""
        path = candidate.path
        counted = 0

        def count(kib: int) -> None:
            nonlocal counted
            counted += kib
            self.progress.add(kib, label)

        try:
            if self._cancelled():
                raise _Cancelled
            with open_source(candidate.opened, path.name) as source:
                return self._stage_open(candidate, source, count)
        finally:
            count(_kib(candidate.size) - counted)  # the whole file is behind us

    def _stage_open(self, candidate: Candidate, source: OpenSource,
                    count: Callable[[int], None]) -> _Staged:
        """Stage a file opened once: everything is read from ``source.path``."""
        path = candidate.path
        if source.size in self.sizes:
            existing = self._known(source.path)
            if existing is not None:
                raise DuplicateItem(existing, path.name)
        prepared = prepare_file(source.path, default_creator=self.creator,
                                original_name=path.name)
        if self.kinds is not None and prepared.kind not in self.kinds:
            raise WrongKind(QT_TRANSLATE_NOOP(
                "Errors", "{name} is {format} ({kind}), not a {wanted}."),
                name=path.name, format=prepared.probe.format.name, kind=prepared.kind,
                wanted=" / ".join(sorted(self.kinds)))
        with self._room(prepared):
            if self._cancelled():
                raise _Cancelled
            item = self._store(prepared, count)
        try:  # what was probed and what was stored are the same bytes, or nothing is kept
            source.check_unchanged(path.name)
        except BaseException:
            item.placement.discard()
            raise
        return _Staged(candidate, prepared, item)

    def _known(self, path: Path) -> str | None:
        sha = hashlib.sha256()
        with open(path, "rb") as f:
            while chunk := f.read(CHUNK):
                if self._cancelled():
                    raise _Cancelled
                sha.update(chunk)
        return self.repos.items.find_original(self.incident, sha.hexdigest())

    @contextmanager
    def _room(self, prepared: PreparedFile) -> Iterator[None]:
        """Refuse a file the disk has no room for, counting the copies still in flight."""
        need = (prepared.probe.size + sum(len(d.data) for d in prepared.derivatives)
                + FREE_SPACE_RESERVE)
        with self.room_lock:
            try:
                free = shutil.disk_usage(self.repos.store.vault.root).free
            except OSError:
                free = None
            if free is not None and free - self.in_flight_bytes < need:
                raise DiskFull(QT_TRANSLATE_NOOP(
                    "Errors", "Only {free} KiB are free on the disk holding {path}; {need} KiB "
                    "are needed."), free=max(0, free - self.in_flight_bytes) // 1024,
                    path=self.repos.store.root, need=need // 1024)
            self.in_flight_bytes += need
        try:
            yield
        finally:
            with self.room_lock:
                self.in_flight_bytes -= need

    def _store(self, prepared: PreparedFile, count: Callable[[int], None]) -> StagedItem:
        read = 0

        def on_bytes(n: int) -> None:
            nonlocal read
            before = read // 1024
            read += n
            if read // 1024 > before:
                count(read // 1024 - before)

        with open(prepared.path, "rb") as f:
            reader: Any = _Reader(f, on_bytes, self.cancel)
            files = prepared.new_files(reader)
            files[0] = replace(files[0], sm3_later=True)  # the digest pass adds it
            return self.repos.items.stage(
                self.incident, prepared.kind, files,
                batch_id=self.batch.id(), date=prepared.date,
                fields={**prepared.fields, **self.fields},
                technical=prepared.technical, event_type="item.import",
                operator=self.operator,
            )


def _disk_full(path: Path, err: DiskFull) -> Message:
    return Message(QT_TRANSLATE_NOOP("Errors", "{name} was not stored: the disk is full. {reason}"),
                   {"name": path.name, "reason": err})

