"""What a work-log entry's links name: the items, as a reader of the log knows them.

An entry stores the ids of the items it is about (the hash covers the ids). A reader never
sees an id: a filed item is named by its 档号, an unfiled one by its title and the name of
its original file. The quick entry and the correction dialog offer the incident's most
recently stored items to link.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.models import File, Item
from app.store.worklog_records import LinkedItem

RECENT_LINK_CANDIDATES = 8  # a small picker: the items stored last, newest first


def _linked_items(session: Session, items: Iterable[Item]) -> list[LinkedItem]:
    rows = list(items)
    names = dict(session.execute(
        select(File.item_id, File.original_name)
        .where(File.item_id.in_([i.id for i in rows]), File.role == "original")).all()
    ) if rows else {}
    return [LinkedItem(id=i.id, kind=i.kind, archival_code=i.archival_code or None,
                       title=i.title or "", original_name=names.get(i.id) or "",
                       created_at=_utc(i.created_at)) for i in rows]


def recent_items(session: Session, incident_id: str,
                 limit: int = RECENT_LINK_CANDIDATES) -> list[LinkedItem]:
    """The incident's items stored last, newest first (through the created-at index)."""
    items = session.scalars(
        select(Item).where(Item.incident_id == incident_id)
        .order_by(Item.created_at.desc(), Item.id).limit(limit)).all()
    return _linked_items(session, items)


def linked_items(session: Session, item_ids: Iterable[str]) -> dict[str, LinkedItem]:
    """The items with these ids (an id no longer in the store is left out)."""
    ids = list(dict.fromkeys(item_ids))
    found: dict[str, LinkedItem] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        items = session.scalars(select(Item).where(Item.id.in_(chunk))).all()
        found.update((li.id, li) for li in _linked_items(session, items))
    return found


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
