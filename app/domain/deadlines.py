"""The six-month filing deadline (归档 within six months after the response ends)."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime
from enum import Enum

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


# The dashboard warns this many days before the filing deadline.
WARNING_DAYS = 30


class FilingState(Enum):
    ONGOING = "ongoing"  # the response has not ended: no deadline yet
    OPEN = "open"  # ended; more than WARNING_DAYS left
    WARNING = "warning"  # ended; WARNING_DAYS or fewer left
    OVERDUE = "overdue"  # the deadline has passed


@dataclass(frozen=True)
class FilingStatus:
    state: FilingState
    response_days: int  # the day of the response it is (the start day is day 1); or it lasted
    deadline: datetime | None  # six months after the response ended
    days_left: int | None  # calendar days until the deadline's day; negative once overdue

    @property
    def days_overdue(self) -> int:
        return max(0, -(self.days_left or 0)) if self.state is FilingState.OVERDUE else 0


def filing_status(started_at: datetime, response_ended_at: datetime | None,
                  now: datetime) -> FilingStatus:
    """Where an incident stands against the six-month filing deadline at ``now``.

    Days are counted in calendar days of the incident's own offset (that of ``started_at``
    or of the recorded end), so "3 days left" means the same on every laptop. A response
    whose recorded end is still ahead of ``now`` is ongoing.
    """
    if response_ended_at is None or response_ended_at > now:
        today = now.astimezone(started_at.tzinfo).date()
        return FilingStatus(FilingState.ONGOING, (today - started_at.date()).days + 1,
                            None, None)
    deadline = add_months(response_ended_at, FILING_MONTHS)
    today = now.astimezone(deadline.tzinfo).date()
    lasted = (response_ended_at.date() - started_at.astimezone(deadline.tzinfo).date()).days + 1
    days_left = (deadline.date() - today).days
    if now > deadline:
        state = FilingState.OVERDUE
    elif days_left <= WARNING_DAYS:
        state = FilingState.WARNING
    else:
        state = FilingState.OPEN
    return FilingStatus(state, lasted, deadline, days_left)
