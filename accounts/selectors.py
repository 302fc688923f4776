"""Reads about accounts: the roles a user holds today."""

from __future__ import annotations

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import User
from councils.models import Membership


def user_roles_on(user: User, day: datetime.date | None = None) -> QuerySet[Membership]:
    day = day or timezone.localdate()
    return (
        Membership.objects.active_on(day)
        .filter(user=user)
        .select_related("authority", "unit")
        .order_by("authority__level", "role")
    )
