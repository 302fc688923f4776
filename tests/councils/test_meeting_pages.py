"""The meeting page and a ballot cost the same whatever the agenda size; who may see a page."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from councils import services as council_services
from nominations.models import Nomination
from tests.querycount import statements
from tests.world import council_of
from workflow import meetings

pytestmark = pytest.mark.django_db


def _meeting_with(world, council, members, size):
    office = world["standing_office"]
    meeting = council_services.meeting_plan(
        council=council, actor=office, held_on=timezone.localdate(), place="Hội trường"
    )
    items = []
    for n in range(size):
        award = "chien-si-thi-dua-co-so" if n % 2 else "lao-dong-tien-tien"
        nomination = world.nomination(award, Nomination.State.APPRAISED)
        items.append(
            meetings.meeting_add_item(meeting=meeting, nomination=nomination, actor=office)
        )
    council_services.meeting_open(
        meeting=meeting, actor=office, present_member_ids=[m.pk for m in members]
    )
    for item in items:
        council_services.comment_post(item=item, actor=members[3].user, body="Đồng ý với đề nghị.")
        council_services.ballot_cast(item=item, actor=members[4].user, choice="yes")
    return meeting, items


def _page_queries(client, meeting) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("councils:meeting", args=[meeting.pk]))
    assert response.status_code == 200
    return len(captured), response.content.decode()


def _ballot_queries(item, member) -> int:
    """The statements of one ballot, less the SAVEPOINT and RELEASE the test's own
    transaction adds around the service's (a request runs it as the outer transaction)."""
    with CaptureQueriesContext(connection) as captured:
        council_services.ballot_cast(item=item, actor=member.user, choice="no")
    return len(statements(captured))


def test_page_and_ballot_cost_the_same_for_2_and_12_items(
    world, client, django_assert_max_num_queries
):
    council, members = council_of(world, size=9)
    client.force_login(members[5].user)
    small, small_items = _meeting_with(world, council, members, 2)
    large, large_items = _meeting_with(world, council, members, 12)
    small_cost, _page = _page_queries(client, small)
    large_cost, page = _page_queries(client, large)
    assert small_cost == large_cost
    assert page.count("Đồng ý với đề nghị.") == 12
    assert "1 phiếu đã bỏ" in page
    assert _ballot_queries(small_items[0], members[5]) == _ballot_queries(
        large_items[-2], members[5]
    )
    # Issue 22: on PostgreSQL the locked read, the ballot, its history row, a secret item's
    # counter and the event with the chain's tail are one statement; on SQLite the read, then
    # four (the chain's tail apart), and a secret item adds its counter.
    if connection.vendor == "postgresql":
        assert _ballot_queries(large_items[-1], members[6]) == 1  # CSTĐCS: secret
        assert _ballot_queries(large_items[-2], members[6]) == 1
        ballot = 1
    else:
        assert _ballot_queries(large_items[-1], members[6]) == 5 + 1
        assert _ballot_queries(large_items[-2], members[6]) == 5
        ballot = 5
    with django_assert_max_num_queries(ballot + 2):
        council_services.ballot_cast(item=large_items[-4], actor=members[6].user, choice="no")
    with django_assert_max_num_queries(20):
        client.get(reverse("councils:meeting", args=[large.pk]))


def test_the_page_shows_who_has_voted_never_how(world, client):
    council, members = council_of(world, size=9)
    meeting, _items = _meeting_with(world, council, members, 2)
    client.force_login(members[4].user)  # the one who voted "yes" on both items
    page = client.get(reverse("councils:meeting", args=[meeting.pk])).content.decode()
    assert "bỏ phiếu kín" in page
    assert page.count("bạn đã bỏ phiếu") == 2
    assert 'type="radio"' not in page  # no ballot form once voted; no choice shown
    counts = client.get(reverse("councils:counts", args=[meeting.pk])).content.decode()
    assert counts.count("1 phiếu đã bỏ") == 2


def test_people_outside_the_council_get_404(world, client):
    council, members = council_of(world, size=9)
    meeting, _items = _meeting_with(world, council, members, 1)
    client.force_login(world["unit_head"])
    assert client.get(reverse("councils:meeting", args=[meeting.pk])).status_code == 404
    client.force_login(world["auditor"])
    assert client.get(reverse("councils:meeting", args=[meeting.pk])).status_code == 200


def test_the_minutes_page_prints_after_the_close(world, client):
    council, members = council_of(world, size=9)
    meeting, _items = _meeting_with(world, council, members, 2)
    client.force_login(world["chairman"])
    minutes = reverse("councils:minutes", args=[meeting.pk])
    assert client.get(minutes).status_code == 404
    meetings.meeting_close(meeting=meeting, actor=world["chairman"])
    page = client.get(minutes).content.decode()
    assert "BIÊN BẢN HỌP" in page
    assert "Hội trường" in page
    assert page.count("<tr>") == 3  # the header and two items


def test_the_standing_office_takes_an_item_off_the_agenda_from_the_page(world, client):
    council, _members = council_of(world, size=9)
    office = world["standing_office"]
    meeting = council_services.meeting_plan(
        council=council, actor=office, held_on=timezone.localdate(), place="Hội trường"
    )
    nomination = world.nomination(state=Nomination.State.APPRAISED)
    item = meetings.meeting_add_item(meeting=meeting, nomination=nomination, actor=office)
    world.nomination(state=Nomination.State.APPRAISED)  # a candidate for the agenda
    page_url = reverse("councils:meeting", args=[meeting.pk])
    defer_url = reverse("councils:defer", args=[item.pk])
    client.force_login(world["chairman"])  # runs the meeting, but the agenda is the office's
    page = client.get(page_url).content.decode()
    assert defer_url not in page
    assert reverse("councils:add_item", args=[meeting.pk]) not in page
    client.force_login(office)
    page = client.get(page_url).content.decode()
    assert defer_url in page
    assert reverse("councils:add_item", args=[meeting.pk]) in page
    response = client.post(defer_url, {"reason": "Cần xác minh thêm."}, follow=True)
    page = response.content.decode()
    assert "đã rút khỏi chương trình" in page
    assert defer_url not in page  # nothing left to defer
    nomination.refresh_from_db()
    item.refresh_from_db()
    assert (nomination.state, item.deferred_at is not None) == (Nomination.State.APPRAISED, True)


def test_putting_a_nomination_on_the_agenda_costs_the_same_however_long_the_agenda(
    world, django_assert_max_num_queries
):
    """The meeting's lock reads the agenda's last position with it, and the transition runs
    inside the agenda's transaction without a savepoint (issue 22)."""
    council, _members = council_of(world, size=9)
    office = world["standing_office"]
    meeting = council_services.meeting_plan(
        council=council, actor=office, held_on=timezone.localdate(), place="Hội trường"
    )

    def add() -> tuple[int, int]:
        nomination = world.nomination("lao-dong-tien-tien", Nomination.State.APPRAISED)
        with CaptureQueriesContext(connection) as captured:
            item = meetings.meeting_add_item(meeting=meeting, nomination=nomination, actor=office)
        return len(statements(captured)), item.position

    costs, positions = zip(*(add() for _ in range(6)), strict=True)
    assert positions == (1, 2, 3, 4, 5, 6)
    # Lock with last position, the schedule transition (4 on PostgreSQL, 8 on SQLite), the
    # item with its history row (SQLite: two).
    expected = 6 if connection.vendor == "postgresql" else 11
    assert set(costs[1:]) == {expected}
    nomination = world.nomination("lao-dong-tien-tien", Nomination.State.APPRAISED)
    with django_assert_max_num_queries(expected + 2):  # + the test's savepoint
        meetings.meeting_add_item(meeting=meeting, nomination=nomination, actor=office)
    assert list(meeting.items.order_by("position").values_list("position", flat=True)) == [
        *range(1, 8)
    ]
