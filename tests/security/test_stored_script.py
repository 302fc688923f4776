"""Text people type is shown as text: a comment or a summary holding <script> is stored as
given and rendered escaped on every page that shows it, and the API returns it as a JSON
string that a browser will not sniff into HTML."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from councils.models import Comment, Meeting
from nominations.models import Nomination
from tests.world import council_of

pytestmark = pytest.mark.django_db
SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"


def _pages_show_it_inert(client, urls: list[str]) -> None:
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()
        assert SCRIPT not in page, url
        assert ESCAPED in page, url
        assert "script-src 'self'" in response["Content-Security-Policy"]


@pytest.fixture
def open_meeting(client, world):
    council, members = council_of(world, size=5)
    world.members = members
    nomination = world.nomination(state=Nomination.State.APPRAISED, achievements=SCRIPT)
    client.force_login(world["standing_office"])
    client.post(
        reverse("councils:council", args=[council.pk]),
        {"held_on": "25/11/2026", "place": "Hội trường", "reviews_awards": "on"},
    )
    meeting = Meeting.objects.get()
    client.post(reverse("councils:add_item", args=[meeting.pk]), {"nomination": [nomination.pk]})
    client.post(reverse("councils:open", args=[meeting.pk]), {"present": [m.pk for m in members]})
    return meeting, nomination


def test_a_comment_with_a_script_is_stored_and_shown_as_text(client, world, open_meeting):
    meeting, nomination = open_meeting
    item = meeting.items.get()
    client.force_login(world["council_member"])
    client.post(reverse("councils:comment", args=[item.pk]), {"body": SCRIPT})
    assert Comment.objects.get().body == SCRIPT  # stored as typed, not mangled
    client.force_login(world["standing_office"])
    _pages_show_it_inert(
        client,
        [
            reverse("councils:meeting", args=[meeting.pk]),
            # The nomination page shows the summary typed with the same script.
            reverse("nominations:detail", args=[nomination.pk]),
        ],
    )
    # The minutes, once the meeting is over, quote the comment too.
    for member in world.members:
        client.force_login(member.user)
        client.post(reverse("councils:vote", args=[item.pk]), {"choice": "yes"})
    client.force_login(world["standing_office"])
    client.post(reverse("councils:close", args=[meeting.pk]), {"confirmed": "yes"})
    _pages_show_it_inert(client, [reverse("councils:minutes", args=[meeting.pk])])


def test_the_api_returns_the_script_as_a_json_string(world, open_meeting):
    _meeting, nomination = open_meeting
    api = APIClient()
    api.force_authenticate(world["council_member"])
    posted = api.post(
        f"/api/v1/nominations/{nomination.pk}/comments/", {"body": SCRIPT}, format="json"
    )
    assert posted.status_code == 201
    assert posted.json()["body"] == SCRIPT
    detail = api.get(f"/api/v1/nominations/{nomination.pk}/")
    assert detail.json()["achievements"] == SCRIPT
    for response in (posted, detail):
        assert response["Content-Type"] == "application/json"
        assert response["X-Content-Type-Options"] == "nosniff"
