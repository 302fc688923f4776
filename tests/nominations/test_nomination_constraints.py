import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from councils.models import Unit
from nominations.models import Nomination
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    _province, _district, commune = factories.commune_tree()
    village = factories.unit(commune, Unit.Kind.VILLAGE)
    return {
        "commune": commune,
        "village": village,
        "period": factories.period(commune),
        "cstdcs": factories.award("chien-si-thi-dua-co-so"),
        "giay_khen": factories.award("giay-khen-chu-tich-xa"),
    }


def _unsaved(world, **fields) -> Nomination:
    defaults = {
        "proposing_unit": world["village"],
        "award_type": world["cstdcs"],
        "period": world["period"],
        "achievements": "x",
        "current_authority": world["commune"],
    }
    return Nomination(**{**defaults, **fields})


def _second(world, **nominee):
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.nomination(
            unit_=world["village"],
            award_type=world["giay_khen"],
            period_=world["period"],
            **nominee,
        )


def test_a_second_open_nomination_for_the_same_person_award_and_period_is_refused(world):
    nominee = factories.person(world["village"])
    factories.nomination(
        unit_=world["village"], award_type=world["cstdcs"], period_=world["period"], person=nominee
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.nomination(
            unit_=world["village"],
            award_type=world["cstdcs"],
            period_=world["period"],
            person=nominee,
        )
    assert Nomination.objects.filter(person=nominee).count() == 1


def test_the_same_rule_holds_for_households_and_collectives(world):
    home = factories.household(world["village"])
    factories.nomination(
        unit_=world["village"],
        award_type=world["giay_khen"],
        period_=world["period"],
        household=home,
    )
    _second(world, household=home)
    factories.nomination(
        unit_=world["village"],
        award_type=world["giay_khen"],
        period_=world["period"],
        collective=world["village"],
    )
    _second(world, collective=world["village"])


@pytest.mark.parametrize("state", Nomination.RELEASED_STATES)
def test_after_a_refusal_withdrawal_or_revocation_the_unit_may_propose_again(world, state):
    nominee = factories.person(world["village"])
    first = factories.nomination(
        unit_=world["village"], award_type=world["cstdcs"], period_=world["period"], person=nominee
    )
    Nomination.objects.filter(pk=first.pk).update(state=state)
    factories.nomination(
        unit_=world["village"], award_type=world["cstdcs"], period_=world["period"], person=nominee
    )
    assert Nomination.objects.filter(person=nominee).count() == 2


def test_an_approved_award_blocks_a_second_one_for_the_same_period(world):
    nominee = factories.person(world["village"])
    first = factories.nomination(
        unit_=world["village"], award_type=world["cstdcs"], period_=world["period"], person=nominee
    )
    Nomination.objects.filter(pk=first.pk).update(state=Nomination.State.APPROVED)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.nomination(
            unit_=world["village"],
            award_type=world["cstdcs"],
            period_=world["period"],
            person=nominee,
        )


def test_another_period_or_award_is_a_different_nomination(world):
    nominee = factories.person(world["village"])
    factories.nomination(
        unit_=world["village"], award_type=world["cstdcs"], period_=world["period"], person=nominee
    )
    factories.nomination(
        unit_=world["village"],
        award_type=world["cstdcs"],
        period_=factories.period(world["commune"], year=2026),
        person=nominee,
    )
    factories.nomination(
        unit_=world["village"],
        award_type=world["giay_khen"],
        period_=world["period"],
        person=nominee,
    )
    assert Nomination.objects.filter(person=nominee).count() == 3


def test_the_nominee_must_match_the_declared_kind(world):
    wrong_nominee = {"household": factories.household(world["village"])}
    for nominee in (wrong_nominee, {}):  # a household as an individual; no nominee at all
        with pytest.raises(IntegrityError), transaction.atomic():
            _unsaved(world, nominee_kind="individual", **nominee).save()
    assert not Nomination.objects.exists()


def test_validation_explains_an_award_that_does_not_fit_the_nominee_kind(world):
    nomination = _unsaved(
        world, nominee_kind="household", household=factories.household(world["village"])
    )
    with pytest.raises(ValidationError) as raised:
        nomination.full_clean()
    assert "award_type" in raised.value.message_dict


def test_validation_refuses_a_person_of_another_unit(world):
    school = factories.unit(world["commune"], Unit.Kind.SCHOOL)
    nomination = _unsaved(world, nominee_kind="individual", person=factories.person(school))
    with pytest.raises(ValidationError) as raised:
        nomination.full_clean()
    assert "person" in raised.value.message_dict


def test_validation_refuses_a_second_open_nomination_with_a_clear_message(world):
    nominee = factories.person(world["village"])
    factories.nomination(
        unit_=world["village"], award_type=world["cstdcs"], period_=world["period"], person=nominee
    )
    duplicate = _unsaved(world, nominee_kind="individual", person=nominee)
    with pytest.raises(ValidationError) as raised:
        duplicate.full_clean()
    assert "đang xử lý" in str(raised.value)


def test_field_history_is_kept(world):
    nomination = factories.nomination(
        unit_=world["village"],
        award_type=world["cstdcs"],
        period_=world["period"],
        person=factories.person(world["village"]),
    )
    nomination.achievements = "Có sáng kiến được công nhận."
    nomination.save()
    assert [h.achievements for h in nomination.history.order_by("history_id")] == [
        "Hoàn thành xuất sắc nhiệm vụ.",
        "Có sáng kiến được công nhận.",
    ]
