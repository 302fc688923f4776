"""The award register (sổ theo dõi khen thưởng) of an authority: every award decided or
recorded for it, its units and its predecessors, with the filters an office and an auditor
use, and the prize totals by year and source that the auditor reconciles with payments."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum

from nominations.models import AwardRecord, Nomination
from reports.statistics import GROUP_FIELD


def register_records(authority_ids: set[int]) -> QuerySet[AwardRecord]:
    """Every award of the authorities' units, or decided by them, revoked ones included."""
    return AwardRecord.objects.filter(
        Q(unit__authority_id__in=authority_ids) | Q(issuing_authority_id__in=authority_ids)
    )


def register_filtered(
    records: QuerySet[AwardRecord],
    *,
    year: int | None = None,
    award_type=None,
    unit=None,
    name: str = "",
    group: str = "",
    award_kind: str = "",
    source: str = "",
    decided_from: datetime.date | None = None,
    decided_to: datetime.date | None = None,
    include_revoked: bool = True,
) -> QuerySet[AwardRecord]:
    if year:
        records = records.filter(year=year)
    if award_type is not None:
        records = records.filter(award_type=award_type)
    if unit is not None:
        records = records.filter(unit=unit)
    if name:
        records = records.filter(
            Q(person__full_name__icontains=name)
            | Q(household__head_name__icontains=name)
            | Q(collective__name__icontains=name)
        )
    if group:
        records = records.filter(**{f"{GROUP_FIELD[group]}__isnull": False})
    if award_kind:
        records = records.filter(kind=award_kind)
    if source:
        records = records.filter(source=source)
    if decided_from:
        records = records.filter(decision_date__gte=decided_from)
    if decided_to:
        records = records.filter(decision_date__lte=decided_to)
    if not include_revoked:
        records = records.filter(revoked_on__isnull=True)
    return records


def register_page_rows(records: QuerySet[AwardRecord]) -> QuerySet[AwardRecord]:
    """What a register row shows, in one query per page."""
    return records.select_related(
        "person", "household", "collective", "unit", "award_type", "issuing_authority"
    ).order_by("-decision_date", "-id")


def proposals_listed(nominations: QuerySet[Nomination]) -> QuerySet[Nomination]:
    """Dossiers behind a figure of proposals, as a list shows them (latest sent first)."""
    return nominations.select_related(
        "person", "household", "collective", "proposing_unit", "award_type", "period"
    ).order_by("-submitted_at", "-id")


@dataclass(frozen=True)
class Total:
    year: int
    source: str
    source_label: str
    awards: int
    prize: int


def register_totals(records: QuerySet[AwardRecord]) -> list[Total]:
    """Awards and prize money by year and source (revoked awards left out: not paid)."""
    labels = dict(AwardRecord.Source.choices)
    grouped = (
        records.filter(revoked_on__isnull=True)
        .order_by()
        .values("year", "source")
        .annotate(awards=Count("pk"), prize=Sum("prize_amount"))
        .order_by("-year", "source")
    )
    return [
        Total(g["year"], g["source"], str(labels[g["source"]]), g["awards"], g["prize"] or 0)
        for g in grouped
    ]
