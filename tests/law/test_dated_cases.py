"""Dated legal cases: each row is one rule of the law applied on one date, with the article it
comes from. A row that fails names the rule and its source (design.md §6, domain.md §6)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import pytest

from workflow.models import CalendarException
from workflow.selectors import add_working_days, is_working_day

pytestmark = pytest.mark.django_db
D = datetime.date.fromisoformat


@dataclass(frozen=True)
class DueDate:
    """`days` working days after `start` fall due on `due`."""

    basis: str
    start: str
    days: int
    due: str


DUE_DATES = [
    DueDate(
        "Bộ luật Lao động 2019 Đ112 (Tết Nguyên đán 2026: nghỉ 14–22/02/2026)",
        "2026-02-13",
        1,
        "2026-02-23",
    ),
    DueDate(
        "QĐ 638/QĐ-BNV: thẩm định trong 20 ngày làm việc, qua Tết 2026",
        "2026-02-02",
        20,
        "2026-03-09",
    ),
    DueDate(
        "Làm bù thứ Bảy 22/08/2026 cho thứ Hai 31/08/2026 (holidays: weekend_workdays)",
        "2026-08-21",
        1,
        "2026-08-22",
    ),
    DueDate(
        "Nghỉ thứ Hai 31/08/2026 đã hoán đổi; Quốc khánh 01–02/09/2026 (BLLĐ Đ112)",
        "2026-08-28",
        1,
        "2026-09-03",
    ),
    DueDate(
        "Làm bù thứ Bảy 26/04/2025 cho thứ Sáu 02/05/2025",
        "2025-04-25",
        1,
        "2025-04-26",
    ),
    DueDate(
        "Tết Dương lịch 2026: 01/01 nghỉ lễ, 02/01 hoán đổi (CV 12729/VPCP-KGVX ngày 25/12/2025)",
        "2025-12-31",
        1,
        "2026-01-05",
    ),
    DueDate(
        "Làm bù thứ Bảy 10/01/2026 cho thứ Sáu 02/01/2026 (CV 12729/VPCP-KGVX)",
        "2026-01-09",
        1,
        "2026-01-10",
    ),
    DueDate(
        "Ngày thường: thứ Bảy, Chủ nhật là ngày nghỉ hằng tuần (BLLĐ 2019 Đ111)",
        "2024-11-29",
        1,
        "2024-12-02",
    ),
]


@pytest.mark.parametrize("case", DUE_DATES, ids=lambda case: f"{case.start}+{case.days}")
def test_due_dates_count_working_days_as_announced(case):
    assert add_working_days(D(case.start), case.days) == D(case.due), case.basis


def test_an_administrator_records_next_years_swap_and_deadlines_follow():
    """A swap the package does not know yet (Tết Dương lịch 2027, as an example) is one row."""
    assert is_working_day(D("2027-01-02")) is False  # a Saturday
    CalendarException.objects.create(day=D("2027-01-02"), is_working_day=True, note="Làm bù")
    CalendarException.objects.create(day=D("2027-01-04"), is_working_day=False, note="Nghỉ bù")
    assert add_working_days(D("2026-12-31"), 1) == D("2027-01-02")
    assert add_working_days(D("2027-01-02"), 1) == D("2027-01-05")
