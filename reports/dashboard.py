"""The dashboard's figures for one authority (or every one the reader sees), a year and a
movement: dossiers by state and award, where each movement stands, overdue work by who must
act, and from the ledger the awards made, their prize money and the awards per unit.

Each figure comes with the filter of the list behind it, so the page links every count to
that list. A fixed number of queries whatever the data."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, QuerySet, Sum

from councils.models import Membership
from nominations.models import AwardRecord, Movement, Nomination
from nominations.selectors import dashboard_counts
from workflow.models import Deadline

UNITS_SHOWN = 15


@dataclass(frozen=True)
class Figure:
    key: str | int
    label: str
    n: int
    prize: int = 0


@dataclass
class Dashboard:
    by_state: list[Figure]
    by_award: list[Figure]
    by_movement_state: list[dict]
    overdue: list[Figure]
    awards: list[Figure] | None = None  # None: the reader does not read the ledger
    per_unit: list[Figure] | None = None
    units_more: int = 0

    @property
    def state_top(self) -> int:
        return max([c.n for c in self.by_state] + [1])

    @property
    def unit_top(self) -> int:
        return max([c.n for c in self.per_unit or []] + [1])

    @property
    def award_total(self) -> int:
        return sum(c.n for c in self.awards or [])

    @property
    def prize_total(self) -> int:
        return sum(c.prize for c in self.awards or [])


def nominations_narrowed(
    nominations: QuerySet[Nomination], *, year: int | None, movement: Movement | None
) -> QuerySet[Nomination]:
    if year:
        nominations = nominations.filter(period__ends_on__year=year)
    if movement is not None:
        nominations = nominations.filter(period__movement=movement)
    return nominations


def _overdue(nominations: QuerySet[Nomination], today: datetime.date) -> list[Figure]:
    roles = dict(Membership.Role.choices)
    grouped = (
        Deadline.objects.filter(
            nomination__in=nominations.order_by().values("pk"),
            met_at__isnull=True,
            due_on__lt=today,
        )
        .order_by()
        .values("responsible_role")
        .annotate(n=Count("nomination", distinct=True))
        .order_by("-n", "responsible_role")
    )
    return [
        Figure(row["responsible_role"], str(roles.get(row["responsible_role"], "")), row["n"])
        for row in grouped
    ]


def _ledger(records: QuerySet[AwardRecord]) -> tuple[list[Figure], list[Figure], int]:
    awards = [
        Figure(row["award_type"], row["award_type__name"], row["n"], row["prize"] or 0)
        for row in records.order_by()
        .values("award_type", "award_type__name", "award_type__sort_order")
        .annotate(n=Count("pk"), prize=Sum("prize_amount"))
        .order_by("award_type__sort_order", "award_type__name")
    ]
    units = [
        Figure(row["unit"], row["unit__name"] or "—", row["n"], row["prize"] or 0)
        for row in records.order_by()
        .values("unit", "unit__name")
        .annotate(n=Count("pk"), prize=Sum("prize_amount"))
        .order_by("-n", "unit__name")
    ]
    return awards, units[:UNITS_SHOWN], max(len(units) - UNITS_SHOWN, 0)


def dashboard_figures(
    nominations: QuerySet[Nomination],
    *,
    ledger: QuerySet[AwardRecord] | None,
    year: int | None,
    movement: Movement | None,
    today: datetime.date,
) -> Dashboard:
    """`nominations`: those the reader sees (of the chosen authority); `ledger`: the
    authority's award register, or None for a reader who does not read it."""
    narrowed = nominations_narrowed(nominations, year=year, movement=movement)
    counts = dashboard_counts(narrowed)
    by_state = [
        Figure(value, str(label), counts["by_state"].get(value, 0))
        for value, label in Nomination.State.choices
    ]
    by_award = [
        Figure(row["award_type"], row["award_type__name"], row["n"]) for row in counts["by_award"]
    ]
    dashboard = Dashboard(
        by_state, by_award, counts["by_movement_state"], _overdue(narrowed, today)
    )
    if ledger is not None:
        records = ledger.filter(revoked_on__isnull=True)
        if year:
            records = records.filter(year=year)
        if movement is not None:
            records = records.filter(decision_line__nomination__period__movement=movement)
        dashboard.awards, dashboard.per_unit, dashboard.units_more = _ledger(records)
    return dashboard
