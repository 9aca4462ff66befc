"""Frozen values the work-log repository returns (工作日志): entries, reviews, timeline rows.

A *version* is one stored entry. A correction is a new version pointing at the one it
corrects, so an entry's versions form a line: original → correction → correction. The
timeline shows one row per line, the *current* version (the one nobody has corrected yet).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

REVIEW_STATUSES = ("unreviewed", "approved", "returned")


@dataclass(frozen=True)
class LogReviewRecord:
    id: str
    incident_id: str
    seq: int  # position in the incident's review chain
    entry_id: str
    entry_seq: int
    reviewer_id: str
    reviewer_name: str
    reviewed_at: datetime  # aware, in the entry's offset
    status: str  # approved | returned
    opinion: str
    prev_hash: str
    review_hash: str
    # The reviewer's Ed25519 signature over review_content (None: made before signatures).
    signature: str | None = None

    @property
    def signed(self) -> bool:
        return self.signature is not None


@dataclass(frozen=True)
class LogEntryRecord:
    """One stored version, every field as recorded (times aware, in the recorded offset)."""

    id: str
    incident_id: str
    seq: int
    phase: str | None
    operational_period: str
    unit: str
    recorder_id: str | None
    recorder_name: str
    recorder_position: str
    participants: str
    occurred_at: datetime
    recorded_at: datetime
    tz_offset_min: int
    place: str
    category: str
    content: str
    linked_items: tuple[str, ...]
    corrects_id: str | None
    correction_reason: str
    retention: str
    prev_hash: str
    entry_hash: str
    # Reviews of this version, oldest first (the last one is its review state).
    reviews: tuple[LogReviewRecord, ...] = ()

    @property
    def latest_review(self) -> LogReviewRecord | None:
        return self.reviews[-1] if self.reviews else None

    @property
    def review_status(self) -> str:
        return self.reviews[-1].status if self.reviews else "unreviewed"

    @property
    def is_correction(self) -> bool:
        return self.corrects_id is not None


@dataclass(frozen=True)
class LogEntryView:
    """One timeline row: the current version of an entry, with what the UI shows beside it."""

    entry: LogEntryRecord  # the current version
    original_seq: int  # the number the entry was first recorded under
    version_count: int  # 1 = never corrected

    @property
    def id(self) -> str:
        return self.entry.id

    @property
    def has_history(self) -> bool:
        return self.version_count > 1

    @property
    def review_status(self) -> str:
        return self.entry.review_status

    @property
    def cursor(self) -> LogCursor:
        """Where this row sits in the timeline: pass it as ``after`` for the next page."""
        return LogCursor(self.entry.occurred_at, self.entry.seq)


@dataclass(frozen=True)
class LogCursor:
    """A timeline position (occurred-at, then seq) for keyset paging."""

    occurred_at: datetime
    seq: int


@dataclass(frozen=True)
class LogFilter:
    """Timeline filters; each None means "any". Dates bound occurred-at (from ≤ t < to)."""

    phase: str | None = None
    category: str | None = None
    recorder: str | None = None  # recorder name of the current version
    review_status: str | None = None  # unreviewed | approved | returned
    occurred_from: datetime | None = None
    occurred_to: datetime | None = None
    operational_period: str | None = None

    @property
    def is_empty(self) -> bool:
        return all(getattr(self, f) is None or getattr(self, f) == ""
                   for f in self.__dataclass_fields__)


@dataclass(frozen=True)
class LogThread:
    """An entry's versions, original first; the last one is the current text."""

    versions: tuple[LogEntryRecord, ...]

    @property
    def current(self) -> LogEntryRecord:
        return self.versions[-1]

    @property
    def original(self) -> LogEntryRecord:
        return self.versions[0]


@dataclass(frozen=True)
class IncidentSummary:
    """What a rendition's header needs from the incident."""

    id: str
    number: str | None
    name: str
    kind: str
    level: str
    place: str
    started_at: datetime
    lead_unit: str
    fonds_code: str
    fonds_name: str


@dataclass(frozen=True)
class LinkedItem:
    """An item as a log entry's link shows it."""

    id: str
    kind: str
    archival_code: str | None
    title: str
    original_name: str
    created_at: datetime  # aware, UTC

    def label(self) -> str:
        """档号; before filing, title（file name）, or whichever of the two there is."""
        if self.archival_code:
            return self.archival_code
        if self.title and self.original_name and not self.title_is_file_name:
            return f"{self.title}（{self.original_name}）"
        return self.original_name or self.title or self.id

    @property
    def title_is_file_name(self) -> bool:
        """The title was taken from the file's name (Nikon_D70 for Nikon_D70.jpg)."""
        return self.title in (self.original_name, self.original_name.rsplit(".", 1)[0])


@dataclass(frozen=True)
class LogRendition:
    """Everything a PDF or XML rendition of one incident's log (or one period) shows."""

    incident: IncidentSummary
    operational_period: str | None  # None: the whole log
    # Threads in time order (by the current version's occurred-at).
    threads: tuple[LogThread, ...]
    # Every version and every review in the rendition, in chain (seq) order.
    entries: tuple[LogEntryRecord, ...]
    reviews: tuple[LogReviewRecord, ...]
    generated_at: datetime
    chain_head: str  # entry_hash of the incident's newest entry (whole chain)
    review_chain_head: str
    item_codes: dict[str, str] = field(default_factory=dict)  # linked item id -> 档号
    # Linked item id -> the item as a link shows it (档号, or title and file name).
    items: dict[str, LinkedItem] = field(default_factory=dict)
    # The store's audit head at the time (COUNT:SHA-256), printed as an anchor to write down.
    audit_head: str = ""
