"""Taking 档号 away and closing the gaps, inside the caller's write transaction.

Un-filing (asked for, or because a filed item's group or completeness changed) clears the
item's code and renumbers what is left of its group 1..n in the same order
(``app.domain.archival_code.renumber``), each change audited. Numbers only ever move down
into a freed slot, one row at a time in ascending order, so the unique indexes on the 档号
and on (group, 件号) hold after every statement.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.domain import archival_code as ac
from app.domain import item_states
from app.domain.messages import QT_TRANSLATE_NOOP
from app.store import audit
from app.store.audit import Actor
from app.store.errors import InvalidInput
from app.store.models import Item

# Why a code was taken away (kept in the audit event; put into words by the history).
REQUESTED = "requested"
GROUP_CHANGED = "group-changed"
INCOMPLETE = "incomplete"
EXCLUDED = "excluded"
INCIDENT_CHANGED = "incident-changed"


def group_of(item: Item) -> ac.GroupKey | None:
    """The group a filed item's 档号 belongs to (None when it has no code)."""
    if item.piece_number is None or item.fonds_code is None or item.year is None \
            or item.retention is None:
        return None
    return ac.GroupKey(item.fonds_code, item.category, item.year, item.retention,
                       item.org_code or "")


def members(session: Session, group: ac.GroupKey) -> list[Item]:
    return list(session.scalars(
        select(Item).where(Item.fonds_code == group.fonds, Item.category == group.category,
                           Item.year == group.year, Item.retention == group.retention,
                           Item.org_code == group.org, Item.piece_number.is_not(None))
        .order_by(Item.piece_number)))


@dataclass(frozen=True)
class Unfiled:
    lost: dict[str, str]  # item id -> the code it lost
    renumbered: dict[str, tuple[str, str]]  # item id -> (old code, new code)


def unfile(session: Session, actor: Actor, removals: Iterable[Item],
           reason: str, missing: Mapping[str, tuple[str, ...]]) -> Unfiled:
    """Take the codes of ``removals`` (filed items, their group fields not yet changed)
    and renumber their groups. ``missing`` gives each removed item's missing description
    fields (its new state). Returns the codes lost and renumbered. Raises InvalidInput when
    a transferred item would be touched; the caller's transaction then rolls back."""
    by_group: dict[ac.GroupKey, set[str]] = {}
    for item in removals:
        group = group_of(item)
        if group is None:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "Item {item} is marked filed but its archival code is incomplete; "
                "run 'fieldarchive check'."), item=item.id)
        by_group.setdefault(group, set()).add(item.id)
    lost: dict[str, str] = {}
    renumbered: dict[str, tuple[str, str]] = {}
    now = datetime.now(UTC)
    for group, removed_ids in sorted(by_group.items()):
        rows = members(session, group)
        try:
            changes = ac.renumber(
                [ac.Member(r.id, r.piece_number or 0,
                           item_states.is_frozen(r.state)) for r in rows], removed_ids)
        except ac.CodeError as err:
            raise InvalidInput(err.template, **err.params) from None
        for row in rows:
            if row.id not in removed_ids:
                continue
            lost[row.id] = row.archival_code or ""
            old_state = row.state
            row.state = item_states.after_unfiling(row.state, missing.get(row.id, ()))
            _clear(row, now)
            audit.record(session, actor, "item.unfile", incident_id=row.incident_id,
                         item_id=row.id, object_type="item", object_id=row.id,
                         detail={"archival_code": lost[row.id], "reason": reason,
                                 "state": [old_state, row.state],
                                 "revision": row.revision})
        session.flush()
        for row in rows:
            new_piece = changes.get(row.id)
            if new_piece is None:
                continue
            old_code = row.archival_code
            row.piece_number = new_piece
            row.archival_code = ac.format_code(group, new_piece)
            row.revision += 1
            row.updated_at = now
            session.flush()  # one row at a time: the unique indexes hold throughout
            audit.record(session, actor, "item.renumber", incident_id=row.incident_id,
                         item_id=row.id, object_type="item", object_id=row.id,
                         detail={"old": old_code, "new": row.archival_code,
                                 "reason": reason, "revision": row.revision})
            renumbered[row.id] = (old_code or "", row.archival_code)
    return Unfiled(lost, renumbered)


def _clear(row: Item, now: datetime) -> None:
    row.archival_code = None
    row.piece_number = None
    row.year = None
    row.fonds_code = None
    row.org_code = None
    row.filing_run_id = None
    row.filed_at = None
    row.revision += 1
    row.updated_at = now


def refuse_transferred(items: Iterable[Item]) -> None:
    """Refuse a whole request that touches a transferred item, naming each one."""
    frozen = [i.archival_code or i.id[:8] for i in items if item_states.is_frozen(i.state)]
    if frozen:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "{items} already transferred and cannot change; nothing was changed. "
            "Add a work-log note about them instead."),
            items=", ".join(frozen))

