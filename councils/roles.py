"""Who holds which role: the role book and the role predicates, one definition each.

Roles come from dated memberships (design.md §1); django-guardian adds object grants beside
them: `councils.act_for_unit` on a unit (a deputy of the unit head) and
`councils.act_as_standing_office` on an authority (a clerk who works for the standing office).
Every page, menu, service and selector asks these functions, so a user who holds a role only
by a grant is treated the same everywhere.

This module reads the organisation only; what a role may do to a nomination is
`workflow.permissions`.
"""

from __future__ import annotations

import datetime
import functools
import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q, QuerySet
from guardian.models import GroupObjectPermission, UserObjectPermission

from accounts.models import User
from core import clock
from core.prepared import PreparedQuery
from councils.models import (
    Authority,
    CouncilMember,
    Delegation,
    Membership,
    Unit,
    UnitGroupObjectPermission,
    UnitUserObjectPermission,
)

Role = Membership.Role


class RoleBook:
    """The active roles of one user on one day, read once and kept on the user object.
    `rows` are the user's (role, authority_id, unit_id) when already read with something else
    (roles_and_people)."""

    def __init__(
        self,
        user: User,
        day: datetime.date,
        rows: Iterable[tuple[str, int, int | None]] | None = None,
    ) -> None:
        if rows is None:
            rows = (
                Membership.objects.active_on(day)
                .filter(user=user)
                .values_list("role", "authority_id", "unit_id")
            )
        self.by_authority: dict[int, set[str]] = {}
        self.units: set[int] = set()
        for role, authority_id, unit_id in rows:
            self.by_authority.setdefault(authority_id, set()).add(role)
            if role == Role.UNIT_HEAD:
                self.units.add(unit_id)
        # A delegation counts only for a vice-chairman (is_delegated_vice_chairman): nobody
        # else's actions pay for reading them.
        vice = any(Role.VICE_CHAIRMAN in held for held in self.by_authority.values())
        self.delegated_authorities = (
            set(
                Delegation.objects.active_on(day)
                .filter(delegate=user)
                .values_list("authority_id", flat=True)
            )
            if vice
            else set()
        )

    def has(self, role: str, authority_id: int) -> bool:
        return role in self.by_authority.get(authority_id, ())

    def authorities_with(self, *roles: str) -> set[int]:
        wanted = set(roles)
        return {a for a, held in self.by_authority.items() if held & wanted}


def role_book(user: User, day: datetime.date | None = None) -> RoleBook:
    day = day or clock.today()
    cached = getattr(user, "_role_book", None)
    if cached is None or cached[0] != day:
        cached = (day, RoleBook(user, day))
        user._role_book = cached
    return cached[1]


def forget_roles(user: User | AnonymousUser | None) -> None:
    """Read roles and grants afresh on the next question (a service does, after its lock)."""
    if user is not None:
        user.__dict__.pop("_role_book", None)
        user.__dict__.pop("_granted_ids", None)


def signed_in(user: User | AnonymousUser | None) -> bool:
    return user is not None and user.is_authenticated and user.is_active


@dataclass(frozen=True)
class PeopleToday:
    """Everyone holding a role on `day` in some authorities (unit heads only of the units
    asked) or units (users attached, active or not), read together with an actor's own
    roles; and, when asked for, the seats of those authorities' councils (`seats_today`)."""

    day: datetime.date
    authority_ids: frozenset[int]
    unit_ids: frozenset[int]
    memberships: tuple[Membership, ...]
    seats: tuple[CouncilMember, ...] | None = None

    def covers(self, day: datetime.date, authority_ids: set[int], unit_ids: set[int]) -> bool:
        return day == self.day and authority_ids <= self.authority_ids and unit_ids <= self.unit_ids


def _memberships_today(day, authorities=(), units=(), user=None):
    """Memberships active on the day in these authorities (the heads of their other units
    left out: a commune has dozens, and nobody tells them of another unit's dossier) or
    units, or of this user."""
    parts = [
        Q(authority_id__in=authorities) & ~Q(role=Role.UNIT_HEAD),
        Q(unit_id__in=units),
        Q(user_id=user),
    ]
    given = [part for part, value in zip(parts, (authorities, units, user), strict=True) if value]
    return (
        Membership.objects.active_on(day)
        .filter(functools.reduce(operator.or_, given))
        .select_related("user")
    )


def _seats_on(day: datetime.date, authorities: set[int]) -> QuerySet[CouncilMember]:
    return (
        CouncilMember.objects.serving_on(day)
        .filter(
            council__authority_id__in=authorities,
            council__dissolved_on__isnull=True,
            user__is_active=True,
        )
        .annotate(seat_authority=F("council__authority_id"))
        .select_related("user")
    )


# Compiled once per shape: the ORM took longer to build these SQL than to run them.
_people_today = PreparedQuery(_memberships_today)
_read_seats = PreparedQuery(_seats_on)


def seats_today(day: datetime.date, authorities: set[int]) -> list[CouncilMember]:
    """The seats of the authorities' councils on the day, held by active users, each with
    its council's authority (`seat_authority`)."""
    return _read_seats(day=day, authorities=authorities)


def roles_and_people(
    user: User | AnonymousUser | None, authority_ids: set[int], unit_ids: set[int]
) -> PeopleToday:
    """Read the user's roles afresh (as forget_roles and then role_book would) together with
    the memberships of these authorities and units today: one query where an action that
    tells people of its outcome made two (issue 22)."""
    return roles_and_people_sent(user, authority_ids, unit_ids)()


def roles_and_people_sent(
    user: User | AnonymousUser | None,
    authority_ids: set[int],
    unit_ids: set[int],
    *,
    seats: bool = False,
) -> Callable[[], PeopleToday]:
    """`roles_and_people` (with the authorities' council seats when `seats`), its queries
    sent now (core.prepared.pipeline: together with the statements sent around them), their
    answer read when the returned function is called."""
    forget_roles(user)
    day = clock.today()
    mine = signed_in(user)
    wanted = {"authorities": authority_ids, "units": unit_ids, "user": user.pk if mine else None}
    wanted = {name: value for name, value in wanted.items() if value}
    sent = _people_today.send(day=day, **wanted) if wanted else list
    seated = (
        _read_seats.send(day=day, authorities=authority_ids) if seats and authority_ids else None
    )

    def answer() -> PeopleToday:
        rows = tuple(sent())
        if mine:
            held = [(m.role, m.authority_id, m.unit_id) for m in rows if m.user_id == user.pk]
            user._role_book = (day, RoleBook(user, day, rows=held))
        council = tuple(seated()) if seated is not None else None
        return PeopleToday(day, frozenset(authority_ids), frozenset(unit_ids), rows, council)

    return answer


def _granted(user: User, permission: str, obj) -> bool:
    """A guardian grant on this object. Django answers every has_perm of a superuser with yes;
    that blanket is no grant: the administrator manages the organisation and reads everything
    but takes part in a dossier only through a dated role, like anyone (design.md §1)."""
    return not user.is_superuser and user.has_perm(permission, obj)


def _granted_ids(user: User, codename: str) -> set[int]:
    """Ids of the objects of one kind granted to the user or their groups (one query), kept on
    the user object for the request as the role book is (forget_roles drops both). Guardian's
    get_objects_for_user answers the same in three or four."""
    cache = user.__dict__.setdefault("_granted_ids", {})
    if codename not in cache:
        cache[codename] = set() if user.is_superuser else _read_grants(user, codename)
    return cache[codename]


def _read_grants(user: User, codename: str) -> set[int]:
    if codename == "act_for_unit":  # units have guardian's direct foreign-key tables
        mine = UnitUserObjectPermission.objects.filter(user=user).values_list("content_object_id")
        groups = UnitGroupObjectPermission.objects.filter(group__user=user).values_list(
            "content_object_id"
        )
    else:
        kind = ContentType.objects.get_for_model(Authority)
        mine = UserObjectPermission.objects.filter(user=user, content_type=kind).values_list(
            "object_pk"
        )
        groups = GroupObjectPermission.objects.filter(
            group__user=user, content_type=kind
        ).values_list("object_pk")
    mine = mine.filter(permission__codename=codename)
    groups = groups.filter(permission__codename=codename)
    return {int(pk) for (pk,) in mine.union(groups)}


# --- one object ------------------------------------------------------------------------------


def acts_for_unit(user: User | AnonymousUser | None, unit: Unit) -> bool:
    """The unit's head today, or a deputy granted `act_for_unit` on it."""
    if not signed_in(user):
        return False
    return unit.pk in role_book(user).units or _granted(user, "councils.act_for_unit", unit)


def is_standing_office(user: User | AnonymousUser | None, authority: Authority) -> bool:
    """The standing office of the authority's council today, by role or by a grant."""
    if not signed_in(user):
        return False
    return role_book(user).has(Role.STANDING_OFFICE, authority.pk) or _granted(
        user, "councils.act_as_standing_office", authority
    )


def is_chairman(user: User | AnonymousUser | None, authority: Authority) -> bool:
    return signed_in(user) and role_book(user).has(Role.CHAIRMAN, authority.pk)


def is_delegated_vice_chairman(user: User | AnonymousUser | None, authority: Authority) -> bool:
    if not signed_in(user):
        return False
    book = role_book(user)
    return book.has(Role.VICE_CHAIRMAN, authority.pk) and authority.pk in book.delegated_authorities


def may_decide(user: User | AnonymousUser | None, authority: Authority) -> bool:
    """The chairman, or a vice-chairman inside a dated delegation."""
    return is_chairman(user, authority) or is_delegated_vice_chairman(user, authority)


def is_auditor(user: User | AnonymousUser | None, authority: Authority) -> bool:
    return signed_in(user) and role_book(user).has(Role.AUDITOR, authority.pk)


# --- every object of a kind: the same rules, as sets of ids for menus and lists --------------


def units_acted_for(user: User | AnonymousUser | None) -> set[int]:
    """The units `acts_for_unit` answers yes for."""
    if not signed_in(user):
        return set()
    return role_book(user).units | _granted_ids(user, "act_for_unit")


def acts_for_any_unit(user: User | AnonymousUser | None) -> bool:
    """Whether `units_acted_for` is not empty (a head needs no look at the grants)."""
    return signed_in(user) and bool(role_book(user).units or units_acted_for(user))


def is_standing_office_anywhere(user: User | AnonymousUser | None) -> bool:
    """Whether `standing_office_authorities` is not empty (by role, else by a grant)."""
    if not signed_in(user):
        return False
    return bool(role_book(user).authorities_with(Role.STANDING_OFFICE)) or bool(
        standing_office_authorities(user)
    )


def standing_office_authorities(user: User | AnonymousUser | None) -> set[int]:
    """The authorities `is_standing_office` answers yes for."""
    if not signed_in(user):
        return set()
    by_role = role_book(user).authorities_with(Role.STANDING_OFFICE)
    return by_role | _granted_ids(user, "act_as_standing_office")


def chaired_authorities(user: User | AnonymousUser | None) -> set[int]:
    """The authorities `is_chairman` answers yes for."""
    if not signed_in(user):
        return set()
    return role_book(user).authorities_with(Role.CHAIRMAN)


def deciding_authorities(user: User | AnonymousUser | None) -> set[int]:
    """The authorities `may_decide` answers yes for."""
    if not signed_in(user):
        return set()
    book = role_book(user)
    delegated = book.authorities_with(Role.VICE_CHAIRMAN) & book.delegated_authorities
    return book.authorities_with(Role.CHAIRMAN) | delegated


def audited_authorities(user: User | AnonymousUser | None) -> set[int]:
    """The authorities whose auditor the user is (their work and everything below them)."""
    if not signed_in(user):
        return set()
    return role_book(user).authorities_with(Role.AUDITOR)


def may_enrol_second_factor(user: User | AnonymousUser | None) -> bool:
    """Chairmen (of any authority, on any date) and administrators may protect their account
    with a code."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_staff or user.is_superuser:
        return True
    return Membership.objects.filter(user=user, role=Role.CHAIRMAN).exists()
