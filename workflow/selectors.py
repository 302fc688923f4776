"""Reads for the workflow: working days, which every deadline counts in; which nominations a
person may see (everything else answers 404, as if it did not exist); what they may do now."""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass

import holidays
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import transaction
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils.functional import cached_property
from guardian.shortcuts import get_objects_for_user

from accounts.models import User
from core import clock
from core.lookups import in_subquery
from councils.models import (
    AgendaItem,
    Authority,
    Membership,
    Unit,
    UnitGroupObjectPermission,
    UnitUserObjectPermission,
)
from councils.roles import RoleBook, role_book
from councils.selectors import authorities_below
from nominations.models import (
    DecisionLine,
    Nomination,
    NominationGroupObjectPermission,
    NominationUserObjectPermission,
)
from workflow.actions import offered
from workflow.flow import NominationFlow
from workflow.models import CalendarException, Deadline

# Look-ahead bound when counting working days: long enough for any legal deadline plus Tết.
_MAX_SPAN_DAYS = 366


# Every recorded exception (a few dozen days a year) is kept in the shared cache: a deadline
# is opened by most transitions, and the table changes a few times a year. An administrator's
# change drops it (calendar_exceptions_forget, on save, delete and commit); the timeout bounds
# any change made around the signals (a bulk update, a restore).
_EXCEPTIONS_KEY = "workflow:calendar-exceptions"
_EXCEPTIONS_TIMEOUT_SECONDS = 3600


def _all_exceptions() -> dict[datetime.date, bool]:
    found = cache.get(_EXCEPTIONS_KEY)
    if found is None:
        found = dict(CalendarException.objects.values_list("day", "is_working_day"))
        cache.set(_EXCEPTIONS_KEY, found, _EXCEPTIONS_TIMEOUT_SECONDS)
    return found


def calendar_exceptions_forget(**_signal) -> None:
    """Drop the cached exceptions now and again at commit, so a reader between the change
    and its commit cannot keep the old list."""
    cache.delete(_EXCEPTIONS_KEY)
    transaction.on_commit(lambda: cache.delete(_EXCEPTIONS_KEY))


def _exceptions_between(start: datetime.date, end: datetime.date) -> dict[datetime.date, bool]:
    return {day: working for day, working in _all_exceptions().items() if start <= day <= end}


@functools.lru_cache(maxsize=16)
def _public_holidays(first_year: int, last_year: int) -> holidays.HolidayBase:
    """The `holidays` calendar of those years, built once per process (lunar dates cost)."""
    return holidays.VN(years=range(first_year, last_year + 1))


def _is_working_day(
    day: datetime.date, exceptions: dict[datetime.date, bool], public_holidays: holidays.HolidayBase
) -> bool:
    """The office's own record wins; else the `holidays` calendar, which knows the public
    holidays, the days off in lieu and the make-up working Saturdays (`weekend_workdays`)."""
    if day in exceptions:
        return exceptions[day]
    return public_holidays.is_working_day(day)


def is_working_day(day: datetime.date) -> bool:
    return _is_working_day(day, _exceptions_between(day, day), _public_holidays(day.year, day.year))


class WorkingCalendar:
    """The working days of the year after `start`: the office's exceptions read once (from
    the cache, or in one query), on first use, so a batch of transitions counts all its
    deadlines from the same reading (and one that opens none reads nothing)."""

    def __init__(self, start: datetime.date) -> None:
        self.start, self.end = start, start + datetime.timedelta(days=_MAX_SPAN_DAYS)

    @cached_property
    def _exceptions(self) -> dict[datetime.date, bool]:
        return _exceptions_between(self.start, self.end)

    @cached_property
    def _holidays(self) -> holidays.HolidayBase:
        return _public_holidays(self.start.year, self.end.year)

    def add(self, start: datetime.date, count: int) -> datetime.date:
        """The date `count` working days after `start` (start itself not counted)."""
        if count < 0:
            raise ValueError("count must not be negative")
        if start < self.start:
            raise ValueError("start before the calendar")
        day, remaining = start, count
        while remaining:
            day += datetime.timedelta(days=1)
            if day > self.end:
                raise ValueError("deadline beyond the calendar look-ahead")
            if _is_working_day(day, self._exceptions, self._holidays):
                remaining -= 1
        return day


def add_working_days(start: datetime.date, count: int) -> datetime.date:
    """The date `count` working days after `start` (start itself not counted). One query."""
    if count < 0:
        raise ValueError("count must not be negative")
    return WorkingCalendar(start).add(start, count)


def allowed_actions(user: User | None, nomination: Nomination) -> list[str]:
    """Exactly the actions this user may take on this nomination now (state and role), less
    those that do not fit it today (approve where a higher level decides, forward where this
    one does): the page and the API offer the same list."""
    names = NominationFlow(nomination).available_actions(user)
    return offered(names, nomination, clock.today())


S = Nomination.State
Role = Membership.Role


def _units_of(authority_ids: set[int]) -> QuerySet:
    return Unit.objects.filter(authority__in=authority_ids).values("pk")


def _of_authority(authority_ids: set[int]) -> Q:
    """A nomination handled by, proposed within, or decided by one of these authorities.

    Each branch is a column test or a column among a subquery's values, never a join: an OR
    across joined tables keeps the database from using an index, so counting grew with the
    province (see core.lookups.InIndexable for the subqueries)."""
    decided = DecisionLine.objects.filter(decision__authority__in=authority_ids)
    return (
        Q(current_authority__in=authority_ids)
        | Q(in_subquery("proposing_unit", _units_of(authority_ids)))
        | Q(in_subquery("pk", decided.values("nomination_id")))
    )


def _granted(user: User, codename: str, user_grants, group_grants) -> Q:
    """Objects granted to the user, or to one of their groups, through guardian's direct
    foreign-key tables, read from the grant tables alone. Guardian's get_objects_for_user
    wraps the same grants in a query over the whole object table, which PostgreSQL answered
    by reading every nomination."""
    mine = user_grants.objects.filter(user=user, permission__codename=codename)
    groups = group_grants.objects.filter(group__user=user, permission__codename=codename)
    return Q(in_subquery("pk", mine.values("content_object_id"))) | Q(
        in_subquery("pk", groups.values("content_object_id"))
    )


@dataclass(frozen=True)
class _Reach:
    """The authorities a person's roles and grants open to them, read once per call."""

    book: RoleBook
    granted_units: QuerySet  # units they act for by a guardian grant (a subquery)
    whole: set[int]  # standing office, chairman, vice-chairman: all of the authority's work
    council: set[int]  # council member: what is on its agendas and what it decided
    audited: set[int]  # auditor: the authority and everything below it


def _reach(user: User) -> _Reach:
    book = role_book(user)
    granted_units = Unit.objects.filter(
        _granted(user, "act_for_unit", UnitUserObjectPermission, UnitGroupObjectPermission)
    ).values("pk")
    office = get_objects_for_user(
        user, "councils.act_as_standing_office", klass=Authority, accept_global_perms=False
    ).values_list("pk", flat=True)
    whole, council, audited = set(office), set(), set()
    for authority_id, roles in book.by_authority.items():
        if roles & {Role.STANDING_OFFICE, Role.CHAIRMAN, Role.VICE_CHAIRMAN}:
            whole.add(authority_id)
        if Role.COUNCIL_MEMBER in roles:
            council.add(authority_id)
        if Role.AUDITOR in roles:
            audited.add(authority_id)
    return _Reach(book, granted_units, whole, council, audited)


def _reviewed(user: User) -> Q:
    return _granted(
        user, "review_nomination", NominationUserObjectPermission, NominationGroupObjectPermission
    )


def nominations_visible_to(user: User | AnonymousUser | None) -> QuerySet[Nomination]:
    """design.md §4 "who sees what", as one query whatever the number of nominations."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Nomination.objects.none()
    if user.is_superuser:
        return Nomination.objects.all()
    reach = _reach(user)
    on_agenda = AgendaItem.objects.filter(meeting__council__authority__in=reach.council)
    decided = DecisionLine.objects.filter(decision__authority__in=reach.council)
    visible = (
        Q(proposing_unit__in=reach.book.units)
        | Q(in_subquery("proposing_unit", reach.granted_units))
        | _of_authority(reach.whole)
        | Q(in_subquery("pk", on_agenda.values("nomination_id")))
        | Q(in_subquery("pk", decided.values("nomination_id")))
        | _reviewed(user)
    )
    if reach.audited:
        below = authorities_below(reach.audited)
        proposed_below = in_subquery("proposing_unit", _units_of(below))
        visible |= Q(current_authority__in=below) | Q(proposed_below)
    return Nomination.objects.filter(visible)


def proposing_authorities_in_view(user: User | AnonymousUser | None) -> set[int] | None:
    """The authorities whose units propose what this user sees, from their roles and grants
    alone, never from the nominations, which a province's reader would read every one of:
    the list offers these, then the units of the one chosen. None: all (the administrator).

    A dossier rises only to the authority above its proposer's, so an authority's own work,
    its agendas and its decisions are proposed within it or below it."""
    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return None
    reach = _reach(user)
    found = authorities_below(reach.whole | reach.council | reach.audited)
    units = Unit.objects.filter(
        Q(pk__in=reach.book.units) | Q(in_subquery("pk", reach.granted_units))
    )
    found.update(units.values_list("authority_id", flat=True))
    reviewed = Nomination.objects.filter(_reviewed(user))
    found.update(reviewed.values_list("proposing_unit__authority_id", flat=True))
    return found


def nomination_get_for_user(user: User | AnonymousUser | None, pk: int) -> Nomination:
    """The nomination if this user may see it; otherwise 404, exactly as if it did not exist."""
    nomination = (
        nominations_visible_to(user)
        .select_related(
            "award_type", "proposing_unit", "current_authority", "period", "merit_ground"
        )
        .filter(pk=pk)
        .first()
    )
    if nomination is None:
        raise Http404("Không tìm thấy hồ sơ.")
    return nomination


def _open_posting(nomination) -> QuerySet[Deadline]:
    return Deadline.objects.filter(
        nomination=nomination, kind=Deadline.Kind.END_POSTING, met_at__isnull=True
    )


def posting_until() -> Subquery:
    """The last day of the nomination's open posting, read with its locked row."""
    return Subquery(_open_posting(OuterRef("pk")).order_by("due_on").values("due_on")[:1])


def posting_last_day(nomination: Nomination) -> datetime.date | None:
    """The last day the public may object to a posted nomination (None when none is open);
    no query for a row read with `posting_until`."""
    if hasattr(nomination, "posting_until"):
        return nomination.posting_until
    return _open_posting(nomination).order_by("due_on").values_list("due_on", flat=True).first()
