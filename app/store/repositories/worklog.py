"""The work log (工作日志): append-only, hash-chained entries and their reviews (审核).

An entry is never updated or deleted; a correction is a new entry pointing at the version it
corrects, with the reason. Only the current version of an entry (one nobody has corrected yet)
can be corrected or reviewed, so an entry's versions form one line. Appending looks up only
the incident's newest entry (by the unique (incident_id, seq) index), so it costs the same at
any log size.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased

from app.domain import codes
from app.domain.messages import QT_TRANSLATE_NOOP, MessageValueError
from app.domain.timeutil import now_local
from app.store import audit, signing
from app.store.errors import InvalidInput, NotFound, PermissionDenied
from app.store.hashing import GENESIS
from app.store.models import AuditEvent, Incident, Item, LogEntry, LogReview, Operator, new_id
from app.store.repositories.base import (
    Queries,
    Repository,
    check_date,
    default_operator,
    find_incident,
    find_operator,
)
from app.store.repositories.incidents import local_time
from app.store.repositories.log_append import (
    ChainTail,
    append_entry,
    entry_tail,
    new_entry,
    review_tail,
)
from app.store.repositories.log_input import (
    check_entry_length,
    check_neighbours,
    check_occurred_at,
    clean_text,
)
from app.store.repositories.log_links import RECENT_LINK_CANDIDATES, linked_items, recent_items
from app.store.repositories.log_rows import (
    entry_record,
    incident_summary,
    review_record,
    reviews_of,
)
from app.store.repositories.operators import OperatorRepository
from app.store.worklog_chain import REVIEW_PURPOSE, review_content, review_hash
from app.store.worklog_records import (
    REVIEW_STATUSES,
    LinkedItem,
    LogCursor,
    LogEntryRecord,
    LogEntryView,
    LogFilter,
    LogRendition,
    LogReviewRecord,
    LogThread,
)

DEFAULT_PHASE = "response"  # 应急处置与救援, when the incident's log has no entry yet
MAX_PAGE = 1000
ENTRY_REF_MIN = 8  # an entry may be named by a unique id prefix this long


class NoRecorder(InvalidInput):
    code = "no-recorder"


# -- looking things up ----------------------------------------------------------------------


def find_entry(session: Session, ref: str) -> LogEntry:
    """An entry by id or by a unique id prefix of 8+ characters."""
    ref = ref.strip().lstrip("#")
    found = session.get(LogEntry, ref) if ref else None
    if found is None and len(ref) >= ENTRY_REF_MIN:
        matches = session.scalars(
            select(LogEntry).where(LogEntry.id.like(ref.replace("%", "") + "%")).limit(2)
        ).all()
        if len(matches) == 1:
            found = matches[0]
        elif len(matches) > 1:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "'{ref}' matches several work-log entries; give more of the id."),
                ref=ref)
    if found is None:
        raise NotFound(QT_TRANSLATE_NOOP(
            "Errors", "There is no work-log entry '{ref}' in this store; "
            "'fieldarchive log show' lists the ids."), ref=ref)
    return found


def _successor_id(session: Session, entry_id: str) -> str | None:
    return session.scalar(select(LogEntry.id).where(LogEntry.corrects_id == entry_id).limit(1))


def _recorder(session: Session, name: str | None) -> Operator:
    op = find_operator(session, name) if name else default_operator(session)
    if op is not None and op.role == "supervisor":
        # A supervisor inspects the work; the log is the responders' own record.
        raise PermissionDenied(QT_TRANSLATE_NOOP(
            "Errors", "{name} is a supervisor: supervisors inspect the work log and do not "
            "record entries in it; choose an archivist or reviewer as the recorder."),
            name=op.name)
    if op is None:
        raise NoRecorder(QT_TRANSLATE_NOOP(
            "Errors",
            "A work-log entry needs a named recorder, and this store has no default operator; "
            "give --operator NAME, or add one with 'fieldarchive operator add --name NAME "
            "--unit UNIT --role archivist' (the first operator becomes the default)."))
    return op


def _resolve_items(session: Session, incident_id: str, refs: Iterable[str]) -> list[str]:
    """Linked items given by id, 档号 or unique id prefix, stored as item ids."""
    ids: list[str] = []
    for raw in refs:
        ref = raw.strip()
        if not ref:
            continue
        item = session.scalar(select(Item).where(
            Item.incident_id == incident_id,
            or_(Item.id == ref, Item.archival_code == ref)))
        if item is None and len(ref) >= ENTRY_REF_MIN:
            matches = session.scalars(select(Item).where(
                Item.incident_id == incident_id, Item.id.like(ref.replace("%", "") + "%")
            ).limit(2)).all()
            item = matches[0] if len(matches) == 1 else None
        if item is None:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "There is no item '{ref}' in this incident to link; give an "
                "item id or its archival code."), ref=ref)
        if item.id not in ids:
            ids.append(item.id)
    return ids


def _code(table: codes.CodeTable, value: str) -> str:
    try:
        return table.parse(value)
    except MessageValueError as err:
        raise InvalidInput(err.template, **err.params) from None


def _recorded_before(session: Session, incident_id: str, seq: int | None,
                     skip: Sequence[str] = ()) -> LogEntry | None:
    """The entry recorded last before ``seq`` (None: the newest), not one of ``skip``."""
    q = select(LogEntry).where(LogEntry.incident_id == incident_id)
    if seq is not None:
        q = q.where(LogEntry.seq < seq)
    if skip:
        q = q.where(LogEntry.id.not_in(list(skip)))
    return session.scalars(q.order_by(LogEntry.seq.desc()).limit(1)).first()


def _recorded_after(session: Session, incident_id: str, seq: int,
                    skip: Sequence[str]) -> LogEntry | None:
    """The entry recorded first after ``seq`` that is not one of ``skip`` (its versions)."""
    q = (select(LogEntry).where(LogEntry.incident_id == incident_id, LogEntry.seq > seq,
                                LogEntry.id.not_in(list(skip)))
         .order_by(LogEntry.seq).limit(1))
    return session.scalars(q).first()


def _aware(value: datetime | None) -> datetime:
    if value is None:
        return now_local()
    check_date(value)
    return value if value.tzinfo is not None else value.astimezone()


# -- the repository -------------------------------------------------------------------------


class WorkLogQueries(Queries):
    """Reading the work log: entries with their reviews, versions, pages, renditions."""

    def get(self, entry_ref: str) -> LogEntryRecord:
        """One stored version, with its reviews."""
        with self.store.reader() as s:
            e = find_entry(s, entry_ref)
            return entry_record(e, reviews_of(s, [e.id]).get(e.id, []))

    def history(self, entry_ref: str) -> LogThread:
        """All versions of the entry that ``entry_ref`` is a version of: original first."""
        with self.store.reader() as s:
            e = find_entry(s, entry_ref)
            line = _line_back(s, e)
            while (succ := _successor_id(s, line[-1].id)) is not None:
                nxt = s.get(LogEntry, succ)
                assert nxt is not None
                line.append(nxt)
            reviews = reviews_of(s, [v.id for v in line])
            return LogThread(tuple(entry_record(v, reviews.get(v.id, [])) for v in line))

    def page(
        self,
        incident_ref: str,
        filters: LogFilter | None = None,
        offset: int = 0,
        limit: int = 100,
        newest_first: bool = False,
        after: LogCursor | None = None,
    ) -> list[LogEntryView]:
        """One page of the timeline: current versions in occurred-at order (then seq).

        ``after`` (the ``cursor`` of the last row shown) pages on from there through the
        index, at the same cost anywhere in a large log; ``offset`` counts rows from the start
        (or from ``after``) and gets slower the further it skips.
        """
        if limit < 1 or limit > MAX_PAGE:
            raise InvalidInput(QT_TRANSLATE_NOOP("Errors", "A page holds 1 to {most} entries."),
                               most=MAX_PAGE)
        with self.store.reader() as s:
            inc = find_incident(s, incident_ref)
            order = ((LogEntry.occurred_at.desc(), LogEntry.seq.desc()) if newest_first
                     else (LogEntry.occurred_at, LogEntry.seq))
            q = _timeline_query(select(LogEntry), inc.id, filters or LogFilter())
            if after is not None:
                q = q.where(_beyond(after, newest_first))
            rows = s.scalars(q.order_by(*order).offset(max(offset, 0)).limit(limit)).all()
            reviews = reviews_of(s, [e.id for e in rows])
            views = []
            for e in rows:
                line = _line_back(s, e) if e.corrects_id else [e]
                views.append(LogEntryView(entry_record(e, reviews.get(e.id, [])),
                                          original_seq=line[0].seq, version_count=len(line)))
            return views

    def count(self, incident_ref: str, filters: LogFilter | None = None) -> int:
        """How many timeline rows (current versions) match."""
        filters = filters or LogFilter()
        with self.store.reader() as s:
            inc = find_incident(s, incident_ref)
            if filters.is_empty:
                # Every correction supersedes exactly one version: rows = entries - corrections,
                # both counted from an index.
                total = s.scalar(select(func.count()).select_from(LogEntry)
                                 .where(LogEntry.incident_id == inc.id)) or 0
                # Through the corrects_id index (corrections are few); the concatenation keeps
                # the planner off the incident index, which would visit every entry.
                corrections = s.scalar(
                    select(func.count()).select_from(LogEntry)
                    .where(LogEntry.corrects_id > "",
                           LogEntry.incident_id.concat("") == inc.id)
                ) or 0
                return int(total - corrections)
            q = _timeline_query(select(func.count(LogEntry.id)), inc.id, filters)
            return int(s.scalar(q) or 0)

    def periods(self, incident_ref: str) -> list[str]:
        """The incident's operational periods, in order of their first entry."""
        with self.store.reader() as s:
            inc = find_incident(s, incident_ref)
            rows = s.execute(
                select(LogEntry.operational_period, func.min(LogEntry.seq))
                .where(LogEntry.incident_id == inc.id)
                .group_by(LogEntry.operational_period).order_by(func.min(LogEntry.seq))
            ).all()
            return [r[0] for r in rows]

    def entries_for_rendition(self, incident_ref: str,
                              period: str | None = None) -> LogRendition:
        """Everything a PDF/XML rendition shows, for the whole log or one operational period.

        A period's rendition holds the entries whose current version is in that period, with
        all their versions and reviews.
        """
        with self.store.reader() as s:
            inc = find_incident(s, incident_ref)
            rows = s.scalars(select(LogEntry).where(LogEntry.incident_id == inc.id)
                             .order_by(LogEntry.seq)).all()
            review_rows = s.scalars(select(LogReview).where(LogReview.incident_id == inc.id)
                                    .order_by(LogReview.seq)).all()
            by_entry: dict[str, list[LogReview]] = {}
            for r in review_rows:
                by_entry.setdefault(r.entry_id, []).append(r)
            records = {e.id: entry_record(e, by_entry.get(e.id, [])) for e in rows}
            threads = _threads(list(records.values()))
            if period is not None:
                if period not in {t.current.operational_period for t in threads}:
                    raise NotFound(QT_TRANSLATE_NOOP(
                        "Errors", "Incident {incident} has no work-log entries "
                        "in operational period '{period}'."),
                        incident=inc.number or inc.id, period=period)
                threads = [t for t in threads if t.current.operational_period == period]
            kept = sorted((v for t in threads for v in t.versions), key=lambda v: v.seq)
            reviews = tuple(rv for v in kept for rv in v.reviews)
            linked = linked_items(s, (i for v in kept for i in v.linked_items))
            review_head = review_rows[-1].review_hash if review_rows else GENESIS
            return LogRendition(
                incident=incident_summary(inc),
                operational_period=period,
                threads=tuple(threads),
                entries=tuple(kept),
                reviews=tuple(sorted(reviews, key=lambda r: r.seq)),
                generated_at=now_local(),
                chain_head=rows[-1].entry_hash if rows else GENESIS,
                review_chain_head=review_head,
                item_codes={k: v.archival_code for k, v in linked.items() if v.archival_code},
                items=linked,
                audit_head=_audit_head(s),
            )


    def link_candidates(self, incident_ref: str,
                        limit: int = RECENT_LINK_CANDIDATES) -> list[LinkedItem]:
        """The incident's items stored last (newest first): what an entry may link."""
        with self.store.reader() as s:
            inc = find_incident(s, incident_ref)
            return recent_items(s, inc.id, limit)

    def linked(self, item_ids: Sequence[str]) -> dict[str, LinkedItem]:
        """The linked items with these ids, as a link shows them."""
        with self.store.reader() as s:
            return linked_items(s, item_ids)


class WorkLogRepository(Repository, WorkLogQueries):
    def add(
        self,
        incident_ref: str,
        content: str,
        *,
        occurred_at: datetime | None = None,
        phase: str | None = None,
        category: str = "other",
        operational_period: str | None = None,
        unit: str | None = None,
        participants: str = "",
        place: str = "",
        linked_items: Sequence[str] = (),
        operator: str | None = None,
        force: bool = False,
    ) -> LogEntryRecord:
        """Append an entry. The recorder is ``operator`` or the store's default operator.

        Defaults: occurred-at now; the phase of the incident's previous entry (or 应急处置与救援
        for the first); the operational period is the day of occurred-at; the recorder's unit.
        """
        content = check_entry_length(clean_text(content))
        if not content:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "A work-log entry needs text saying what was done."))
        occurred = _aware(occurred_at)
        category = _code(codes.LOG_CATEGORY, category)
        phase_code = _code(codes.PHASE, phase) if phase else None
        with self.store.writer() as s:
            inc = find_incident(s, incident_ref)
            recorder = _recorder(s, operator)
            if not force:
                check_occurred_at(occurred, _started(inc))
                check_neighbours(occurred, _recorded_before(s, inc.id, None), None)
            tail = entry_tail(s, inc.id)
            entry = new_entry(
                inc.id, recorder, content, occurred,
                phase=phase_code or tail.phase or DEFAULT_PHASE, category=category,
                operational_period=_clean(operational_period), unit=_clean(unit),
                participants=clean_text(participants), place=clean_text(place),
                linked_items=_resolve_items(s, inc.id, linked_items),
            )
            append_entry(s, audit.Actor(recorder.name, recorder.id), entry,
                         tail, detail={"forced": True} if force else None)
            return entry_record(entry)

    def correct(
        self,
        entry_ref: str,
        content: str,
        reason: str,
        *,
        occurred_at: datetime | None = None,
        phase: str | None = None,
        category: str | None = None,
        operational_period: str | None = None,
        participants: str | None = None,
        place: str | None = None,
        linked_items: Sequence[str] | None = None,
        operator: str | None = None,
        force: bool = False,
    ) -> LogEntryRecord:
        """Append a correction of the current version of an entry; fields not given are kept.

        The original stays as it was, visible in the entry's history.
        """
        content, reason = check_entry_length(clean_text(content)), clean_text(reason)
        if not content:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "A correction needs the corrected text."))
        if not reason:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "A correction needs a reason saying why the entry was wrong."))
        category = _code(codes.LOG_CATEGORY, category) if category else None
        phase = _code(codes.PHASE, phase) if phase else None
        with self.store.writer() as s:
            old = find_entry(s, entry_ref)
            _require_current(s, old, "correct")
            inc = s.get(Incident, old.incident_id)
            assert inc is not None
            recorder = _recorder(s, operator)
            if occurred_at is not None:
                occurred = _aware(occurred_at)
                if not force:
                    check_occurred_at(occurred, _started(inc))
                    # Around the entry's first version, in the order the log was recorded
                    # (its own versions aside).
                    line = _line_back(s, old)
                    versions = [v.id for v in line]
                    check_neighbours(
                        occurred, _recorded_before(s, inc.id, line[0].seq, versions),
                        _recorded_after(s, inc.id, line[0].seq, versions))
            else:
                occurred = local_time(old.occurred_at, old.tz_offset_min)
            entry = new_entry(
                inc.id, recorder, content, occurred,
                phase=phase or old.phase, category=category or old.category,
                operational_period=_clean(operational_period) or old.operational_period,
                unit=old.unit,
                participants=(clean_text(participants) if participants is not None
                              else old.participants),
                place=clean_text(place) if place is not None else old.place,
                linked_items=(_resolve_items(s, inc.id, linked_items)
                              if linked_items is not None else list(old.linked_items or [])),
                corrects=old, reason=reason,
            )
            if _same_content(old, entry):
                raise InvalidInput(QT_TRANSLATE_NOOP(
                    "Errors", "The correction of entry #{seq} changes nothing; give the "
                    "corrected text."), seq=old.seq)
            append_entry(s, audit.Actor(recorder.name, recorder.id), entry,
                         entry_tail(s, inc.id), "log.correct",
                         detail={"corrects_id": old.id, "corrects_seq": old.seq,
                                 "reason": reason, **_link_changes(old, entry),
                                 **({"forced": True} if force else {})})
            return entry_record(entry)

    def review(
        self,
        entry_refs: Sequence[str],
        reviewer: str,
        passphrase: str,
        opinion: str = "",
        returned: bool = False,
    ) -> list[LogReviewRecord]:
        """Sign off (or return with comments) one or many entries, all or none.

        The reviewer confirms with their passphrase and needs the reviewer (or supervisor)
        role; nobody reviews an entry they recorded.
        """
        if not entry_refs:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "Name at least one work-log entry to review."))
        opinion = clean_text(opinion)
        if returned and not opinion:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "Errors", "Returning an entry needs comments saying what to correct."))
        signer, key = OperatorRepository(self.store).unlock_signing_key(
            reviewer, passphrase, role="reviewer")
        status = "returned" if returned else "approved"
        with self.store.writer() as s:
            entries: list[LogEntry] = []
            for ref in entry_refs:
                e = find_entry(s, ref)
                if e.id in {x.id for x in entries}:
                    continue
                _require_current(s, e, "review")
                if e.recorder_id == signer.id or (e.recorder_id is None
                                                  and e.recorder_name == signer.name):
                    raise PermissionDenied(QT_TRANSLATE_NOOP(
                        "Errors", "{name} recorded entry #{seq}; an entry must be reviewed by "
                        "someone else. Nothing was reviewed."), name=signer.name, seq=e.seq)
                entries.append(e)
            actor = audit.Actor(signer.name, signer.id)
            tails: dict[str, ChainTail] = {}
            out: list[LogReviewRecord] = []
            now = datetime.now(UTC)
            for e in entries:
                tail = tails.get(e.incident_id) or review_tail(s, e.incident_id)
                r = LogReview(
                    id=new_id(), incident_id=e.incident_id, seq=tail.seq + 1, entry_id=e.id,
                    reviewer_id=signer.id, reviewer_name=signer.name, reviewed_at=now,
                    status=status, opinion=opinion, prev_hash=tail.hash, review_hash="",
                )
                r.review_hash = review_hash(tail.hash, r, e.entry_hash)
                # Only the reviewer's key makes this: a review row written by hand has none.
                r.signature = signing.sign(key, REVIEW_PURPOSE, review_content(r, e.entry_hash))
                s.add(r)
                tails[e.incident_id] = ChainTail(r.seq, r.review_hash)
                audit.record(
                    s, actor, "log.review", incident_id=e.incident_id, object_type="log_review",
                    object_id=r.id,
                    detail={"seq": r.seq, "review_hash": r.review_hash, "entry_id": e.id,
                            "entry_seq": e.seq, "status": status, "signature": r.signature},
                )
                out.append(review_record(r, e.seq, e.tz_offset_min))
            return out


# -- helpers --------------------------------------------------------------------------------


def _audit_head(session: Session) -> str:
    row = session.execute(select(AuditEvent.seq, AuditEvent.hash)
                          .order_by(AuditEvent.seq.desc()).limit(1)).first()
    return f"{row[0]}:{row[1]}" if row else f"0:{GENESIS}"


def _started(inc: Incident) -> datetime:
    return local_time(inc.started_at, inc.started_offset_min)


def _clean(value: str | None) -> str | None:
    return clean_text(value) or None if value is not None else None


def _require_current(session: Session, entry: LogEntry, verb: str) -> None:
    succ = _successor_id(session, entry.id)
    if succ is not None:
        newer = session.get(LogEntry, succ)
        assert newer is not None
        current = newer
        while (nxt := _successor_id(session, current.id)) is not None:
            found = session.get(LogEntry, nxt)
            assert found is not None
            current = found
        template = (QT_TRANSLATE_NOOP(
            "Errors", "Entry #{seq} has already been corrected (current version: "
            "#{current_seq}, id {current_id}); review the current version instead.")
            if verb == "review" else QT_TRANSLATE_NOOP(
            "Errors", "Entry #{seq} has already been corrected (current version: "
            "#{current_seq}, id {current_id}); correct the current version instead."))
        raise InvalidInput(template, seq=entry.seq, current_seq=current.seq,
                           current_id=current.id)



def _line_back(session: Session, entry: LogEntry) -> list[LogEntry]:
    """The versions from the original up to ``entry``."""
    line = [entry]
    while line[0].corrects_id is not None:
        prev = session.get(LogEntry, line[0].corrects_id)
        if prev is None:
            break  # a removed original: `check` reports it
        line.insert(0, prev)
    return line


def _link_changes(old: LogEntry, new: LogEntry) -> dict[str, list[str]]:
    """The links a correction adds and removes, for its audit event (none: nothing)."""
    before, after = list(old.linked_items or []), list(new.linked_items or [])
    added = [i for i in after if i not in before]
    removed = [i for i in before if i not in after]
    return {"links_added": added, "links_removed": removed} if added or removed else {}


def _same_content(a: LogEntry, b: LogEntry) -> bool:
    fields = ("content", "phase", "category", "operational_period", "participants", "place",
              "occurred_at")
    return (all(getattr(a, f) == getattr(b, f) for f in fields)
            and list(a.linked_items or []) == list(b.linked_items or []))


def _beyond(after: LogCursor, newest_first: bool) -> ColumnElement[bool]:
    """Rows past ``after`` in timeline order, written so the occurred-at index bounds it."""
    at = after.occurred_at
    if newest_first:
        return and_(LogEntry.occurred_at <= at,
                    or_(LogEntry.occurred_at < at, LogEntry.seq < after.seq))
    return and_(LogEntry.occurred_at >= at,
                or_(LogEntry.occurred_at > at, LogEntry.seq > after.seq))


def _timeline_query(q: Select[Any], incident_id: str, f: LogFilter) -> Select[Any]:
    corrector = aliased(LogEntry)
    conds: list[ColumnElement[bool]] = [
        LogEntry.incident_id == incident_id,
        ~exists().where(corrector.corrects_id == LogEntry.id),
    ]
    if f.phase:
        conds.append(LogEntry.phase == _code(codes.PHASE, f.phase))
    if f.category:
        conds.append(LogEntry.category == _code(codes.LOG_CATEGORY, f.category))
    if f.recorder:
        conds.append(LogEntry.recorder_name == f.recorder.strip())
    if f.operational_period is not None:
        conds.append(LogEntry.operational_period == f.operational_period)
    if f.occurred_from is not None:
        conds.append(LogEntry.occurred_at >= _aware(f.occurred_from))
    if f.occurred_to is not None:
        conds.append(LogEntry.occurred_at < _aware(f.occurred_to))
    if f.review_status:
        status = _code(codes.REVIEW_STATUS, f.review_status)
        assert status in REVIEW_STATUSES
        if status == "unreviewed":
            conds.append(~exists().where(LogReview.entry_id == LogEntry.id))
        else:
            latest = (select(LogReview.status).where(LogReview.entry_id == LogEntry.id)
                      .order_by(LogReview.seq.desc()).limit(1).scalar_subquery())
            conds.append(latest == status)
    return q.where(and_(*conds))


def _threads(records: Sequence[LogEntryRecord]) -> list[LogThread]:
    """Group versions into lines (original → corrections), ordered by current occurred-at."""
    successor = {r.corrects_id: r for r in records if r.corrects_id is not None}
    by_id = {r.id: r for r in records}
    threads = []
    for r in records:
        if r.corrects_id is not None and r.corrects_id in by_id:
            continue  # not an original
        line = [r]
        while (nxt := successor.get(line[-1].id)) is not None:
            line.append(nxt)
        threads.append(LogThread(tuple(line)))
    threads.sort(key=lambda t: (t.current.occurred_at, t.original.seq))
    return threads
