"""The six-month filing deadline (归档 within six months after the response ends)."""

from __future__ import annotations

import calendar
from datetime import datetime

FILING_MONTHS = 6


def add_months(value: datetime, months: int) -> datetime:
    month0 = value.month - 1 + months
    year = value.year + month0 // 12
    month = month0 % 12 + 1
    day = min(value.day, calendar.monthrange(year, month)[1])
    return value.replace(year=year, month=month, day=day)


def filing_deadline(response_ended_at: datetime | None) -> datetime | None:
    if response_ended_at is None:
        return None
    return add_months(response_ended_at, FILING_MONTHS)
