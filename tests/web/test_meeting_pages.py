"""A council meeting run entirely from its pages."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

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
    # Closing first lists who present has not voted, and changes nothing until confirmed.
    asked = client.post(reverse("councils:close", args=[meeting.pk])).content.decode()
    listed = asked.split('id="not-voted"')[1].split("</li>")[0].split(":", 1)[1]
    assert [name.strip() for name in listed.split(",")] == [str(m.user) for m in members[5:]]
    assert Meeting.objects.get().state == Meeting.State.OPEN
    client.post(reverse("councils:close", args=[meeting.pk]), {"confirmed": "yes"})
    nomination.refresh_from_db()
    assert nomination.state == Nomination.State.POSTED
    page = client.get(reverse("councils:minutes", args=[meeting.pk])).content.decode()
    assert "Nhất trí." in page
    # The opening named who chaired (the council's first seat) and who took the minutes.
    assert f"Chủ trì: {members[0].user}" in page
    assert f"Thư ký: {world['standing_office']}" in page


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


def test_the_minutes_page_makes_the_bien_ban_for_the_office_only(
    client, world, django_capture_on_commit_callbacks
):
    council, members = council_of(world, size=4)
    nomination = world.nomination(state=Nomination.State.APPRAISED)
    client.force_login(world["standing_office"])
    client.post(
        reverse("councils:council", args=[council.pk]),
        {"held_on": timezone.localdate().strftime("%d/%m/%Y"), "place": "Hội trường"},
    )
    meeting = Meeting.objects.get()
    client.post(reverse("councils:add_item", args=[meeting.pk]), {"nomination": [nomination.pk]})
    client.post(reverse("councils:open", args=[meeting.pk]), {"present": [m.pk for m in members]})
    client.post(reverse("councils:close", args=[meeting.pk]), {"confirmed": "yes"})
    url = reverse("councils:minutes", args=[meeting.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    page = client.get(url).content.decode()
    document = meeting.documents.get()
    pdf = reverse("nominations:document", args=[document.pk, "pdf"])
    assert pdf in page
    assert b"".join(client.get(pdf).streaming_content).startswith(b"%PDF")
    client.force_login(world["council_member"])  # a member reads it but may not make one
    assert client.get(pdf).status_code == 200
    assert "Tạo:" not in client.get(url).content.decode()
    client.force_login(world["unit_head"])
    assert client.get(pdf).status_code == 404
    assert client.get(reverse("nominations:document", args=[document.pk, "exe"])).status_code == 404
