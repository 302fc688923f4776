"""The list people work from: find by name, sort by a column, act on several at once (each
still one audited transition); the new-dossier form offers only what can be chosen."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from core.errors import InvalidInput
from nominations.models import Movement, Nomination, Period
from nominations.services import nomination_create
from tests import factories

S = Nomination.State
pytestmark = pytest.mark.django_db


def _names(response) -> list[str]:
    return [str(n.nominee) for n in response.context["page"]]


def test_the_list_finds_by_name_and_sorts_by_a_column(client, world):
    for name in ("Trần Thị Bình", "Lê Văn An", "Phạm Văn Cường"):
        nomination = world.nomination()
        nomination.person.full_name = name
        nomination.person.save()
    client.force_login(world["standing_office"])
    url = reverse("nominations:list")
    assert _names(client.get(url, {"q": "Văn"})) == ["Phạm Văn Cường", "Lê Văn An"]
    ascending = client.get(url, {"sort": "nominee"})
    assert _names(ascending) == ["Lê Văn An", "Phạm Văn Cường", "Trần Thị Bình"]
    page = ascending.content.decode()
    assert 'aria-sort="ascending"><a href="?sort=-nominee">' in page  # a click reverses it
    assert _names(client.get(url, {"sort": "-nominee"}))[0] == "Trần Thị Bình"
    assert client.get(url, {"sort": "nonsense"}).status_code == 200  # the default order


def test_bulk_appraise_is_one_audited_transition_each_and_reports_refusals(client, world):
    ready = [world.nomination(state=S.SUBMITTED) for _ in range(2)]
    for nomination in ready:
        world.attach_required_documents(nomination)
    lacking = world.nomination(state=S.SUBMITTED, papers=False)
    client.force_login(world["standing_office"])
    chosen = [n.pk for n in (*ready, lacking)]
    page = client.post(
        reverse("nominations:bulk"), {"bulk_action": "appraise", "nomination": chosen}, follow=True
    ).content.decode()
    assert "Đã thực hiện “Thẩm định đạt” cho 2 hồ sơ." in page
    assert f"#{lacking.pk} " in page
    assert "Thiếu giấy tờ bắt buộc" in page
    states = dict(Nomination.objects.filter(pk__in=chosen).values_list("pk", "state"))
    assert states == {ready[0].pk: S.APPRAISED, ready[1].pk: S.APPRAISED, lacking.pk: S.SUBMITTED}
    assert AuditEvent.objects.filter(action="nomination.appraise").count() == 2


def test_a_bulk_end_of_posting_asks_first(client, world):
    posted = [world.nomination(state=S.POSTED) for _ in range(2)]
    client.force_login(world["standing_office"])
    data = {"bulk_action": "end_posting", "nomination": [n.pk for n in posted]}
    asked = client.post(reverse("nominations:bulk"), data).content.decode()
    assert "<dialog open" in asked
    assert Nomination.objects.filter(state=S.POSTED).count() == 2
    client.post(reverse("nominations:bulk"), {**data, "confirmed": "yes"})
    assert Nomination.objects.filter(state=S.AWAITING_DECISION).count() == 2


def test_a_unit_head_cannot_act_in_bulk_on_what_they_do_not_see(client, world):
    theirs = world.nomination(state=S.DRAFT)
    Nomination.objects.filter(pk=theirs.pk).update(proposing_unit=world.other_unit)
    client.force_login(world["unit_head"])
    page = client.post(
        reverse("nominations:bulk"), {"bulk_action": "submit", "nomination": [theirs.pk]},
        follow=True,
    ).content.decode()  # fmt: skip
    assert "Chưa đánh dấu hồ sơ nào." in page
    theirs.refresh_from_db()
    assert theirs.state == S.DRAFT


def test_the_new_form_preselects_the_unit_and_offers_only_open_periods(client, world):
    movement = Movement.objects.get(pk=world.period.movement_id)
    old = Period.objects.create(
        movement=movement,
        name="Năm 2024",
        kind=Period.Kind.YEAR,
        starts_on=datetime.date(2024, 1, 1),
        ends_on=datetime.date(2024, 12, 31),
    )
    client.force_login(world["unit_head"])
    form = client.get(reverse("nominations:new")).context["form"]
    assert form["unit"].value() == world.unit.pk
    assert world.period in form.fields["period"].queryset
    assert old not in form.fields["period"].queryset
    # The service refuses it too, and a period of another commune.
    person = factories.person(world.unit)
    award = factories.award("lao-dong-tien-tien")
    with pytest.raises(InvalidInput, match="không nhận đề nghị"):
        nomination_create(
            actor=world["unit_head"], unit=world.unit, award_type=award, period=old,
            achievements="x", person=person,
        )  # fmt: skip
    elsewhere = factories.period(factories.authority(parent=world.district), 2026)
    with pytest.raises(InvalidInput, match="không thuộc cơ quan"):
        nomination_create(
            actor=world["unit_head"], unit=world.unit, award_type=award, period=elsewhere,
            achievements="x", person=person,
        )  # fmt: skip
