"""Time handling: everything stored in UTC, shown with the offset it was recorded in."""

from __future__ import annotations

from datetime import UTC, datetime

from app.domain.messages import QT_TRANSLATE_NOOP, MessageValueError

# Dates an archive of incidents can hold. Outside them a date is a typing slip, and near the
# ends of Python's calendar (year 1, year 9999) turning it into UTC overflows.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2199
DATE_OUT_OF_RANGE = QT_TRANSLATE_NOOP(
    "Errors", "The date {value} is outside the years FieldArchive takes ({earliest} to "
    "{latest}); check the year.")


def in_range(value: datetime) -> bool:
    """Whether ``value`` lies in the years an archive takes (so UTC conversion is safe)."""
    return EARLIEST_YEAR <= value.year <= LATEST_YEAR


def out_of_range_params(value: datetime) -> dict[str, str | int]:
    """The arguments of DATE_OUT_OF_RANGE for ``value``."""
    return {"value": value.isoformat(timespec="minutes"), "earliest": EARLIEST_YEAR,
            "latest": LATEST_YEAR}


def now_local() -> datetime:
    """The current time with this machine's UTC offset attached."""
    return datetime.now().astimezone()


def parse_iso(text: str) -> datetime:
    """Parse an ISO 8601 date/time; a value without offset is taken as local time."""
    raw = text.strip()
    if raw.endswith("Z"):
        raw = raw[:-1] + "+00:00"
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        raise MessageValueError(QT_TRANSLATE_NOOP(
            "Errors", "'{text}' is not an ISO 8601 date/time; write e.g. 2025-07-21T14:30+08:00."),
            text=text) from None
    if not in_range(value):
        raise MessageValueError(DATE_OUT_OF_RANGE, **out_of_range_params(value))
    if value.tzinfo is None:
        value = value.astimezone()
    return value


def to_utc(value: datetime) -> datetime:
    if value.tzinfo is None:
        value = value.astimezone()
    return value.astimezone(UTC)


def offset_minutes(value: datetime) -> int:
    off = value.utcoffset()
    return int(off.total_seconds() // 60) if off is not None else 0


def iso(value: datetime) -> str:
    return value.isoformat(timespec="seconds")
