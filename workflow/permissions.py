"""What a role may do to a nomination: one predicate per action, `(user, nomination) -> bool`.

The roles themselves (who is the standing office, the chairman, a unit's head) are
`councils.roles`; this module says which of them may take each step of the lifecycle.
Views, the API, templates and services all ask these (services re-ask after the row lock).
"""

from __future__ import annotations

from collections.abc import Callable

from accounts.models import User
from councils.models import Authority
from councils.roles import acts_for_unit, is_chairman, is_standing_office, may_decide
from nominations.models import Decision, DecisionLine, Nomination


def signing_capacity(user: User, authority: Authority) -> str:
    """How this user signs a decision of the authority: as chairman, or "KT. CHỦ TỊCH" as a
    delegated vice-chairman (NĐ 30/2020 signing blocks)."""
    if is_chairman(user, authority):
        return Decision.SigningCapacity.CHAIRMAN
    return Decision.SigningCapacity.ON_BEHALF


def is_unit_head(user: User, nomination: Nomination) -> bool:
    return acts_for_unit(user, nomination.proposing_unit)


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
