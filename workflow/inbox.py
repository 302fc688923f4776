"""What waits on a person: the open deadlines of their roles, their notifications, and the
standing office's appraisal queue; a fixed number of queries each."""

from __future__ import annotations

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery

from accounts.models import User
from councils.roles import role_book
from nominations.models import Nomination
from nominations.selectors import LIST_RELATED
from workflow.models import Deadline, Notification


def my_tasks(user: User, limit: int = 50) -> list[Deadline]:
    """What waits on this user: open deadlines of their roles, overdue (earliest) first."""
    book = role_book(user)
    wanted = Q(pk__in=[])
    for authority_id, roles in book.by_authority.items():
        wanted |= Q(authority_id=authority_id, responsible_role__in=roles - {"unit_head"})
    if book.units:
        wanted |= Q(responsible_role="unit_head", nomination__proposing_unit__in=book.units)
    related = (
        "nomination__award_type",
        "nomination__proposing_unit",
        "nomination__person",
        "nomination__household",
        "nomination__collective",
    )
    return list(
        Deadline.objects.filter(wanted, met_at__isnull=True)
        .select_related(*related)
        .order_by("due_on", "id")[:limit]
    )


def my_notifications(user: User, limit: int = 10) -> list[Notification]:
    return list(Notification.objects.filter(user=user).order_by("-created_at", "-id")[:limit])


# The standing office's queue: what it must appraise, schedule or keep an eye on.
QUEUE_STATES = (
    Nomination.State.SUBMITTED,
    Nomination.State.APPRAISED,
    Nomination.State.ON_HOLD,
    Nomination.State.RETURNED,
)


def appraisal_queue(authority_ids: set[int], state: str) -> QuerySet[Nomination]:
    """Nominations at these authorities in one queue state, the earliest open due date first
    (so overdue ones lead); the due date comes from a subquery, not a query per row."""
    next_due = (
        Deadline.objects.filter(nomination=OuterRef("pk"), met_at__isnull=True)
        .order_by("due_on")
        .values("due_on")[:1]
    )
    return (
        Nomination.objects.filter(current_authority__in=authority_ids, state=state)
        .select_related(*LIST_RELATED)
        .annotate(due_on=Subquery(next_due))
        .order_by(F("due_on").asc(nulls_last=True), "submitted_at", "pk")
    )


def appraisal_queue_counts(authority_ids: set[int]) -> dict[str, int]:
    rows = (
        Nomination.objects.filter(current_authority__in=authority_ids, state__in=QUEUE_STATES)
        .order_by()
        .values_list("state")
        .annotate(n=Count("id"))
    )
    return dict(rows.values_list("state", "n"))
