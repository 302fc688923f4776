"""Writing and reading the award ledger (nominations.models.AwardRecord).

The ledger is filled by decisions made here, by outcomes recorded from higher levels and by
awards from before the system; cross-year eligibility and the one-payment rule read it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from accounts.models import User
from councils.roles import acts_for_unit, is_standing_office, may_decide, signed_in
from councils.selectors import auditor_scope
from nominations.models import (
    AwardRecord,
    AwardType,
    Decision,
    DecisionLine,
    Nomination,
    Period,
    Person,
)
from nominations.models.nominee_links import NOMINEE_FIELDS


def award_year(nomination: Nomination) -> int:
    """The year an award counts for: the year its period ends in."""
    return nomination.period.ends_on.year


def nominee_key(nomination: Nomination) -> tuple[str, int]:
    """("person", 12): which ledger column names this nominee, and its id."""
    for field in NOMINEE_FIELDS:
        value = getattr(nomination, f"{field}_id")
        if value is not None:
            return field, value
    raise ValueError(f"nomination {nomination.pk} names no nominee")


def ledger_for(field: str, nominee_id: int) -> QuerySet[AwardRecord]:
    return (
        AwardRecord.objects.filter(**{field: nominee_id})
        .select_related("award_type", "issuing_authority")
        .order_by("-year", "-decision_date", "-id")
    )


def _unit_of(nomination: Nomination) -> int:
    """The nominee's unit: a collective is its own; a person or household belongs to the unit
    that proposes them (Nomination.clean), so no row need be read."""
    return nomination.collective_id or nomination.proposing_unit_id


def ledger_record_lines(decision: Decision, lines: Sequence[DecisionLine]) -> list[AwardRecord]:
    """One ledger row per line of a decision (made here or recorded from a higher level)."""
    source = (
        AwardRecord.Source.HIGHER_LEVEL
        if decision.recorded_from_higher_level
        else AwardRecord.Source.DECISION
    )
    records = []
    for line in lines:
        nomination = line.nomination
        field, nominee_id = nominee_key(nomination)
        records.append(
            AwardRecord(
                **{f"{field}_id": nominee_id},
                unit_id=_unit_of(nomination),
                award_type_id=nomination.award_type_id,
                year=award_year(nomination),
                kind=nomination.period.kind,
                decision_number=decision.number,
                decision_date=decision.issued_on,
                issuing_authority=decision.authority,
                issuing_authority_name=decision.authority.full_name,
                source=source,
                decision_line=line,
                prize_amount=line.prize_amount,
            )
        )
    return AwardRecord.objects.bulk_create(records)


def grounds_for_merit() -> QuerySet[AwardRecord]:
    """Ledger rows that may ground an award on merit: unrevoked and annual (NĐ 152/2025 Đ4:
    the results of đột xuất or chuyên đề awards are never grounds for công trạng)."""
    return AwardRecord.objects.filter(revoked_on__isnull=True, kind=Period.Kind.YEAR)


def ledger_revoke(nomination: Nomination, *, day, note: str) -> int:
    """Mark the nomination's award revoked; it stays in the ledger, shown as revoked."""
    return AwardRecord.objects.filter(
        decision_line__nomination=nomination, revoked_on__isnull=True
    ).update(revoked_on=day, revocation_note=note[:500])


# --- the one-payment rule (NĐ 152/2025 Đ49; domain.md rule 34) ------------------------------

NOT_PAID = "Không chi tiền thưởng (đã nhận mức cao hơn)"


@dataclass(frozen=True)
class Payment:
    amount: int | None
    note: str = ""


def _counts_annually(award_type: AwardType) -> bool:
    """Titles counted over the same year: only the highest is paid."""
    return award_type.category == AwardType.Category.TITLE and award_type.for_annual


def annual_payments(rows: Sequence[Nomination], full: dict[int, int | None]) -> dict[int, Payment]:
    """What each row of a decision is paid, given its full prize (`full`, by nomination id).

    Several emulation titles of the same year for one nominee: only the highest is paid (NĐ
    152/2025 Đ49). A lower one gets nothing and says why; a higher one after a lower one
    already paid gets the difference, so the year's total is the highest prize [U: the text
    says "chỉ nhận mức cao nhất"; paying the difference is this system's reading]. One query."""
    payments = {row.pk: Payment(full[row.pk]) for row in rows}
    annual = [row for row in rows if _counts_annually(row.award_type) and full[row.pk]]
    if not annual:
        return payments
    keys = {(nominee_key(row), award_year(row)) for row in annual}
    condition = Q()
    for (field, nominee_id), year in keys:
        condition |= Q(**{field: nominee_id, "year": year})
    paid: dict[tuple, int] = {}
    earlier = AwardRecord.objects.filter(
        condition,
        revoked_on__isnull=True,
        award_type__category=AwardType.Category.TITLE,
        award_type__for_annual=True,
        prize_amount__gt=0,
    ).values_list(*NOMINEE_FIELDS, "year", "prize_amount")
    for *ids, year, amount in earlier:
        field, nominee_id = next((f, v) for f, v in zip(NOMINEE_FIELDS, ids, strict=True) if v)
        key = ((field, nominee_id), year)
        paid[key] = max(paid.get(key, 0), amount)
    groups: dict[tuple, list[Nomination]] = {}
    for row in annual:
        groups.setdefault((nominee_key(row), award_year(row)), []).append(row)
    for key, group in groups.items():
        group.sort(key=lambda row: (-(full[row.pk] or 0), row.pk))
        highest, lower = group[0], group[1:]
        already = paid.get(key, 0)
        for row in lower:
            payments[row.pk] = Payment(0, NOT_PAID)
        amount = full[highest.pk] or 0
        if already >= amount:
            payments[highest.pk] = Payment(0, NOT_PAID)
        elif already:
            payments[highest.pk] = Payment(
                amount - already,
                _("Chi phần chênh lệch (đã nhận %(paid)s đồng trong năm)")
                % {"paid": f"{already:,}".replace(",", ".")},
            )
    return payments


# --- who reads a person's ledger -----------------------------------------------------------


def may_read_person(user: User | AnonymousUser | None, person: Person) -> bool:
    """The person's unit (its head or deputy), the office, chairman and deciding vice-chairman
    of the unit's authority, and auditors whose scope includes it."""
    if not signed_in(user):
        return False
    if user.is_superuser:
        return True
    authority = person.unit.authority
    if acts_for_unit(user, person.unit) or is_standing_office(user, authority):
        return True
    if may_decide(user, authority):
        return True
    scope = auditor_scope(user)
    return scope is None or authority.pk in scope


def person_get_for_user(user: User | AnonymousUser | None, pk: int) -> Person:
    """The person if this user may read their ledger; otherwise 404, as if absent."""
    person = Person.objects.select_related("unit__authority").filter(pk=pk).first()
    if person is None or not may_read_person(user, person):
        raise Http404("Không tìm thấy cá nhân.")
    return person
