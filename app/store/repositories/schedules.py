"""Retention schedules (归档范围和保管期限表): edit as a new version, approve with authority."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import codes
from app.domain.messages import QT_TRANSLATE_NOOP
from app.store import audit
from app.store.errors import InvalidInput, NotFound, PermissionDenied
from app.store.models import RetentionCategory, RetentionSchedule
from app.store.passphrase import verify_passphrase
from app.store.records import RetentionCategoryRecord, ScheduleRecord
from app.store.repositories.base import (
    Repository,
    find_incident,
    find_operator,
    resolve_actor,
)


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


class ScheduleRepository(Repository):
    def current(self, incident_ref: str) -> ScheduleRecord:
        with self.store.reader() as s:
            return _record(s, _latest(s, find_incident(s, incident_ref).id))

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
        with self.store.writer() as s:
            inc = find_incident(s, incident_ref)
            sched = _latest(s, inc.id)
            op = find_operator(s, approver)
            if op.role not in ("reviewer", "supervisor"):
                raise PermissionDenied(QT_TRANSLATE_NOOP(
                    "Errors", "{name} is an operator with the {role} role; approving a "
                    "schedule needs a reviewer or supervisor."), name=op.name, role=op.role)
            if not verify_passphrase(passphrase, op.passphrase_hash):
                raise PermissionDenied(QT_TRANSLATE_NOOP(
                    "Errors", "Wrong passphrase for {name}; nothing was changed."), name=op.name)
            if sched.status == "approved":
                raise InvalidInput(QT_TRANSLATE_NOOP(
                    "Errors", "Version {version} of the schedule is already approved "
                    "({approval}); revise it first to approve a new version."),
                    version=sched.version, approval=sched.approval_ref)

            sched.status = "approved"
            sched.approval_ref = approval_ref.strip()
            sched.approved_by = op.id
            sched.approved_at = datetime.now(UTC)
            audit.record(s, audit.Actor(op.name, op.id), "schedule.approve",
                         incident_id=inc.id, object_type="schedule", object_id=sched.id,
                         detail={"version": sched.version, "approval_ref": sched.approval_ref})
            return _record(s, sched)
