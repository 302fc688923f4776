"""Who may do what: one predicate per action, `(user, nomination) -> bool`.

Views, the API, templates and services all ask these (services re-ask after the row lock).
Roles come from dated memberships; django-guardian adds object grants beside them:
`councils.act_for_unit` on a unit, `councils.act_as_standing_office` on an authority.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser

from accounts.models import User
from core import clock
from councils.models import Authority, Delegation, Membership, Unit
from nominations.models import Decision, DecisionLine, Nomination

Role = Membership.Role

# Actions a vice-chairman may take inside a dated delegation from the chairman.
DELEGABLE_ACTIONS = frozenset({"approve", "reject", "forward"})


class RoleBook:
    """The active roles of one user on one day, read once and kept on the user object."""

    def __init__(self, user: User, day: datetime.date) -> None:
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
        self.delegated_authorities = set(
            Delegation.objects.active_on(day)
            .filter(delegate=user)
            .values_list("authority_id", flat=True)
        )

    def has(self, role: str, authority_id: int) -> bool:
        return role in self.by_authority.get(authority_id, ())


def role_book(user: User, day: datetime.date | None = None) -> RoleBook:
    day = day or clock.today()
    cached = getattr(user, "_role_book", None)
    if cached is None or cached[0] != day:
        cached = (day, RoleBook(user, day))
        user._role_book = cached
    return cached[1]


def forget_roles(user: User | AnonymousUser | None) -> None:
    if user is not None and hasattr(user, "_role_book"):
        del user._role_book


def _signed_in(user: User | AnonymousUser | None) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def _granted(user: User, permission: str, obj) -> bool:
    """A guardian grant on this object. Django answers every has_perm of a superuser with yes;
    that blanket is no grant: the administrator manages the organisation and reads everything
    but takes part in a dossier only through a dated role, like anyone (design.md §1)."""
    return not user.is_superuser and user.has_perm(permission, obj)


def acts_for_unit(user: User | AnonymousUser | None, unit: Unit) -> bool:
    """The unit's head today, or a deputy granted `act_for_unit` on it."""
    if not _signed_in(user):
        return False
    return unit.pk in role_book(user).units or _granted(user, "councils.act_for_unit", unit)


def is_unit_head(user: User, nomination: Nomination) -> bool:
    return acts_for_unit(user, nomination.proposing_unit)


def is_standing_office(user: User, authority: Authority) -> bool:
    if not _signed_in(user):
        return False
    return role_book(user).has(Role.STANDING_OFFICE, authority.pk) or _granted(
        user, "councils.act_as_standing_office", authority
    )


def is_chairman(user: User, authority: Authority) -> bool:
    return _signed_in(user) and role_book(user).has(Role.CHAIRMAN, authority.pk)


def is_delegated_vice_chairman(user: User, authority: Authority) -> bool:
    if not _signed_in(user):
        return False
    book = role_book(user)
    return book.has(Role.VICE_CHAIRMAN, authority.pk) and authority.pk in book.delegated_authorities


def may_decide(user: User, authority: Authority) -> bool:
    return is_chairman(user, authority) or is_delegated_vice_chairman(user, authority)


def signing_capacity(user: User, authority: Authority) -> str:
    """How this user signs a decision of the authority: as chairman, or "KT. CHỦ TỊCH" as a
    delegated vice-chairman (NĐ 30/2020 signing blocks)."""
    if is_chairman(user, authority):
        return Decision.SigningCapacity.CHAIRMAN
    return Decision.SigningCapacity.ON_BEHALF


def _current(check: Callable[[User, Authority], bool]) -> Callable[[User, Nomination], bool]:
    return lambda user, nomination: check(user, nomination.current_authority)


def _deciding_chairman(user: User, nomination: Nomination) -> bool:
    """Revocation belongs to the chairman of the authority that decided (Luật TĐKT Đ93).

    Before a decision exists, that is the authority now handling the nomination.
    """
    line = (
        DecisionLine.objects.filter(nomination=nomination)
        .select_related("decision__authority")
        .first()
    )
    authority = line.decision.authority if line else nomination.current_authority
    return is_chairman(user, authority)


def _standing_office_or_chairman(user: User, nomination: Nomination) -> bool:
    authority = nomination.current_authority
    return is_standing_office(user, authority) or is_chairman(user, authority)


def _standing_office_or_system(user: User | None, nomination: Nomination) -> bool:
    # None is the timer (a Celery beat task) closing a posting window.
    return user is None or is_standing_office(user, nomination.current_authority)


ACTION_PREDICATES: dict[str, Callable[[User, Nomination], bool]] = {
    "submit": is_unit_head,
    "withdraw": is_unit_head,
    "resubmit": is_unit_head,
    "return": _current(is_standing_office),
    "appraise": _current(is_standing_office),
    "schedule": _current(is_standing_office),
    "defer": _current(is_standing_office),
    "council_result": _standing_office_or_chairman,
    "end_posting": _standing_office_or_system,
    "hold": _current(is_standing_office),
    "release": _current(is_standing_office),
    "approve": _current(may_decide),
    "reject": _current(may_decide),
    "forward": _current(may_decide),
    "record_outcome": _current(is_standing_office),
    "revoke": _deciding_chairman,
}


def may_perform(user: User | None, action: str, nomination: Nomination) -> bool:
    return ACTION_PREDICATES[action](user, nomination)
