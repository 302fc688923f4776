"""Due dates for whoever a nomination waits on, in Vietnamese working days.

A transition meets the nomination's open deadlines and opens those of its new state, in the
same transaction (called from workflow/services/transitions.py).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings

from core import clock
from core.statements import Clause, insert_clause, update_clause
from councils.models import Membership
from nominations.models import Nomination
from workflow.models import Deadline
from workflow.selectors import WorkingCalendar

S = Nomination.State
Role = Membership.Role


@dataclass(frozen=True)
class Due:
    kind: str
    role: str
    due_on: datetime.date


def deadlines_for(
    nomination: Nomination, start: datetime.date, calendar: WorkingCalendar | None = None
) -> list[Due]:
    """The deadlines of the state the nomination is in now, counted from `start`."""
    calendar = calendar or WorkingCalendar(start)

    def add_working_days(days: int) -> datetime.date:
        return calendar.add(start, days)

    def add_days(days: int, *, working: bool) -> datetime.date:
        return add_working_days(days) if working else start + datetime.timedelta(days=days)

    award = nomination.award_type
    state = nomination.state
    if nomination.uses_simplified_procedure and state in (S.SUBMITTED, S.AWAITING_DECISION):
        # Luật Đ85: prompt, on the award's shorter deadline for each step.
        kind, role = (
            (Deadline.Kind.APPRAISE, Role.STANDING_OFFICE)
            if state == S.SUBMITTED
            else (Deadline.Kind.DECIDE, Role.CHAIRMAN)
        )
        return [Due(kind, role, add_working_days(award.simplified_working_days))]
    if state == S.SUBMITTED:
        return [
            Due(
                Deadline.Kind.CHECK_COMPLETENESS,
                Role.STANDING_OFFICE,
                add_working_days(award.return_working_days),
            ),
            Due(
                Deadline.Kind.APPRAISE,
                Role.STANDING_OFFICE,
                add_working_days(award.appraisal_working_days),
            ),
        ]
    if state == S.RETURNED:
        days = settings.WORKFLOW_RESUBMIT_WORKING_DAYS
        return [Due(Deadline.Kind.RESUBMIT, Role.UNIT_HEAD, add_working_days(days))]
    if state == S.POSTED:
        due = add_days(award.posting_days, working=award.posting_in_working_days)
        return [Due(Deadline.Kind.END_POSTING, Role.STANDING_OFFICE, due)]
    if state == S.AWAITING_DECISION:
        if award.decision_days is not None:
            due = add_days(award.decision_days, working=False)
        else:
            due = add_working_days(settings.WORKFLOW_DECISION_WORKING_DAYS)
        return [Due(Deadline.Kind.DECIDE, Role.CHAIRMAN, due)]
    return []


# The states deadlines_for opens deadlines in. Deadlines are opened only on arriving in one
# of them and met on leaving it, so a nomination leaving any other state has none to meet.
STATES_WITH_DEADLINES = frozenset({S.SUBMITTED, S.RETURNED, S.POSTED, S.AWAITING_DECISION})


def _deadline_changes(
    nominations: Sequence[Nomination], *, now: datetime.datetime, sources: Sequence[str]
) -> tuple[bool, list[Deadline]]:
    """Whether the open deadlines of the states left (`sources`) are met now, and the
    deadlines of the new states to open."""
    meet = bool(STATES_WITH_DEADLINES.intersection(sources))
    if not STATES_WITH_DEADLINES.intersection(n.state for n in nominations):
        return meet, []
    start = clock.today()
    calendar = WorkingCalendar(start)
    opened = [
        Deadline(
            nomination=nomination,
            kind=due.kind,
            responsible_role=due.role,
            # A returned dossier waits on its unit, at the commune that proposed it.
            authority_id=(
                nomination.proposing_unit.authority_id
                if nomination.state == S.RETURNED
                else nomination.current_authority_id
            ),
            opened_at=now,
            due_on=due.due_on,
        )
        for nomination in nominations
        for due in deadlines_for(nomination, start, calendar)
    ]
    return meet, opened


def deadlines_reset(
    nominations: Sequence[Nomination], *, now: datetime.datetime, sources: Sequence[str]
) -> None:
    """Meet the deadlines of the states the nominations left (`sources`) and open those of
    their new states: at most two statements however many nominations move together, fewer
    when they leave or reach a state without deadlines."""
    meet, opened = _deadline_changes(nominations, now=now, sources=sources)
    if meet:
        Deadline.objects.filter(nomination__in=nominations, met_at__isnull=True).update(met_at=now)
    if opened:
        Deadline.objects.bulk_create(opened)


def deadline_clauses(
    nominations: Sequence[Nomination],
    *,
    now: datetime.datetime,
    sources: Sequence[str],
    connection,
) -> list[Clause]:
    """PostgreSQL: the same writes as `deadlines_reset`, as clauses of the transition's one
    statement (core.statements: the UPDATE does not see the rows the INSERT adds)."""
    meet, opened = _deadline_changes(nominations, now=now, sources=sources)
    clauses = []
    if meet:
        keys = [n.pk for n in nominations]
        met = update_clause(
            "met",
            Deadline,
            keys,
            {"met_at": now},
            connection,
            by="nomination",
            where="met_at IS NULL",
        )
        clauses.append(met)
    if opened:
        clauses.append(insert_clause("opened", opened, connection))
    return clauses
