"""Items (件) and their files: ingest into the vault, then commit the rows.

``ingest`` places every file in the vault first (hashing while copying, outside any
transaction so the write lock is held only for the short commit), then in one unit of work
checks for a duplicate, writes the item, its files and their audit events. If anything fails
the placed files are taken back out, so no half-stored item ever remains. An import does the
same in two steps: ``stage`` (on several threads at once) and ``commit_staged`` (several
items in one transaction).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, BinaryIO

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.domain import codes
from app.domain.messages import QT_TRANSLATE_NOOP, MessageValueError
from app.domain.timeutil import offset_minutes
from app.store import audit
from app.store.audit import Actor
from app.store.errors import InvalidInput, NotFound, StoreError
from app.store.models import File, ImportBatch, Incident, Item, ItemRelation, new_id
from app.store.repositories.base import Queries, Repository, find_incident, resolve_actor
from app.store.vault import PlacedFile, Placement, translate_os_error

FILE_ROLES = ("original", "archival", "access", "thumbnail", "poster")
# Fields a caller may set on a new item (the rest are set by the program).
DESCRIPTIVE_FIELDS = frozenset({
    "title", "creator", "place", "latitude", "longitude", "altitude", "people",
    "description", "keywords", "phase", "retention", "retention_category_key",
    "classification", "secrecy_period", "open_status", "language", "cross_reference",
    "dimensions", "condition", "storage_location", "label_number",
})


class DuplicateItem(StoreError):
    """The same original (by SHA-256) is already stored in this incident."""

    code = "duplicate"

    def __init__(self, existing_item_id: str, name: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "Errors", "{name} is already in this incident (item {item})."),
            name=name, item=existing_item_id)

        self.existing_item_id = existing_item_id


@dataclass(frozen=True)
class NewFile:
    """A file to store with an item: a path, an open binary stream, or bytes."""

    source: Path | BinaryIO | bytes
    role: str = "original"
    original_name: str = ""
    format: str = "application/octet-stream"
    format_version: str = ""
    suffix: str = ""  # vault file suffix, e.g. ".jpg"
    derived_from: int | None = None  # index of the file in the same list it was made from
    # Leave SM3 to the digest pass (``app.store.digests``): an import's large originals,
    # so the import itself costs about what copying with SHA-256 does.
    sm3_later: bool = False


@dataclass(frozen=True)
class StagedItem:
    """An item whose files are in the vault (durable, in flight) and whose rows are not."""

    incident_ref: str
    kind: str
    files: tuple[NewFile, ...]
    placed: tuple[PlacedFile, ...]
    placement: Placement
    batch_id: str | None
    date: datetime | None
    fields: dict[str, Any]
    technical: dict[str, Any]
    event_type: str
    operator: str | None


@dataclass(frozen=True, slots=True)
class FileRecord:
    id: str
    item_id: str
    role: str
    seq: int
    vault_path: str
    original_name: str
    size: int
    sha256: str
    sm3: str
    format: str
    format_version: str
    derived_from: str | None


@dataclass(frozen=True)
class BatchRecord:
    id: str
    incident_id: str
    source_channel: str
    provenance: dict[str, Any]
    created_at: datetime


@dataclass(frozen=True)
class ItemRecord:
    id: str
    incident_id: str
    batch_id: str | None
    kind: str
    category: str
    source_channel: str
    state: str
    archival_code: str | None
    title: str
    creator: str
    date: datetime | None  # aware, in the offset it was recorded in
    place: str
    latitude: float | None
    longitude: float | None
    altitude: float | None
    people: str
    description: str
    keywords: str
    phase: str | None
    retention: str | None
    classification: str
    open_status: str
    language: str
    technical: dict[str, Any]
    dimensions: str
    condition: str
    storage_location: str
    label_number: str
    created_at: datetime
    files: tuple[FileRecord, ...] = field(default_factory=tuple)
    # describing and filing (migration 0003)
    retention_category_key: str | None = None
    caption: dict[str, str] = field(default_factory=dict)  # app.domain.captions
    excluded: bool = False  # 不归档
    exclusion_reason: str = ""
    piece_number: int | None = None
    year: int | None = None
    revision: int = 1

    def file(self, role: str) -> FileRecord | None:
        return next((f for f in self.files if f.role == role), None)


def file_record(f: File) -> FileRecord:
    return FileRecord(
        id=f.id, item_id=f.item_id, role=f.role, seq=f.seq, vault_path=f.vault_path,
        original_name=f.original_name, size=f.size, sha256=f.sha256, sm3=f.sm3,
        format=f.format, format_version=f.format_version, derived_from=f.derived_from,
    )


def item_record(item: Item, files: Sequence[File] = ()) -> ItemRecord:
    date = (item.date.astimezone(timezone(timedelta(minutes=item.date_offset_min)))
            if item.date else None)
    return ItemRecord(
        id=item.id, incident_id=item.incident_id, batch_id=item.batch_id, kind=item.kind,
        category=item.category, source_channel=item.source_channel, state=item.state,
        archival_code=item.archival_code, title=item.title, creator=item.creator, date=date,
        place=item.place, latitude=item.latitude, longitude=item.longitude,
        altitude=item.altitude, people=item.people, description=item.description,
        keywords=item.keywords, phase=item.phase, retention=item.retention,
        classification=item.classification, open_status=item.open_status,
        language=item.language, technical=dict(item.technical or {}),
        dimensions=item.dimensions, condition=item.condition,
        storage_location=item.storage_location, label_number=item.label_number,
        created_at=item.created_at,
        files=tuple(file_record(f) for f in sorted(files, key=lambda f: (f.seq, f.role))),
        retention_category_key=item.retention_category_key,
        caption=dict(item.caption or {}), excluded=bool(item.excluded),
        exclusion_reason=item.exclusion_reason, piece_number=item.piece_number,
        year=item.year, revision=item.revision,
    )


def _open(source: Path | BinaryIO | bytes) -> tuple[BinaryIO, bool]:
    if isinstance(source, bytes):
        return io.BytesIO(source), True
    if isinstance(source, Path):
        return open(source, "rb"), True
    return source, False


class ItemQueries(Queries):
    """Reading items and their stored files."""

    @staticmethod
    def _find_original(s: Session, incident_id: str, sha256: str) -> str | None:
        return s.scalar(
            select(File.item_id)
            .join(Item, Item.id == File.item_id)
            .where(File.sha256 == sha256, File.role == "original",
                   Item.incident_id == incident_id)
            .limit(1)
        )

    def find_original(self, incident_ref: str, sha256: str) -> str | None:
        """The item already holding an original with this SHA-256 in the incident, if any."""
        with self.store.reader() as s:
            return self._find_original(s, find_incident(s, incident_ref).id, sha256)

    def original_sizes(self, incident_ref: str) -> set[int]:
        """Sizes of the originals in the incident: an import hashes a file before copying
        it only when its size matches one of these (a possible duplicate)."""
        with self.store.reader() as s:
            inc = find_incident(s, incident_ref)
            return set(s.scalars(
                select(File.size).join(Item, Item.id == File.item_id)
                .where(File.role == "original", Item.incident_id == inc.id).distinct()
            ))

    def get(self, item_id: str) -> ItemRecord:
        with self.store.reader() as s:
            item = s.get(Item, item_id)
            if item is None:
                raise NotFound(QT_TRANSLATE_NOOP(
                    "Errors", "There is no item {item} in this store."), item=item_id)
            files = s.scalars(select(File).where(File.item_id == item_id)).all()
            return item_record(item, files)

    def list(self, incident_ref: str, offset: int = 0, limit: int = 200,
             kind: str | None = None) -> list[ItemRecord]:
        """Items of an incident, newest first, one page at a time."""
        with self.store.reader() as s:
            inc = find_incident(s, incident_ref)
            q = (select(Item).where(Item.incident_id == inc.id)
                 .order_by(Item.created_at.desc(), Item.id).offset(offset).limit(limit))
            if kind:
                q = q.where(Item.kind == kind)
            items = s.scalars(q).all()
            by_item: dict[str, list[File]] = {i.id: [] for i in items}
            if items:
                for f in s.scalars(select(File).where(File.item_id.in_(list(by_item)))):
                    by_item[f.item_id].append(f)
            return [item_record(i, by_item[i.id]) for i in items]

    def count(self, incident_ref: str, kind: str | None = None) -> int:
        with self.store.reader() as s:
            inc = find_incident(s, incident_ref)
            q = select(func.count()).select_from(Item).where(Item.incident_id == inc.id)
            if kind:
                q = q.where(Item.kind == kind)
            return int(s.scalar(q) or 0)

    def related(self, item_id: str, relation: str | None = None) -> tuple[str, ...]:
        with self.store.reader() as s:
            q = select(ItemRelation.related_item_id).where(ItemRelation.item_id == item_id)
            if relation:
                q = q.where(ItemRelation.relation == relation)
            return tuple(s.scalars(q))

    def relating(self, related_item_id: str, relation: str) -> tuple[str, ...]:
        """Items linked *to* this one (the photos of a physical object), oldest link first."""
        with self.store.reader() as s:
            return tuple(s.scalars(
                select(ItemRelation.item_id)
                .where(ItemRelation.related_item_id == related_item_id,
                       ItemRelation.relation == relation)
                .order_by(ItemRelation.id)
            ))

    def open_file(self, vault_path: str) -> BinaryIO:
        """Read a stored file (the vault is write-once; this never writes)."""
        return self.store.vault.open_file(vault_path)


class ItemRepository(Repository, ItemQueries):
    def create_batch(
        self,
        incident_ref: str,
        source_channel: str = "self",
        provenance: dict[str, Any] | None = None,
        note: str = "",
        operator: str | None = None,
    ) -> BatchRecord:
        try:
            channel = codes.SOURCE_CHANNEL.parse(source_channel)
        except MessageValueError as err:
            raise InvalidInput(err.template, **err.params) from None
        clean = {k: v for k, v in (provenance or {}).items() if v not in (None, "")}
        with self.store.writer() as s:
            actor = resolve_actor(s, operator)
            inc = find_incident(s, incident_ref)
            batch = ImportBatch(incident_id=inc.id, source_channel=channel, provenance=clean,
                                operator_id=actor.operator_id, created_at=datetime.now(UTC),
                                note=note)
            s.add(batch)
            s.flush()
            audit.record(s, actor, "batch.create", incident_id=inc.id, object_type="batch",
                         object_id=batch.id, detail={"source_channel": channel, **clean})
            return BatchRecord(batch.id, inc.id, channel, dict(clean), batch.created_at)

    def ingest(
        self,
        incident_ref: str,
        kind: str,
        files: Sequence[NewFile],
        *,
        batch_id: str | None = None,
        date: datetime | None = None,
        fields: dict[str, Any] | None = None,
        technical: dict[str, Any] | None = None,
        event_type: str = "item.import",
        operator: str | None = None,
    ) -> ItemRecord:
        """Store one item with its files. Raises DuplicateItem if the original is known."""
        staged = self.stage(incident_ref, kind, files, batch_id=batch_id, date=date,
                            fields=fields, technical=technical, event_type=event_type,
                            operator=operator)
        outcome = self.commit_staged([staged])[0]
        if isinstance(outcome, DuplicateItem):
            raise outcome
        return outcome

    def stage(
        self,
        incident_ref: str,
        kind: str,
        files: Sequence[NewFile],
        *,
        batch_id: str | None = None,
        date: datetime | None = None,
        fields: dict[str, Any] | None = None,
        technical: dict[str, Any] | None = None,
        event_type: str = "item.import",
        operator: str | None = None,
    ) -> StagedItem:
        """Put an item's files in the vault, durable, with no row yet (no transaction).

        Several threads may stage at once; ``commit_staged`` then writes their rows in one
        transaction. Until then the files are in flight: a crash takes them back out.
        """
        if kind not in codes.ITEM_KIND.values():
            raise InvalidInput(QT_TRANSLATE_NOOP("Errors", "Unknown item kind '{kind}'."),
                               kind=kind)
        extra = dict(fields or {})
        unknown = set(extra) - DESCRIPTIVE_FIELDS
        if unknown:
            raise InvalidInput(QT_TRANSLATE_NOOP("Errors", "Unknown item fields: {fields}."),
                               fields=", ".join(sorted(unknown)))
        for f in files:
            if f.role not in FILE_ROLES:
                raise InvalidInput(QT_TRANSLATE_NOOP("Errors", "Unknown file role '{role}'."),
                                   role=f.role)
        # One placement: the files share a vault folder, made durable by one fsync.
        # Bytes already in memory (a thumbnail) go first, while a stream's producer (the
        # shutter's encoder) is still at work.
        order = sorted(range(len(files)), key=lambda n: not isinstance(files[n].source, bytes))
        placed: dict[int, PlacedFile] = {}
        placement = self.store.vault.placement()
        try:
            for n in order:
                stream, owned = _open(files[n].source)
                try:
                    placed[n] = placement.place_stream(stream, files[n].suffix,
                                                       with_sm3=not files[n].sm3_later)
                finally:
                    if owned:
                        stream.close()
            try:
                placement.seal()
            except OSError as err:
                raise translate_os_error(err, self.store.vault.root) from err
        except BaseException:
            placement.discard()
            raise
        return StagedItem(incident_ref, kind, tuple(files),
                          tuple(placed[n] for n in range(len(files))), placement, batch_id,
                          date, extra, dict(technical or {}), event_type, operator)

    def commit_staged(self, staged: Sequence[StagedItem]) -> list[ItemRecord | DuplicateItem]:
        """Write the rows of staged items in one transaction (one commit, one fsync).

        Each gets its record, or the DuplicateItem it turned out to be (its files are taken
        back out). If the transaction fails, every staged file is taken back out.
        """
        try:
            with self.store.writer() as s, s.no_autoflush:
                outcomes = self._commit_group(s, staged)
        except BaseException:
            for item in staged:
                item.placement.discard()
            raise
        for item, outcome in zip(staged, outcomes, strict=True):
            if isinstance(outcome, DuplicateItem):
                item.placement.discard()
            else:
                item.placement.settle()
        return outcomes

    def _commit_group(self, s: Session,
                      staged: Sequence[StagedItem]) -> list[ItemRecord | DuplicateItem]:
        """The rows of every item, one flush for all: a group is looked up once (incident,
        operator, batch, known originals), not once per item."""
        # Ids are made here, not at flush time, so the rows and the events can refer to
        # each other and go to the database in one flush (one batch per table). Without
        # relationships the flush does not order tables by their foreign keys, so they are
        # checked at commit instead of row by row (for this transaction only).
        s.connection().exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        incidents: dict[str, Incident] = {}
        actors: dict[str | None, Actor] = {}
        channels: dict[tuple[str, str | None], str] = {}
        for item in staged:
            if item.incident_ref not in incidents:
                incidents[item.incident_ref] = find_incident(s, item.incident_ref)
            if item.operator not in actors:
                actors[item.operator] = resolve_actor(s, item.operator)
            inc = incidents[item.incident_ref]
            if (inc.id, item.batch_id) not in channels:
                channels[inc.id, item.batch_id] = self._channel(s, inc.id, item.batch_id)
        known = self._known_originals(s, staged, incidents)
        made: list[tuple[Item, list[File]] | DuplicateItem] = []
        for item in staged:
            inc = incidents[item.incident_ref]
            originals = [(f, p) for f, p in zip(item.files, item.placed, strict=True)
                         if f.role == "original"]
            duplicate = next(((f, known[inc.id, p.sha256]) for f, p in originals
                              if (inc.id, p.sha256) in known), None)
            if duplicate is not None:
                made.append(DuplicateItem(duplicate[1], duplicate[0].original_name
                                          or "This file"))
                continue
            added = self._add_item(s, inc, actors[item.operator],
                                   channels[inc.id, item.batch_id], item)
            made.append(added)
            for _, p in originals:  # a second copy in the same group is a duplicate
                known[inc.id, p.sha256] = added[0].id
        s.flush()  # fills the columns' defaults that the records show
        return [m if isinstance(m, DuplicateItem) else item_record(*m) for m in made]

    @staticmethod
    def _channel(s: Session, incident_id: str, batch_id: str | None) -> str:
        if batch_id is None:
            return "self"
        batch = s.get(ImportBatch, batch_id)
        if batch is None or batch.incident_id != incident_id:
            raise NotFound(QT_TRANSLATE_NOOP(
                "Errors", "There is no import batch {batch} in this incident."), batch=batch_id)
        return batch.source_channel

    @staticmethod
    def _known_originals(s: Session, staged: Sequence[StagedItem],
                         incidents: dict[str, Incident]) -> dict[tuple[str, str], str]:
        """(incident id, SHA-256) -> item id, for the group's originals already stored."""
        wanted = {p.sha256 for item in staged
                  for f, p in zip(item.files, item.placed, strict=True) if f.role == "original"}
        if not wanted:
            return {}
        rows = s.execute(
            select(Item.incident_id, File.sha256, File.item_id)
            .join(Item, Item.id == File.item_id)
            .where(File.sha256.in_(sorted(wanted)), File.role == "original",
                   Item.incident_id.in_({i.id for i in incidents.values()}))
        )
        return {(incident_id, sha): item_id for incident_id, sha, item_id in rows}

    def _add_item(self, s: Session, inc: Incident, actor: Actor, channel: str,
                  staged: StagedItem) -> tuple[Item, list[File]]:
        files, placed, date = staged.files, staged.placed, staged.date
        now = datetime.now(UTC)
        item = Item(
            id=new_id(), incident_id=inc.id, batch_id=staged.batch_id, kind=staged.kind,
            category=codes.CATEGORY_OF_KIND[staged.kind], source_channel=channel,
            state="captured", date=date, date_offset_min=offset_minutes(date) if date else 0,
            technical=staged.technical, created_at=now, created_by=actor.operator_id,
            updated_at=now, **staged.fields,
        )
        s.add(item)
        rows: list[File] = []
        for seq, (f, p) in enumerate(zip(files, placed, strict=True), 1):
            row = File(
                id=new_id(), item_id=item.id, role=f.role, seq=seq, vault_path=p.vault_path,
                original_name=f.original_name, size=p.size, sha256=p.sha256, sm3=p.sm3,
                format=f.format, format_version=f.format_version, created_at=now,
                derived_from=rows[f.derived_from].id if f.derived_from is not None else None,
            )
            s.add(row)
            rows.append(row)
        audit.record(
            s, actor, staged.event_type, incident_id=inc.id, item_id=item.id,
            object_type="item", object_id=item.id,
            detail={"kind": staged.kind, "source_channel": channel,
                    "batch_id": staged.batch_id,
                    "originals": [p.sha256 for f, p in zip(files, placed, strict=True)
                                  if f.role == "original"]},
        )
        for row in rows:
            audit.record(
                s, actor, "file.ingest", incident_id=inc.id, item_id=item.id,
                object_type="file", object_id=row.id,
                detail={"role": row.role, "name": row.original_name, "size": row.size,
                        "sha256": row.sha256, "sm3": row.sm3 or None, "format": row.format},
            )
        return item, rows

    def relate(self, item_id: str, related_item_id: str, relation: str,
               operator: str | None = None) -> None:
        """Link two items (a photo of a physical object: relation 'photo-of')."""
        with self.store.writer() as s:
            actor = resolve_actor(s, operator)
            a, b = s.get(Item, item_id), s.get(Item, related_item_id)
            if a is None or b is None:
                raise NotFound(QT_TRANSLATE_NOOP("Errors", "Both items must exist to link them."))
            if a.incident_id != b.incident_id:
                raise InvalidInput(QT_TRANSLATE_NOOP(
                    "Errors", "Items of different incidents cannot be linked."))

            s.add(ItemRelation(item_id=item_id, related_item_id=related_item_id,
                               relation=relation))
            audit.record(s, actor, "item.relate", incident_id=a.incident_id, item_id=item_id,
                         object_type="item", object_id=related_item_id,
                         detail={"relation": relation})
