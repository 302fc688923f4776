"""Who may act on a nomination: the predicates, `(user, nomination) -> bool`, that the action
table (`workflow.actions`) names for each step of the lifecycle.

The roles themselves (who is the standing office, the chairman, a unit's head) are
`councils.roles`; this module applies them to a nomination's unit and authorities.
"""

from __future__ import annotations

from accounts.models import User
from core import clock
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


def standing_office(user: User | None, nomination: Nomination) -> bool:
    return is_standing_office(user, nomination.current_authority)


def deciding_authority_member(user: User | None, nomination: Nomination) -> bool:
    """The chairman of the authority handling it, or a vice-chairman within a delegation."""
    return may_decide(user, nomination.current_authority)


def deciding_chairman(user: User | None, nomination: Nomination) -> bool:
    """Revocation belongs to the chairman of the authority that decided (Luật TĐKT Đ93), or
    of its successor once it has ended (a commune merged on 01/07/2025).

    Before a decision exists, that is the authority now handling the nomination.
    """
    line = (
        DecisionLine.objects.filter(nomination=nomination)
        .select_related("decision__authority")
        .first()
    )
    authority = line.decision.authority if line else nomination.current_authority
    return is_chairman(user, authority.continuing_on(clock.today()))


def standing_office_or_chairman(user: User | None, nomination: Nomination) -> bool:
    authority = nomination.current_authority
    return is_standing_office(user, authority) or is_chairman(user, authority)


def standing_office_or_system(user: User | None, nomination: Nomination) -> bool:
    # None is the timer (a Celery beat task) closing a posting window.
    return user is None or is_standing_office(user, nomination.current_authority)
