"""Who may do what in a council's meetings; the services and views ask these."""

from __future__ import annotations

from accounts.models import User
from councils.models import CouncilMember, Meeting
from councils.roles import is_chairman, is_standing_office


def roster_seat(user: User, meeting: Meeting) -> CouncilMember | None:
    """The user's seat on the council on the meeting date, if any."""
    if user is None or not user.is_authenticated:
        return None
    return (
        CouncilMember.objects.serving_on(meeting.held_on)
        .filter(council_id=meeting.council_id, user=user)
        .first()
    )


def may_run_meeting(user: User, meeting: Meeting) -> bool:
    """Plan, open and close: the standing office; opening and closing also the chairman."""
    authority = meeting.council.authority
    return is_standing_office(user, authority) or is_chairman(user, authority)


def may_plan_meeting(user: User, meeting: Meeting) -> bool:
    return is_standing_office(user, meeting.council.authority)


def may_comment(user: User, meeting: Meeting) -> bool:
    return may_plan_meeting(user, meeting) or roster_seat(user, meeting) is not None
