"""Reading the audit events (writing happens inside every other repository's work)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from app.store.audit import ChainHead
from app.store.hashing import GENESIS
from app.store.models import AuditEvent
from app.store.records import AuditRecord
from app.store.repositories.base import Queries, Repository


def to_record(e: AuditEvent) -> AuditRecord:
    return AuditRecord(
        seq=e.seq, id=e.id, event_type=e.event_type, occurred_at=e.occurred_at, agent=e.agent,
        incident_id=e.incident_id, item_id=e.item_id, object_type=e.object_type,
        object_id=e.object_id, outcome=e.outcome, detail=dict(e.detail or {}),
    )


class AuditQueries(Queries):
    """Reading the audit events."""

    def list(
        self, incident_id: str | None = None, item_id: str | None = None, limit: int = 200
    ) -> list[AuditRecord]:
        """The newest events first."""
        q = select(AuditEvent).order_by(AuditEvent.seq.desc()).limit(limit)
        if incident_id:
            q = q.where(AuditEvent.incident_id == incident_id)
        if item_id:
            q = q.where(AuditEvent.item_id == item_id)
        with self.store.reader() as s:
            return [to_record(e) for e in s.scalars(q)]

    def head(self) -> ChainHead:
        """The newest event (count and hash): the anchor the user writes down."""
        with self.store.reader() as s:
            row = s.execute(select(AuditEvent.seq, AuditEvent.hash)
                            .order_by(AuditEvent.seq.desc()).limit(1)).first()
        return ChainHead(int(row[0]), str(row[1])) if row else ChainHead(0, GENESIS)

    def clock_behind(self, now: datetime | None = None) -> datetime | None:
        """The newest event's time when the computer's clock is earlier than it, else None.

        An offline laptop's clock dates every record; one set back (a flat battery, a wrong
        time zone) makes the new records look older than the ones before them.
        """
        now = now or datetime.now(UTC)
        with self.store.reader() as s:
            newest = s.scalar(select(AuditEvent.occurred_at).order_by(AuditEvent.seq.desc())
                              .limit(1))
        return newest if newest is not None and newest > now else None


class AuditRepository(Repository, AuditQueries):
    """The audit log is written inside every other repository's work; nothing here."""


SHORT_HASH = 16  # hex digits of the head's short form: 64 bits, quick to write down


def short_head(head: ChainHead) -> str:
    """``COUNT:HASH16``, the form ``fieldarchive check --head`` takes back."""
    return f"{head.count}:{head.hash[:SHORT_HASH]}"
