"""Writes to the organisation and its councils; one module per concern."""

from councils.services.delegations import delegation_grant, delegation_revoke
from councils.services.meetings import (
    ballot_cast,
    ballot_record_written_opinion,
    comment_post,
    meeting_open,
    meeting_plan,
)
from councils.services.roles import (
    membership_end,
    membership_grant,
    object_permission_grant,
    object_permission_revoke,
)

__all__ = [
    "ballot_cast",
    "ballot_record_written_opinion",
    "comment_post",
    "delegation_grant",
    "delegation_revoke",
    "meeting_open",
    "meeting_plan",
    "membership_end",
    "membership_grant",
    "object_permission_grant",
    "object_permission_revoke",
]
