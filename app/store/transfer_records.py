"""Frozen values the transfer repository returns: what an export reads, and its batches."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.store.records import IncidentRecord, ScheduleRecord
from app.store.repositories.items import FileRecord


def detail_text(detail: Any) -> str:
    """An event detail's canonical JSON text (what ``ExportEvent.detail_json`` holds)."""
    return json.dumps(detail, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True, slots=True)
class ExportItem:
    """One 件 with every field its metadata XML and the pre-flight checks need."""

    id: str
    kind: str
    category: str
    source_channel: str
    state: str
    archival_code: str | None
    piece_number: int | None
    year: int | None
    transfer_batch_id: str | None
    title: str
    creator: str
    date: datetime | None  # aware, in its recorded offset
    place: str
    latitude: float | None
    longitude: float | None
    people: str
    description: str
    keywords: str
    phase: str | None
    retention: str | None
    classification: str
    secrecy_period: str
    open_status: str
    language: str
    cross_reference: str
    technical: dict[str, Any]
    provenance: dict[str, Any]
    files: tuple[FileRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class ExportEvent:
    """An audit event with its chain hashes, so a package reader can recompute each one.

    The detail is held as its canonical JSON text (``detail_json``: sorted keys, non-ASCII
    kept, as the store keeps it and the package writes it), not as parsed objects: a batch
    of 100,000 items carries several hundred thousand events. ``detail`` parses it."""

    seq: int
    id: str
    event_type: str
    occurred_at: datetime
    agent: str
    operator_id: str | None
    incident_id: str | None
    item_id: str | None
    object_type: str
    object_id: str | None
    outcome: str
    detail_json: str
    prev_hash: str
    hash: str
    hash_form: int = 1  # app.domain.audit_form
    # Leaf paths of ``detail`` whose values were replaced by their digests for the export.
    redacted: tuple[tuple[str | int, ...], ...] = ()

    @property
    def detail(self) -> dict[str, Any]:
        value = json.loads(self.detail_json)
        return value if isinstance(value, dict) else {}


@dataclass(frozen=True, slots=True)
class ChainLink:
    """One audit event between two packages' anchors: in full for this incident's events,
    reduced to its hashes for the others (their content stays on the laptop)."""

    seq: int
    prev_hash: str
    hash: str
    event: ExportEvent | None = None


@dataclass(frozen=True)
class TransferBatchRecord:
    id: str
    incident_id: str
    number: int
    status: str
    paths: tuple[str, ...]
    item_ids: tuple[str, ...]
    item_count: int
    byte_count: int
    digests: dict[str, Any]
    fingerprint: str
    reviewer: str
    carrier: str
    audit_head_count: int
    audit_head_hash: str
    created_at: datetime
    completed_at: datetime | None


@dataclass(frozen=True)
class ExportSource:
    """A snapshot of what one export reads from the store, taken in one transaction."""

    incident: IncidentRecord
    schedule: ScheduleRecord | None
    # Sequences read a chunk at a time (``app.domain.spool``) or tuples.
    items: Sequence[ExportItem]
    events: Sequence[ExportEvent]
    audit_head_count: int
    audit_head_hash: str
    batch_number: int  # the number this batch will get
    previous: TransferBatchRecord | None  # the newest finished batch of this incident
    source_organization: str
    selected: bool = False  # items chosen by the user rather than "all filed, not sent"
    excluded: tuple[str, ...] = field(default_factory=tuple)  # classified ids left out
    # 档号 of this incident's items already transferred (件号 continue from them)
    earlier_codes: tuple[str, ...] = field(default_factory=tuple)
    # The audit chain from the previous batch's anchor (or the start) to this one's head.
    chain: Sequence[ChainLink] = field(default_factory=tuple)
    schedule_approver: str | None = None  # the name of who approved the schedule version
