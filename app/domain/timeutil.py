"""Time handling: everything stored in UTC, shown with the offset it was recorded in."""

from __future__ import annotations

from datetime import UTC, datetime

from app.domain.messages import QT_TRANSLATE_NOOP, MessageValueError


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
