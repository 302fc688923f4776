"""Each transition runs the same, bounded number of queries whatever the data size."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from nominations.models import Nomination
from tests.workflow.test_transitions import SOURCE, TABLE

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
