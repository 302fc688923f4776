"""Annual titles belong to a year, not to a half-year đợt (Luật TĐKT 2022 Đ8; issue 18 §3):
LĐTT, CSTĐCS, TTLĐTT… are "năm 2024"; a movement's đợt and chuyên đề carry its own awards,
and an ad-hoc feat is its own kind. The catalogue's for_annual / for_campaign / for_ad_hoc
flags decide which award a period may carry."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.apps import apps as django_apps

from core.errors import InvalidInput
from nominations import services as nomination_services
from nominations.models import Movement, Nomination, Period
from tests import factories

pytestmark = pytest.mark.django_db
D = datetime.date


def _period(world, kind: str, name: str, starts: D, ends: D) -> Period:
    return Period.objects.create(
        movement=world.period.movement, name=name, kind=kind, starts_on=starts, ends_on=ends
    )


def _propose(world, code: str, period: Period) -> Nomination:
    return nomination_services.nomination_create(
        actor=world["unit_head"],
        unit=world.unit,
        award_type=factories.award(code),
        period=period,
        achievements="Hoàn thành tốt nhiệm vụ.",
        person=factories.person(world.unit),
    )


@pytest.mark.parametrize(
    ("code", "kind", "accepted"),
    [
        ("lao-dong-tien-tien", "year", True),
        ("lao-dong-tien-tien", "campaign", False),  # an annual title is never a đợt's award
        ("lao-dong-tien-tien", "ad_hoc", False),
        ("chien-si-thi-dua-co-so", "campaign", False),
        ("giay-khen-chu-tich-xa", "year", True),  # Giấy khen: all three kinds (Luật Đ8, Đ75)
        ("giay-khen-chu-tich-xa", "campaign", True),
        ("giay-khen-chu-tich-xa", "ad_hoc", True),
    ],
)
def test_the_catalogue_flags_decide_which_period_an_award_is_given_for(world, code, kind, accepted):
    movement = world.period.movement
    period = (
        world.period
        if kind == "year"
        else _period(world, kind, f"Đợt {kind}", movement.starts_on, movement.ends_on)
    )
    before = Nomination.objects.count()
    if accepted:
        assert _propose(world, code, period).period == period
        return
    with pytest.raises(InvalidInput) as refused:
        _propose(world, code, period)
    assert "không xét cho" in " ".join(refused.value.reasons)
    assert Nomination.objects.count() == before


def test_a_year_period_spans_at_most_a_year_and_is_named_by_its_year(world):
    from django.core.exceptions import ValidationError

    movement = Movement.objects.create(
        authority=world.commune, name="Phong trào năm học", kind=Movement.Kind.REGULAR,
        starts_on=D(2024, 9, 1), ends_on=D(2026, 8, 31),
    )  # fmt: skip
    school_year = Period(
        movement=movement, name="Năm học 2024-2025", kind="year",
        starts_on=D(2024, 9, 1), ends_on=D(2025, 8, 31),
    )  # fmt: skip
    school_year.full_clean()
    assert school_year.label == "năm học 2024 - 2025"
    assert world.period.label == "năm 2026"
    too_long = Period(
        movement=movement, name="Hai năm", kind="year",
        starts_on=D(2024, 9, 1), ends_on=D(2025, 9, 30),
    )  # fmt: skip
    with pytest.raises(ValidationError):
        too_long.full_clean()


def test_a_decision_on_annual_titles_says_the_year(world):
    from nominations.documents.contexts import decision_context
    from workflow.services import nominations_approve

    waiting = world.nomination(state=Nomination.State.AWAITING_DECISION)
    decision = nominations_approve(
        nominations=[waiting], actor=world["chairman"], number="40/QĐ-UBND",
        issued_on=D(2026, 12, 1),
    )  # fmt: skip
    context = decision_context(decision)
    assert context["subject"] == "Về việc tặng danh hiệu “Lao động tiên tiến” năm 2026"
    assert context["article_1"].startswith("Tặng danh hiệu “Lao động tiên tiến” năm 2026 cho")


def test_the_migration_moves_annual_titles_from_a_dot_to_its_year_with_history(world):
    """The demo's 2024 LĐTT was counted over "Đợt 2/2024": it becomes "Năm 2024"."""
    migration = importlib.import_module(
        "nominations.migrations.0017_annual_titles_belong_to_a_year"
    )
    movement = Movement.objects.create(
        authority=world.commune, name="Phong trào 2024", kind=Movement.Kind.REGULAR,
        starts_on=D(2024, 1, 1), ends_on=D(2024, 12, 29),
    )  # fmt: skip
    dot_2 = Period.objects.create(
        movement=movement, name="Đợt 2/2024", kind="campaign",
        starts_on=D(2024, 7, 1), ends_on=D(2024, 12, 29),
    )  # fmt: skip
    person = factories.person(world.unit)
    ldtt = factories.nomination(
        unit_=world.unit, award_type=factories.award("lao-dong-tien-tien"), period_=dot_2,
        person=person,
    )  # fmt: skip
    giay_khen = factories.nomination(
        unit_=world.unit, award_type=factories.award("giay-khen-chu-tich-xa"), period_=dot_2,
        person=person,
    )  # fmt: skip

    Period.objects.filter(pk=world.period.pk).update(kind="campaign")  # as before the migration

    migration.annual_titles_on_years(django_apps, None)

    ldtt.refresh_from_db()
    giay_khen.refresh_from_db()
    assert ldtt.period.kind == Period.Kind.YEAR
    assert ldtt.period.label == "năm 2024"
    assert (ldtt.period.starts_on, ldtt.period.ends_on) == (D(2024, 1, 1), D(2024, 12, 29))
    assert giay_khen.period == dot_2  # the movement's own award stays on its đợt
    assert ldtt.history.first().history_change_reason == migration.MOVED_BECAUSE
    world.period.refresh_from_db()
    assert world.period.kind == Period.Kind.YEAR  # a whole calendar year was already a year
