"""Frozen values the repositories return: safe to keep after the session has closed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class OperatorRecord:
    id: str
    name: str
    unit: str
    position: str
    role: str
    has_passphrase: bool
    created_at: datetime
    public_key: str | None = None  # base64 Ed25519 key that verifies their signatures


@dataclass(frozen=True)
class IncidentRecord:
    id: str
    number: str | None
    name: str
    kind: str
    level: str
    place: str
    started_at: datetime  # aware, in the offset it was given in
    response_ended_at: datetime | None
    lead_unit: str
    participating_units: tuple[str, ...]
    fonds_code: str
    fonds_name: str
    org_code: str
    created_at: datetime
    item_count: int = 0
    log_count: int = 0  # entries as the log shows them (a corrected entry counts once)
    log_corrections: int = 0  # corrections made to them

    @property
    def filing_deadline(self) -> datetime | None:
        """Filing must be finished within six months after the response ends."""
        from app.domain.deadlines import filing_deadline

        return filing_deadline(self.response_ended_at)


@dataclass(frozen=True)
class RetentionCategoryRecord:
    key: str
    name_zh: str
    name_en: str
    retention: str


@dataclass(frozen=True)
class ScheduleRecord:
    id: str
    incident_id: str
    version: int
    name: str
    template_version: str
    status: str
    approval_ref: str
    approved_by: str | None
    approved_at: datetime | None
    categories: tuple[RetentionCategoryRecord, ...] = ()


@dataclass(frozen=True)
class AuditRecord:
    seq: int
    id: str
    event_type: str
    occurred_at: datetime
    agent: str
    incident_id: str | None
    item_id: str | None
    object_type: str
    object_id: str | None
    outcome: str
    detail: dict[str, Any] = field(default_factory=dict)
