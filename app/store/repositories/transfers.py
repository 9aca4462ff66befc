"""Transfers (移交): what an export reads, and the batch it records around the rename.

An export reads one snapshot (``export_source``), writes its package under a temporary
name with no session open, records the batch as 'writing' (``begin``) with the final
paths, renames, and then ``complete`` marks the items transferred with the batch id in one
transaction. ``reconcile`` settles a batch a crash left 'writing': its finished package on
disk means the rename happened (the items are marked), no package means it is abandoned.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any

from sqlalchemy import Text, case, func, null, select, type_coerce, update
from sqlalchemy.orm import Session

from app.domain.messages import QT_TRANSLATE_NOOP
from app.domain.spool import Spool
from app.store import audit
from app.store.errors import InvalidInput, NotFound
from app.store.hashing import GENESIS
from app.store.models import AuditEvent, File, ImportBatch, Item, Operator, TransferBatch, new_id
from app.store.repositories.base import Queries, Repository, find_incident, resolve_actor
from app.store.repositories.incidents import to_record
from app.store.repositories.items import FileRecord
from app.store.repositories.schedules import _latest, _record
from app.store.transfer_records import (
    ChainLink,
    ExportEvent,
    ExportItem,
    ExportSource,
    TransferBatchRecord,
    detail_text,
)

# 密级 at or above which an item never goes into an ordinary package.
CLASSIFIED = frozenset({"secret", "confidential", "top-secret"})
# Items (and their files, events) read per query: well under SQLite's bound-variable limit.
CHUNK = 500


def _item(item: Item, files: Sequence[File], provenance: dict[str, object],
          zones: dict[int, tzinfo]) -> ExportItem:
    offset = item.date_offset_min
    zone = zones.get(offset)
    if zone is None:  # one zone object per offset, not one per item
        zone = zones[offset] = timezone(timedelta(minutes=offset))
    date = item.date.astimezone(zone) if item.date else None
    few = sys.intern  # columns with few distinct values: one copy each (see ``_few``)
    return ExportItem(
        id=item.id, kind=few(item.kind), category=few(item.category),
        source_channel=few(item.source_channel), state=few(item.state),
        archival_code=item.archival_code, piece_number=item.piece_number, year=item.year,
        transfer_batch_id=item.transfer_batch_id, title=item.title,
        creator=few(item.creator), date=date, place=item.place, latitude=item.latitude,
        longitude=item.longitude, people=item.people, description=item.description,
        keywords=item.keywords, phase=_few(item.phase), retention=_few(item.retention),
        classification=few(item.classification), secrecy_period=item.secrecy_period,
        open_status=few(item.open_status), language=few(item.language),
        cross_reference=item.cross_reference,
        # The import batch's provenance: one dict shared by its items (records are
        # read-only), not a copy per item.
        technical=dict(item.technical or {}), provenance=provenance,
        files=tuple(_file(f, item.id) for f in sorted(files, key=lambda f: (f.seq, f.role))),
    )


def _file(f: File, item_id: str) -> FileRecord:
    """``file_record`` sharing the item's id string and one copy of each few-valued text."""
    return FileRecord(
        id=f.id, item_id=item_id, role=sys.intern(f.role), seq=f.seq,
        vault_path=f.vault_path, original_name=f.original_name, size=f.size,
        sha256=f.sha256, sm3=f.sm3, format=sys.intern(f.format),
        format_version=sys.intern(f.format_version), derived_from=f.derived_from)


def _few(value: str | None) -> str | None:
    """A value of a column with few distinct values, one copy of it for every row: a batch
    of 100,000 items carries several hundred thousand events."""
    return sys.intern(value) if value is not None else None


# The columns an export reads of an audit event, the detail as its stored JSON text
# (kept as text, never parsed into objects but once to check its canonical form).
_EVENT_COLUMNS = (AuditEvent.seq, AuditEvent.id, AuditEvent.event_type,
                  AuditEvent.occurred_at, AuditEvent.agent, AuditEvent.operator_id,
                  AuditEvent.incident_id, AuditEvent.item_id, AuditEvent.object_type,
                  AuditEvent.object_id, AuditEvent.outcome,
                  type_coerce(AuditEvent.detail, Text).label("detail"),
                  AuditEvent.prev_hash, AuditEvent.hash, AuditEvent.hash_form)


def _event(e: Any) -> ExportEvent:  # e: a row of _EVENT_COLUMNS
    """An event from a row of ``_EVENT_COLUMNS`` (spooled: strings are shared within a
    chunk of the spool, not across the batch)."""
    return ExportEvent(
        seq=e.seq, id=e.id, event_type=sys.intern(e.event_type), occurred_at=e.occurred_at,
        agent=sys.intern(e.agent), operator_id=_few(e.operator_id),
        incident_id=_few(e.incident_id), item_id=e.item_id, object_type=sys.intern(
            e.object_type), object_id=e.object_id, outcome=sys.intern(e.outcome),
        detail_json=detail_text(json.loads(e.detail) if e.detail else {}),
        prev_hash=e.prev_hash, hash=e.hash, hash_form=e.hash_form)


def _export_items(s: Session, ids: Sequence[str]) -> Spool[ExportItem]:
    """The items of ``ids``, in that order, read a chunk at a time and spooled."""
    out: Spool[ExportItem] = Spool()
    provenance: dict[str, dict[str, object]] = {}
    zones: dict[int, tzinfo] = {}
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        rows = {r.id: r for r in s.scalars(select(Item).where(Item.id.in_(chunk)))}
        files: dict[str, list[File]] = {}
        for f in s.scalars(select(File).where(File.item_id.in_(chunk))):
            files.setdefault(f.item_id, []).append(f)
        batch_ids = {r.batch_id for r in rows.values()
                     if r.batch_id and r.batch_id not in provenance}
        for b in s.scalars(select(ImportBatch).where(ImportBatch.id.in_(batch_ids))):
            provenance[b.id] = dict(b.provenance or {}, channel=b.source_channel)
        out.extend(_item(rows[i], files.get(i, []),
                         provenance.get(rows[i].batch_id or "", _NO_PROVENANCE), zones)
                   for i in chunk)
    return out


_NO_PROVENANCE: dict[str, object] = {}


def _export_events(s: Session, ids: Sequence[str]) -> Spool[ExportEvent]:
    """The audit events of these items, in chain order, spooled as they are read: every
    item's event in ``seq`` order, a chunk at a time, those of other items passed over.
    (Asked for by item, SQLite would sort the events, details and all, in memory: a
    temporary B-tree the size of the batch's history.)"""
    wanted = set(ids)
    return Spool(_event(e) for e in s.execute(
        select(*_EVENT_COLUMNS).where(AuditEvent.item_id.is_not(None))
        .order_by(AuditEvent.seq).execution_options(yield_per=CHUNK))
        if e.item_id in wanted)


def batch_record(b: TransferBatch) -> TransferBatchRecord:
    return TransferBatchRecord(
        id=b.id, incident_id=b.incident_id, number=b.number, status=b.status,
        paths=tuple(b.paths), item_ids=tuple(b.item_ids), item_count=b.item_count,
        byte_count=b.byte_count, digests=dict(b.digests), fingerprint=b.fingerprint,
        reviewer=b.reviewer, carrier=b.carrier, audit_head_count=b.audit_head_count,
        audit_head_hash=b.audit_head_hash, created_at=b.created_at,
        completed_at=b.completed_at)


def _newest_done(s: Session, incident_id: str) -> TransferBatch | None:
    return s.scalar(select(TransferBatch).where(TransferBatch.incident_id == incident_id,
                                                TransferBatch.status == "done")
                    .order_by(TransferBatch.number.desc()).limit(1))


class TransferQueries(Queries):
    """Reading transfer batches and the audit hashes a package is compared with."""

    def event_hashes(self, first: int, last: int) -> dict[int, str]:
        """The audit events' hashes from ``first`` to ``last`` as the store has them now."""
        with self.store.reader() as s:
            return {int(seq): str(h) for seq, h in s.execute(
                select(AuditEvent.seq, AuditEvent.hash)
                .where(AuditEvent.seq >= first, AuditEvent.seq <= last))}

    def history(self, incident_ref: str) -> list[TransferBatchRecord]:
        with self.store.reader() as s:
            inc = find_incident(s, incident_ref)
            return [batch_record(b) for b in s.scalars(
                select(TransferBatch).where(TransferBatch.incident_id == inc.id)
                .order_by(TransferBatch.number))]


class TransferRepository(Repository, TransferQueries):
    def export_source(self, incident_ref: str, item_refs: Sequence[str] | None = None,
                      *, include_classified: bool = False) -> ExportSource:
        """The items of the next batch and everything their package carries.

        Without ``item_refs``: every filed item not yet transferred (the incremental batch).
        With them: those items whatever their state (pre-flight says what blocks them).
        Without ``item_refs``, items classified 秘密 or higher are left out (listed in
        ``excluded``) unless ``include_classified``, which takes only them (a separate
        classified batch).
        """
        with self.store.reader() as s:
            inc = find_incident(s, incident_ref)
            # The batch's order and classification from a few columns; the items, their
            # files and events are then read in chunks and turned into records as they
            # come, so no more than a chunk of ORM objects is alive at once (100,000
            # items held as ORM rows would take gigabytes).
            # In the batch's order (档号, then as captured), sorted by SQLite over a few
            # columns and read a chunk at a time; only the ids are kept. (The stored times
            # are fixed-width UTC text: sorted as text, they sort as times.)
            q = select(Item.id, Item.archival_code, Item.classification) \
                .where(Item.incident_id == inc.id)
            if item_refs:
                wanted = set(item_refs)
                q = q.where(Item.id.in_(wanted) | Item.archival_code.in_(wanted))
            else:
                q = q.where(Item.state == "filed", Item.transfer_batch_id.is_(None))
            q = q.order_by(func.coalesce(func.nullif(Item.archival_code, ""), "~"),
                           Item.created_at, Item.id).execution_options(yield_per=CHUNK)
            ids: list[str] = []
            found: set[str] = set()
            left_out: list[str] = []
            for r in s.execute(q):
                if item_refs:
                    found.update((r.id, r.archival_code or r.id))
                elif (r.classification in CLASSIFIED) != include_classified:
                    # A selection keeps what was chosen: pre-flight then blocks a
                    # classified item.
                    left_out.append(r.id)
                    continue
                ids.append(r.id)
            if item_refs:
                missing = [r for r in item_refs if r not in found]
                if missing:
                    raise NotFound(QT_TRANSLATE_NOOP(
                        "Errors", "There is no item '{ref}' in this incident."),
                        ref=missing[0])
            del found
            excluded = tuple(sorted(left_out))
            del left_out
            items = _export_items(s, ids)
            events = _export_events(s, ids)
            del ids
            head = audit.last_event_head(s)
            try:
                schedule = _record(s, _latest(s, inc.id))
            except NotFound:
                schedule = None
            approver = (s.get(Operator, schedule.approved_by)
                        if schedule is not None and schedule.approved_by else None)
            number = int(s.scalar(select(func.max(TransferBatch.number))
                                  .where(TransferBatch.incident_id == inc.id)) or 0) + 1
            previous = _newest_done(s, inc.id)
            start = previous.audit_head_count if previous else 0
            # Other incidents' events are read as their hashes only (no detail: a store
            # seal's is large); this incident's (these items', earlier batches' items', the
            # incident's own) in full.
            mine = AuditEvent.incident_id == inc.id
            chain = Spool(
                ChainLink(e.seq, e.prev_hash, e.hash,
                          _event(e) if e.incident_id == inc.id else None)
                for e in s.execute(select(*(
                    c if c.key in ("seq", "prev_hash", "hash", "incident_id")
                    else case((mine, c), else_=null()).label(c.key)
                    for c in _EVENT_COLUMNS)).where(
                    AuditEvent.seq > start,
                    AuditEvent.seq <= (head.count if head else 0))
                    .order_by(AuditEvent.seq).execution_options(yield_per=CHUNK)))
            earlier = s.scalars(select(Item.archival_code).where(
                Item.incident_id == inc.id, Item.transfer_batch_id.is_not(None),
                Item.archival_code.is_not(None)))
            return ExportSource(
                incident=to_record(inc), schedule=schedule,
                schedule_approver=approver.name if approver is not None else None,
                items=items, events=events,
                audit_head_count=head.count if head else 0,
                audit_head_hash=head.hash if head else GENESIS,
                batch_number=number,
                previous=batch_record(previous) if previous else None,
                source_organization=inc.lead_unit or inc.fonds_name or inc.fonds_code,
                selected=bool(item_refs), excluded=excluded,
                earlier_codes=tuple(c for c in earlier if c), chain=chain)

    def begin(self, *, batch_id: str, incident_id: str, number: int, paths: Sequence[str],
              item_ids: Sequence[str], byte_count: int, digests: dict[str, object],
              fingerprint: str, reviewer: str, carrier: str, audit_head_count: int,
              audit_head_hash: str) -> TransferBatchRecord:
        """Record a batch about to be renamed into place ('writing')."""
        with self.store.writer() as s:
            if any(s.scalar(select(func.count()).select_from(Item).where(
                    Item.id.in_(item_ids[start:start + CHUNK]),
                    Item.transfer_batch_id.is_not(None)))
                   for start in range(0, len(item_ids), CHUNK)):
                raise InvalidInput(QT_TRANSLATE_NOOP(
                    "Errors", "Some of these items were transferred meanwhile by another "
                    "export; nothing was handed over. Export again."))
            batch = TransferBatch(
                id=batch_id, incident_id=incident_id, number=number, status="writing",
                paths=list(paths), item_ids=list(item_ids), item_count=len(item_ids),
                byte_count=byte_count, digests=dict(digests), fingerprint=fingerprint,
                reviewer=reviewer, carrier=carrier, audit_head_count=audit_head_count,
                audit_head_hash=audit_head_hash, created_at=datetime.now(UTC))
            s.add(batch)
            s.flush()
            return batch_record(batch)

    def complete(self, batch_id: str, operator: str | None = None) -> TransferBatchRecord:
        """Mark the batch's items transferred, with its id, in one transaction."""
        with self.store.writer() as s:
            batch = s.get(TransferBatch, batch_id)
            if batch is None:
                raise NotFound(QT_TRANSLATE_NOOP(
                    "Errors", "There is no transfer batch '{ref}'."), ref=batch_id)
            if batch.status == "done":
                return batch_record(batch)
            now = datetime.now(UTC)
            actor = resolve_actor(s, operator)
            item_ids = batch.item_ids
            for start in range(0, len(item_ids), CHUNK):
                # A chunk at a time: one statement with 100,000 bound ids is built (and
                # held) whole.
                s.execute(update(Item).where(Item.id.in_(item_ids[start:start + CHUNK]))
                          .values(state="transferred", transfer_batch_id=batch.id,
                                  transferred_at=now, updated_at=now)
                          .execution_options(synchronize_session=False))
            for n, item_id in enumerate(item_ids, 1):
                audit.record(s, actor, "item.transfer", incident_id=batch.incident_id,
                             item_id=item_id, object_type="transfer_batch",
                             object_id=batch.id, detail={"batch_number": batch.number})
                if n % CHUNK == 0:
                    # Written out as they go (same transaction): 100,000 pending events
                    # held until the commit would take hundreds of megabytes.
                    s.flush()
            audit.record(s, actor, "transfer.complete", incident_id=batch.incident_id,
                         object_type="transfer_batch", object_id=batch.id,
                         detail={"number": batch.number, "paths": list(batch.paths),
                                 "items": batch.item_count, "bytes": batch.byte_count,
                                 "fingerprint": batch.fingerprint,
                                 "reviewer": batch.reviewer, "digests": batch.digests})
            batch.status, batch.completed_at = "done", now
            return batch_record(batch)

    def abandon(self, batch_id: str) -> None:
        """A batch whose package never got its final name: its number stays used."""
        with self.store.writer() as s:
            batch = s.get(TransferBatch, batch_id)
            if batch is not None and batch.status == "writing":
                batch.status = "abandoned"
                batch.item_ids = []

    def unfinished(self) -> list[TransferBatchRecord]:
        with self.store.reader() as s:
            return [batch_record(b) for b in s.scalars(
                select(TransferBatch).where(TransferBatch.status == "writing")
                .order_by(TransferBatch.created_at))]

    def reconcile(self, finished: Callable[[TransferBatchRecord], bool],
                  operator: str | None = None) -> list[TransferBatchRecord]:
        """Settle batches a crash left 'writing'; returns those now marked done."""
        done = []
        for batch in self.unfinished():
            if finished(batch):
                done.append(self.complete(batch.id, operator))
            else:
                self.abandon(batch.id)
        return done

def new_batch_id() -> str:
    return new_id()
