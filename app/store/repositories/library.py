"""What the Library page reads: pages of an incident's items, an item with its files, and
the bytes of a thumbnail. Read-only: nothing here opens a writer.

Pages follow each other by keyset: the next page starts ``after`` the sort value and id of
the last row shown, so the hundredth page of 20,000 items costs what the first does (an
OFFSET would make SQLite walk every row skipped). Rows are frozen, and carry what a table
row and a grid cell show, so the view never asks the store per cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    String,
    func,
    literal,
    select,
    tuple_,
    type_coerce,
)
from sqlalchemy.orm import Session

from app.domain import codes, completeness
from app.domain.messages import QT_TRANSLATE_NOOP
from app.store.errors import InvalidInput, NotFound
from app.store.models import File, ImportBatch, Item
from app.store.repositories.base import Queries, find_incident
from app.store.repositories.items import BatchRecord, ItemRecord, item_record
from app.store.types import UTCDateTime

MAX_PAGE = 1000
# Sort keys the page offers; each is one column (or expression) plus the id as tie-break.
SORT_KEYS = ("date", "created", "title", "code", "kind", "state")
COMPLETENESS = ("complete", "incomplete")
THUMBNAIL_ROLES = ("thumbnail", "poster")


@dataclass(frozen=True)
class LibraryFilter:
    """Every field None (or empty) means "any". Dates bound the item's date (its capture
    time, or when it was stored if it has none), ``date_to`` exclusive."""

    kind: str | None = None
    phase: str | None = None
    source_channel: str | None = None
    state: str | None = None
    retention_category_key: str | None = None
    creator: str | None = None  # 责任者: photographer, recorder, author
    completeness: str | None = None  # complete | incomplete (for description)
    date_from: datetime | None = None
    date_to: datetime | None = None
    excluded: bool | None = None  # appraised 不归档: True only those, False only the kept

    @property
    def is_empty(self) -> bool:
        return all(getattr(self, f) in (None, "") for f in self.__dataclass_fields__)


@dataclass(frozen=True)
class LibrarySort:
    key: str = "date"
    descending: bool = False


@dataclass(frozen=True)
class LibraryCursor:
    """Where a page ended: the sort value of its last row and that row's id."""

    value: Any
    item_id: str


@dataclass(frozen=True)
class LibraryRow:
    id: str
    kind: str
    category: str
    source_channel: str
    state: str
    archival_code: str | None
    title: str
    original_name: str
    creator: str
    date: datetime | None  # aware, in its recorded offset
    place: str
    people: str
    phase: str | None
    retention: str | None
    retention_category_key: str | None
    classification: str
    size: int  # bytes of the original
    has_thumbnail: bool
    excluded: bool
    missing: tuple[str, ...]  # field codes the description still lacks (completeness)
    cursor: LibraryCursor

    @property
    def shown_title(self) -> str:
        return self.title or self.original_name or self.id[:8]


@dataclass(frozen=True)
class LibraryCounts:
    """How many items the incident has, how many match the filter, and by state."""

    total: int
    matching: int
    by_state: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ItemDetail:
    """An item with its files, its batch (source channel and provenance) and revision."""

    item: ItemRecord
    batch: BatchRecord | None
    revision: int
    updated_at: datetime
    caption: dict[str, str]  # the photo's six elements (app.domain.captions)
    excluded: bool
    exclusion_reason: str
    missing: tuple[str, ...]  # for description
    missing_for_filing: tuple[str, ...]
    secrecy_period: str = ""  # 保密期限
    cross_reference: str = ""  # 参见号


def _sort_column(key: str) -> ColumnElement[Any]:
    """The sort key as stored text: dates are sortable UTC ISO text, so a cursor is kept
    and compared as text and no row's sort value is ever parsed."""
    if key == "date":
        return type_coerce(func.coalesce(Item.date, Item.created_at), String())
    if key == "created":
        return type_coerce(Item.created_at, String())
    if key == "title":
        return Item.title  # type: ignore[return-value]
    if key == "code":
        return func.coalesce(Item.archival_code, "")
    if key == "kind":
        return Item.kind  # type: ignore[return-value]
    if key == "state":
        return Item.state  # type: ignore[return-value]
    raise InvalidInput(QT_TRANSLATE_NOOP("Errors", "Items cannot be sorted by '{key}'."),
                       key=key)


def _original_name() -> Any:
    return (select(File.original_name).where(File.item_id == Item.id, File.role == "original")
            .order_by(File.seq).limit(1).scalar_subquery())


def _original_size() -> Any:
    return (select(File.size).where(File.item_id == Item.id, File.role == "original")
            .order_by(File.seq).limit(1).scalar_subquery())


def _has_thumbnail() -> Any:
    return (select(func.count(File.id))
            .where(File.item_id == Item.id, File.role.in_(THUMBNAIL_ROLES))
            .scalar_subquery())


def _utc(value: datetime) -> datetime:
    return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)


def _filtered(q: Select[Any], incident_id: str, f: LibraryFilter) -> Select[Any]:
    q = q.where(Item.incident_id == incident_id)
    if f.kind:
        q = q.where(Item.kind == f.kind)
    if f.phase:
        q = q.where(Item.phase == f.phase)
    if f.source_channel:
        q = q.where(Item.source_channel == f.source_channel)
    if f.state:
        q = q.where(Item.state == f.state)
    if f.retention_category_key:
        q = q.where(Item.retention_category_key == f.retention_category_key)
    if f.creator:
        q = q.where(Item.creator == f.creator)
    # "described" is the state in which nothing required for description is missing;
    # excluded items leave the completeness figures.
    if f.completeness == "incomplete":
        q = q.where(Item.state == "captured", Item.excluded.is_(False))
    elif f.completeness == "complete":
        q = q.where(Item.state != "captured", Item.excluded.is_(False))
    if f.excluded is not None:
        q = q.where(Item.excluded.is_(f.excluded))
    when = type_coerce(func.coalesce(Item.date, Item.created_at), UTCDateTime())
    if f.date_from is not None:
        q = q.where(when >= _utc(f.date_from))
    if f.date_to is not None:
        q = q.where(when < _utc(f.date_to))
    return q


def _validate(f: LibraryFilter) -> None:
    checks = ((f.kind, codes.ITEM_KIND), (f.phase, codes.PHASE),
              (f.source_channel, codes.SOURCE_CHANNEL), (f.state, codes.ITEM_STATE))
    for value, table in checks:
        if value and value not in table.values():
            raise InvalidInput(QT_TRANSLATE_NOOP("Errors", "'{value}' is not a known {what}."),
                               value=value, what=table.label_en)
    if f.completeness and f.completeness not in COMPLETENESS:
        raise InvalidInput(QT_TRANSLATE_NOOP("Errors", "'{value}' is not a known {what}."),
                           value=f.completeness, what="completeness")


def _parsed(stored: str | None) -> datetime | None:
    """A stored UTC time (``UTCDateTime``'s text), parsed by the fast C parser: a page's
    rows are read in the worker, and every millisecond there is one the GUI waits for the
    interpreter lock."""
    return datetime.fromisoformat(stored) if stored else None


def _local(value: datetime | None, offset_min: int) -> datetime | None:
    if value is None:
        return None
    return value.astimezone(timezone(timedelta(minutes=offset_min)))


class LibraryQueries(Queries):
    def page(self, incident_ref: str, filters: LibraryFilter | None = None,
             sort: LibrarySort | None = None, after: LibraryCursor | None = None,
             limit: int = 200) -> list[LibraryRow]:
        """Up to ``limit`` items after ``after`` (the ``cursor`` of the last row shown)."""
        filters, sort = filters or LibraryFilter(), sort or LibrarySort()
        if not 1 <= limit <= MAX_PAGE:
            raise InvalidInput(QT_TRANSLATE_NOOP("Errors", "A page holds 1 to {limit} items."),
                               limit=MAX_PAGE)
        _validate(filters)
        column = _sort_column(sort.key)
        with self.store.reader() as s:
            inc = find_incident(s, incident_ref)
            q = _filtered(select(
                Item.id, Item.kind, Item.category, Item.source_channel, Item.state,
                Item.archival_code, Item.title, _original_name().label("original_name"),
                Item.creator, type_coerce(Item.date, String()).label("date"),
                Item.date_offset_min, Item.place, Item.people,
                Item.phase, Item.retention, Item.retention_category_key,
                Item.classification, _original_size().label("size"),
                _has_thumbnail().label("thumbs"), Item.excluded,
                Item.description, ImportBatch.provenance,
                column.label("sort_value")).outerjoin(
                    ImportBatch, ImportBatch.id == Item.batch_id), inc.id, filters)
            if after is not None:
                beyond = tuple_(column, Item.id)
                mark = tuple_(literal(after.value, String()), literal(after.item_id))
                q = q.where(beyond < mark if sort.descending else beyond > mark)
            order = ((column.desc(), Item.id.desc()) if sort.descending
                     else (column.asc(), Item.id.asc()))
            rows = s.execute(q.order_by(*order).limit(limit)).all()
            return [self._row(r) for r in rows]

    @staticmethod
    def _row(r: Any) -> LibraryRow:
        return LibraryRow(
            id=r.id, kind=r.kind, category=r.category, source_channel=r.source_channel,
            state=r.state, archival_code=r.archival_code, title=r.title,
            original_name=r.original_name or "", creator=r.creator,
            date=_local(_parsed(r.date), r.date_offset_min), place=r.place, people=r.people,
            phase=r.phase, retention=r.retention,
            retention_category_key=r.retention_category_key,
            classification=r.classification, size=int(r.size or 0),
            has_thumbnail=bool(r.thumbs), excluded=bool(r.excluded),
            missing=completeness.missing(r),
            cursor=LibraryCursor(r.sort_value, r.id))

    def count(self, incident_ref: str, filters: LibraryFilter | None = None) -> LibraryCounts:
        """The incident's item count, how many match ``filters``, and those by state."""
        filters = filters or LibraryFilter()
        _validate(filters)
        with self.store.reader() as s:
            inc = find_incident(s, incident_ref)
            total = s.scalar(select(func.count()).select_from(Item)
                             .where(Item.incident_id == inc.id)) or 0
            q = _filtered(select(Item.state, func.count()), inc.id,  # type: ignore[arg-type]
                          filters).group_by(Item.state)
            by_state: dict[str, int] = {state: n for state, n in s.execute(q)}
            return LibraryCounts(int(total), int(sum(by_state.values())),
                                 {k: int(v) for k, v in by_state.items()})

    def creators(self, incident_ref: str) -> list[str]:
        """The incident's distinct 责任者, for the filter's choices."""
        with self.store.reader() as s:
            inc = find_incident(s, incident_ref)
            return sorted(c for c in s.scalars(
                select(Item.creator).where(Item.incident_id == inc.id, Item.creator != "")
                .distinct()) if c)

    def detail(self, item_id: str) -> ItemDetail:
        with self.store.reader() as s:
            item = s.get(Item, item_id)
            if item is None:
                raise NotFound(QT_TRANSLATE_NOOP(
                    "Errors", "There is no item {item} in this store."), item=item_id)
            files = s.scalars(select(File).where(File.item_id == item_id)).all()
            batch = s.get(ImportBatch, item.batch_id) if item.batch_id else None
            provenance = dict(batch.provenance or {}) if batch is not None else {}
            record = item_record(item, files)
            fields = {**{k: getattr(record, k) for k in record.__dataclass_fields__},
                      "provenance": provenance}
            return ItemDetail(
                record,
                BatchRecord(batch.id, batch.incident_id, batch.source_channel, provenance,
                            batch.created_at) if batch is not None else None,
                item.revision, item.updated_at, dict(item.caption or {}), bool(item.excluded),
                item.exclusion_reason, completeness.missing(fields),
                completeness.missing(fields, "file"), item.secrecy_period,
                item.cross_reference)

    def thumbnail(self, item_id: str) -> bytes | None:
        """The stored thumbnail (or a video's poster frame) of an item, if it has one."""
        with self.store.reader() as s:
            path = _thumbnail_path(s, item_id)
        if path is None:
            return None
        with self.store.vault.open_file(path) as f:
            return f.read()


def _thumbnail_path(s: Session, item_id: str) -> str | None:
    rows = s.execute(select(File.role, File.vault_path).where(
        File.item_id == item_id, File.role.in_(THUMBNAIL_ROLES))).all()
    by_role = dict(rows)
    return next((by_role[r] for r in THUMBNAIL_ROLES if r in by_role), None)
