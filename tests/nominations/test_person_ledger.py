"""A person's page and the API show their ledger, revoked awards as revoked, to those who
may read it; anyone else gets 404."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from core import clock
from nominations.models import AwardRecord, AwardType, Nomination
from workflow import services as workflow_services

S = Nomination.State
pytestmark = pytest.mark.django_db


def _awarded_then_revoked(world) -> Nomination:
    nomination = world.nomination(state=S.AWAITING_DECISION)
    workflow_services.nomination_approve(
        nomination=nomination,
        actor=world["chairman"],
        number="45/QĐ-UBND",
        issued_on=datetime.date(2025, 12, 20),
    )
    AwardRecord.objects.create(
        person=nomination.person,
        award_type=AwardType.objects.get(code="chien-si-thi-dua-co-so"),
        year=2023,
        decision_number="812/QĐ-UBND",
        decision_date=datetime.date(2023, 12, 19),
        issuing_authority_name="UBND huyện Cẩm Xuyên",
        source=AwardRecord.Source.LEGACY,
    )
    workflow_services.nomination_revoke(
        nomination=nomination, actor=world["chairman"], reason_code="false_documents",
        reason="Giả mạo hồ sơ.", decision_number="12/QĐ-UBND", decided_on=clock.today(),
    )  # fmt: skip
    return nomination


def test_the_person_page_lists_every_award_and_marks_the_revoked_one(client, world):
    nomination = _awarded_then_revoked(world)
    client.force_login(world["unit_head"])
    detail = client.get(reverse("nominations:detail", args=[nomination.pk])).content.decode()
    url = reverse("nominations:person", args=[nomination.person_id])
    assert f'href="{url}"' in detail
    page = client.get(url).content.decode()
    assert "812/QĐ-UBND" in page
    assert "UBND huyện Cẩm Xuyên" in page
    assert "45/QĐ-UBND" in page
    assert "Đã hủy" in page
    assert "Giấy tờ, văn bản giả hoặc sai sự thật" in page


def test_the_api_gives_the_same_ledger(client, world):
    nomination = _awarded_then_revoked(world)
    client.force_login(world["standing_office"])
    body = client.get(f"/api/v1/people/{nomination.person_id}/awards/").json()
    assert [(a["decision_number"], a["revoked"]) for a in body["awards"]] == [
        ("45/QĐ-UBND", True),
        ("812/QĐ-UBND", False),
    ]
    assert body["awards"][1]["source"] == "legacy"


@pytest.mark.parametrize("persona", ["other_unit_head", "council_member"])
def test_a_person_outside_ones_scope_is_not_found(client, world, persona):
    nomination = world.nomination()
    client.force_login(world[persona])
    url = reverse("nominations:person", args=[nomination.person_id])
    assert client.get(url).status_code == 404
    assert client.get(f"/api/v1/people/{nomination.person_id}/awards/").status_code == 404


def test_the_page_costs_the_same_for_a_long_ledger(client, world, django_assert_max_num_queries):
    nomination = world.nomination()
    client.force_login(world["chairman"])
    url = reverse("nominations:person", args=[nomination.person_id])
    client.get(url)  # warm the session and role caches
    award = AwardType.objects.get(code="lao-dong-tien-tien")
    for year in range(2000, 2025):
        AwardRecord.objects.create(
            person=nomination.person,
            award_type=award,
            year=year,
            decision_number=f"{year}/QĐ",
            decision_date=datetime.date(year, 12, 1),
            issuing_authority_name="UBND xã",
            source=AwardRecord.Source.LEGACY,
        )
    with django_assert_max_num_queries(16):
        assert client.get(url).content.decode().count("<tr") == 26
