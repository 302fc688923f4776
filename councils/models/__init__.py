"""The organisation (authorities, units, roles, councils) and the councils' meetings."""

from councils.models.meetings import AgendaItem, Attendance, Ballot, Comment, Meeting, SecretTally
from councils.models.object_permissions import UnitGroupObjectPermission, UnitUserObjectPermission
from councils.models.organisation import (
    Authority,
    Council,
    CouncilMember,
    Delegation,
    Membership,
    Succession,
    Unit,
    UnitManagement,
    managing_levels,
)

__all__ = [
    "AgendaItem",
    "Attendance",
    "Authority",
    "Ballot",
    "Comment",
    "Council",
    "CouncilMember",
    "Delegation",
    "Meeting",
    "Membership",
    "SecretTally",
    "Succession",
    "Unit",
    "UnitGroupObjectPermission",
    "UnitManagement",
    "UnitUserObjectPermission",
    "managing_levels",
]
