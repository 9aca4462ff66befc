"""One read interface for everything a supervisor looks at, and its store implementation.

``StoreReading`` is what review mode, the timeline and the checks are built on: incidents,
the retention schedule, items (paged) and their files' bytes, the work log (paged, with
reviews and corrections), audit events, operators, and the chain head. The writable
``Repositories`` bundle satisfies it too (the normal window's timeline reads through it).

``StoreReader`` implements it on a ``ReadOnlyStore`` (``app.store.read_source``) with the
repositories' own reading halves (``*Queries``): it holds no repository, no ``Store`` and no
``Vault``, so no method that writes is reachable from it. Transfer packages are the second
source (``app.export.package_review``): their own XML read into a review database in the
user's cache folder, a ``StoreReader`` over it, the files' bytes from the packages.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Protocol

from app.store.audit import ChainHead, last_event_head, read_head
from app.store.read_source import ReadOnlyStore
from app.store.records import AuditRecord, IncidentRecord, OperatorRecord, ScheduleRecord
from app.store.repositories.audit_log import AuditQueries
from app.store.repositories.dashboard import DashboardQueries
from app.store.repositories.incidents import IncidentQueries
from app.store.repositories.item_status import ItemStatusQueries
from app.store.repositories.items import ItemQueries, ItemRecord
from app.store.repositories.library import LibraryQueries
from app.store.repositories.operators import OperatorQueries
from app.store.repositories.schedules import ScheduleQueries
from app.store.repositories.search import SearchQueries
from app.store.repositories.transfers import TransferQueries
from app.store.repositories.worklog import WorkLogQueries
from app.store.vault import VaultFiles
from app.store.worklog_records import (
    LogCursor,
    LogEntryRecord,
    LogEntryView,
    LogFilter,
    LogRendition,
    LogThread,
)


class IncidentReading(Protocol):
    def list(self) -> list[IncidentRecord]: ...
    def get(self, ref: str) -> IncidentRecord: ...


class ScheduleReading(Protocol):
    def current(self, incident_ref: str) -> ScheduleRecord: ...


class ItemReading(Protocol):
    def get(self, item_id: str) -> ItemRecord: ...

    def list(self, incident_ref: str, offset: int = 0, limit: int = 200,
             kind: str | None = None) -> list[ItemRecord]: ...

    def count(self, incident_ref: str, kind: str | None = None) -> int: ...
    def related(self, item_id: str, relation: str | None = None) -> tuple[str, ...]: ...
    def relating(self, related_item_id: str, relation: str) -> tuple[str, ...]: ...

    def open_file(self, vault_path: str) -> BinaryIO:
        """A stored file's bytes, opened for reading only."""


class LogReading(Protocol):
    def get(self, entry_ref: str) -> LogEntryRecord: ...
    def history(self, entry_ref: str) -> LogThread: ...

    def page(self, incident_ref: str, filters: LogFilter | None = None, offset: int = 0,
             limit: int = 100, newest_first: bool = False,
             after: LogCursor | None = None) -> list[LogEntryView]: ...

    def count(self, incident_ref: str, filters: LogFilter | None = None) -> int: ...
    def periods(self, incident_ref: str) -> list[str]: ...

    def entries_for_rendition(self, incident_ref: str,
                              period: str | None = None) -> LogRendition: ...


class AuditReading(Protocol):
    def list(self, incident_id: str | None = None, item_id: str | None = None,
             limit: int = 200) -> list[AuditRecord]: ...


class OperatorReading(Protocol):
    def list(self) -> list[OperatorRecord]: ...
    def get(self, name: str) -> OperatorRecord: ...
    def default(self) -> OperatorRecord | None: ...

    def authenticate(self, name: str, passphrase: str,
                     role: str | None = None) -> OperatorRecord: ...


@dataclass(frozen=True)
class StoreHead:
    """The audit chain as the head file records it, and as the database ends."""

    recorded: ChainHead | None  # audit-head.json; count -1 when it cannot be read
    tail: ChainHead | None  # the newest audit event


class StoreReading(Protocol):
    @property
    def incidents(self) -> IncidentReading: ...
    @property
    def schedules(self) -> ScheduleReading: ...
    @property
    def items(self) -> ItemReading: ...
    @property
    def log(self) -> LogReading: ...
    @property
    def audit(self) -> AuditReading: ...
    @property
    def operators(self) -> OperatorReading: ...


class ReviewReading(StoreReading, Protocol):
    """What review mode needs beyond the shared interface: what is open, and its head."""

    @property
    def root(self) -> Path: ...

    def head(self) -> StoreHead: ...


class StoreReader:
    """``StoreReading`` over a store opened read-only; close it when done."""

    def __init__(self, source: ReadOnlyStore) -> None:
        self.source = source
        self.incidents = IncidentQueries(source)
        self.schedules = ScheduleQueries(source)
        self.items = ItemQueries(source)
        self.log = WorkLogQueries(source)
        self.audit = AuditQueries(source)
        self.operators = OperatorQueries(source)
        self.item_status = ItemStatusQueries(source)
        self.search = SearchQueries(source)
        self.dashboard = DashboardQueries(source)
        self.library = LibraryQueries(source)
        self.transfers = TransferQueries(source)

    @classmethod
    def open(cls, root: Path) -> StoreReader:
        return cls(ReadOnlyStore.open(root))

    @property
    def root(self) -> Path:
        return self.source.root

    @property
    def vault(self) -> VaultFiles:
        return self.source.vault

    def head(self) -> StoreHead:
        return StoreHead(read_head(self.source.root), self.newest_event())

    def newest_event(self) -> ChainHead | None:
        """The newest audit event the database holds, as a chain head."""
        with self.source.reader() as s:
            return last_event_head(s)

    def close(self) -> None:
        self.source.close()

    def __enter__(self) -> StoreReader:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


if TYPE_CHECKING:  # both implementations satisfy the interface (checked by mypy)
    from app.store.repositories import Repositories

    def _conforms(reader: StoreReader, repos: Repositories) -> list[StoreReading]:
        review: ReviewReading = reader
        return [review, repos]
