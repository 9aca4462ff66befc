"""Retention schedules (归档范围和保管期限表): edit as a new version, approve with authority."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import codes
from app.domain.messages import QT_TRANSLATE_NOOP
from app.store import audit, signing
from app.store.errors import InvalidInput, NotFound, PermissionDenied
from app.store.models import Operator, RetentionCategory, RetentionSchedule
from app.store.records import IncidentRecord, RetentionCategoryRecord, ScheduleRecord
from app.store.repositories.base import (
    Queries,
    Repository,
    find_incident,
    find_operator,
    resolve_actor,
)
from app.store.repositories.incidents import to_record
from app.store.repositories.operators import OperatorRepository
from app.store.worklog_chain import utc_text


@dataclass(frozen=True)
class SchedulePrintout:
    """What the printed schedule shows (``app.export.schedule_pdf``), read in one snapshot."""

    incident: IncidentRecord
    schedule: ScheduleRecord
    approver_name: str | None  # the operator who approved this version (None for a draft)
    generated_at: datetime

APPROVAL_PURPOSE = "fieldarchive/schedule-approval/1"


def approval_content(fields: Mapping[str, Any], categories: Sequence[Sequence[Any]],
                     approved_at: Any) -> dict[str, Any]:
    """What a schedule approval's signature covers: the approved version, every category.

    ``fields``: the schedule row's columns; ``categories``: (key, name_zh, name_en, retention,
    sort_order) rows; ``approved_at``: the time as stored (UTC text). ``check`` builds it from
    the stored values as they are, the repository from what it is about to store.
    """
    return {
        **{k: fields.get(k) for k in ("id", "incident_id", "version", "name",
                                      "template_version", "status", "approval_ref",
                                      "approved_by")},
        "approved_at": approved_at,
        "categories": sorted([list(c) for c in categories],
                             key=lambda c: (str(c[4]), str(c[0]))),
    }


def _latest(session: Session, incident_id: str) -> RetentionSchedule:
    sched = session.scalar(
        select(RetentionSchedule)
        .where(RetentionSchedule.incident_id == incident_id)
        .order_by(RetentionSchedule.version.desc())
        .limit(1)
    )
    if sched is None:
        raise NotFound(QT_TRANSLATE_NOOP("Errors", "This incident has no retention schedule."))
    return sched


def _record(session: Session, sched: RetentionSchedule) -> ScheduleRecord:
    cats = session.scalars(
        select(RetentionCategory)
        .where(RetentionCategory.schedule_id == sched.id)
        .order_by(RetentionCategory.sort_order)
    )
    return ScheduleRecord(
        id=sched.id,
        incident_id=sched.incident_id,
        version=sched.version,
        name=sched.name,
        template_version=sched.template_version,
        status=sched.status,
        approval_ref=sched.approval_ref,
        approved_by=sched.approved_by,
        approved_at=sched.approved_at,
        categories=tuple(
            RetentionCategoryRecord(c.key, c.name_zh, c.name_en, c.retention) for c in cats
        ),
    )


def current_schedule(session: Session, incident_id: str) -> ScheduleRecord:
    """The incident's newest schedule version, in the caller's transaction."""
    return _record(session, _latest(session, incident_id))


class ScheduleQueries(Queries):
    """Reading retention schedules."""

    def current(self, incident_ref: str) -> ScheduleRecord:
        with self.store.reader() as s:
            return _record(s, _latest(s, find_incident(s, incident_ref).id))


    def printout(self, incident_ref: str, now: datetime | None = None) -> SchedulePrintout:
        """The current version with its incident and approver, for printing."""
        with self.store.reader() as s:
            inc = find_incident(s, incident_ref)
            sched = _latest(s, inc.id)
            approver = s.get(Operator, sched.approved_by) if sched.approved_by else None
            return SchedulePrintout(to_record(inc), _record(s, sched),
                                    approver.name if approver else None,
                                    now or datetime.now(UTC).astimezone())


class ScheduleRepository(Repository, ScheduleQueries):
    def revise(
        self,
        incident_ref: str,
        categories: list[RetentionCategoryRecord],
        operator: str | None = None,
    ) -> ScheduleRecord:
        """Save an edited schedule as a new draft version; earlier versions stay."""
        if not categories:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "A retention schedule needs at least one category."))
        keys = [c.key for c in categories]
        if len(set(keys)) != len(keys):
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "Each category of the schedule needs its own key."))
        for c in categories:
            if c.retention not in codes.RETENTION.values():
                raise InvalidInput(QT_TRANSLATE_NOOP(
                    "Errors", "Unknown retention '{retention}' for {category}."),
                    retention=c.retention, category=c.name_zh)
        with self.store.writer() as s:
            actor = resolve_actor(s, operator)
            inc = find_incident(s, incident_ref)
            prev = _latest(s, inc.id)
            sched = RetentionSchedule(
                incident_id=inc.id, version=prev.version + 1, name=prev.name,
                template_version=prev.template_version, status="draft",
                created_at=datetime.now(UTC),
            )
            s.add(sched)
            s.flush()
            for order, c in enumerate(categories):
                s.add(RetentionCategory(schedule_id=sched.id, key=c.key, name_zh=c.name_zh,
                                        name_en=c.name_en, retention=c.retention,
                                        sort_order=order))
            audit.record(s, actor, "schedule.revise", incident_id=inc.id,
                         object_type="schedule", object_id=sched.id,
                         detail={"version": sched.version,
                                 "categories": [[c.key, c.retention] for c in categories]})
            s.flush()
            return _record(s, sched)

    def approve(self, incident_ref: str, approver: str, passphrase: str,
                 approval_ref: str) -> ScheduleRecord:
        """Approve the latest version: a reviewer or supervisor, confirmed by passphrase."""
        if not approval_ref.strip():
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "An approval needs the reference of the approving document."))
        with self.store.reader() as s:
            op = find_operator(s, approver)
            if op.role not in ("reviewer", "supervisor"):
                raise PermissionDenied(QT_TRANSLATE_NOOP(
                    "Errors", "{name} is an operator with the {role} role; approving a "
                    "schedule needs a reviewer or supervisor."), name=op.name, role=op.role)
        signer, key = OperatorRepository(self.store).unlock_signing_key(approver, passphrase)
        with self.store.writer() as s:
            inc = find_incident(s, incident_ref)
            sched = _latest(s, inc.id)
            op = find_operator(s, signer.name)
            if sched.status == "approved":
                raise InvalidInput(QT_TRANSLATE_NOOP(
                    "Errors", "Version {version} of the schedule is already approved "
                    "({approval}); revise it first to approve a new version."),
                    version=sched.version, approval=sched.approval_ref)

            sched.status = "approved"
            sched.approval_ref = approval_ref.strip()
            sched.approved_by = op.id
            sched.approved_at = datetime.now(UTC)
            cats = [(c.key, c.name_zh, c.name_en, c.retention, c.sort_order)
                    for c in s.scalars(select(RetentionCategory)
                                       .where(RetentionCategory.schedule_id == sched.id))]
            fields = {k: getattr(sched, k) for k in ("id", "incident_id", "version", "name",
                                                     "template_version", "status",
                                                     "approval_ref", "approved_by")}
            sched.approval_signature = signing.sign(
                key, APPROVAL_PURPOSE,
                approval_content(fields, cats, utc_text(sched.approved_at)))
            audit.record(s, audit.Actor(op.name, op.id), "schedule.approve",
                         incident_id=inc.id, object_type="schedule", object_id=sched.id,
                         detail={"version": sched.version, "approval_ref": sched.approval_ref,
                                 "signature": sched.approval_signature})
            return _record(s, sched)
