"""Reads over the award catalogue: who decides an award on a date, and the prize on a date."""

from __future__ import annotations

import datetime
import functools
import math
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce

from core.dated import in_force_on
from core.lookups import in_subquery
from councils.models import Authority, Unit, managing_levels
from nominations.models import (
    AwardDecisionRule,
    AwardKindRule,
    AwardType,
    BaseSalary,
    Decision,
    DecisionLine,
    Household,
    LegalBasis,
    Nomination,
    NomineeKind,
    Person,
)

# NĐ 152/2025 Đ49: prize money is rounded up to the next 10,000 đồng.
PRIZE_ROUNDING_DONG = 10_000


class CatalogueGap(LookupError):
    """The catalogue has no row for the date asked (a configuration error to fix in admin).
    Its message names the missing row, in Vietnamese: the API answers it as a 400."""


def _rules_in_force(day: datetime.date) -> QuerySet[AwardDecisionRule]:
    return AwardDecisionRule.objects.filter(in_force_on(day))


def award_decision_rule_on(
    award_type: AwardType, day: datetime.date, *, managed_by: str = ""
) -> AwardDecisionRule:
    """The rule in force on `day`: which level decides, and on what legal basis. A nominee
    managed at `managed_by` takes the row narrowed to that level where one is in force."""
    rows = list(_rules_in_force(day).filter(award_type=award_type, managed_by__in={"", managed_by}))
    rule = _pick(rows, managed_by)
    if rule is None:
        raise CatalogueGap(
            f"Danh mục chưa có quy định cấp quyết định “{award_type.code}” vào ngày {day:%d/%m/%Y}."
        )
    return rule


def _pick(rows: list[AwardDecisionRule], managed_by: str | None) -> AwardDecisionRule | None:
    """The narrowed row for the nominee's managing level, else the default row."""
    narrowed = [row for row in rows if row.managed_by and row.managed_by == managed_by]
    default = [row for row in rows if not row.managed_by]
    return (narrowed or default or [None])[0]


def _nominee_units(nominations: list[Nomination]) -> dict[int, int]:
    """Nomination pk → the unit its nominee belongs to (a collective is its own unit)."""
    people = {n.person_id for n in nominations if n.person_id}
    households = {n.household_id for n in nominations if n.household_id}
    unit_of_person = (
        dict(Person.objects.filter(pk__in=people).values_list("pk", "unit_id")) if people else {}
    )
    unit_of_household = (
        dict(Household.objects.filter(pk__in=households).values_list("pk", "unit_id"))
        if households
        else {}
    )
    units = {}
    for n in nominations:
        if n.person_id:
            units[n.pk] = unit_of_person[n.person_id]
        elif n.household_id:
            units[n.pk] = unit_of_household[n.household_id]
        else:
            units[n.pk] = n.collective_id or n.proposing_unit_id
    return units


def decision_rules_for(
    nominations: list[Nomination], day: datetime.date
) -> dict[int, AwardDecisionRule | None]:
    """The rule deciding each nomination on `day` (None where the catalogue has none): one
    query, and two or three more only where a row is narrowed by the managing body."""
    by_award: dict[int, list[AwardDecisionRule]] = defaultdict(list)
    award_ids = {n.award_type_id for n in nominations}
    for row in _rules_in_force(day).filter(award_type_id__in=award_ids):
        by_award[row.award_type_id].append(row)
    narrowed = [n for n in nominations if any(r.managed_by for r in by_award[n.award_type_id])]
    levels: dict[int, str] = {}
    if narrowed:
        units = _nominee_units(narrowed)
        level_of_unit = managing_levels(set(units.values()), day)
        levels = {pk: level_of_unit[unit] for pk, unit in units.items()}
    return {n.pk: _pick(by_award[n.award_type_id], levels.get(n.pk)) for n in nominations}


def decision_rule_for(nomination: Nomination, day: datetime.date) -> AwardDecisionRule:
    """The rule deciding this nomination on `day`, narrowed by who manages its nominee."""
    rule = decision_rules_for([nomination], day)[nomination.pk]
    if rule is None:
        code = nomination.award_type.code
        raise CatalogueGap(
            f"Danh mục chưa có quy định cấp quyết định “{code}” vào ngày {day:%d/%m/%Y}."
        )
    return rule


def legal_bases_on(
    authority: Authority,
    day: datetime.date,
    *,
    on_decision: bool,
    award_type_ids: set[int] | frozenset[int] = frozenset(),
) -> list[LegalBasis]:
    """The texts a paper of `authority` dated `day` cites: the State's texts in force that day
    and the local texts of the authority or those above it on that day's map; a text that
    governs some awards only, when the paper is about one of them."""
    chain: list[int] = []
    current: Authority | None = authority
    while current is not None:
        chain.append(current.pk)
        current = current.superior_on(day)
    paper = Q(on_decisions=True) if on_decision else Q(on_proposals=True)
    about = Q(award_types__isnull=True)
    if award_type_ids:
        about |= Q(award_types__in=award_type_ids)
    return list(
        LegalBasis.objects.filter(paper, in_force_from__lte=day)
        .filter(Q(in_force_to__isnull=True) | Q(in_force_to__gte=day))
        .filter(Q(authority__isnull=True) | Q(authority__in=chain))
        .filter(about)
        .distinct()
    )


def base_salary_on(day: datetime.date) -> BaseSalary:
    salary = BaseSalary.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
    if salary is None:
        raise CatalogueGap(f"Danh mục chưa có mức lương cơ sở áp dụng ngày {day:%d/%m/%Y}.")
    return salary


def round_up_to(amount: Decimal | int, step: int) -> int:
    return math.ceil(Decimal(amount) / step) * step


def prize_amount(
    award_type: AwardType, nominee_kind: str, decision_date: datetime.date
) -> int | None:
    """Coefficient × lương cơ sở in force on the decision date, rounded up to 10,000 đ.

    A household's prize set as a multiple of the individual's (NĐ 152/2025 Đ54) multiplies the
    individual's amount as paid, already rounded, and rounds the product up again: 0,3 × 2.340.000
    = 702.000 → 710.000 đ for a person, × 1,5 = 1.065.000 → 1.070.000 đ for a household.
    None when the award carries no cash prize for that kind of nominee.
    """
    rules = {rule.nominee_kind: rule for rule in award_type.kind_rules.all()}
    if nominee_kind not in rules:
        raise CatalogueGap(
            f"Danh mục không có quy định “{award_type.code}” cho đối tượng {nominee_kind}."
        )
    base = functools.cache(lambda: base_salary_on(decision_date).amount)
    return _prize(rules, nominee_kind, base)


def _prize(rules: dict[str, AwardKindRule], kind: str, base: Callable[[], int]) -> int | None:
    """The prize for `kind` from one award type's rules; `base` gives the lương cơ sở."""
    rule = rules[kind]
    if rule.times_individual is None:
        if rule.prize_coefficient is None:
            return None
        return round_up_to(rule.prize_coefficient * base(), PRIZE_ROUNDING_DONG)
    individual = rules.get(NomineeKind.INDIVIDUAL)
    if individual is None or individual.prize_coefficient is None:
        raise CatalogueGap(
            f"Danh hiệu {rule.award_type_id}: chưa có mức thưởng cá nhân để tính mức thưởng hộ."
        )
    paid = round_up_to(individual.prize_coefficient * base(), PRIZE_ROUNDING_DONG)
    return round_up_to(rule.times_individual * paid, PRIZE_ROUNDING_DONG)


def decision_lines(decision: Decision) -> QuerySet[DecisionLine]:
    """A decision's lines in golden-book order with what a list of awardees shows."""
    return decision.lines.select_related(
        "nomination__award_type",
        "nomination__person",
        "nomination__household",
        "nomination__collective",
        "nomination__proposing_unit",
    ).order_by("golden_book_number")


# What a unit head picks on the form, and the catalogue kinds each choice may turn out to be:
# a thôn proposed for "Thôn văn hóa" is a village, any other unit a collective.
FORM_NOMINEE_KINDS = {
    "individual": (NomineeKind.INDIVIDUAL,),
    "household": (NomineeKind.HOUSEHOLD,),
    "collective": (NomineeKind.COLLECTIVE, NomineeKind.VILLAGE),
}


def award_types_for_nominee(form_kind: str) -> QuerySet[AwardType]:
    """The award types in use that a nominee of this kind may receive."""
    kinds = FORM_NOMINEE_KINDS.get(form_kind, ())
    return (
        AwardType.objects.filter(is_active=True, kind_rules__nominee_kind__in=kinds)
        .distinct()
        .order_by("sort_order", "name")
    )


# --- pages -------------------------------------------------------------------------------------

LIST_RELATED = (
    "award_type",
    "proposing_unit",
    "period",
    "current_authority",
    "person",
    "household",
    "collective",
)


def nominations_filtered(
    nominations: QuerySet[Nomination],
    *,
    state: str = "",
    authority: int | None = None,
    unit: int | None = None,
    award_type: int | None = None,
    period: int | None = None,
    movement: int | None = None,
    year: int | None = None,
    overdue: bool = False,
    today: datetime.date | None = None,
    q: str = "",
    sort: str = "",
) -> QuerySet[Nomination]:
    """The list page's filters over a queryset already scoped to the user; `q` finds a
    nominee by name, `sort` is one of LIST_SORTS (a leading "-" reverses it)."""
    if q:
        nominations = nominations.filter(
            Q(person__full_name__icontains=q)
            | Q(household__head_name__icontains=q)
            | Q(collective__name__icontains=q)
        )
    if state:
        nominations = nominations.filter(state=state)
    if authority:  # proposed by one of the authority's units
        units = Unit.objects.filter(authority=authority).values("pk")
        nominations = nominations.filter(in_subquery("proposing_unit", units))
    if unit:
        nominations = nominations.filter(proposing_unit_id=unit)
    if award_type:
        nominations = nominations.filter(award_type_id=award_type)
    if period:
        nominations = nominations.filter(period_id=period)
    if movement:
        nominations = nominations.filter(period__movement_id=movement)
    if year:  # the year the achievements count for (award_year): the period's last day's
        nominations = nominations.filter(period__ends_on__year=year)
    if overdue:
        nominations = nominations.filter(
            deadlines__met_at__isnull=True, deadlines__due_on__lt=today
        ).distinct()
    key = sort.removeprefix("-")
    if key in LIST_SORTS:
        field = LIST_SORTS[key]
        ordering = [field.desc() if sort.startswith("-") else field.asc(), "-id"]
    else:
        ordering = ["-updated_at", "-id"]
    return nominations.select_related(*LIST_RELATED).order_by(*ordering)


# The list's sortable columns: what each sorts by.
LIST_SORTS = {
    "nominee": Coalesce("person__full_name", "household__head_name", "collective__name"),
    "award": F("award_type__name"),
    "unit": F("proposing_unit__name"),
    "state": F("state"),
    "updated": F("updated_at"),
}


def dashboard_counts(nominations: QuerySet[Nomination]) -> dict:
    """Counts by state and by award type, and per movement, in three grouped queries."""
    by_state = dict(
        nominations.order_by()
        .values_list("state")
        .annotate(n=Count("id"))
        .values_list("state", "n")
    )
    by_award = list(
        nominations.order_by()
        .values("award_type", "award_type__name")
        .annotate(n=Count("id"))
        .order_by("-n", "award_type__name")
    )
    by_movement_state = list(
        nominations.order_by()
        .values("period__movement", "period__movement__name", "state")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {"by_state": by_state, "by_award": by_award, "by_movement_state": by_movement_state}


def prizes_on(nominations: list[Nomination], day: datetime.date) -> dict[int, int | None]:
    """The prize of each nomination on a decision date, in two queries for any number (None
    where the award has no rule for that kind of nominee)."""
    base = functools.cache(lambda: base_salary_on(day).amount)
    rules: dict[int, dict[str, AwardKindRule]] = defaultdict(dict)
    for rule in AwardKindRule.objects.filter(
        award_type_id__in={n.award_type_id for n in nominations}
    ):
        rules[rule.award_type_id][rule.nominee_kind] = rule
    prizes = {}
    for nomination in nominations:
        of_award = rules[nomination.award_type_id]
        prizes[nomination.pk] = (
            _prize(of_award, nomination.nominee_kind, base)
            if nomination.nominee_kind in of_award
            else None
        )
    return prizes
