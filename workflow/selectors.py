"""Reads for the workflow: working days, which every deadline counts in."""

from __future__ import annotations

import datetime

import holidays

from accounts.models import User
from nominations.models import Nomination
from workflow.flow import NominationFlow
from workflow.models import CalendarException

# Look-ahead bound when counting working days: long enough for any legal deadline plus Tết.
_MAX_SPAN_DAYS = 366


def _exceptions_between(start: datetime.date, end: datetime.date) -> dict[datetime.date, bool]:
    rows = CalendarException.objects.filter(day__gte=start, day__lte=end)
    return dict(rows.values_list("day", "is_working_day"))


def _is_working_day(
    day: datetime.date, exceptions: dict[datetime.date, bool], public_holidays: holidays.HolidayBase
) -> bool:
    if day in exceptions:
        return exceptions[day]
    return day.weekday() < 5 and day not in public_holidays


def is_working_day(day: datetime.date) -> bool:
    return _is_working_day(day, _exceptions_between(day, day), holidays.VN(years=day.year))


def add_working_days(start: datetime.date, count: int) -> datetime.date:
    """The date `count` working days after `start` (start itself not counted). One query."""
    if count < 0:
        raise ValueError("count must not be negative")
    end = start + datetime.timedelta(days=_MAX_SPAN_DAYS)
    exceptions = _exceptions_between(start, end)
    public_holidays = holidays.VN(years=range(start.year, end.year + 1))
    day = start
    remaining = count
    while remaining:
        day += datetime.timedelta(days=1)
        if day > end:
            raise ValueError("deadline beyond the calendar look-ahead")
        if _is_working_day(day, exceptions, public_holidays):
            remaining -= 1
    return day


def allowed_actions(user: User | None, nomination: Nomination) -> list[str]:
    """Exactly the actions this user may take on this nomination now (state and role)."""
    return NominationFlow(nomination).available_actions(user)
