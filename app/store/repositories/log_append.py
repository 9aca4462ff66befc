"""Appending to the work log's chains: the newest link of each chain, and numbering,
hashing and storing a new entry after it (shared by the repository and bulk loaders such as
the benchmarks)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain.timeutil import offset_minutes
from app.store import audit
from app.store.hashing import GENESIS
from app.store.models import LogEntry, LogReview, Operator, new_id
from app.store.worklog_chain import entry_hash


@dataclass(frozen=True)
class ChainTail:
    """The newest link of a chain: what the next one builds on."""

    seq: int
    hash: str
    phase: str | None = None


def entry_tail(session: Session, incident_id: str) -> ChainTail:
    row = session.execute(
        select(LogEntry.seq, LogEntry.entry_hash, LogEntry.phase)
        .where(LogEntry.incident_id == incident_id)
        .order_by(LogEntry.seq.desc()).limit(1)
    ).first()
    return ChainTail(row[0], row[1], row[2]) if row else ChainTail(0, GENESIS)


def review_tail(session: Session, incident_id: str) -> ChainTail:
    row = session.execute(
        select(LogReview.seq, LogReview.review_hash)
        .where(LogReview.incident_id == incident_id)
        .order_by(LogReview.seq.desc()).limit(1)
    ).first()
    return ChainTail(row[0], row[1]) if row else ChainTail(0, GENESIS)


def link_entry(entry: LogEntry, tail: ChainTail) -> ChainTail:
    """Number and chain ``entry`` after ``tail``; returns the new tail."""
    entry.seq = tail.seq + 1
    entry.prev_hash = tail.hash
    entry.entry_hash = entry_hash(tail.hash, entry)
    return ChainTail(entry.seq, entry.entry_hash, entry.phase)


def append_entry(session: Session, actor: audit.Actor, entry: LogEntry, tail: ChainTail,
                 event_type: str = "log.add", detail: dict[str, Any] | None = None) -> LogEntry:
    """Number, chain and store ``entry`` after ``tail``, with its audit event."""
    link_entry(entry, tail)
    session.add(entry)
    audit.record(
        session, actor, event_type, incident_id=entry.incident_id, object_type="log_entry",
        object_id=entry.id,
        detail={"seq": entry.seq, "entry_hash": entry.entry_hash, **(detail or {})},
    )
    return entry


def new_entry(
    incident_id: str, recorder: Operator, content: str, occurred_at: datetime, *,
    phase: str | None, category: str, operational_period: str | None, unit: str | None,
    participants: str, place: str, linked_items: list[str],
    corrects: LogEntry | None = None, reason: str = "",
) -> LogEntry:
    """An unnumbered entry; ``append_entry`` numbers and chains it."""
    return LogEntry(
        id=new_id(),
        incident_id=incident_id,
        seq=0,
        phase=phase,
        operational_period=(operational_period if operational_period is not None
                            else occurred_at.date().isoformat()),
        unit=unit if unit is not None else recorder.unit,
        recorder_id=recorder.id,
        recorder_name=recorder.name,
        recorder_position=recorder.position,
        participants=participants,
        # As stored: UTC, microseconds (the hash covers exactly this).
        occurred_at=occurred_at.astimezone(UTC),
        recorded_at=datetime.now(UTC),
        tz_offset_min=offset_minutes(occurred_at),
        place=place,
        category=category,
        content=content,
        linked_items=linked_items,
        corrects_id=corrects.id if corrects is not None else None,
        correction_reason=reason,
        retention="Y",  # the work log is kept permanently
        prev_hash="",
        entry_hash="",
    )
