"""Finding items by what a user types, and reading what completeness needs from a row.

An item reference (``item_ref``) is its id, an unambiguous id prefix (4+ characters) or its
档号. All references of one request are resolved together, so that a batch with one bad
reference is refused whole and the message names every bad one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import completeness
from app.domain.archival_code import looks_like_code
from app.domain.messages import QT_TRANSLATE_NOOP
from app.store.errors import InvalidInput, NotFound
from app.store.models import ImportBatch, Item

MIN_PREFIX = 4


def resolve_items(session: Session, refs: Sequence[str],
                  incident_id: str | None = None) -> list[Item]:
    """The items named by ``refs``, in the order given, each once; raises NotFound or
    InvalidInput naming every reference that is unknown, ambiguous or of another incident."""
    if not refs:
        raise InvalidInput(QT_TRANSLATE_NOOP("Errors", "Name at least one item."))
    found: dict[str, Item] = {}
    unknown: list[str] = []
    ambiguous: list[str] = []
    for raw in refs:
        ref = raw.strip()
        item = _one(session, ref)
        if item is None:
            (ambiguous if _prefix_matches(session, ref) > 1 else unknown).append(raw)
        elif incident_id is not None and item.incident_id != incident_id:
            unknown.append(raw)
        else:
            found.setdefault(item.id, item)
    if ambiguous:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "More than one item starts with {refs}; give more of the id or the "
            "archival code. Nothing was changed."), refs=", ".join(ambiguous))
    if unknown:
        raise NotFound(QT_TRANSLATE_NOOP(
            "Errors", "There is no item {refs} in this incident or store; 'fieldarchive "
            "items' lists them. Nothing was changed."), refs=", ".join(unknown))
    return list(found.values())


def _one(session: Session, ref: str) -> Item | None:
    if not ref:
        return None
    if looks_like_code(ref):
        return session.scalar(select(Item).where(Item.archival_code == ref))
    item = session.get(Item, ref)
    if item is None and len(ref) >= MIN_PREFIX:
        rows = session.scalars(select(Item).where(Item.id.like(_like(ref))).limit(2)).all()
        if len(rows) == 1:
            item = rows[0]
    return item


def _like(prefix: str) -> str:
    return prefix.replace("%", "").replace("_", "") + "%"


def _prefix_matches(session: Session, ref: str) -> int:
    if len(ref) < MIN_PREFIX or looks_like_code(ref):
        return 0
    return len(session.scalars(select(Item.id).where(Item.id.like(_like(ref))).limit(2)).all())


def item_label(item: Item) -> str:
    """How a message names an item: its 档号 when it has one, else its short id."""
    return item.archival_code or item.id[:8]


def provenances(session: Session, items: Sequence[Item]) -> dict[str, dict[str, Any]]:
    """Batch id -> its provenance details, for the batches of ``items``."""
    ids = {i.batch_id for i in items if i.batch_id}
    if not ids:
        return {}
    rows = session.execute(select(ImportBatch.id, ImportBatch.provenance)
                           .where(ImportBatch.id.in_(ids)))
    return {bid: dict(prov or {}) for bid, prov in rows}


def completeness_view(item: Item, provenance: dict[str, Any] | None) -> dict[str, Any]:
    """The values the completeness rules read, from a row and its batch's provenance."""
    return {
        "kind": item.kind, "source_channel": item.source_channel, "title": item.title,
        "creator": item.creator, "date": item.date, "retention": item.retention,
        "classification": item.classification, "description": item.description,
        "retention_category_key": item.retention_category_key,
        "archival_code": item.archival_code, "provenance": provenance or {},
    }


def missing_of(item: Item, provs: dict[str, dict[str, Any]], stage: str) -> tuple[str, ...]:
    prov = provs.get(item.batch_id) if item.batch_id else None
    return completeness.missing(completeness_view(item, prov), stage)
