import datetime

import pytest

from nominations.formatting import format_dong
from nominations.selectors import CatalogueGap, base_salary_on, prize_amount, round_up_to
from tests import factories

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.mark.parametrize(
    ("day", "amount"),
    [
        (D(2023, 7, 1), 1_800_000),
        (D(2024, 6, 30), 1_800_000),
        (D(2024, 7, 1), 2_340_000),
        (D(2026, 6, 30), 2_340_000),
        (D(2026, 7, 1), 2_530_000),
        (D(2027, 1, 1), 2_530_000),
    ],
)
def test_base_salary_in_force_on_a_date(day, amount):
    assert base_salary_on(day).amount == amount


@pytest.mark.parametrize(
    ("code", "kind", "day", "prize"),
    [
        # 0.3 × 2,340,000 = 702,000 → rounded up to 710,000
        ("lao-dong-tien-tien", "individual", D(2025, 12, 1), 710_000),
        ("lao-dong-tien-tien", "individual", D(2026, 6, 30), 710_000),
        # 0.3 × 2,530,000 = 759,000 → 760,000 from the day the new base salary applies
        ("lao-dong-tien-tien", "individual", D(2026, 7, 1), 760_000),
        ("chien-si-thi-dua-co-so", "individual", D(2025, 12, 1), 2_340_000),
        ("chien-si-thi-dua-co-so", "individual", D(2026, 7, 1), 2_530_000),
        # 0.8 × 2,530,000 = 2,024,000 → 2,030,000
        ("tap-the-lao-dong-tien-tien", "collective", D(2026, 7, 1), 2_030_000),
        # Giấy khen: collective 0.6 × 2,340,000 = 1,404,000 → 1,410,000
        ("giay-khen-chu-tich-xa", "collective", D(2025, 12, 1), 1_410_000),
        # household = 1.5 × the individual's rounded prize (NĐ 152 Đ54): 710,000 × 1.5 =
        # 1,065,000 → 1,070,000 (not 0.45 × 2,340,000 = 1,053,000 → 1,060,000)
        ("giay-khen-chu-tich-xa", "household", D(2025, 12, 1), 1_070_000),
        ("thon-to-dan-pho-van-hoa", "village", D(2025, 12, 1), 3_510_000),
    ],
)
def test_prize_is_coefficient_times_base_salary_on_decision_date_rounded_up(code, kind, day, prize):
    assert prize_amount(factories.award(code), kind, day) == prize


def test_an_award_without_a_cash_prize_has_none():
    assert prize_amount(factories.award("gia-dinh-van-hoa"), "household", D(2025, 12, 1)) is None


def test_an_award_not_given_to_that_kind_of_nominee_is_a_catalogue_gap():
    with pytest.raises(CatalogueGap):
        prize_amount(factories.award("chien-si-thi-dua-co-so"), "household", D(2025, 12, 1))


def test_no_base_salary_before_the_first_row():
    with pytest.raises(CatalogueGap):
        base_salary_on(D(2010, 1, 1))


def test_round_up_keeps_exact_multiples_and_raises_the_rest():
    assert round_up_to(2_340_000, 10_000) == 2_340_000
    assert round_up_to(2_340_001, 10_000) == 2_350_000
    assert round_up_to(1, 10_000) == 10_000


def test_money_is_written_the_vietnamese_way():
    assert format_dong(1_060_000) == "1.060.000 đ"


def test_the_decision_queue_shows_the_prize_the_decision_will_pay(world):
    """prizes_on (the queue, batched) and prize_amount (the decision) agree for every kind."""
    from nominations.selectors import prizes_on

    award = factories.award("giay-khen-chu-tich-xa")
    person_one = world.nomination("giay-khen-chu-tich-xa")
    household = factories.household(world.unit)
    by_household = factories.nomination(
        unit_=world.unit, award_type=award, period_=world.period, household=household
    )
    day = D(2025, 12, 1)
    prizes = prizes_on([person_one, by_household], day)
    assert prizes == {
        person_one.pk: prize_amount(award, "individual", day),
        by_household.pk: prize_amount(award, "household", day),
    }
    assert prizes[by_household.pk] == 1_070_000
