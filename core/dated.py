"""Rows valid over a span of dates (`valid_from`/`valid_to`, both inclusive, either open):
which are in force on a day, and which overlap a span."""

from __future__ import annotations

import datetime

from django.db.models import F, Q, QuerySet


def in_force_on(day: datetime.date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=day)) & (
        Q(valid_to__isnull=True) | Q(valid_to__gte=day)
    )


def overlapping(
    rows: QuerySet, valid_from: datetime.date | None, valid_to: datetime.date | None
) -> QuerySet:
    """The rows whose span meets [valid_from, valid_to]."""
    if valid_to:
        rows = rows.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=valid_to))
    if valid_from:
        rows = rows.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=valid_from))
    return rows


def dates_ordered(name: str):
    """The check constraint that a span does not end before it starts."""
    from django.db import models

    return models.CheckConstraint(
        condition=Q(valid_from__isnull=True)
        | Q(valid_to__isnull=True)
        | Q(valid_to__gte=F("valid_from")),
        name=name,
    )
