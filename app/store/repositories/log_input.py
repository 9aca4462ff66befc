"""What a work-log entry's input must pass: its time (not in the future, not before the
incident, not far from its neighbours, unless confirmed) and its text (a sensible length, no
control characters). Pure checks: the repository finds the neighbours and calls them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.domain.messages import QT_TRANSLATE_NOOP
from app.domain.text import escaped, first_control
from app.store.errors import InvalidInput
from app.store.models import LogEntry
from app.store.repositories.incidents import local_time

# A clock this far ahead of ours is still "now" (another laptop, a phone).
CLOCK_SKEW = timedelta(minutes=5)

# A time this far before the entry recorded just before it (or, for a correction, after the
# entry recorded just after it) is most likely a slip: a wrong day, AM for PM, a wrong month.
# Six hours lets a log catch up on a morning's work in the afternoon without a question, and
# still catches a 12-hour or a one-day slip.
NEIGHBOUR_GAP = timedelta(hours=6)


class DoubtfulTime(InvalidInput):
    """An occurred-at in the future, before the incident, or far from the entries recorded
    around it: confirm, then pass force=True.

    ``reason`` says which (future | before-start | far-before | far-after); for the last two,
    ``neighbour_seq`` and ``neighbour_time`` name the entry it is far from.
    """

    code = "doubtful-time"
    reason = "future"
    neighbour_seq: int | None = None
    neighbour_time: datetime | None = None

    def about(self, reason: str, neighbour_seq: int | None = None,
              neighbour_time: datetime | None = None) -> DoubtfulTime:
        """Say which doubt this is (and the entry it is far from); returns self."""
        self.reason = reason
        self.neighbour_seq, self.neighbour_time = neighbour_seq, neighbour_time
        return self


def check_occurred_at(occurred_at: datetime, incident_started: datetime,
                      now: datetime | None = None) -> None:
    """Raise DoubtfulTime for a time in the future or before the incident started."""
    now = now or datetime.now(UTC)
    if occurred_at > now + CLOCK_SKEW:
        raise DoubtfulTime(
            QT_TRANSLATE_NOOP("Errors", "The time {time} is in the future (it is now {now})."),
            time=occurred_at.isoformat(timespec='minutes'),
            now=now.astimezone(occurred_at.tzinfo).isoformat(timespec='minutes')
        ).about("future")
    if occurred_at < incident_started:
        raise DoubtfulTime(
            QT_TRANSLATE_NOOP("Errors",
                              "The time {time} is before the incident started ({started})."),
            time=occurred_at.isoformat(timespec='minutes'),
            started=incident_started.isoformat(timespec='minutes')).about("before-start")


def check_neighbours(occurred_at: datetime, before: LogEntry | None,
                     after: LogEntry | None) -> None:
    """Raise DoubtfulTime when ``occurred_at`` lies more than NEIGHBOUR_GAP before the entry
    recorded just before it, or after the entry recorded just after it."""
    if before is not None:
        other = local_time(before.occurred_at, before.tz_offset_min)
        if occurred_at < other - NEIGHBOUR_GAP:
            raise DoubtfulTime(
                QT_TRANSLATE_NOOP("Errors", "The time {time} is {hours} hours before entry "
                                  "#{seq} ({other}), the entry recorded before it."),
                time=occurred_at.isoformat(timespec='minutes'), seq=before.seq,
                other=other.isoformat(timespec='minutes'), hours=_hours(other - occurred_at)
            ).about("far-before", before.seq, other)
    if after is not None:
        other = local_time(after.occurred_at, after.tz_offset_min)
        if occurred_at > other + NEIGHBOUR_GAP:
            raise DoubtfulTime(
                QT_TRANSLATE_NOOP("Errors", "The time {time} is {hours} hours after entry "
                                  "#{seq} ({other}), the entry recorded after it."),
                time=occurred_at.isoformat(timespec='minutes'), seq=after.seq,
                other=other.isoformat(timespec='minutes'), hours=_hours(occurred_at - other)
            ).about("far-after", after.seq, other)


def _hours(gap: timedelta) -> int:
    return int(gap.total_seconds() // 3600)


# An entry says what was done; a longer text (a report, a transcript) is a document to
# import and link. The limit keeps an entry readable and its PDF row a few dozen pages.
MAX_ENTRY_CHARS = 100_000
ENTRY_TOO_LONG = QT_TRANSLATE_NOOP(
    "Errors", "A work-log entry holds at most {limit} characters; this text has {length}. "
    "Split it into several entries, or import the full text as a document and link it.")


def check_entry_length(content: str) -> str:
    """``content`` if it is within MAX_ENTRY_CHARS, else InvalidInput saying so."""
    if len(content) > MAX_ENTRY_CHARS:
        raise InvalidInput(ENTRY_TOO_LONG, limit=MAX_ENTRY_CHARS, length=len(content))
    return content


CONTROL_IN_TEXT = QT_TRANSLATE_NOOP(
    "Errors", "The text holds a control character ({char}) at character {position}; it "
    "would not survive the log's XML and PDF. Remove it (line breaks and tabs are fine).")


def clean_text(value: str) -> str:
    """Line ends as \\n; a control character is refused, never silently dropped, so the
    text stored (and hashed) is the text typed, and it survives XML unchanged."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    at = first_control(value, allow="\n\t")
    if at is not None:
        raise InvalidInput(CONTROL_IN_TEXT, char=escaped(value[at]), position=at + 1)
    return value.strip()
