"""What the work-log screens run in the worker: each a plain function over the repositories.

Each takes the worker's ``cancel`` and ``progress`` keywords. A condition the user must
decide on (a doubtful time, a refused sign-off) comes back as a value, not an exception, so
the screen can tell it from other failures: the worker hands on only the message of an error.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from app.store.errors import PermissionDenied, StoreError
from app.store.reading import LogReading
from app.store.repositories import Repositories
from app.store.repositories.log_input import DoubtfulTime
from app.store.repositories.worklog import WorkLogRepository
from app.store.worklog_records import (
    LogCursor,
    LogEntryRecord,
    LogEntryView,
    LogFilter,
    LogReviewRecord,
)
from app.ui.i18n import message_text
from app.ui.worker import Cancelled, ProgressCallback

translate = QCoreApplication.translate


@dataclass(frozen=True)
class NeedsConfirmation:
    """The repository doubts the occurred-at (future, before the incident started, or far
    from the entries recorded around it): ask the user, then repeat with ``force=True``."""

    message: str
    reason: str = "future"  # future | before-start | far-before | far-after
    neighbour_seq: int | None = None  # the entry it is far from
    neighbour_time: datetime | None = None

    @classmethod
    def of(cls, err: DoubtfulTime) -> NeedsConfirmation:
        return cls(message_text(err), err.reason, err.neighbour_seq, err.neighbour_time)


@dataclass(frozen=True)
class EntryRequest:
    incident_id: str
    content: str
    occurred_at: datetime
    category: str
    phase: str | None = None  # None: as the incident's previous entry
    place: str = ""
    participants: str = ""
    linked_items: tuple[str, ...] = ()


def add_entry(log: WorkLogRepository, request: EntryRequest, force: bool = False, *,
              cancel: threading.Event, progress: ProgressCallback
              ) -> LogEntryRecord | NeedsConfirmation:
    try:
        return log.add(
            request.incident_id, request.content, occurred_at=request.occurred_at,
            phase=request.phase, category=request.category, place=request.place,
            participants=request.participants, linked_items=request.linked_items,
            force=force)
    except DoubtfulTime as err:
        return NeedsConfirmation.of(err)


@dataclass(frozen=True)
class CorrectionRequest:
    """A correction; a field left None keeps the corrected version's value."""

    entry_id: str
    content: str
    reason: str
    occurred_at: datetime | None = None
    category: str | None = None
    phase: str | None = None
    place: str | None = None
    participants: str | None = None
    linked_items: tuple[str, ...] | None = None  # None: the links stay as they are


def correct_entry(log: WorkLogRepository, request: CorrectionRequest, force: bool = False, *,
                  cancel: threading.Event, progress: ProgressCallback
                  ) -> LogEntryRecord | NeedsConfirmation:
    try:
        return log.correct(
            request.entry_id, request.content, request.reason,
            occurred_at=request.occurred_at, category=request.category, phase=request.phase,
            place=request.place, participants=request.participants,
            linked_items=request.linked_items, force=force)
    except DoubtfulTime as err:
        return NeedsConfirmation.of(err)


PASSPHRASE_REFUSED = "passphrase"
OWN_ENTRY_REFUSED = "own-entry"


@dataclass(frozen=True)
class ReviewOutcome:
    reviews: tuple[LogReviewRecord, ...] = ()
    refused: str | None = None  # PASSPHRASE_REFUSED | OWN_ENTRY_REFUSED
    message: str = ""


def review_entries(repos: Repositories, entry_ids: Sequence[str], reviewer: str,
                   passphrase: str, opinion: str, returned: bool, *,
                   cancel: threading.Event, progress: ProgressCallback) -> ReviewOutcome:
    """Sign off (or return) the entries, all or none. The passphrase is checked first, so a
    refusal afterwards can only mean the reviewer recorded one of the entries."""
    try:
        repos.operators.authenticate(reviewer, passphrase, role="reviewer")
    except PermissionDenied as err:
        return ReviewOutcome(refused=PASSPHRASE_REFUSED, message=message_text(err))
    try:
        reviews = repos.log.review(list(entry_ids), reviewer, passphrase, opinion=opinion,
                                   returned=returned)
    except PermissionDenied as err:
        return ReviewOutcome(refused=OWN_ENTRY_REFUSED, message=message_text(err))
    return ReviewOutcome(reviews=tuple(reviews))


@dataclass(frozen=True)
class TimelinePage:
    request: int  # which request this answers (a newer query makes older answers stale)
    views: tuple[LogEntryView, ...] = ()
    total: int | None = None  # counted with the first page only
    all_total: int | None = None  # the same without filters (the log's whole size)
    error: str | None = None  # the store could not be read (a known condition)


def load_timeline_page(log: LogReading, incident_id: str, filters: LogFilter,
                       after: LogCursor | None, limit: int, newest_first: bool,
                       with_total: bool, request: int, *, cancel: threading.Event,
                       progress: ProgressCallback) -> TimelinePage:
    """One page after ``after`` (keyset paging: the same cost anywhere in a large log)."""
    try:
        total = log.count(incident_id, filters) if with_total else None
        all_total = total if total is None or filters.is_empty else log.count(incident_id)
        if cancel.is_set():
            raise Cancelled()
        views = log.page(incident_id, filters, limit=limit, newest_first=newest_first,
                         after=after)
    except StoreError as err:
        return TimelinePage(request, error=message_text(err))
    return TimelinePage(request, tuple(views), total, all_total=all_total)


@dataclass(frozen=True)
class EntryRun:
    """Every timeline row from where paging stood up to the page that holds a wanted entry
    (its current version), or to the end when the filters hide it."""

    request: int
    views: tuple[LogEntryView, ...] = ()
    target_id: str = ""  # the entry's current version: the row the timeline shows
    found: bool = False
    exhausted: bool = False  # the timeline has no more rows after these
    total: None = None  # not counted again: the first page did
    error: str | None = None


def load_through_entry(log: LogReading, incident_id: str, filters: LogFilter,
                       newest_first: bool, page_size: int, entry_id: str,
                       after: LogCursor | None, request: int, *, cancel: threading.Event,
                       progress: ProgressCallback) -> EntryRun:
    """Page on by keyset from ``after`` until the page holding ``entry_id`` (a search hit,
    perhaps a version since corrected) has been read. Pages past the entry's place in the
    order without it mean the filters hide it (or it belongs to another incident)."""
    try:
        target = log.history(entry_id).current
        if target.incident_id != incident_id:
            return EntryRun(request, (), target.id, False, False)
        place = (target.occurred_at, target.seq)
        views: list[LogEntryView] = []
        while True:
            if cancel.is_set():
                raise Cancelled()
            page = log.page(incident_id, filters, limit=page_size, newest_first=newest_first,
                            after=after)
            views += page
            ended = len(page) < page_size
            if any(v.id == target.id for v in page):
                return EntryRun(request, tuple(views), target.id, True, ended)
            last = (page[-1].entry.occurred_at, page[-1].entry.seq) if page else None
            passed = last is not None and (last < place if newest_first else last > place)
            if ended or passed:
                return EntryRun(request, tuple(views), target.id, False, ended)
            after = page[-1].cursor
    except StoreError as err:
        return EntryRun(request, error=message_text(err))


@dataclass(frozen=True)
class Rendered:
    path: Path
    entries: int
    pages: int | None  # PDF only


def render_log(log: LogReading, incident_id: str, period: str | None, out: Path, *,
               cancel: threading.Event, progress: ProgressCallback) -> Rendered:
    """Write the whole log (or one operational period) as PDF or XML, by ``out``'s suffix;
    the file appears complete or not at all."""
    from app.export.log_pdf import write_log_pdf  # loaded when first used: fpdf2 is big
    from app.export.log_xml import write_log_xml

    progress(0, 3, translate("LogJobs", "Reading the work log…"))
    rendition = log.entries_for_rendition(incident_id, period)
    if cancel.is_set():
        raise Cancelled()
    pages: int | None = None
    if out.suffix.lower() == ".xml":
        progress(1, 3, translate("LogJobs", "Writing the XML file…"))
        write_log_xml(rendition, out)
    else:
        progress(1, 3, translate("LogJobs", "Laying out the PDF pages…"))
        pages = write_log_pdf(rendition, out)
    progress(3, 3, translate("LogJobs", "Done."))
    return Rendered(out, len(rendition.threads), pages)


def get_entries(log: LogReading, entry_ids: Sequence[str], *, cancel: threading.Event,
                progress: ProgressCallback) -> list[LogEntryRecord]:
    """Entries as stored now (after a review), to show their new state in place."""
    return [log.get(entry_id) for entry_id in entry_ids]
