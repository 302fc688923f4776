import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from councils.models import Authority, Council, CouncilMember, Membership, Unit
from tests import factories

pytestmark = pytest.mark.django_db
D = datetime.date


def test_a_commune_answers_to_its_district_before_the_reform_and_the_province_after():
    province, district, commune = factories.commune_tree()
    assert commune.superior_on(D(2025, 6, 30)) == district
    assert commune.superior_on(D(2025, 7, 1)) == province
    assert province.superior_on(D(2025, 7, 1)) is None


def test_a_parent_must_rank_above_its_child():
    _province, _district, commune = factories.commune_tree()
    upside_down = factories.authority(Authority.Level.DISTRICT)
    upside_down.parent = commune
    with pytest.raises(ValidationError):
        upside_down.clean()


def test_a_unit_belongs_to_a_commune():
    province, _district, _commune = factories.commune_tree()
    with pytest.raises(ValidationError):
        Unit(authority=province, name="Sai cấp", kind=Unit.Kind.OTHER).clean()


def test_only_a_unit_head_membership_names_a_unit():
    _province, _district, commune = factories.commune_tree()
    village = factories.unit(commune)
    person = factories.user()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=person, role="unit_head", authority=commune)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=person, role="chairman", authority=commune, unit=village)
    Membership.objects.create(user=person, role="unit_head", authority=commune, unit=village)
    assert Membership.objects.filter(user=person).count() == 1


def test_a_unit_head_membership_must_stay_inside_its_commune():
    _province, _district, commune = factories.commune_tree()
    _p, _d, other_commune = factories.commune_tree()
    membership = Membership(
        user=factories.user(),
        role="unit_head",
        authority=other_commune,
        unit=factories.unit(commune),
    )
    with pytest.raises(ValidationError):
        membership.clean()


def test_memberships_and_the_council_roster_follow_their_dates():
    _province, _district, commune = factories.commune_tree()
    council = Council.objects.create(
        authority=commune, name="Hội đồng TĐKT", established_on=D(2024, 1, 1)
    )
    early, late, gone = factories.user(), factories.user(), factories.user()
    for member, start, end in [
        (early, D(2024, 1, 1), None),
        (late, D(2025, 3, 1), None),
        (gone, D(2024, 1, 1), D(2024, 12, 31)),
    ]:
        CouncilMember.objects.create(
            council=council, user=member, position="member", served_from=start, served_to=end
        )
        Membership.objects.create(
            user=member, role="council_member", authority=commune, valid_from=start, valid_to=end
        )
    roster = council.members.serving_on
    assert {m.user for m in roster(D(2024, 6, 1))} == {early, gone}
    assert {m.user for m in roster(D(2025, 6, 1))} == {early, late}
    active = Membership.objects.active_on(D(2025, 1, 1))
    assert set(active.values_list("user", flat=True)) == {early.pk}


def test_dates_must_be_in_order():
    _province, _district, commune = factories.commune_tree()
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            user=factories.user(),
            role="auditor",
            authority=commune,
            valid_from=D(2025, 1, 2),
            valid_to=D(2025, 1, 1),
        )


def test_council_quorum_defaults_to_two_thirds():
    _province, _district, commune = factories.commune_tree()
    council = Council.objects.create(authority=commune, name="HĐ", established_on=D(2024, 1, 1))
    assert (council.quorum_numerator, council.quorum_denominator) == (2, 3)
    with pytest.raises(IntegrityError), transaction.atomic():
        Council.objects.create(
            authority=commune,
            name="HĐ sai",
            established_on=D(2024, 1, 1),
            quorum_numerator=4,
            quorum_denominator=3,
        )
