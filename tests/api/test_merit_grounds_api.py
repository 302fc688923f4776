"""The API names, shows and clears a nomination's other ground (MeritGround)."""

from __future__ import annotations

import pytest

from nominations.models import MeritGround, Nomination
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_ground_is_set_at_creation_shown_and_cleared_with_null(world, as_persona):
    head = as_persona("unit_head")
    ground = MeritGround.objects.filter(award_type__code="bang-khen-chu-tich-tinh").first()
    created = head.post(
        "/api/v1/nominations/",
        {
            "award_type": "bang-khen-chu-tich-tinh",
            "unit": world.unit.pk,
            "period": world.period.pk,
            "nominee": {"kind": "individual", "id": factories.person(world.unit).pk},
            "achievements": "Hai sáng kiến được công nhận.",
            "merit_ground": ground.pk,
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["merit_ground"] == ground.pk
    url = f"/api/v1/nominations/{created.json()['id']}/"
    # A patch that does not name it keeps it; null clears it.
    version = created.json()["version"]
    kept = head.patch(url, {"achievements": "Bổ sung.", "version": version}, format="json")
    assert kept.status_code == 200, kept.content.decode()
    assert kept.json()["merit_ground"] == ground.pk
    cleared = head.patch(
        url, {"merit_ground": None, "version": kept.json()["version"]}, format="json"
    )
    assert cleared.status_code == 200
    assert cleared.json()["merit_ground"] is None
    assert Nomination.objects.get(pk=created.json()["id"]).merit_ground is None


def test_a_ground_of_another_award_is_a_400_and_nothing_is_created(world, as_persona):
    other = MeritGround.objects.create(
        award_type=factories.award("giay-khen-chu-tich-xa"), text="Khác", legal_basis="x"
    )
    response = as_persona("unit_head").post(
        "/api/v1/nominations/",
        {
            "award_type": "bang-khen-chu-tich-tinh",
            "unit": world.unit.pk,
            "period": world.period.pk,
            "nominee": {"kind": "individual", "id": factories.person(world.unit).pk},
            "achievements": "x",
            "merit_ground": other.pk,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "không thuộc danh hiệu" in response.content.decode()
    assert not Nomination.objects.exists()
