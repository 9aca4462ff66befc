"""What a review report states about the store it inspected: identity, digests, counts.

Read through the read interface and from the store's own files, opened for reading only.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass

from app.store.audit import ChainHead
from app.store.reading import StoreReader
from app.store.store import DB_NAME
from app.store.worklog_records import LogFilter

Progress = Callable[[int, int, str], None]
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class FileDigest:
    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class IncidentCounts:
    id: str
    number: str | None
    name: str
    items: int
    log_entries: int
    unreviewed: int  # current log entries nobody has reviewed yet


@dataclass(frozen=True)
class StoreFacts:
    root: str
    revision: str | None
    newer_schema: bool
    mode: str  # live (beside a program that had it open), in-place (read-only media), snapshot
    database: tuple[FileDigest, ...]  # archive.sqlite and its -wal, as read
    recorded_head: ChainHead | None  # audit-head.json
    tail: ChainHead | None  # the newest audit event
    incidents: tuple[IncidentCounts, ...]


def _digest(path_name: str, reader: StoreReader) -> FileDigest | None:
    if not reader.root.is_dir():  # a package ZIP: it has no database of its own
        return None
    path = reader.root / path_name
    h = hashlib.sha256()
    size = 0
    try:
        with open(path, "rb") as f:
            while chunk := f.read(CHUNK):
                h.update(chunk)
                size += len(chunk)
    except FileNotFoundError:
        return None
    return FileDigest(path_name, size, h.hexdigest())


def gather_facts(reader: StoreReader, *, cancel: threading.Event | None = None,
                 progress: Progress | None = None) -> StoreFacts:
    incidents = reader.incidents.list()
    counts = []
    for n, inc in enumerate(incidents, 1):
        if progress is not None:
            progress(n, len(incidents) + 1, inc.name)
        unreviewed = reader.log.count(inc.id, LogFilter(review_status="unreviewed"))
        counts.append(IncidentCounts(inc.id, inc.number, inc.name, inc.item_count,
                                     inc.log_count, unreviewed))
    digests = tuple(d for name in (DB_NAME, DB_NAME + "-wal")
                    if (d := _digest(name, reader)) is not None)
    head = reader.head()
    source = reader.source
    return StoreFacts(str(reader.root), source.revision, source.newer_schema, source.mode,
                      digests, head.recorded, head.tail, tuple(counts))
