"""Pages whose lists grow with use cost the same number of queries at any size."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from councils.models import Council, CouncilMember, Delegation, Meeting
from nominations.models import Nomination
from tests import factories
from tests.world import council_of

S = Nomination.State
pytestmark = pytest.mark.django_db


def _cost(client, url: str) -> int:
    client.get(url)  # warm the process-wide caches (content types), as a served site has them
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _seat_on_more_councils(user, world, n: int) -> None:
    since = datetime.date(2020, 1, 1)
    for _i in range(n):
        commune = factories.authority(parent=world.district)
        council = Council.objects.create(authority=commune, name="Hội đồng", established_on=since)
        CouncilMember.objects.create(council=council, user=user, served_from=since)


def test_the_council_list_and_council_page(client, world, django_assert_max_num_queries):
    council, _members = council_of(world, size=5)
    client.force_login(world["council_member"])
    listing = reverse("councils:list")
    small = _cost(client, listing)
    _seat_on_more_councils(world["council_member"], world, 12)
    assert _cost(client, listing) == small
    assert len(client.get(listing).context["councils"]) == 13
    client.force_login(world["standing_office"])
    page = reverse("councils:council", args=[council.pk])
    small = _cost(client, page)
    for day in range(15):
        Meeting.objects.create(
            council=council, held_on=datetime.date(2026, 1, 1 + day), place="Hội trường"
        )
    assert _cost(client, page) == small
    with django_assert_max_num_queries(15):
        client.get(page)


def test_the_decisions_queue(client, world, django_assert_max_num_queries):
    client.force_login(world["chairman"])
    url = reverse("nominations:decisions")
    world.nomination(state=S.AWAITING_DECISION)
    small = _cost(client, url)
    for _i in range(20):
        world.nomination(state=S.AWAITING_DECISION)
    assert _cost(client, url) == small
    assert len(client.get(url).context["waiting"]) == 21
    with django_assert_max_num_queries(15):
        client.get(url)


def test_the_delegations_page(client, world, django_assert_max_num_queries):
    client.force_login(world["chairman"])
    url = reverse("nominations:delegations")
    small = _cost(client, url)
    today = timezone.localdate()
    for days in range(10):
        Delegation.objects.create(
            authority=world.commune,
            chairman=world["chairman"],
            delegate=world["vice_chairman"],
            valid_from=today - datetime.timedelta(days=days + 40),
            valid_to=today - datetime.timedelta(days=days + 30),
        )
    assert _cost(client, url) == small
    with django_assert_max_num_queries(15):
        client.get(url)
