"""Editing an incident's details, audited with the old and new value of each field.

The 全宗号 and 机构代码 are parts of every 档号 of the incident: changing one un-files the
incident's filed items (their groups renumbered, each change audited) in the same
transaction, so they are filed again under the new codes; once any item of the incident has
been transferred they can no longer change. The end of the response has its own action
(``IncidentRepository.end_response``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import codes, item_states
from app.domain.messages import QT_TRANSLATE_NOOP
from app.domain.timeutil import offset_minutes, parse_iso
from app.store import audit
from app.store.errors import InvalidInput
from app.store.models import Incident, Item
from app.store.records import IncidentRecord
from app.store.repositories import numbering
from app.store.repositories.base import find_incident, resolve_actor
from app.store.repositories.incidents import _code, local_time, to_record, validate_fonds
from app.store.repositories.item_refs import missing_of, provenances
from app.store.store import Store

TEXT = ("name", "place", "lead_unit", "fonds_name")
EDITABLE = frozenset(TEXT) | {"number", "kind", "level", "started_at", "participating_units",
                              "fonds_code", "org_code"}
CODE_PARTS = ("fonds_code", "org_code")
ORG_CODE = re.compile(r"^[0-9A-Za-z]*$")


def _normalise(changes: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(changes) - EDITABLE)
    if unknown:
        raise InvalidInput(QT_TRANSLATE_NOOP("Errors", "Unknown incident fields: {fields}."),
                           fields=", ".join(unknown))
    if not changes:
        raise InvalidInput(QT_TRANSLATE_NOOP("Errors", "Give at least one field to set."))
    out: dict[str, Any] = {}
    for name, value in changes.items():
        if name in TEXT:
            out[name] = str(value or "").strip()
        elif name == "number":
            out[name] = (str(value).strip() or None) if value is not None else None
        elif name == "kind":
            out[name] = _code(codes.INCIDENT_KIND, str(value))
        elif name == "level":
            out[name] = _code(codes.INCIDENT_LEVEL, str(value))
        elif name == "participating_units":
            out[name] = [str(u).strip() for u in value or [] if str(u).strip()]
        elif name == "fonds_code":
            out[name] = validate_fonds(str(value))
        elif name == "org_code":
            org = str(value or "").strip()
            if not ORG_CODE.match(org):
                raise InvalidInput(QT_TRANSLATE_NOOP(
                    "Errors", "The organisation code '{value}' must be letters and digits "
                    "only (it becomes part of every archival code)."), value=org)
            out[name] = org
        elif name == "started_at":
            when = value if isinstance(value, datetime) else _parse(str(value))
            if when.tzinfo is None:
                when = when.astimezone()
            if when > datetime.now(UTC) + timedelta(minutes=5):
                raise InvalidInput(QT_TRANSLATE_NOOP(
                    "Errors", "The incident's start time is in the future; check the date."))
            out[name] = when
    if "name" in out and not out["name"]:
        raise InvalidInput(QT_TRANSLATE_NOOP("Errors", "An incident needs a name."))
    return out


def _parse(text: str) -> datetime:
    try:
        return parse_iso(text)
    except ValueError:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "'{value}' is not a date; write ISO 8601, e.g. 2025-07-21T14:30+08:00. "
            "Nothing was changed."), value=text) from None


def _shown(inc: Incident, name: str) -> Any:
    value = getattr(inc, name)
    if name == "started_at":
        return local_time(value, inc.started_offset_min).isoformat()
    return list(value) if isinstance(value, list) else value


def edit_incident(store: Store, ref: str, changes: Mapping[str, Any],
                  operator: str | None = None) -> IncidentRecord:
    """Set ``changes`` on the incident in one audited unit of work (see the module notes)."""
    wanted = _normalise(changes)
    with store.writer() as s:
        actor = resolve_actor(s, operator)
        inc = find_incident(s, ref)
        diffs: dict[str, dict[str, Any]] = {}
        for name, value in wanted.items():
            old = _shown(inc, name)
            new = value.isoformat() if isinstance(value, datetime) else value
            if old != new:
                diffs[name] = {"old": old, "new": new}
        if not diffs:
            return to_record(inc)
        if "number" in diffs and wanted["number"] and s.scalar(
                select(Incident.id).where(Incident.number == wanted["number"],
                                          Incident.id != inc.id)):
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "An incident numbered '{number}' already exists."),
                number=wanted["number"])
        if "started_at" in diffs and inc.response_ended_at is not None \
                and wanted["started_at"] > inc.response_ended_at:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "The response cannot end before the incident started."))
        if any(part in diffs for part in CODE_PARTS):
            _unfile_for_new_codes(s, actor, inc.id)
        for name in diffs:
            setattr(inc, name, wanted[name])
            if name == "started_at":
                inc.started_offset_min = offset_minutes(wanted[name])
        audit.record(s, actor, "incident.edit", incident_id=inc.id, object_type="incident",
                     object_id=inc.id, detail={"changes": diffs})
        return to_record(inc)


def _unfile_for_new_codes(s: Session, actor: audit.Actor, incident_id: str) -> None:
    transferred = s.scalar(select(Item.id).where(
        Item.incident_id == incident_id, Item.state == item_states.TRANSFERRED).limit(1))
    if transferred:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "Items of this incident have been transferred under its fonds number "
            "and organisation code; these can no longer change."))
    filed = list(s.scalars(select(Item).where(Item.incident_id == incident_id,
                                              Item.state == item_states.FILED)))
    provs = provenances(s, filed)
    numbering.unfile(s, actor, filed, numbering.INCIDENT_CHANGED,
                     {i.id: missing_of(i, provs, "describe") for i in filed})
