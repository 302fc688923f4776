"""Each persona's home says what waits for them: a council member's open meetings and the
items awaiting their vote; notifications that lead to the dossier and are then read."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from councils import services as council_services
from nominations.models import Nomination
from tests.world import council_of
from workflow import meetings
from workflow import services as workflow_services
from workflow.models import Notification

S = Nomination.State
pytestmark = pytest.mark.django_db


def test_a_council_member_sees_the_items_awaiting_their_vote(client, world):
    council, members = council_of(world, size=5)
    office = world["standing_office"]
    meeting = council_services.meeting_plan(
        council=council, actor=office, held_on=timezone.localdate(), place="Hội trường"
    )
    first, second = (world.nomination(state=S.APPRAISED) for _ in range(2))
    for nomination in (first, second):
        meetings.meeting_add_item(meeting=meeting, nomination=nomination, actor=office)
    member = members[3]
    client.force_login(member.user)
    planned = client.get(reverse("accounts:home")).content.decode()
    assert reverse("councils:meeting", args=[meeting.pk]) in planned
    assert 'id="awaiting-vote"' not in planned  # nothing to vote on before the opening
    council_services.meeting_open(
        meeting=meeting, actor=office, present_member_ids=[m.pk for m in members[:4]]
    )
    item = meeting.items.get(nomination=first)
    council_services.ballot_cast(item=item, actor=member.user, choice="yes")
    page = client.get(reverse("accounts:home")).content.decode()
    awaiting = page.split('id="awaiting-vote"')[1].split("</ul>")[0]
    other = meeting.items.get(nomination=second)
    assert awaiting.count("<li>") == 1
    assert f"{reverse('councils:meeting', args=[meeting.pk])}#item-{other.pk}" in awaiting
    # An absent member has nothing to vote on.
    client.force_login(members[4].user)
    assert 'id="awaiting-vote"' not in client.get(reverse("accounts:home")).content.decode()


def test_a_notification_leads_to_its_dossier_and_is_then_read(client, world):
    nomination = world.nomination()
    workflow_services.nomination_submit(nomination=nomination, actor=world["unit_head"])
    office = world["standing_office"]
    note = Notification.objects.get(user=office, nomination=nomination)
    client.force_login(office)
    home = client.get(reverse("accounts:home")).content.decode()
    assert reverse("accounts:notification", args=[note.pk]) in home
    response = client.get(reverse("accounts:notification", args=[note.pk]))
    assert response["Location"] == reverse("nominations:detail", args=[nomination.pk])
    note.refresh_from_db()
    assert note.read_at is not None
    # Nobody opens another person's notification.
    client.force_login(world["unit_head"])
    assert client.get(reverse("accounts:notification", args=[note.pk])).status_code == 404


PERSONAS = [
    "unit_head",
    "other_unit_head",
    "standing_office",
    "council_member",
    "chairman",
    "vice_chairman",
    "auditor",
    "district_standing_office",
    "district_chairman",
]


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_menu_link_opens_for_the_role_that_sees_it(client, world, persona):
    council_of(world, size=5)
    client.force_login(world[persona])
    page = client.get(reverse("accounts:home")).content.decode()
    menu = page.split('<header class="container-fluid site-header">')[1].split("</header>")[0]
    links = [part.split('"')[0] for part in menu.split('href="')[1:]]
    assert reverse("nominations:list") in links
    for link in links:
        assert client.get(link).status_code == 200, (persona, link)
    # Only the chairman (or a delegated vice-chairman) decides; only the office appraises.
    assert (reverse("nominations:decisions") in links) == (
        persona in ("chairman", "district_chairman")
    )
    assert (reverse("nominations:appraisal") in links) == ("standing_office" in persona)
    assert (reverse("councils:list") in links) == (persona not in ("unit_head", "other_unit_head"))
