"""Reading the audit events (writing happens inside every other repository's work)."""

from __future__ import annotations

from sqlalchemy import select

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


class AuditRepository(Repository, AuditQueries):
    """The audit log is written inside every other repository's work; nothing here."""
