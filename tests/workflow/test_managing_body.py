"""Who decides depends on who manages the nominee (Luật TĐKT 2022 Đ80): before 01/07/2025 a
teacher of a district-run school had LĐTT from the district chairman, a villager from the
commune's; the default rows stay for everyone else."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from core.errors import InvalidInput
from councils.models import Authority, Unit, UnitManagement
from nominations.models import AwardType, Nomination
from nominations.selectors import decision_rules_for
from tests import factories
from workflow import services as workflow_services
from workflow.actions import deciding_level

pytestmark = pytest.mark.django_db
D = datetime.date
LDTT = "lao-dong-tien-tien"


@pytest.fixture
def school(world):
    unit = factories.unit(world.commune, kind=Unit.Kind.SCHOOL)
    UnitManagement.objects.create(
        unit=unit,
        level=Authority.Level.DISTRICT,
        valid_to=D(2025, 6, 30),
        legal_basis="NĐ 24/2021/NĐ-CP",
    )
    return unit


def _awaiting(world, unit, year: int) -> Nomination:
    nomination = factories.nomination(
        unit_=unit,
        award_type=AwardType.objects.get(code=LDTT),
        period_=factories.period(world.commune, year=year),
        person=factories.person(unit),
    )
    Nomination.objects.filter(pk=nomination.pk).update(state=Nomination.State.AWAITING_DECISION)
    nomination.refresh_from_db()
    return nomination


def test_a_teacher_of_a_district_run_school_gets_ldtt_from_the_district_in_2024(world, school):
    teacher, villager = _awaiting(world, school, 2024), _awaiting(world, world.unit, 2024)
    assert deciding_level(teacher, D(2024, 12, 10)) == Authority.Level.DISTRICT
    assert deciding_level(villager, D(2024, 12, 10)) == Authority.Level.COMMUNE
    # After the reform the school is the commune's and so is the decision.
    assert deciding_level(teacher, D(2025, 12, 10)) == Authority.Level.COMMUNE


def test_the_commune_chairman_cannot_sign_the_teachers_2024_ldtt(world, school, settings):
    teacher, villager = _awaiting(world, school, 2024), _awaiting(world, world.unit, 2024)
    with pytest.raises(InvalidInput) as refused:
        workflow_services.nominations_approve(
            nominations=[teacher, villager],
            actor=world["chairman"],
            number="60/QĐ-UBND",
            issued_on=D(2024, 12, 20),
        )
    assert any("cấp huyện" in reason for reason in refused.value.reasons)
    teacher.refresh_from_db()
    villager.refresh_from_db()
    assert (teacher.state, villager.state) == (Nomination.State.AWAITING_DECISION,) * 2
    decision = workflow_services.nominations_approve(
        nominations=[villager],
        actor=world["chairman"],
        number="61/QĐ-UBND",
        issued_on=D(2024, 12, 20),
    )
    assert decision.lines.count() == 1


def test_rules_for_many_nominees_are_read_in_constant_queries(
    world, school, django_assert_max_num_queries
):
    rows = [_awaiting(world, school, 2024) for _ in range(3)]
    rows += [_awaiting(world, world.unit, 2024) for _ in range(3)]
    with django_assert_max_num_queries(3):
        few = decision_rules_for(rows[:2], D(2024, 12, 10))
    with django_assert_max_num_queries(3):
        many = decision_rules_for(rows, D(2024, 12, 10))
    assert few[rows[0].pk].level == Authority.Level.DISTRICT
    assert [many[row.pk].level for row in rows] == ["district"] * 3 + ["commune"] * 3


def test_two_managing_rows_of_one_unit_may_not_overlap(school):
    overlapping = UnitManagement(
        unit=school, level=Authority.Level.PROVINCE, valid_from=D(2025, 1, 1), legal_basis="x"
    )
    with pytest.raises(ValidationError):
        overlapping.full_clean()
    after = UnitManagement(
        unit=school, level=Authority.Level.PROVINCE, valid_from=D(2025, 7, 1), legal_basis="x"
    )
    after.full_clean()
