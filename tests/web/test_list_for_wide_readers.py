"""The nomination list of a reader who sees many authorities (a district's or a province's
auditor): an authority is chosen before its units, the choices come from the reader's reach
rather than from every nomination they see, and the count stops at a cap."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from core.pagination import KeysFirstPaginator
from councils.models import Authority, Membership
from nominations.models import Nomination
from tests import factories
from tests.world import World
from workflow.selectors import proposing_authorities_in_view

pytestmark = pytest.mark.django_db
URL = reverse("nominations:list")


def _district_auditor(world: World):
    user = factories.user("huyen.kiemtra")
    Membership.objects.create(
        user=user,
        role=Membership.Role.AUDITOR,
        authority=world.district,
        valid_from=world.period.starts_on,
    )
    return user


def _second_commune(world: World, nominations: int = 1):
    """Another commune of the district, with a unit that proposed `nominations`."""
    commune = factories.authority(Authority.Level.COMMUNE, parent=world.district)
    unit, period = factories.unit(commune), factories.period(commune, 2026)
    for _n in range(nominations):
        factories.nomination(
            unit_=unit,
            award_type=factories.award("lao-dong-tien-tien"),
            period_=period,
            person=factories.person(unit),
        )
    return commune, unit, period


def _offered(response, field: str) -> set[int]:
    """The values a select of the page offers (the empty choice left out)."""
    widget = response.context["form"].fields[field].widget
    return {int(str(value)) for value, _label in widget.choices if value != ""}


def _listed(response) -> set[int]:
    return {n.pk for n in response.context["page"]}


def test_the_reach_comes_from_roles_and_grants(world):
    auditor = _district_auditor(world)
    commune, _unit, _period = _second_commune(world)
    assert proposing_authorities_in_view(auditor) == {
        world.district.pk,
        world.commune.pk,
        commune.pk,
    }
    assert proposing_authorities_in_view(world["standing_office"]) == {world.commune.pk}
    assert proposing_authorities_in_view(world["unit_head"]) == {world.commune.pk}
    assert proposing_authorities_in_view(world["anonymous"]) == set()
    outsider = factories.user("ngoai")
    assert proposing_authorities_in_view(outsider) == set()


def test_a_reader_of_several_authorities_chooses_one_then_its_units(client, world):
    ours = world.nomination()
    commune, unit, period = _second_commune(world)
    client.force_login(_district_auditor(world))

    response = client.get(URL)
    assert response.status_code == 200
    assert _offered(response, "authority") == {world.district.pk, world.commune.pk, commune.pk}
    assert _offered(response, "unit") == set()  # none until an authority is chosen
    periods = set(response.context["form"].fields["period"].queryset.values_list("pk", flat=True))
    assert periods == {world.period.pk, period.pk}
    assert _listed(response) == set(Nomination.objects.values_list("pk", flat=True))
    assert "Các đơn vị của cơ quan đã chọn." in response.content.decode()

    response = client.get(URL, {"authority": world.commune.pk})
    assert _offered(response, "unit") == {world.unit.pk}  # other_unit proposed nothing
    assert _listed(response) == {ours.pk}
    assert set(response.context["form"].fields["period"].queryset) == {world.period}

    response = client.get(URL, {"unit": unit.pk})  # the unit's own authority is shown
    assert _offered(response, "unit") == {unit.pk}
    assert _listed(response) == set(
        Nomination.objects.filter(proposing_unit=unit).values_list("pk", flat=True)
    )


def test_a_reader_of_one_authority_is_offered_its_units_without_choosing(client, world):
    world.nomination()
    client.force_login(world["standing_office"])
    response = client.get(URL)
    assert "authority" not in response.context["form"].fields
    assert _offered(response, "unit") == {world.unit.pk}
    client.force_login(world["other_unit_head"])
    assert _offered(client.get(URL), "unit") == set()  # their unit proposed nothing


def test_an_authority_out_of_reach_is_refused_with_a_message(client, world):
    ours = world.nomination()
    stranger, _unit, _period = _second_commune(world)
    far = factories.authority(Authority.Level.COMMUNE, parent=world.province)
    client.force_login(_district_auditor(world))
    response = client.get(URL, {"authority": far.pk})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'aria-invalid="true"' in page
    assert response.context["form"].errors["authority"]
    assert ours.pk in _listed(response)  # nothing was narrowed by the refused choice
    assert len(_listed(response)) == Nomination.objects.count()
    assert stranger.pk not in _offered(client.get(URL, {"authority": world.commune.pk}), "unit")


def test_the_list_costs_the_same_for_more_communes_and_nominations(
    client, world, django_assert_max_num_queries
):
    world.nomination()
    _second_commune(world)
    client.force_login(_district_auditor(world))

    def cost(query: dict) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL, query).status_code == 200
        return len(captured)

    first = {query: cost(dict(query)) for query in [(), (("authority", world.commune.pk),)]}
    for _n in range(4):
        _second_commune(world, nominations=3)
    for _n in range(6):
        world.nomination()
    assert {query: cost(dict(query)) for query in first} == first
    with django_assert_max_num_queries(25):
        client.get(URL, {"authority": world.commune.pk, "page": 2})


def test_the_count_stops_at_the_cap_on_the_page_and_in_the_api(client, world, monkeypatch):
    for _n in range(4):
        world.nomination()
    client.force_login(world["standing_office"])
    api = APIClient()
    token, _created = Token.objects.get_or_create(user=world["standing_office"])
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")

    monkeypatch.setattr(KeysFirstPaginator, "count_cap", 4)
    page = client.get(URL)
    assert page.context["page"].paginator.count == 4
    assert not page.context["page"].paginator.count_capped
    assert "4 hồ sơ" in page.content.decode()
    assert "Hơn" not in page.content.decode()
    body = api.get("/api/v1/nominations/").json()
    assert (body["count"], body["count_capped"], len(body["results"])) == (4, False, 4)

    monkeypatch.setattr(KeysFirstPaginator, "count_cap", 3)
    page = client.get(URL)
    assert page.context["page"].paginator.count_capped
    assert "Hơn 3 hồ sơ: chọn bộ lọc để thu hẹp danh sách" in page.content.decode()
    body = api.get("/api/v1/nominations/", {"page_size": 2}).json()
    assert (body["count"], body["count_capped"], len(body["results"])) == (3, True, 2)
    assert body["next"]  # the second page holds the third of those counted
    assert len(api.get(body["next"]).json()["results"]) == 1


def test_past_a_thousand_the_count_is_grouped_as_the_language_writes_it(client, world, monkeypatch):
    monkeypatch.setattr(KeysFirstPaginator, "count_cap", 1_000)
    monkeypatch.setattr(KeysFirstPaginator, "_counted", 1_001)
    client.force_login(world["standing_office"])
    assert "Hơn 1.000 hồ sơ" in client.get(URL).content.decode()
    assert "More than 1,000" in client.get("/en" + URL).content.decode()
