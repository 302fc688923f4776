"""The dashboard: counts by state and award type, one chart per movement, per commune."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councils.models import Membership
from nominations.models import Nomination
from nominations.web.charts import movement_charts
from tests import factories

S = Nomination.State
pytestmark = pytest.mark.django_db


def test_each_movement_has_a_bar_whose_parts_add_up(client, world):
    for state in (S.DRAFT, S.SUBMITTED, S.APPRAISED, S.APPROVED, S.APPROVED, S.REJECTED):
        world.nomination(state=state)
    client.force_login(world["standing_office"])
    response = client.get(reverse("nominations:dashboard"))
    (chart,) = response.context["movements"]
    assert chart.total == 6
    counts = {s.key: s.count for s in chart.segments}
    assert counts == {"preparing": 1, "reviewing": 2, "approved": 2, "closed": 1}
    assert [s.x for s in chart.segments] == [0.0, 16.67, 50.0, 83.33]
    assert sum(s.width for s in chart.segments) == pytest.approx(100, abs=0.05)
    page = response.content.decode()
    # Readable without colour: the bar's label and the line under it carry the figures.
    assert 'aria-label="Đang lập, bổ sung: 1; Đang xét: 2; Đã khen thưởng: 2; Không' in page
    assert 'width="33.33"' in page  # a dot, not the Vietnamese decimal comma, inside SVG


def test_the_dashboard_is_per_commune_and_costs_the_same_for_more_rows(
    client, world, django_assert_max_num_queries
):
    other = factories.authority(parent=world.district)
    unit = factories.unit(other)
    period = factories.period(other, 2026)
    for _n in range(3):
        nomination = factories.nomination(
            unit_=unit,
            award_type=factories.award("lao-dong-tien-tien"),
            period_=period,
            person=factories.person(unit),
        )
        Nomination.objects.filter(pk=nomination.pk).update(state=S.SUBMITTED)
    world.nomination(state=S.SUBMITTED)
    auditor = factories.user("huyen.kiemtra")
    Membership.objects.create(user=auditor, role=Membership.Role.AUDITOR, authority=world.district)
    client.force_login(auditor)
    url = reverse("nominations:dashboard")
    everything = client.get(url)
    assert sum(c.total for c in everything.context["movements"]) == 4
    assert {a.pk for a in everything.context["authorities"]} == {world.commune.pk, other.pk}
    one = client.get(url, {"authority": other.pk})
    assert one.context["chosen"] == other
    assert [c.total for c in one.context["movements"]] == [3]

    def cost() -> int:
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        return len(captured)

    small = cost()
    for state in list(S) * 2:
        world.nomination(state=state)
    assert cost() == small
    with django_assert_max_num_queries(15):
        client.get(url, {"authority": world.commune.pk})


def test_no_rows_no_bars():
    assert movement_charts([]) == []
