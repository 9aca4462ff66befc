"""The work log's two hash chains (entries and reviews, one of each per incident).

Each entry's hash covers its canonical content and its predecessor's hash; so does each
review's, and a review's content also covers the hash of the entry it signed off. The canonical
content is a JSON object of every field (times as UTC text, exactly as stored), so a receiver
can recompute the chain from the XML rendition alone.

Every append also records the new link's hash in the audit trail (whose head is kept outside
the database). Verification compares against it too: that catches the newest entry being
deleted, and a chain recomputed from scratch after an edit.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import select

from app.store.hashing import GENESIS, chain_hash
from app.store.models import AuditEvent, Incident, LogEntry, LogReview

REVIEW_PURPOSE = "fieldarchive/log-review/1"  # what a review signature's bytes start with
ENTRY_EVENTS = ("log.add", "log.correct")
REVIEW_EVENT = "log.review"
# Past this many broken links in one chain, the rest is summed up in one finding.
MAX_FINDINGS_PER_CHAIN = 20
# How far from its position a moved link is searched for (by re-hashing with nearby numbers).
REORDER_SEARCH = 3


def utc_text(value: datetime) -> str:
    """A time as the store writes it: UTC with microseconds and a Z."""
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class EntryFields(Protocol):
    """A stored entry (a ``LogEntry`` row or a ``LogEntryRecord``)."""

    @property
    def seq(self) -> int: ...
    @property
    def id(self) -> str: ...
    @property
    def incident_id(self) -> str: ...
    @property
    def phase(self) -> str | None: ...
    @property
    def operational_period(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def recorder_id(self) -> str | None: ...
    @property
    def recorder_name(self) -> str: ...
    @property
    def recorder_position(self) -> str: ...
    @property
    def participants(self) -> str: ...
    @property
    def occurred_at(self) -> datetime: ...
    @property
    def recorded_at(self) -> datetime: ...
    @property
    def tz_offset_min(self) -> int: ...
    @property
    def place(self) -> str: ...
    @property
    def category(self) -> str: ...
    @property
    def content(self) -> str: ...
    @property
    def linked_items(self) -> Sequence[str]: ...
    @property
    def corrects_id(self) -> str | None: ...
    @property
    def correction_reason(self) -> str: ...
    @property
    def retention(self) -> str: ...


class ReviewFields(Protocol):
    @property
    def seq(self) -> int: ...
    @property
    def id(self) -> str: ...
    @property
    def incident_id(self) -> str: ...
    @property
    def entry_id(self) -> str: ...
    @property
    def reviewer_id(self) -> str: ...
    @property
    def reviewer_name(self) -> str: ...
    @property
    def reviewed_at(self) -> datetime: ...
    @property
    def status(self) -> str: ...
    @property
    def opinion(self) -> str: ...


def entry_content(e: EntryFields, seq: int | None = None) -> dict[str, Any]:
    """What an entry's hash covers: every field but the two hashes."""
    return {
        "seq": e.seq if seq is None else seq,
        "id": e.id,
        "incident_id": e.incident_id,
        "phase": e.phase,
        "operational_period": e.operational_period,
        "unit": e.unit,
        "recorder_id": e.recorder_id,
        "recorder_name": e.recorder_name,
        "recorder_position": e.recorder_position,
        "participants": e.participants,
        "occurred_at": utc_text(e.occurred_at),
        "recorded_at": utc_text(e.recorded_at),
        "tz_offset_min": e.tz_offset_min,
        "place": e.place,
        "category": e.category,
        "content": e.content,
        "linked_items": list(e.linked_items),
        "corrects_id": e.corrects_id,
        "correction_reason": e.correction_reason,
        "retention": e.retention,
    }


def review_content(r: ReviewFields, entry_hash: str, seq: int | None = None) -> dict[str, Any]:
    """What a review's hash covers, including the hash of the entry version it signed off."""
    return {
        "seq": r.seq if seq is None else seq,
        "id": r.id,
        "incident_id": r.incident_id,
        "entry_id": r.entry_id,
        "entry_hash": entry_hash,
        "reviewer_id": r.reviewer_id,
        "reviewer_name": r.reviewer_name,
        "reviewed_at": utc_text(r.reviewed_at),
        "status": r.status,
        "opinion": r.opinion,
    }


def entry_hash(prev_hash: str, e: EntryFields) -> str:
    return chain_hash(prev_hash, entry_content(e))


def review_hash(prev_hash: str, r: ReviewFields, signed_entry_hash: str) -> str:
    return chain_hash(prev_hash, review_content(r, signed_entry_hash))


# -- verification ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """One link of a chain, as stored, with a way to re-hash its content under another number."""

    seq: int
    id: str
    prev_hash: str
    hash: str
    content: dict[str, Any]

    def hashes_as(self, seq: int) -> bool:
        return chain_hash(self.prev_hash, {**self.content, "seq": seq}) == self.hash


@dataclass(frozen=True)
class Problem:
    """A broken link: kind is changed | missing | reordered | unrecorded."""

    kind: str
    seq: int
    id: str | None
    detail: str
    last_seq: int | None = None  # a run of missing links ends here


def walk_chain(
    links: Iterable[Link],
    recorded: Mapping[str, tuple[int, str]] | None = None,
    seq_of_hash: Mapping[str, int] | None = None,
) -> list[Problem]:
    """Verify one chain given in seq order; ``recorded`` maps id -> (seq, hash) per the audit.

    ``seq_of_hash`` (stored hash -> seq of every link) lets ``links`` be streamed; without it
    they are read into a list first. Each problem is reported where it starts, and the walk
    goes on from the stored hashes so one edit is not reported again at every later link.
    """
    if seq_of_hash is None:
        links = list(links)
        seq_of_hash = {link.hash: link.seq for link in links}
    problems: list[Problem] = []
    reported: set[str] = set()
    present: set[str] = set()
    audit_doubts: list[Problem] = []
    prev: Link | None = None
    expected_seq = 1
    for link in links:
        present.add(link.id)
        expected_prev: str | None = prev.hash if prev else GENESIS
        if link.seq != expected_seq:
            last = link.seq - 1 if link.seq - 1 > expected_seq else None
            problems.append(Problem("missing", expected_seq, None,
                                    f"missing: the chain jumps from #{expected_seq - 1} to "
                                    f"#{link.seq}", last))
            expected_prev = None  # the link to a missing entry cannot be checked
        if not link.hashes_as(link.seq):
            original = _original_seq(link, seq_of_hash)
            if original is not None:
                problems.append(Problem("reordered", link.seq, link.id,
                                        f"is out of order: it was recorded as #{original}"))
            else:
                problems.append(Problem("changed", link.seq, link.id,
                                        "was changed after it was recorded (its content no "
                                        "longer matches its hash)"))
            reported.add(link.id)
        elif expected_prev is not None and link.prev_hash != expected_prev:
            pred_seq = seq_of_hash.get(link.prev_hash)
            if link.prev_hash == GENESIS or pred_seq is not None:
                was = "the first" if link.prev_hash == GENESIS else f"after #{pred_seq}"
                problems.append(Problem("reordered", link.seq, link.id,
                                        f"is out of order: it was recorded {was}"))
                reported.add(link.id)
            elif prev is not None and prev.id not in reported:
                problems.append(Problem("changed", prev.seq, prev.id,
                                        f"was rewritten: the next one (#{link.seq}) recorded "
                                        f"a different hash for it"))
                reported.add(prev.id)
        if recorded is not None:
            audited = recorded.get(link.id)
            if audited is None:
                audit_doubts.append(Problem(
                    "unrecorded", link.seq, link.id,
                    "was not added by the program: the audit trail has no record of it"))
            elif audited[1] != link.hash:
                audit_doubts.append(Problem(
                    "changed", link.seq, link.id,
                    "was rewritten: its hash differs from the one in the audit trail"))
        prev = link
        expected_seq = link.seq + 1
    if recorded is not None:
        gaps = {p.seq for p in problems if p.kind == "missing"}
        for link_id, (seq, _hash) in recorded.items():
            if link_id not in present and seq not in gaps:
                problems.append(Problem(
                    "missing", seq, link_id,
                    "missing: the audit trail records it, the store no longer has it"))
        problems.extend(p for p in audit_doubts if p.id not in reported)
    problems.sort(key=lambda p: (p.seq, _KIND_ORDER.get(p.kind, 9)))
    return problems


_KIND_ORDER = {"missing": 0, "changed": 1, "reordered": 2, "unrecorded": 3}


def _original_seq(link: Link, seq_of_hash: Mapping[str, int]) -> int | None:
    """The number a moved link was recorded under, if re-hashing finds it."""
    candidates: list[int] = []
    if link.prev_hash == GENESIS:
        candidates.append(1)
    elif link.prev_hash in seq_of_hash:
        candidates.append(seq_of_hash[link.prev_hash] + 1)
    for d in range(1, REORDER_SEARCH + 1):
        candidates += [link.seq - d, link.seq + d]
    for seq in candidates:
        if seq >= 1 and seq != link.seq and link.hashes_as(seq):
            return seq
    return None


# -- the store check ------------------------------------------------------------------------


def _recorded_links(session: Any, event_types: Sequence[str], hash_key: str
                    ) -> dict[str, dict[str, tuple[int, str]]]:
    """Per incident: link id -> (seq, hash) as the audit trail recorded them."""
    out: dict[str, dict[str, tuple[int, str]]] = {}
    rows = session.execute(
        select(AuditEvent.incident_id, AuditEvent.object_id, AuditEvent.detail)
        .where(AuditEvent.event_type.in_(event_types))
    )
    for incident_id, object_id, detail in rows:
        try:
            out.setdefault(incident_id or "", {})[object_id] = (
                int(detail["seq"]), str(detail[hash_key]))
        except (KeyError, TypeError, ValueError):
            continue  # a damaged event is the audit chain check's to report
    return out


def check_worklog(conn: Any) -> Iterator[Any]:
    """Verify every incident's entry chain and review chain; yields integrity Findings.

    ``conn``: the check's read snapshot (a Connection); an incident whose rows cannot be read
    is named in a finding and the others are still verified.
    """
    from app.store.integrity import Finding

    # Core statements on the check's own connection: no session of its own, one snapshot.
    s = conn
    incidents = {str(i): str(n or i) for i, n in
                 s.execute(select(Incident.id, Incident.number))}
    recorded_entries = _recorded_links(s, ENTRY_EVENTS, "entry_hash")
    recorded_reviews = _recorded_links(s, (REVIEW_EVENT,), "review_hash")
    for incident_id in sorted(set(incidents) | set(recorded_entries)):
        label = incidents.get(incident_id, incident_id)
        try:
            yield from list(_check_incident(s, incident_id, label, recorded_entries,
                                            recorded_reviews))
        except Exception as err:  # an unreadable stored value: named, never a traceback
            yield Finding("log-unreadable", f"work log of incident {label}",
                          f"the work log of incident {label} could not all be verified: "
                          f"a stored value is unreadable ({type(err).__name__}: {err})")


def _check_incident(s: Any, incident_id: str, label: str,
                    recorded_entries: dict[str, dict[str, tuple[int, str]]],
                    recorded_reviews: dict[str, dict[str, tuple[int, str]]]) -> Iterator[Any]:
    from app.store.integrity import Finding

    # Hashes first (small), then the rows streamed: memory stays flat at any size.
    stored_hash: dict[str, str] = {}
    seq_of_hash: dict[str, int] = {}
    for entry_id, seq, stored in s.execute(
            select(LogEntry.id, LogEntry.seq, LogEntry.entry_hash)
            .where(LogEntry.incident_id == incident_id)):
        stored_hash[entry_id] = stored
        seq_of_hash[stored] = seq
    entry_links = (
        Link(e.seq, e.id, e.prev_hash, e.entry_hash, entry_content(e))
        for e in s.execute(select(*LogEntry.__table__.columns)
                           .where(LogEntry.incident_id == incident_id)
                           .order_by(LogEntry.seq).execution_options(yield_per=2000))
    )
    problems = walk_chain(entry_links, recorded_entries.get(incident_id, {}),
                          seq_of_hash)
    yield from _findings(Finding, problems, "log", "work-log entry", label)

    audited_hash = {i: h for i, (_seq, h) in recorded_entries.get(incident_id,
                                                                 {}).items()}
    review_links: list[Link] = []
    for r in s.execute(select(*LogReview.__table__.columns)
                       .where(LogReview.incident_id == incident_id)
                       .order_by(LogReview.seq).execution_options(yield_per=2000)):
        signed = stored_hash.get(r.entry_id) or audited_hash.get(r.entry_id, "")
        audited = audited_hash.get(r.entry_id)
        if (audited and audited != signed
                and chain_hash(r.prev_hash, review_content(r, audited)) == r.review_hash):
            # The entry it signed off was rewritten (reported above); the review
            # itself is intact, so judge it against the entry as recorded.
            signed = audited
        review_links.append(
            Link(r.seq, r.id, r.prev_hash, r.review_hash, review_content(r, signed)))
    problems = walk_chain(review_links, recorded_reviews.get(incident_id, {}))
    yield from _findings(Finding, problems, "review", "work-log review", label)


def _findings(finding_cls: Any, problems: Sequence[Problem], prefix: str, noun: str,
              incident_label: str) -> Iterator[Any]:
    for n, p in enumerate(problems):
        if n == MAX_FINDINGS_PER_CHAIN:
            rest = len(problems) - n
            yield finding_cls(f"{prefix}-more", f"{noun}s of incident {incident_label}",
                              f"{rest} more broken {noun}(s) of incident {incident_label} "
                              f"after #{problems[n - 1].seq} not listed")
            return
        if p.last_seq is not None:
            subject, verb = f"{noun}s #{p.seq}–#{p.last_seq}", "are "
        else:
            subject = f"{noun} #{p.seq}" + (f" (id {p.id})" if p.id else "")
            verb = "is " if p.kind == "missing" else ""
        yield finding_cls(f"{prefix}-{p.kind}", f"{subject} of incident {incident_label}",
                          f"{subject} of incident {incident_label} {verb}{p.detail}")
