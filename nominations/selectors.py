"""Reads over the award catalogue: who decides an award on a date, and the prize on a date."""

from __future__ import annotations

import datetime
import math
from decimal import Decimal

from django.db.models import Q

from nominations.models import AwardDecisionRule, AwardKindRule, AwardType, BaseSalary

# NĐ 152/2025 Đ49: prize money is rounded up to the next 10,000 đồng.
PRIZE_ROUNDING_DONG = 10_000


class CatalogueGap(LookupError):
    """The catalogue has no row for the date asked (a configuration error to fix in admin)."""


def award_decision_rule_on(award_type: AwardType, day: datetime.date) -> AwardDecisionRule:
    """The rule in force on `day`: which level decides, and on what legal basis."""
    rule = (
        AwardDecisionRule.objects.filter(award_type=award_type)
        .filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .first()
    )
    if rule is None:
        raise CatalogueGap(f"No decision rule for {award_type.code} on {day:%d/%m/%Y}")
    return rule


def base_salary_on(day: datetime.date) -> BaseSalary:
    salary = BaseSalary.objects.filter(valid_from__lte=day).order_by("-valid_from").first()
    if salary is None:
        raise CatalogueGap(f"No base salary in force on {day:%d/%m/%Y}")
    return salary


def round_up_to(amount: Decimal | int, step: int) -> int:
    return math.ceil(Decimal(amount) / step) * step


def prize_amount(
    award_type: AwardType, nominee_kind: str, decision_date: datetime.date
) -> int | None:
    """Coefficient × lương cơ sở in force on the decision date, rounded up to 10,000 đ.

    None when the award carries no cash prize for that kind of nominee.
    """
    rule = AwardKindRule.objects.filter(award_type=award_type, nominee_kind=nominee_kind).first()
    if rule is None:
        raise CatalogueGap(f"{award_type.code} is not awarded to {nominee_kind}")
    if rule.prize_coefficient is None:
        return None
    base = base_salary_on(decision_date).amount
    return round_up_to(rule.prize_coefficient * base, PRIZE_ROUNDING_DONG)
