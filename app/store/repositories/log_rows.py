"""Work-log rows as the frozen records the repository returns."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.store.models import Incident, LogEntry, LogReview
from app.store.repositories.incidents import local_time
from app.store.worklog_records import IncidentSummary, LogEntryRecord, LogReviewRecord


def review_record(r: LogReview, entry_seq: int, offset_min: int) -> LogReviewRecord:
    return LogReviewRecord(
        id=r.id, incident_id=r.incident_id, seq=r.seq, entry_id=r.entry_id,
        entry_seq=entry_seq, reviewer_id=r.reviewer_id, reviewer_name=r.reviewer_name,
        reviewed_at=local_time(r.reviewed_at, offset_min), status=r.status,
        opinion=r.opinion, prev_hash=r.prev_hash, review_hash=r.review_hash,
        signature=r.signature,
    )


def entry_record(e: LogEntry, reviews: Sequence[LogReview] = ()) -> LogEntryRecord:
    return LogEntryRecord(
        id=e.id, incident_id=e.incident_id, seq=e.seq, phase=e.phase,
        operational_period=e.operational_period, unit=e.unit, recorder_id=e.recorder_id,
        recorder_name=e.recorder_name, recorder_position=e.recorder_position,
        participants=e.participants,
        occurred_at=local_time(e.occurred_at, e.tz_offset_min),
        recorded_at=local_time(e.recorded_at, e.tz_offset_min),
        tz_offset_min=e.tz_offset_min, place=e.place, category=e.category, content=e.content,
        linked_items=tuple(e.linked_items or ()), corrects_id=e.corrects_id,
        correction_reason=e.correction_reason, retention=e.retention,
        prev_hash=e.prev_hash, entry_hash=e.entry_hash,
        reviews=tuple(review_record(r, e.seq, e.tz_offset_min)
                      for r in sorted(reviews, key=lambda r: r.seq)),
    )


def reviews_of(session: Session, entry_ids: Sequence[str]) -> dict[str, list[LogReview]]:
    out: dict[str, list[LogReview]] = {}
    for chunk_start in range(0, len(entry_ids), 500):
        chunk = entry_ids[chunk_start:chunk_start + 500]
        for r in session.scalars(select(LogReview).where(LogReview.entry_id.in_(chunk))):
            out.setdefault(r.entry_id, []).append(r)
    return out


def incident_summary(inc: Incident) -> IncidentSummary:
    return IncidentSummary(
        id=inc.id, number=inc.number, name=inc.name, kind=inc.kind, level=inc.level,
        place=inc.place, started_at=local_time(inc.started_at, inc.started_offset_min),
        lead_unit=inc.lead_unit, fonds_code=inc.fonds_code, fonds_name=inc.fonds_name,
    )
