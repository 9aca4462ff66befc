"""Filing (归档): giving items their 档号 in one transaction, and taking codes back.

``file`` numbers every complete, classified, not excluded item of an incident that has no
code yet (or only the ones named) in date order, each group (全宗, 门类, 年度, 保管期限,
机构) continuing after its highest number; all of it is one transaction, so a filing that
is interrupted (a crash, a SIGKILL, a full disk) leaves no number behind, and a unique index
on (group, 件号) makes a duplicate impossible whatever happens. Items that cannot be filed
come back with what they lack. ``unfile`` takes codes away and closes the gaps; transferred
items are never touched.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain import archival_code as ac
from app.domain import item_states
from app.domain.messages import QT_TRANSLATE_NOOP
from app.store import audit
from app.store.errors import CorruptStore, InvalidInput
from app.store.models import FilingRun, Item
from app.store.repositories import numbering
from app.store.repositories.base import Repository, find_incident, resolve_actor
from app.store.repositories.item_refs import missing_of, provenances, resolve_items


@dataclass(frozen=True)
class FiledItem:
    item_id: str
    archival_code: str
    title: str


@dataclass(frozen=True)
class Unfileable:
    item_id: str
    title: str
    lacks: tuple[str, ...]  # field codes, or excluded / filed / transferred


@dataclass(frozen=True)
class FilingResult:
    run_id: str | None
    filed: tuple[FiledItem, ...]
    blocked: tuple[Unfileable, ...]


@dataclass(frozen=True)
class UnfileResult:
    unfiled: tuple[tuple[str, str], ...]  # (item id, the code it had)
    renumbered: tuple[tuple[str, str, str], ...]  # (item id, old code, new code)


def _highest(session: Session, group: ac.GroupKey) -> int:
    """The group's highest 件号; refuses to continue a group that already has a gap."""
    top, count = session.execute(
        select(func.max(Item.piece_number), func.count())
        .where(Item.fonds_code == group.fonds, Item.category == group.category,
               Item.year == group.year, Item.retention == group.retention,
               Item.org_code == group.org, Item.piece_number.is_not(None))).one()
    if (top or 0) != count:
        raise CorruptStore(QT_TRANSLATE_NOOP(
            "Errors", "The pieces of {group} have a gap or a duplicate; run "
            "'fieldarchive check' before filing more."),
            group=ac.format_code(group, 1).rsplit("-", 1)[0])
    return int(top or 0)


class FilingRepository(Repository):
    def file(self, incident_ref: str, item_refs: Sequence[str] = (),
             operator: str | None = None) -> FilingResult:
        """Give 档号 to every item that can be filed (or to those named), in one transaction."""
        with self.store.writer() as s:
            actor = resolve_actor(s, operator)
            inc = find_incident(s, incident_ref)
            if item_refs:
                items = resolve_items(s, item_refs, incident_id=inc.id)
            else:
                items = list(s.scalars(
                    select(Item).where(Item.incident_id == inc.id,
                                       Item.archival_code.is_(None),
                                       Item.excluded.is_(False),
                                       Item.state.in_((item_states.CAPTURED,
                                                       item_states.DESCRIBED)))
                    .order_by(Item.date, Item.id)))
            provs = provenances(s, items)
            blocked: list[Unfileable] = []
            candidates: list[ac.Candidate] = []
            by_id = {row.id: row for row in items}
            for row in items:
                lacks = item_states.filing_blockers(row.state, row.excluded,
                                                    missing_of(row, provs, "file"))
                if lacks or row.date is None or row.retention is None:
                    blocked.append(Unfileable(row.id, row.title, lacks or ("date",)))
                    continue
                group = ac.group_of(inc.fonds_code, row.category,
                                    ac.item_year(row.date, row.date_offset_min),
                                    row.retention, inc.org_code)
                candidates.append(ac.Candidate(row.id, group, row.date))
            try:
                for group in {c.group for c in candidates}:
                    ac.validate_group(group)
            except ac.CodeError as err:
                raise InvalidInput(err.template, **err.params) from None
            highest = {g: _highest(s, g) for g in {c.group for c in candidates}}
            assignments = ac.assign(candidates, highest)
            if not assignments:
                return FilingResult(None, (), tuple(blocked))
            now = datetime.now(UTC)
            run = FilingRun(incident_id=inc.id, started_at=now, agent=actor.name,
                            operator_id=actor.operator_id, item_count=len(assignments))
            s.add(run)
            s.flush()
            filed: list[FiledItem] = []
            for a in assignments:
                row = by_id[a.item_id]
                row.archival_code = a.code
                row.piece_number = a.piece
                row.year = a.group.year
                row.fonds_code = a.group.fonds
                row.org_code = a.group.org
                row.filing_run_id = run.id
                row.state = item_states.after_filing(row.state)
                row.filed_at = now
                row.revision += 1
                row.updated_at = now
                audit.record(s, actor, "item.file", incident_id=inc.id, item_id=row.id,
                             object_type="item", object_id=row.id,
                             detail={"archival_code": a.code, "run": run.id,
                                     "revision": row.revision})
                filed.append(FiledItem(row.id, a.code, row.title))
            audit.record(s, actor, "filing.run", incident_id=inc.id, object_type="filing_run",
                         object_id=run.id, detail={"items": len(filed)})
            return FilingResult(run.id, tuple(filed), tuple(blocked))

    def unfile(self, item_refs: Sequence[str], operator: str | None = None) -> UnfileResult:
        """Take the 档号 of the items named and renumber their groups without gaps."""
        with self.store.writer() as s:
            actor = resolve_actor(s, operator)
            items = resolve_items(s, item_refs)
            numbering.refuse_transferred(items)
            not_filed = [i.id[:8] for i in items if i.state != item_states.FILED]
            if not_filed:
                raise InvalidInput(QT_TRANSLATE_NOOP(
                    "Errors", "{items} not filed; nothing was changed."),
                    items=", ".join(not_filed))
            provs = provenances(s, items)
            done = numbering.unfile(s, actor, items, numbering.REQUESTED,
                                    {i.id: missing_of(i, provs, "describe") for i in items})
            return UnfileResult(
                tuple(done.lost.items()),
                tuple((k, old, new) for k, (old, new) in done.renumbered.items()))
