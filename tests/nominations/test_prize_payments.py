"""The danh sách chi tiền thưởng of a decision: who is paid how much, totals per award and in
all (in figures and words), the unpaid lines with their reason; on the page and in Excel."""

from __future__ import annotations

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from nominations.models import AwardType, Nomination
from tests import factories
from workflow.services import nominations_approve

pytestmark = pytest.mark.django_db
S = Nomination.State
DECIDED_ON = datetime.date(2026, 12, 1)  # lương cơ sở 2.530.000 đ


def _awaiting(world, code: str, person, year: int = 2026) -> Nomination:
    nomination = factories.nomination(
        unit_=world.unit,
        award_type=AwardType.objects.get(code=code),
        period_=factories.period(world.commune, year=year),
        person=person,
    )
    Nomination.objects.filter(pk=nomination.pk).update(state=S.AWAITING_DECISION)
    return nomination


@pytest.fixture
def decision(world):
    """Two LĐTT (760.000 each), one CSTĐCS (2.530.000) for a person who also has LĐTT in the
    same decision: that LĐTT is listed but not paid (NĐ 152 Đ49)."""
    twice = factories.person(world.unit)
    rows = [
        _awaiting(world, "lao-dong-tien-tien", factories.person(world.unit)),
        _awaiting(world, "lao-dong-tien-tien", factories.person(world.unit)),
        _awaiting(world, "lao-dong-tien-tien", twice),
        _awaiting(world, "chien-si-thi-dua-co-so", twice),
    ]
    return nominations_approve(
        nominations=rows, actor=world["chairman"], number="30/QĐ-UBND", issued_on=DECIDED_ON
    )


def test_the_page_shows_totals_per_award_in_figures_and_words_and_the_unpaid_line(
    client, world, decision
):
    client.force_login(world["chairman"])
    page = client.get(reverse("nominations:decision", args=[decision.pk])).content.decode()
    section = page[page.index('id="prize-payments"') :]
    assert "Lao động tiên tiến</td><td>2</td><td>1.520.000 đ" in section
    assert "Chiến sĩ thi đua cơ sở</td><td>1</td><td>2.530.000 đ" in section
    assert "4.050.000 đ" in section  # 2 × 760.000 + 2.530.000
    assert "Bốn triệu không trăm năm mươi nghìn đồng" in section
    assert "Không chi tiền thưởng (đã nhận mức cao hơn)" in section


def test_the_excel_list_has_one_row_per_payee_the_total_and_the_unpaid_reason(
    client, world, decision
):
    client.force_login(world["chairman"])
    response = client.get(reverse("nominations:prize_payments_xlsx", args=[decision.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "DANH SÁCH CHI TIỀN THƯỞNG"
    assert "30/QĐ-UBND ngày 01/12/2026" in rows[1][0]
    header = rows.index(next(r for r in rows if r and r[0] == "STT"))
    payees = [r for r in rows[header + 1 :] if isinstance(r[0], int)]
    assert [r[0] for r in payees] == [1, 2, 3]
    assert sorted(r[5] for r in payees) == [760_000, 760_000, 2_530_000]
    total = next(r for r in rows if r[1] == "Tổng cộng")
    assert total[5] == sum(r[5] for r in payees) == 4_050_000
    assert any(r[1] == "Bằng chữ: Bốn triệu không trăm năm mươi nghìn đồng." for r in rows)
    unpaid = [r for r in rows if r[1] and str(r[1]).startswith("Không chi:")]
    assert len(unpaid) == 1
    assert "Lao động tiên tiến" in unpaid[0][1]
    assert sheet.cell(row=header + 2, column=6).number_format == "#,##0"


def test_the_list_costs_the_same_for_a_longer_decision(client, world):
    def cost(size: int) -> int:
        rows = [
            _awaiting(world, "lao-dong-tien-tien", factories.person(world.unit))
            for _ in range(size)
        ]
        decided = nominations_approve(
            nominations=rows, actor=world["chairman"], number=f"{size}/QĐ-UBND",
            issued_on=DECIDED_ON,
        )  # fmt: skip
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("nominations:prize_payments_xlsx", args=[decided.pk]))
        assert response.status_code == 200
        with CaptureQueriesContext(connection) as page:
            assert client.get(reverse("nominations:decision", args=[decided.pk])).status_code == 200
        return len(captured), len(page)

    client.force_login(world["chairman"])
    client.get(reverse("nominations:decisions"))  # the session's first write
    assert cost(2) == cost(12)


def test_a_decision_without_money_says_so(client, world):
    household = factories.household(world.unit)
    nomination = factories.nomination(
        unit_=world.unit, award_type=AwardType.objects.get(code="gia-dinh-van-hoa"),
        period_=world.period, household=household,
    )  # fmt: skip
    Nomination.objects.filter(pk=nomination.pk).update(state=S.AWAITING_DECISION)
    decided = nominations_approve(
        nominations=[nomination], actor=world["chairman"], number="31/QĐ-UBND",
        issued_on=DECIDED_ON,
    )  # fmt: skip
    client.force_login(world["chairman"])
    page = client.get(reverse("nominations:decision", args=[decided.pk])).content.decode()
    assert "Quyết định này không chi tiền thưởng." in page
