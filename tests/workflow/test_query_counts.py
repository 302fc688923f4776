"""Each transition runs the same, bounded number of queries whatever the data size."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from councils.models import Membership
from nominations.models import Nomination
from tests import factories
from tests.workflow.test_transitions import SOURCE, TABLE
from workflow import services
from workflow.models import Notification, OutboxMessage

MAX_QUERIES = 30


def _queries(world, action: str) -> int:
    row = TABLE[action]
    nomination = row.setup(world, SOURCE[action])
    actor = world[sorted(row.allowed)[0]]
    with CaptureQueriesContext(connection) as captured:
        row.call(nomination, actor)
    return len(captured)


def _more_data(world, count: int) -> None:
    for state in list(Nomination.State)[:count]:
        world.nomination("lao-dong-tien-tien", state)


@pytest.mark.parametrize("action", sorted(TABLE))
def test_a_transition_costs_the_same_with_more_nominations(
    world, action, django_assert_max_num_queries
):
    _queries(world, action)  # warm the per-process caches (content types, permissions)
    small = _queries(world, action)
    for _ in range(4):
        _more_data(world, 13)
    large = _queries(world, action)
    assert small == large
    row = TABLE[action]
    nomination = row.setup(world, SOURCE[action])
    with django_assert_max_num_queries(MAX_QUERIES):
        row.call(nomination, world[sorted(row.allowed)[0]])


def test_telling_more_people_costs_no_more_queries(world, django_assert_max_num_queries):
    """Recipients are read in one query and their notifications and e-mails written in one
    INSERT each, however many hold the role."""

    def submit_cost() -> int:
        nomination = world.nomination()
        with CaptureQueriesContext(connection) as captured:
            services.nomination_submit(nomination=nomination, actor=world["unit_head"])
        return len(captured)

    submit_cost()  # warm the per-process caches
    world["standing_office"].email = "thuongtruc@xa.gov.vn"
    world["standing_office"].save()
    one = submit_cost()
    for n in range(8):
        office = factories.user(f"thuongtruc{n}", email=f"thuongtruc{n}@xa.gov.vn")
        Membership.objects.create(
            user=office, role=Membership.Role.STANDING_OFFICE, authority=world.commune,
            valid_from=datetime.date(2020, 1, 1),
        )  # fmt: skip
    assert submit_cost() == one
    assert Notification.objects.filter(message__contains="Đã gửi").count() == 1 + 1 + 9
    assert OutboxMessage.objects.count() == 1 + 9
    with django_assert_max_num_queries(MAX_QUERIES):
        services.nomination_submit(nomination=world.nomination(), actor=world["unit_head"])
