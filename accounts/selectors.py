"""Reads about accounts: the roles a user holds today and what waits on them."""

from __future__ import annotations

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import User
from councils.models import Membership
from councils.roles import role_book
from workflow.models import Deadline, Notification


def user_roles_on(user: User, day: datetime.date | None = None) -> QuerySet[Membership]:
    day = day or timezone.localdate()
    return (
        Membership.objects.active_on(day)
        .filter(user=user)
        .select_related("authority", "unit")
        .order_by("authority__level", "role")
    )


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
