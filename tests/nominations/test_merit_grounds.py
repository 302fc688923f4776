"""Another ground for an award instead of its consecutive-year rule (MeritGround): the
provincial Bằng khen for one CSTĐCS short, on "02 năm HTXS, 02 sáng kiến" (QĐ 86/2025 Bắc Ninh
Đ3.3.a). The proposer names it, the dossier shows it, the office's checklist drops the chain."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.errors import InvalidInput
from nominations.models import MeritGround, Nomination
from nominations.services import nomination_create
from tests import factories

pytestmark = pytest.mark.django_db
BK_TINH = "bang-khen-chu-tich-tinh"


def _ground(code: str = BK_TINH) -> MeritGround:
    return MeritGround.objects.filter(award_type__code=code).order_by("order").first()


def test_the_catalogue_ships_the_bang_khen_grounds_with_their_source():
    grounds = list(MeritGround.objects.filter(award_type__code=BK_TINH))
    assert len(grounds) == 4
    assert all("86/2025" in ground.legal_basis for ground in grounds)
    assert all(ground.confidence == "secondary" for ground in grounds)


def test_a_ground_of_another_award_is_refused_and_nothing_is_saved(world):
    other = MeritGround.objects.create(
        award_type=factories.award("giay-khen-chu-tich-xa"), text="Khác", legal_basis="x"
    )
    with pytest.raises(InvalidInput) as refused:
        nomination_create(
            actor=world["unit_head"],
            unit=world.unit,
            award_type=factories.award(BK_TINH),
            period=world.period,
            achievements="Có hai sáng kiến.",
            person=factories.person(world.unit),
            merit_ground=other,
        )
    assert any("không thuộc danh hiệu" in reason for reason in refused.value.reasons)
    assert not Nomination.objects.exists()


def test_the_unit_names_the_ground_and_the_office_checks_it_instead_of_the_chain(client, world):
    person = factories.person(world.unit)
    client.force_login(world["unit_head"])
    form = {
        "unit": world.unit.pk,
        "nominee_kind": "individual",
        "person": person.pk,
        "award_type": factories.award(BK_TINH).pk,
        "period": world.period.pk,
        "achievements": "Hai năm hoàn thành xuất sắc nhiệm vụ, hai sáng kiến cấp cơ sở.",
        "task_rating": "htxs",
        "months_served": 12,
    }
    page = client.get(reverse("nominations:new")).content.decode()
    assert _ground().text in page
    # Without a ground, the office's checklist names the missing CSTĐCS years.
    assert client.post(reverse("nominations:new"), form).status_code == 302
    without = Nomination.objects.get(person=person)
    Nomination.objects.filter(pk=without.pk).update(state=Nomination.State.SUBMITTED)
    client.force_login(world["standing_office"])
    page = client.get(reverse("nominations:detail", args=[without.pk])).content.decode()
    assert "Cần 2 năm liên tục đạt" in page
    # The unit edits it to name the ground; the checklist drops the chain and shows the ground.
    Nomination.objects.filter(pk=without.pk).update(state=Nomination.State.DRAFT)
    client.force_login(world["unit_head"])
    edit = reverse("nominations:edit", args=[without.pk])
    assert "merit_ground" in client.get(edit).content.decode()
    response = client.post(
        edit,
        {"achievements": form["achievements"], "task_rating": "htxs", "months_served": 12,
         "merit_ground": _ground().pk},
    )  # fmt: skip
    assert response.status_code == 302
    without.refresh_from_db()
    assert without.merit_ground == _ground()
    assert without.history.first().merit_ground_id == _ground().pk
    Nomination.objects.filter(pk=without.pk).update(state=Nomination.State.SUBMITTED)
    client.force_login(world["standing_office"])
    page = client.get(reverse("nominations:detail", args=[without.pk])).content.decode()
    assert "Cần 2 năm liên tục đạt" not in page
    assert 'id="merit-ground"' in page
    assert _ground().text in page


def test_an_award_without_other_grounds_does_not_offer_the_choice(client, world):
    nomination = world.nomination()
    client.force_login(world["unit_head"])
    page = client.get(reverse("nominations:edit", args=[nomination.pk])).content.decode()
    assert "merit_ground" not in page
