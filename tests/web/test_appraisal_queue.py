"""The standing office's appraisal queue."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core import clock
from nominations.models import Nomination
from tests import factories
from tests.world import council_of
from workflow.models import Deadline

S = Nomination.State
pytestmark = pytest.mark.django_db


def _due(nomination: Nomination, days: int) -> None:
    Deadline.objects.create(
        nomination=nomination,
        kind=Deadline.Kind.APPRAISE,
        responsible_role="standing_office",
        authority=nomination.current_authority,
        opened_at=timezone.now(),
        due_on=clock.today() + datetime.timedelta(days=days),
    )


def test_the_queue_puts_overdue_dossiers_first_and_counts_each_state(client, world):
    later = world.nomination(state=S.SUBMITTED)
    overdue = world.nomination(state=S.SUBMITTED)
    _due(later, 5)
    _due(overdue, -2)
    council_of(world, size=3)
    world.nomination(state=S.APPRAISED)
    world.nomination(state=S.DRAFT)  # the unit's own business, not the office's
    client.force_login(world["standing_office"])
    response = client.get(reverse("nominations:appraisal"))
    rows = list(response.context["page"])
    assert rows == [overdue, later]
    page = response.content.decode()
    assert "Quá hạn" in page
    assert page.index(f">{overdue.pk}<") < page.index(f">{later.pk}<")
    tabs = {value: n for value, _label, n in response.context["tabs"]}
    assert tabs == {"submitted": 2, "appraised": 1, "on_hold": 0, "returned": 0}
    appraised = client.get(reverse("nominations:appraisal"), {"state": "appraised"})
    assert len(appraised.context["page"]) == 1
    assert "Lập kế hoạch phiên họp" in appraised.content.decode()


def test_only_the_standing_office_has_a_queue_and_sees_only_its_authority(client, world):
    commune = factories.authority(parent=world.district)  # another commune, its own dossier
    unit = factories.unit(commune)
    theirs = factories.nomination(
        unit_=unit,
        award_type=factories.award("lao-dong-tien-tien"),
        period_=factories.period(commune, 2026),
        person=factories.person(unit),
    )
    Nomination.objects.filter(pk=theirs.pk).update(state=S.SUBMITTED)
    mine = world.nomination(state=S.SUBMITTED)
    client.force_login(world["standing_office"])
    assert list(client.get(reverse("nominations:appraisal")).context["page"]) == [mine]
    assert theirs.current_authority != mine.current_authority
    client.force_login(world["unit_head"])
    assert client.get(reverse("nominations:appraisal")).status_code == 404
    client.force_login(world["chairman"])
    assert client.get(reverse("nominations:appraisal")).status_code == 404


def test_the_queue_costs_the_same_for_more_dossiers(client, world, django_assert_max_num_queries):
    client.force_login(world["standing_office"])
    url = reverse("nominations:appraisal")

    def cost() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    _due(world.nomination(state=S.SUBMITTED), 3)
    small = cost()
    for _n in range(30):
        _due(world.nomination(state=S.SUBMITTED), 3)
    assert cost() == small
    with django_assert_max_num_queries(15):
        client.get(url, {"page": 2})
    with django_assert_max_num_queries(15):
        client.get(url, {"state": "appraised"})


def test_an_unknown_state_falls_back_to_the_submitted_tab(client, world):
    client.force_login(world["standing_office"])
    response = client.get(reverse("nominations:appraisal"), {"state": "approved"})
    assert response.context["state"] == "submitted"
