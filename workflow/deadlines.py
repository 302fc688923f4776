"""Due dates for whoever a nomination waits on, in Vietnamese working days.

A transition meets the nomination's open deadlines and opens those of its new state, in the
same transaction (called from workflow/services.py).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings

from councils.models import Membership
from nominations.models import Nomination
from workflow import clock
from workflow.models import Deadline
from workflow.selectors import add_working_days

S = Nomination.State
Role = Membership.Role


@dataclass(frozen=True)
class Due:
    kind: str
    role: str
    due_on: datetime.date


def _add_days(start: datetime.date, days: int, *, working: bool) -> datetime.date:
    return add_working_days(start, days) if working else start + datetime.timedelta(days=days)


def deadlines_for(nomination: Nomination, start: datetime.date) -> list[Due]:
    """The deadlines of the state the nomination is in now, counted from `start`."""
    award = nomination.award_type
    state = nomination.state
    if state == S.SUBMITTED:
        return [
            Due(
                Deadline.Kind.CHECK_COMPLETENESS,
                Role.STANDING_OFFICE,
                add_working_days(start, award.return_working_days),
            ),
            Due(
                Deadline.Kind.APPRAISE,
                Role.STANDING_OFFICE,
                add_working_days(start, award.appraisal_working_days),
            ),
        ]
    if state == S.RETURNED:
        days = settings.WORKFLOW_RESUBMIT_WORKING_DAYS
        return [Due(Deadline.Kind.RESUBMIT, Role.UNIT_HEAD, add_working_days(start, days))]
    if state == S.POSTED:
        due = _add_days(start, award.posting_days, working=award.posting_in_working_days)
        return [Due(Deadline.Kind.END_POSTING, Role.STANDING_OFFICE, due)]
    if state == S.AWAITING_DECISION:
        if award.decision_days is not None:
            due = _add_days(start, award.decision_days, working=False)
        else:
            due = add_working_days(start, settings.WORKFLOW_DECISION_WORKING_DAYS)
        return [Due(Deadline.Kind.DECIDE, Role.CHAIRMAN, due)]
    return []


def deadlines_reset(nomination: Nomination, *, now: datetime.datetime) -> None:
    Deadline.objects.filter(nomination=nomination, met_at__isnull=True).update(met_at=now)
    authority_id = (
        nomination.proposing_unit.authority_id
        if nomination.state == S.RETURNED
        else nomination.current_authority_id
    )
    start = clock.today()
    Deadline.objects.bulk_create(
        Deadline(
            nomination=nomination,
            kind=due.kind,
            responsible_role=due.role,
            authority_id=authority_id,
            opened_at=now,
            due_on=due.due_on,
        )
        for due in deadlines_for(nomination, start)
    )
