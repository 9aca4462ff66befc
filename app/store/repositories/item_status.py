"""What each item lacks and where it stands, and an item's history in words.

``status`` lists an incident's items with their state, 档号, appraisal and the fields they
lack for description and for filing (the completeness rules of ``app.domain``), for the
``items`` command and the library. ``history`` gives an item's audit events, oldest first,
each with a translatable summary and the old and new values of the fields it changed, for
the metadata editor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import select

from app.domain import completeness, item_states
from app.domain.messages import QT_TRANSLATE_NOOP, Message
from app.store.models import AuditEvent, Item
from app.store.repositories.base import Repository, find_incident
from app.store.repositories.description import FieldChange
from app.store.repositories.item_refs import missing_of, provenances, resolve_items

HISTORY_CONTEXT = "History"
# Event type -> its words; {arguments} come from the event's detail.
EVENT_WORDS: dict[str, str] = {
    "item.capture": QT_TRANSLATE_NOOP("History", "Captured"),
    "item.import": QT_TRANSLATE_NOOP("History", "Imported"),
    "item.physical": QT_TRANSLATE_NOOP("History", "Physical object recorded"),
    "file.ingest": QT_TRANSLATE_NOOP("History", "File stored: {name}"),
    "file.digest": QT_TRANSLATE_NOOP("History", "SM3 digest added"),
    "item.relate": QT_TRANSLATE_NOOP("History", "Linked to another item ({relation})"),
    "item.describe": QT_TRANSLATE_NOOP("History", "Described: {fields}"),
    "item.file": QT_TRANSLATE_NOOP("History", "Filed as {archival_code}"),
    "item.unfile": QT_TRANSLATE_NOOP("History", "Un-filed (was {archival_code}): {reason}"),
    "item.renumber": QT_TRANSLATE_NOOP("History", "Renumbered from {old} to {new}: {reason}"),
    "item.exclude": QT_TRANSLATE_NOOP("History", "Marked not to be archived: {reason}"),
    "item.restore": QT_TRANSLATE_NOOP("History", "Restored for archiving"),
}
REASON_WORDS: dict[str, str] = {
    "requested": QT_TRANSLATE_NOOP("History", "on request"),
    "group-changed": QT_TRANSLATE_NOOP("History", "its year or retention changed"),
    "incomplete": QT_TRANSLATE_NOOP("History", "a required field was emptied"),
    "excluded": QT_TRANSLATE_NOOP("History", "marked not to be archived"),
    "incident-changed": QT_TRANSLATE_NOOP("History", "the fonds or organisation code changed"),
}


@dataclass(frozen=True)
class ItemStatus:
    id: str
    kind: str
    title: str
    date: datetime | None  # in its own offset
    state: str
    archival_code: str | None
    retention: str | None
    category_key: str | None
    excluded: bool
    exclusion_reason: str
    missing: tuple[str, ...]  # for description
    missing_for_filing: tuple[str, ...]
    missing_for_transfer: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return not self.missing


@dataclass(frozen=True)
class HistoryEntry:
    seq: int
    occurred_at: datetime
    agent: str
    event_type: str
    summary: Message
    changes: tuple[FieldChange, ...] = ()


def _summary(event_type: str, detail: dict[str, Any]) -> Message:
    template = EVENT_WORDS.get(event_type, event_type)
    params: dict[str, Any] = {k: v for k, v in detail.items() if isinstance(v, str | int)}
    if event_type == "item.describe":
        params["fields"] = ", ".join(str(k) for k in detail.get("changes", {}))
    reason = detail.get("reason")
    if isinstance(reason, str) and reason in REASON_WORDS:
        params["reason"] = Message(REASON_WORDS[reason], {}, HISTORY_CONTEXT)
    return Message(template, params, HISTORY_CONTEXT)


class ItemStatusRepository(Repository):
    def status(self, incident_ref: str, state: str | None = None,
               missing_only: bool = False) -> list[ItemStatus]:
        """Every item of the incident (oldest date first) with what it lacks. ``state``
        filters by state (or ``excluded``); ``missing_only`` keeps the ones lacking
        something for filing, excluded items left out."""
        with self.store.reader() as s:
            inc = find_incident(s, incident_ref)
            q = select(Item).where(Item.incident_id == inc.id)
            if state == "excluded":
                q = q.where(Item.excluded.is_(True))
            elif state:
                q = q.where(Item.state == state)
            rows = s.scalars(q.order_by(Item.date, Item.created_at, Item.id)).all()
            provs = provenances(s, rows)
            out = []
            for row in rows:
                date = (row.date.astimezone(timezone(timedelta(minutes=row.date_offset_min)))
                        if row.date else None)
                filing = (() if row.state in (item_states.FILED, item_states.TRANSFERRED)
                          else missing_of(row, provs, "file"))
                st = ItemStatus(
                    row.id, row.kind, row.title, date, row.state, row.archival_code,
                    row.retention, row.retention_category_key, row.excluded,
                    row.exclusion_reason, missing_of(row, provs, "describe"), filing,
                    missing_of(row, provs, "transfer"))
                if missing_only and (row.excluded or not st.missing_for_filing):
                    continue
                out.append(st)
            return out

    def history(self, item_ref: str) -> tuple[HistoryEntry, ...]:
        """The item's audit events, oldest first, in words."""
        with self.store.reader() as s:
            item = resolve_items(s, [item_ref])[0]
            events = s.scalars(select(AuditEvent).where(AuditEvent.item_id == item.id)
                               .order_by(AuditEvent.seq)).all()
            out = []
            for e in events:
                detail = dict(e.detail or {})
                changes = tuple(FieldChange(name, v.get("old"), v.get("new"))
                                for name, v in detail.get("changes", {}).items())
                out.append(HistoryEntry(e.seq, e.occurred_at, e.agent, e.event_type,
                                        _summary(e.event_type, detail), changes))
            return tuple(out)


def field_names(codes_: tuple[str, ...]) -> tuple[Message, ...]:
    """The names of missing field codes, to show in the user's language."""
    return tuple(completeness.field_label(c) for c in codes_)
