"""Describing items (著录) one at a time or in a batch, and appraising them (鉴定).

``describe`` sets the same fields on one or many items in ONE transaction: a batch with a
bad value, an unknown or ambiguous reference or a transferred item is refused whole, naming
what is wrong. Every changed item gets one ``item.describe`` audit event with the old and new
value of each changed field, its revision goes up, and its state moves between captured and
described by the completeness rules (``app.domain.completeness``). Classifying into a
category of the incident's current schedule sets the retention. A filed item whose year or
retention changes, or that loses a required field, is un-filed first and its group
renumbered without gaps (``numbering.unfile``).

Everything is read inside the write transaction (BEGIN IMMEDIATE), so an edit racing a
filing in another process sees either all of that filing or none of it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import captions, codes, completeness, item_states
from app.domain.archival_code import item_year
from app.domain.messages import QT_TRANSLATE_NOOP
from app.domain.timeutil import offset_minutes, parse_iso
from app.store import audit
from app.store.errors import InvalidInput
from app.store.models import Item, RetentionCategory, RetentionSchedule
from app.store.repositories import numbering
from app.store.repositories.base import Repository, resolve_actor
from app.store.repositories.item_refs import (
    completeness_view,
    missing_of,
    provenances,
    resolve_items,
)

TEXT_FIELDS = ("title", "creator", "place", "people", "description", "keywords", "language",
               "secrecy_period", "cross_reference")
CODE_FIELDS: dict[str, codes.CodeTable] = {
    "phase": codes.PHASE, "classification": codes.CLASSIFICATION,
    "open_status": codes.OPEN_STATUS,
}
# What only a physical object (实物) has, and the most each column holds.
PHYSICAL_FIELDS: dict[str, int] = {
    name: int(getattr(Item.__table__.c[name].type, "length", 0) or 0)
    for name in ("dimensions", "condition", "storage_location", "label_number")}
DESCRIBABLE = frozenset(TEXT_FIELDS) | frozenset(CODE_FIELDS) | frozenset(PHYSICAL_FIELDS) | {
    "date", "latitude", "longitude", "category", "caption"}
# A little slack for a camera clock a minute or two ahead of this laptop's.
FUTURE_SLACK = timedelta(minutes=5)


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class DescribedItem:
    item_id: str
    archival_code: str | None
    state: str
    revision: int
    changes: tuple[FieldChange, ...]
    missing: tuple[str, ...]  # still lacking for description
    unfiled_code: str | None = None  # the 档号 this change took away


@dataclass(frozen=True)
class DescribeResult:
    changed: tuple[DescribedItem, ...]
    unchanged: tuple[str, ...]  # ids of items that already had these values


@dataclass(frozen=True)
class AppraisedItem:
    item_id: str
    excluded: bool
    reason: str
    unfiled_code: str | None = None


def _code(table: codes.CodeTable, value: str) -> str:
    try:
        return table.parse(value)
    except ValueError:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "'{value}' is not a {field}; use one of: {choices}. Nothing was "
            "changed."), value=value, field=table.label_en,
            choices=", ".join(f"{c.code} ({c.zh})" for c in table.codes)) from None


def _date(value: Any) -> datetime:
    if isinstance(value, datetime):
        when = value if value.tzinfo else value.astimezone()
    else:
        try:
            when = parse_iso(str(value))
        except ValueError:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "'{value}' is not a date; write ISO 8601, e.g. "
                "2025-07-21T14:30+08:00. Nothing was changed."), value=value) from None
    if when > datetime.now(UTC) + FUTURE_SLACK:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "The date {value} lies in the future; check it (and the camera's "
            "clock). Nothing was changed."), value=when.isoformat())
    return when


def _coordinate(name: str, value: Any, limit: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not -limit <= number <= limit:  # NaN fails this too
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "The {name} {value} is out of range (-{limit} to {limit} degrees, "
            "WGS-84). Nothing was changed."), name=name, value=value, limit=int(limit))
    return number


def _physical(name: str, value: Any) -> str:
    text = "" if value is None else str(value).strip()
    if len(text) > PHYSICAL_FIELDS[name]:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "The {field} is {length} characters long; at most {limit} fit. Nothing "
            "was changed."), field=completeness.field_label(name), length=len(text),
            limit=PHYSICAL_FIELDS[name])
    return text


def refuse_physical_on_others(items: Sequence[Item], wanted: Mapping[str, Any]) -> None:
    """Dimensions, condition, storage location and label describe an object: refuse the
    whole request when it sets them on an item that is not one, naming those items."""
    fields = [f for f in PHYSICAL_FIELDS if f in wanted]
    others = [i.archival_code or i.id[:8] for i in items if i.kind != "physical"]
    if fields and others:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "{fields}: only physical objects have these, and {items} are "
            "not; nothing was changed."),
            fields=", ".join(f"{completeness.FIELD_NAMES_ZH[f]} {f}" for f in fields),
            items=", ".join(others))


def normalise(changes: Mapping[str, Any]) -> dict[str, Any]:
    """The requested changes checked and in stored form; refuses a bad value with one
    sentence. ``category`` stays as typed (it is looked up in the incident's schedule)."""
    unknown = sorted(set(changes) - DESCRIBABLE)
    if unknown:
        raise InvalidInput(QT_TRANSLATE_NOOP("Errors", "Unknown item fields: {fields}."),
                           fields=", ".join(unknown))
    if not changes:
        raise InvalidInput(QT_TRANSLATE_NOOP("Errors", "Give at least one field to set."))
    out: dict[str, Any] = {}
    for name, value in changes.items():
        if name in TEXT_FIELDS:
            out[name] = "" if value is None else str(value).strip()
        elif name in PHYSICAL_FIELDS:
            out[name] = _physical(name, value)
        elif name in CODE_FIELDS:
            empty = value is None or not str(value).strip()
            if empty and name != "phase":
                raise InvalidInput(QT_TRANSLATE_NOOP("Errors", "The {field} cannot be empty."),
                                   field=CODE_FIELDS[name].label_en)
            out[name] = None if empty else _code(CODE_FIELDS[name], str(value))
        elif name == "date":
            out[name] = _date(value) if value not in (None, "") else None
        elif name == "category":
            if value is None or not str(value).strip():
                raise InvalidInput(QT_TRANSLATE_NOOP(
                    "Errors", "Give a category of the incident's retention schedule."))
            out[name] = str(value).strip()
        elif name == "caption":
            try:
                out[name] = {k: ("" if v is None else str(v).strip())
                             for k, v in dict(value or {}).items()}
                captions.clean(out[name])
            except (TypeError, ValueError):
                raise InvalidInput(QT_TRANSLATE_NOOP(
                    "Errors", "The caption elements are {elements}; nothing was changed."),
                    elements=", ".join(captions.ELEMENTS)) from None
    if ("latitude" in changes) != ("longitude" in changes):
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "Give the latitude and the longitude together. Nothing was changed."))
    if "latitude" in changes:
        lat, lon = changes["latitude"], changes["longitude"]
        both_empty = lat in (None, "") and lon in (None, "")
        out["latitude"] = None if both_empty else _coordinate("latitude", lat, 90)
        out["longitude"] = None if both_empty else _coordinate("longitude", lon, 180)
    return out


def schedule_category(session: Session, incident_id: str, text: str) -> RetentionCategory:
    """A category of the incident's current schedule by key, Chinese or English name."""
    sched_id = session.scalar(
        select(RetentionSchedule.id).where(RetentionSchedule.incident_id == incident_id)
        .order_by(RetentionSchedule.version.desc()).limit(1))
    cats = session.scalars(select(RetentionCategory)
                           .where(RetentionCategory.schedule_id == sched_id)
                           .order_by(RetentionCategory.sort_order)).all()
    wanted = text.strip()
    for c in cats:
        if wanted in (c.key, c.name_zh) or wanted.casefold() == c.name_en.casefold():
            return c
    raise InvalidInput(QT_TRANSLATE_NOOP(
        "Errors", "'{category}' is not a category of this incident's retention schedule; "
        "use one of: {choices}. Nothing was changed."), category=text,
        choices=", ".join(f"{c.key} ({c.name_zh})" for c in cats))


def _stored(value: Any) -> Any:
    """A value as the audit event keeps it (JSON)."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return dict(value)
    return value


def _local(row: Item) -> datetime | None:
    if row.date is None:
        return None
    return row.date.astimezone(timezone(timedelta(minutes=row.date_offset_min)))


def _plan(row: Item, wanted: Mapping[str, Any], category: RetentionCategory | None) -> dict[
        str, Any]:
    """Column -> new value for the columns this request changes on ``row``."""
    new: dict[str, Any] = {}
    for name, value in wanted.items():
        if name in ("category", "caption", "date"):
            continue
        new[name] = value
    if "date" in wanted:
        new["date"] = wanted["date"]
    if category is not None:
        new["retention_category_key"] = category.key
        new["retention"] = category.retention
    if "caption" in wanted:
        merged = dict(row.caption or {})
        for k, v in wanted["caption"].items():
            if v:
                merged[k] = v
            else:
                merged.pop(k, None)
        new["caption"] = merged
        if "description" not in wanted:
            new["description"] = captions.description_after(row.caption or {}, merged,
                                                             row.description)
    current = {name: (_local(row) if name == "date" else getattr(row, name)) for name in new}
    return {name: value for name, value in new.items() if not _same(current[name], value)}


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, datetime) and isinstance(new, datetime):
        return old == new and offset_minutes(old) == offset_minutes(new)
    if isinstance(old, dict) or isinstance(new, dict):
        return dict(old or {}) == dict(new or {})
    return bool(old == new)


class DescriptionRepository(Repository):
    def describe(self, item_refs: Sequence[str], changes: Mapping[str, Any],
                 operator: str | None = None) -> DescribeResult:
        """Set ``changes`` on every item named, in one transaction (see the module notes)."""
        wanted = normalise(changes)
        with self.store.writer() as s:
            actor = resolve_actor(s, operator)
            items = resolve_items(s, item_refs)
            numbering.refuse_transferred(items)
            refuse_physical_on_others(items, wanted)
            categories: dict[str, RetentionCategory] = {}
            if "category" in wanted:
                for incident_id in sorted({i.incident_id for i in items}):
                    categories[incident_id] = schedule_category(s, incident_id,
                                                                wanted["category"])
            provs = provenances(s, items)
            plans = {i.id: _plan(i, wanted, categories.get(i.incident_id)) for i in items}
            # Which filed items lose their code: decided on the old values, and done before
            # any new value is written, so the group's numbers close while they are known.
            removals: list[Item] = []
            reasons: dict[str, str] = {}
            missing_after: dict[str, tuple[str, ...]] = {}
            for row in items:
                plan = plans[row.id]
                view = completeness_view(row, provs.get(row.batch_id or ""))
                view.update(plan)
                missing_after[row.id] = completeness.missing(view)
                if not plan or row.state != item_states.FILED:
                    continue
                parts = self._group_changes(row, plan)
                if item_states.edit_unfiles(row.state, parts, missing_after[row.id]):
                    removals.append(row)
                    reasons[row.id] = (numbering.GROUP_CHANGED if parts
                                       else numbering.INCOMPLETE)
            lost: dict[str, str] = {}
            for reason in sorted(set(reasons.values())):
                lost.update(numbering.unfile(
                    s, actor, [r for r in removals if reasons[r.id] == reason],
                    reason, missing_after).lost)
            now = datetime.now(UTC)
            changed: list[DescribedItem] = []
            unchanged: list[str] = []
            for row in items:
                plan = plans[row.id]
                if not plan:
                    unchanged.append(row.id)
                    continue
                diffs = []
                for name, value in plan.items():
                    old = _local(row) if name == "date" else getattr(row, name)
                    diffs.append(FieldChange(name, _stored(old), _stored(value)))
                    if name == "date":
                        row.date = value
                        row.date_offset_min = offset_minutes(value) if value else 0
                    else:
                        setattr(row, name, value)
                old_state = row.state
                row.state = item_states.after_edit(row.state, missing_after[row.id])
                row.revision += 1
                row.updated_at = now
                detail: dict[str, Any] = {
                    "changes": {d.field: {"old": d.old, "new": d.new} for d in diffs},
                    "revision": row.revision}
                if row.state != old_state:
                    detail["state"] = [old_state, row.state]
                audit.record(s, actor, "item.describe", incident_id=row.incident_id,
                             item_id=row.id, object_type="item", object_id=row.id,
                             detail=detail)
                changed.append(DescribedItem(row.id, row.archival_code, row.state,
                                             row.revision, tuple(diffs),
                                             missing_after[row.id], lost.get(row.id)))
            return DescribeResult(tuple(changed), tuple(unchanged))

    @staticmethod
    def _group_changes(row: Item, plan: Mapping[str, Any]) -> set[str]:
        """The parts of a filed item's group (year, retention) this plan changes."""
        parts: set[str] = set()
        if "retention" in plan and plan["retention"] != row.retention:
            parts.add("retention")
        if "date" in plan:
            when = plan["date"]
            if when is None or item_year(when, offset_minutes(when)) != row.year:
                parts.add("year")
        return parts

    def appraise(self, item_refs: Sequence[str], exclude: bool, reason: str = "",
                 operator: str | None = None) -> tuple[AppraisedItem, ...]:
        """Mark items not to be archived (不归档) with a reason, or restore them. Excluding
        a filed item takes its 档号 away; excluded items are never filed or exported."""
        reason = reason.strip()
        if exclude and not reason:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "Say why these items are not to be archived (a reason is needed)."))
        with self.store.writer() as s:
            actor = resolve_actor(s, operator)
            items = resolve_items(s, item_refs)
            numbering.refuse_transferred(items)
            lost: dict[str, str] = {}
            if exclude:
                filed = [i for i in items if i.state == item_states.FILED]
                provs = provenances(s, filed)
                lost = numbering.unfile(
                    s, actor, filed, numbering.EXCLUDED,
                    {i.id: missing_of(i, provs, "describe") for i in filed}).lost
            now = datetime.now(UTC)
            out: list[AppraisedItem] = []
            for row in items:
                new_reason = reason if exclude else ""
                if row.excluded == exclude and row.exclusion_reason == new_reason:
                    out.append(AppraisedItem(row.id, row.excluded, row.exclusion_reason))
                    continue
                old_reason = row.exclusion_reason
                row.excluded, row.exclusion_reason = exclude, new_reason
                row.revision += 1
                row.updated_at = now
                audit.record(s, actor, "item.exclude" if exclude else "item.restore",
                             incident_id=row.incident_id, item_id=row.id, object_type="item",
                             object_id=row.id,
                             detail={"reason": new_reason or old_reason,
                                     "revision": row.revision})
                out.append(AppraisedItem(row.id, exclude, new_reason, lost.get(row.id)))
            return tuple(out)
