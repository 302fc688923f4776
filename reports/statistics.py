"""The figures of a statistics form for an authority over a span of decision dates.

Each figure is the count (or the prize total) of the ledger rows matching its row's filter and
its column's filter: one Q per row and per column, so the figure and the list of awards
behind it (`cell_records`) are the same filter. The whole grid is one SELECT with a filtered
aggregate per figure, grouped by authority where a province wants its communes. A column of
proposals counts the nominations sent in the span the same way (`cell_nominations`), in one
more SELECT."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from councils.models import Authority
from nominations.models import AwardRecord, Nomination, NomineeKind
from reports.models import NomineeGroup, StatisticsColumn, StatisticsForm, StatisticsRow

GROUP_FIELD = {
    NomineeGroup.INDIVIDUAL: "person",
    NomineeGroup.COLLECTIVE: "collective",
    NomineeGroup.HOUSEHOLD: "household",
}


def _award_q(row: StatisticsRow, kind_field: str) -> Q:
    """A row's awards, category and kind (its award types read through the prefetch), for the
    ledger (`kind`) or the nominations (`period__kind`)."""
    q = Q()
    award_ids = [award.pk for award in row.award_types.all()]
    if award_ids:
        q &= Q(award_type_id__in=award_ids)
    if row.award_category:
        q &= Q(award_type__category=row.award_category)
    if row.award_kind:
        q &= Q(**{kind_field: row.award_kind})
    return q


def row_q(row: StatisticsRow) -> Q:
    """The ledger rows a row counts."""
    q = _award_q(row, "kind")
    if row.issuing_level:
        q &= Q(issuing_authority__level=row.issuing_level)
    return q


def column_q(column: StatisticsColumn) -> Q:
    q = Q()
    if column.nominee_group:
        q &= Q(**{f"{GROUP_FIELD[column.nominee_group]}__isnull": False})
    if column.award_kind:
        q &= Q(kind=column.award_kind)
    return q


PROPOSED = StatisticsColumn.Measure.PROPOSED
# A nomination names its nominee by kind; a thôn proposed as a collective is a collective.
_KINDS_OF_GROUP = {
    NomineeGroup.INDIVIDUAL: [NomineeKind.INDIVIDUAL],
    NomineeGroup.COLLECTIVE: [NomineeKind.COLLECTIVE, NomineeKind.VILLAGE],
    NomineeGroup.HOUSEHOLD: [NomineeKind.HOUSEHOLD],
}


def proposal_row_q(row: StatisticsRow) -> Q | None:
    """The nominations a row counts; None for a row by deciding level, which a proposal
    has only once decided."""
    if row.issuing_level:
        return None
    return _award_q(row, "period__kind")


def proposal_column_q(column: StatisticsColumn) -> Q:
    q = Q()
    if column.nominee_group:
        q &= Q(nominee_kind__in=_KINDS_OF_GROUP[column.nominee_group])
    if column.award_kind:
        q &= Q(period__kind=column.award_kind)
    return q


def proposals_in_scope(
    authority_ids: set[int], start: datetime.date, end: datetime.date
) -> QuerySet[Nomination]:
    """Nominations the authorities' units sent in the span (local days)."""
    zone = timezone.get_current_timezone()
    first = datetime.datetime.combine(start, datetime.time.min, tzinfo=zone)
    after = datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, zone)
    return Nomination.objects.filter(
        proposing_unit__authority_id__in=authority_ids,
        submitted_at__gte=first,
        submitted_at__lt=after,
    )


def cell_nominations(
    row: StatisticsRow,
    column: StatisticsColumn,
    authority_ids: set[int],
    start: datetime.date,
    end: datetime.date,
) -> QuerySet[Nomination]:
    """The nominations behind a figure of proposals (none for a row by deciding level)."""
    condition = proposal_row_q(row)
    if condition is None:
        return Nomination.objects.none()
    return proposals_in_scope(authority_ids, start, end).filter(
        condition & proposal_column_q(column)
    )


def records_in_scope(
    authority_ids: set[int], start: datetime.date, end: datetime.date
) -> QuerySet[AwardRecord]:
    """Awards decided in the span, not revoked, for the nominees of these authorities' units
    or decided by these authorities."""
    return AwardRecord.objects.filter(
        Q(unit__authority_id__in=authority_ids) | Q(issuing_authority_id__in=authority_ids),
        decision_date__gte=start,
        decision_date__lte=end,
        revoked_on__isnull=True,
    )


def cell_records(
    row: StatisticsRow,
    column: StatisticsColumn,
    authority_ids: set[int],
    start: datetime.date,
    end: datetime.date,
) -> QuerySet[AwardRecord]:
    """The awards behind one figure (for a prize column: those whose prize it adds up)."""
    records = records_in_scope(authority_ids, start, end).filter(row_q(row) & column_q(column))
    if column.measure == StatisticsColumn.Measure.PRIZE:
        records = records.filter(prize_amount__gt=0)
    return records


def _key(row: StatisticsRow, column: StatisticsColumn) -> str:
    return f"r{row.pk}c{column.pk}"


def _aggregates(rows: list[StatisticsRow], columns: list[StatisticsColumn]) -> dict:
    """The ledger's figures: every column but the proposals."""
    aggregates = {}
    for row in rows:
        for column in columns:
            if column.measure == PROPOSED:
                continue
            condition = row_q(row) & column_q(column)
            extra = {"filter": condition} if condition else {}
            if column.measure == StatisticsColumn.Measure.PRIZE:
                aggregates[_key(row, column)] = Sum("prize_amount", **extra)
            else:
                aggregates[_key(row, column)] = Count("pk", **extra)
    return aggregates


def _proposal_aggregates(rows: list[StatisticsRow], columns: list[StatisticsColumn]) -> dict:
    aggregates = {}
    for row in rows:
        for column in columns:
            condition = proposal_row_q(row) if column.measure == PROPOSED else None
            if condition is None:
                continue
            condition &= proposal_column_q(column)
            extra = {"filter": condition} if condition else {}
            aggregates[_key(row, column)] = Count("pk", **extra)
    return aggregates


@dataclass
class Grid:
    """The figures of a form: (row, column) → value, by row then column; None where the row
    has no such figure (proposals by deciding level)."""

    rows: list[StatisticsRow]
    columns: list[StatisticsColumn]
    values: dict[tuple[int, int], int | None] = field(default_factory=dict)

    def value(self, row: StatisticsRow, column: StatisticsColumn) -> int | None:
        return self.values.get((row.pk, column.pk), 0)

    def table(self) -> list[tuple[StatisticsRow, list[tuple[StatisticsColumn, int | None]]]]:
        return [
            (row, [(column, self.value(row, column)) for column in self.columns])
            for row in self.rows
        ]

    @property
    def nonzero(self) -> list[tuple[StatisticsRow, StatisticsColumn, int]]:
        return [
            (row, column, value) for row, cells in self.table() for column, value in cells if value
        ]


def _grid_from(rows, columns, result: dict) -> Grid:
    grid = Grid(rows, columns)
    for row in rows:
        for column in columns:
            if column.measure == PROPOSED and row.issuing_level:
                grid.values[(row.pk, column.pk)] = None
            else:
                grid.values[(row.pk, column.pk)] = result.get(_key(row, column)) or 0
    return grid


def form_parts(form: StatisticsForm) -> tuple[list[StatisticsRow], list[StatisticsColumn]]:
    """The form's rows (with their award types) and columns: three queries."""
    rows = list(form.rows.prefetch_related("award_types"))
    return rows, list(form.columns.all())


def statistics_grid(
    form: StatisticsForm, authority_ids: set[int], start: datetime.date, end: datetime.date
) -> Grid:
    """The form filled for the authorities over the span: four queries whatever the data, and
    one more for a column of proposals."""
    rows, columns = form_parts(form)
    if not rows or not columns:
        return Grid(rows, columns)
    result = {}
    if ledger := _aggregates(rows, columns):
        result |= records_in_scope(authority_ids, start, end).aggregate(**ledger)
    if proposed := _proposal_aggregates(rows, columns):
        result |= proposals_in_scope(authority_ids, start, end).aggregate(**proposed)
    return _grid_from(rows, columns, result)


@dataclass(frozen=True)
class AuthorityGrid:
    authority: Authority | None  # None: units no covered authority owns
    grid: Grid


def statistics_by_authority(
    form: StatisticsForm, authority_ids: set[int], start: datetime.date, end: datetime.date
) -> list[AuthorityGrid]:
    """The same form for each covered authority whose units were awarded or proposed (a
    province's communes, former communes included), by name; a fixed number of queries."""
    rows, columns = form_parts(form)
    if not rows or not columns:
        return []
    results: dict[int | None, dict] = {}
    if ledger := _aggregates(rows, columns):
        for item in (
            records_in_scope(authority_ids, start, end)
            .order_by()
            .values("unit__authority_id")
            .annotate(**ledger)
        ):
            results.setdefault(item.pop("unit__authority_id"), {}).update(item)
    if proposed := _proposal_aggregates(rows, columns):
        for item in (
            proposals_in_scope(authority_ids, start, end)
            .order_by()
            .values("proposing_unit__authority_id")
            .annotate(**proposed)
        ):
            results.setdefault(item.pop("proposing_unit__authority_id"), {}).update(item)
    names = Authority.objects.in_bulk([pk for pk in results if pk is not None])
    grids = [
        AuthorityGrid(names.get(pk), _grid_from(rows, columns, result))
        for pk, result in results.items()
    ]
    return sorted(grids, key=lambda g: (g.authority is None, g.authority and g.authority.name))


def form_in_force(day: datetime.date, code: str | None = None) -> StatisticsForm | None:
    """The form named by `code`, else the first in force on `day`."""
    forms = StatisticsForm.objects.all()
    if code:
        return forms.filter(code=code).first()
    return next((form for form in forms if form.in_force_on(day)), None)
