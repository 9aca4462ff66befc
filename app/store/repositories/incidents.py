"""Incidents (事件): created with their own copy of the retention schedule template."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain import codes
from app.domain.messages import QT_TRANSLATE_NOOP, MessageValueError
from app.domain.retention import MAJOR_INCIDENT_TEMPLATE, TEMPLATE_NAME, TEMPLATE_VERSION
from app.domain.timeutil import offset_minutes
from app.store import audit
from app.store.errors import InvalidInput
from app.store.models import Incident, Item, LogEntry, RetentionCategory, RetentionSchedule
from app.store.records import IncidentRecord
from app.store.repositories.base import (
    Queries,
    Repository,
    check_date,
    check_plain,
    find_incident,
    resolve_actor,
)

FONDS_CHARS = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


def local_time(value: datetime, offset_min: int) -> datetime:
    return value.astimezone(timezone(timedelta(minutes=offset_min)))


def to_record(inc: Incident, item_count: int = 0, log_count: int = 0,
              log_corrections: int = 0) -> IncidentRecord:
    return IncidentRecord(
        id=inc.id,
        number=inc.number,
        name=inc.name,
        kind=inc.kind,
        level=inc.level,
        place=inc.place,
        started_at=local_time(inc.started_at, inc.started_offset_min),
        response_ended_at=(
            local_time(inc.response_ended_at, inc.started_offset_min)
            if inc.response_ended_at else None
        ),
        lead_unit=inc.lead_unit,
        participating_units=tuple(inc.participating_units or ()),
        fonds_code=inc.fonds_code,
        fonds_name=inc.fonds_name,
        org_code=inc.org_code,
        created_at=inc.created_at,
        item_count=item_count,
        log_count=log_count,
        log_corrections=log_corrections,
    )


def _code(table: codes.CodeTable, value: str) -> str:
    try:
        return table.parse(value)
    except MessageValueError as err:
        raise InvalidInput(err.template, **err.params) from None


def validate_fonds(fonds: str) -> str:
    fonds = fonds.strip()
    if not fonds or not set(fonds) <= FONDS_CHARS or len(fonds) > 16:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "The fonds code '{fonds}' is not valid; use letters and digits only, "
            "e.g. Z109 (it becomes the first part of every archival code)."), fonds=fonds)
    return fonds


class IncidentQueries(Queries):
    """Reading incidents (shared by the writable repository and review mode)."""

    def list(self, counted: bool = True) -> list[IncidentRecord]:
        """Every incident, newest first; ``counted=False`` leaves the item and log counts at
        0 (a short query, for a screen that counts in the background)."""
        with self.store.reader() as s:
            items: dict[str, int] = {}
            logs: dict[str, tuple[int, int]] = {}
            if counted:
                items = dict(s.execute(select(Item.incident_id, func.count())
                                       .group_by(Item.incident_id)).all())
                # Entries as the log shows them: a correction is a new version, not an entry.
                logs = {row[0]: (row[1] - row[2], row[2]) for row in s.execute(
                    select(LogEntry.incident_id, func.count(), func.count(LogEntry.corrects_id))
                    .group_by(LogEntry.incident_id)).all()}
            rows = s.scalars(select(Incident).order_by(Incident.started_at.desc()))
            return [to_record(i, items.get(i.id, 0), *logs.get(i.id, (0, 0))) for i in rows]

    def get(self, ref: str) -> IncidentRecord:
        with self.store.reader() as s:
            inc = find_incident(s, ref)
            n_items = s.scalar(select(func.count()).where(Item.incident_id == inc.id)) or 0
            row = s.execute(select(func.count(), func.count(LogEntry.corrects_id))
                            .where(LogEntry.incident_id == inc.id)).one()
            return to_record(inc, n_items, row[0] - row[1], row[1])


class IncidentRepository(Repository, IncidentQueries):
    def create(
        self,
        name: str,
        kind: str,
        level: str,
        started_at: datetime,
        fonds_code: str,
        *,
        number: str | None = None,
        place: str = "",
        fonds_name: str = "",
        lead_unit: str = "",
        participating_units: list[str] | None = None,
        org_code: str = "",
        operator: str | None = None,
    ) -> IncidentRecord:
        name = name.strip()
        check_plain(name, QT_TRANSLATE_NOOP("Errors", "incident name"))
        check_plain(place, QT_TRANSLATE_NOOP("Errors", "place"))
        check_plain(lead_unit, QT_TRANSLATE_NOOP("Errors", "lead unit"))
        if not name:
            raise InvalidInput(QT_TRANSLATE_NOOP("Errors", "An incident needs a name."))
        kind = _code(codes.INCIDENT_KIND, kind)
        level = _code(codes.INCIDENT_LEVEL, level)
        fonds_code = validate_fonds(fonds_code)
        check_date(started_at)
        if started_at.tzinfo is None:
            started_at = started_at.astimezone()
        if started_at > datetime.now(UTC) + timedelta(minutes=5):
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "The incident's start time is in the future; check the date."))
        number = number.strip() if number else None
        with self.store.writer() as s:
            actor = resolve_actor(s, operator)
            if number and s.scalar(select(Incident.id).where(Incident.number == number)):
                raise InvalidInput(QT_TRANSLATE_NOOP(
                    "Errors", "An incident numbered '{number}' already exists."), number=number)
            inc = Incident(
                number=number or None,
                name=name,
                kind=kind,
                level=level,
                place=place.strip(),
                started_at=started_at,
                started_offset_min=offset_minutes(started_at),
                lead_unit=lead_unit.strip(),
                participating_units=[u.strip() for u in participating_units or [] if u.strip()],
                fonds_code=fonds_code,
                fonds_name=fonds_name.strip(),
                org_code=org_code.strip(),
                created_at=datetime.now(UTC),
                created_by=actor.operator_id,
            )
            s.add(inc)
            s.flush()
            audit.record(
                s, actor, "incident.create", incident_id=inc.id, object_type="incident",
                object_id=inc.id,
                detail={"name": name, "kind": kind, "level": level, "fonds": fonds_code,
                        "number": number, "started_at": started_at.isoformat()},
            )
            schedule = _schedule_from_template(s, inc.id)
            audit.record(
                s, actor, "schedule.create", incident_id=inc.id, object_type="schedule",
                object_id=schedule.id,
                detail={"version": schedule.version, "template": TEMPLATE_VERSION},
            )
            return to_record(inc)

    def edit(self, ref: str, changes: dict[str, Any],
             operator: str | None = None) -> IncidentRecord:
        """Change the incident's details, audited with old and new values; a new fonds
        number or organisation code un-files its filed items (``incident_edit``)."""
        from app.store.repositories.incident_edit import edit_incident  # it imports us

        return edit_incident(self.store, ref, changes, operator)

    def end_response(
        self, ref: str, ended_at: datetime, operator: str | None = None
    ) -> IncidentRecord:
        """Record the end of the response; it starts the six-month filing deadline."""
        check_date(ended_at)
        with self.store.writer() as s:
            actor = resolve_actor(s, operator)
            inc = find_incident(s, ref)
            if ended_at.astimezone(UTC) < inc.started_at:
                raise InvalidInput(QT_TRANSLATE_NOOP(
                    "Errors", "The response cannot end before the incident started."))

            inc.response_ended_at = ended_at
            audit.record(
                s, actor, "incident.end-response", incident_id=inc.id,
                object_type="incident", object_id=inc.id,
                detail={"response_ended_at": ended_at.isoformat()},
            )
            return to_record(inc)


def _schedule_from_template(session: Session, incident_id: str) -> RetentionSchedule:
    schedule = RetentionSchedule(
        incident_id=incident_id,
        version=1,
        name=TEMPLATE_NAME,
        template_version=TEMPLATE_VERSION,
        status="draft",
        created_at=datetime.now(UTC),
    )
    session.add(schedule)
    session.flush()
    for order, entry in enumerate(MAJOR_INCIDENT_TEMPLATE):
        session.add(
            RetentionCategory(
                schedule_id=schedule.id,
                key=entry.key,
                name_zh=entry.name_zh,
                name_en=entry.name_en,
                retention=entry.retention,
                sort_order=order,
            )
        )
    return schedule
