"""A council meeting run entirely from its pages."""

from __future__ import annotations

import pytest
from django.urls import reverse

from councils.models import Meeting
from nominations.models import Nomination
from tests.world import council_of

pytestmark = pytest.mark.django_db


def test_plan_fill_open_vote_and_close_from_the_pages(client, world):
    council, members = council_of(world, size=7)
    nomination = world.nomination(state=Nomination.State.APPRAISED)
    client.force_login(world["standing_office"])
    response = client.post(
        reverse("councils:council", args=[council.pk]),
        {"held_on": "25/11/2026", "place": "Hội trường UBND xã", "reviews_awards": "on"},
    )
    meeting = Meeting.objects.get()
    assert response["Location"] == reverse("councils:meeting", args=[meeting.pk])
    client.post(reverse("councils:add_item", args=[meeting.pk]), {"nomination": [nomination.pk]})
    nomination.refresh_from_db()
    assert nomination.state == Nomination.State.IN_COUNCIL
    client.post(reverse("councils:open", args=[meeting.pk]), {"present": [m.pk for m in members]})
    item = meeting.items.get()
    for member in members[:5]:
        client.force_login(member.user)
        client.post(reverse("councils:vote", args=[item.pk]), {"choice": "yes"})
    response = client.post(reverse("councils:vote", args=[item.pk]), {"choice": "no"}, follow=True)
    assert "đã có phiếu" in response.content.decode()
    client.post(reverse("councils:comment", args=[item.pk]), {"body": "Nhất trí."})
    client.force_login(world["standing_office"])
    client.post(reverse("councils:close", args=[meeting.pk]))
    nomination.refresh_from_db()
    assert nomination.state == Nomination.State.POSTED
    page = client.get(reverse("councils:minutes", args=[meeting.pk])).content.decode()
    assert "Nhất trí." in page


def test_a_quorum_refusal_is_explained_on_the_page(client, world):
    council, members = council_of(world, size=9)
    client.force_login(world["standing_office"])
    client.post(
        reverse("councils:council", args=[council.pk]),
        {"held_on": "25/11/2026", "place": "Hội trường"},
    )
    meeting = Meeting.objects.get()
    response = client.post(
        reverse("councils:open", args=[meeting.pk]),
        {"present": [m.pk for m in members[:3]]},
        follow=True,
    )
    assert "Chưa đủ số thành viên dự họp: có mặt 3/9" in response.content.decode()
