"""The prize-payment list of a decision (danh sách chi tiền thưởng): who is paid how much, the
total per award and in all, and the lines that carry no money with the reason. The accountant
pays from it and the auditor reconciles it with the award register."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from nominations.documents.vietnamese import money_in_words
from nominations.models import DecisionLine


@dataclass(frozen=True)
class Payment:
    number: int
    nominee: str
    unit: str
    award: str
    amount: int
    golden_book_number: int


@dataclass(frozen=True)
class AwardTotal:
    award: str
    count: int
    amount: int


@dataclass(frozen=True)
class PaymentList:
    payments: list[Payment]
    unpaid: list[tuple[str, str, str]]  # nominee, award, why no money
    by_award: list[AwardTotal]
    total: int

    @property
    def total_in_words(self) -> str:
        return money_in_words(self.total)


def prize_payments(lines: Iterable[DecisionLine]) -> PaymentList:
    """From a decision's lines as `decision_lines` reads them (no further query)."""
    payments, unpaid, totals = [], [], {}
    for line in lines:
        nomination = line.nomination
        award = nomination.award_type.name
        if not line.prize_amount:
            unpaid.append((str(nomination.nominee), award, line.prize_note or "—"))
            continue
        payments.append(
            Payment(
                number=len(payments) + 1,
                nominee=str(nomination.nominee),
                unit=nomination.proposing_unit.name,
                award=award,
                amount=line.prize_amount,
                golden_book_number=line.golden_book_number,
            )
        )
        count, amount = totals.get(award, (0, 0))
        totals[award] = (count + 1, amount + line.prize_amount)
    by_award = [AwardTotal(award, count, amount) for award, (count, amount) in totals.items()]
    return PaymentList(payments, unpaid, by_award, sum(p.amount for p in payments))
