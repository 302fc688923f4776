"""The dashboard: counts by state and award type, one chart per movement, per commune."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core import clock
from councils.models import Membership
from nominations.models import AwardRecord, Nomination
from nominations.web.charts import movement_charts
from tests import factories
from workflow import services as workflow_services
from workflow.models import Deadline

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
    # Counts by state, award and movement, overdue work, and for a reader of the ledger its
    # awards and units: 21 with the session, roles, scope and menu.
    with django_assert_max_num_queries(21):
        client.get(url, {"authority": world.commune.pk})


def test_no_rows_no_bars():
    assert movement_charts([]) == []


# --- issue 24 part 4: filters, links, money, units, overdue ----------------------------------


def _list_count(client, href: str) -> int:
    return client.get(href.replace("&amp;", "&")).context["page"].paginator.count


def test_every_count_links_to_the_list_behind_it(client, world):
    for state in (S.DRAFT, S.SUBMITTED, S.SUBMITTED, S.APPROVED):
        world.nomination(state=state)
    client.force_login(world["standing_office"])
    response = client.get(reverse("nominations:dashboard"))
    page = response.content.decode()
    figures = response.context["figures"]
    links = re.findall(r'href="(/nominations/\?[^"]*state=(\w+))">(\d+)<', page)
    assert {state for _href, state, _n in links} == {"draft", "submitted", "approved"}
    for href, _state, shown in links:
        assert _list_count(client, href) == int(shown)
    (award,) = figures.by_award
    award_link = re.search(rf'href="(/nominations/\?[^"]*award_type={award.key})">4<', page)
    assert _list_count(client, award_link.group(1)) == 4


def test_the_year_and_movement_narrow_every_figure(client, world):
    world.nomination(state=S.SUBMITTED)  # 2026
    earlier = factories.period(world.commune, 2025)
    old = factories.nomination(
        unit_=world.unit, award_type=factories.award("lao-dong-tien-tien"), period_=earlier,
        person=factories.person(world.unit),
    )  # fmt: skip
    Nomination.objects.filter(pk=old.pk).update(state=S.SUBMITTED)
    client.force_login(world["standing_office"])
    url = reverse("nominations:dashboard")

    def submitted(**query) -> int:
        figures = client.get(url, query).context["figures"]
        return next(c.n for c in figures.by_state if c.key == S.SUBMITTED)

    assert submitted() == 1  # this year (2026) until another is chosen
    assert submitted(year=2025) == 1
    assert submitted(year="") == 2  # every year
    assert submitted(movement=earlier.movement_id) == 1
    listed = client.get(reverse("nominations:list"), {"year": 2025, "state": S.SUBMITTED})
    assert [n.pk for n in listed.context["page"]] == [old.pk]


def test_prize_money_and_awards_per_unit_for_the_office_not_for_a_unit_head(client, world):
    rows = [world.nomination(state=S.AWAITING_DECISION) for _ in range(3)]
    workflow_services.nominations_approve(
        nominations=rows, actor=world["chairman"], number="12/QĐ-UBND",
        issued_on=datetime.date(2026, 12, 1),
    )  # fmt: skip
    client.force_login(world["standing_office"])
    figures = client.get(reverse("nominations:dashboard")).context["figures"]
    assert figures.award_total == 3
    assert figures.prize_total == sum(r.prize_amount for r in AwardRecord.objects.all()) > 0
    ((unit_id, n),) = [(c.key, c.n) for c in figures.per_unit]
    assert (unit_id, n) == (world.unit.pk, 3)
    page = client.get(reverse("nominations:dashboard")).content.decode()
    register = re.search(r'href="(/reports/register/\?[^"]*unit=\d+)">3<', page).group(1)
    assert len(client.get(register.replace("&amp;", "&")).context["page"]) == 3
    client.force_login(world["unit_head"])
    assert client.get(reverse("nominations:dashboard")).context["figures"].awards is None


def test_overdue_work_is_counted_by_who_must_act(client, world):
    nomination = world.nomination(state=S.SUBMITTED)
    Deadline.objects.create(
        nomination=nomination, kind=Deadline.Kind.APPRAISE,
        responsible_role=Membership.Role.STANDING_OFFICE, authority=world.commune,
        opened_at=timezone.now(), due_on=clock.today() - datetime.timedelta(days=2),
    )  # fmt: skip
    client.force_login(world["chairman"])
    figures = client.get(reverse("nominations:dashboard")).context["figures"]
    assert [(c.key, c.n) for c in figures.overdue] == [(Membership.Role.STANDING_OFFICE, 1)]
