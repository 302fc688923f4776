"""Refusals every operation shares, generated from the schema so a new endpoint is covered:
no credentials is 401; another commune's objects are 404; the wrong role is 403."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator

from nominations.models import Nomination
from tests.world import council_of

S = Nomination.State
pytestmark = pytest.mark.django_db
PUBLIC = {("post", "/api/v1/auth/token/")}


def _operations() -> list[tuple[str, str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return sorted((m, p) for p, ops in schema["paths"].items() for m in ops)


def _filled(template: str, ids: dict[str, object]) -> str:
    return re.sub(r"\{([^}]+)\}", lambda m: str(ids.get(m.group(1), 1)), template)


@pytest.mark.parametrize(
    "operation",
    [op for op in _operations() if op not in PUBLIC],
    ids=lambda op: f"{op[0]} {op[1]}",
)
def test_every_operation_but_the_token_refuses_a_caller_without_credentials(api, operation):
    method, template = operation
    response = getattr(api, method)(_filled(template, {"action_name": "submit"}), {})
    assert response.status_code == 401, operation
    assert response.json()["code"] == "not_authenticated"


def test_the_public_token_endpoint_is_in_the_schema():
    assert set(_operations()) >= PUBLIC  # else the list above would silently drop nothing


def test_objects_of_another_unit_or_commune_are_404_for_every_object_operation(as_persona, world):
    council_of(world, size=4)
    nomination = world.nomination(state=S.APPRAISED)
    office = as_persona("standing_office")
    meeting = office.post(
        "/api/v1/meetings/",
        {"authority": world.commune.pk, "held_on": timezone.localdate().isoformat(),
         "place": "Hội trường", "agenda": [nomination.pk]},
        format="json",
    ).json()  # fmt: skip
    waiting = world.nomination(state=S.AWAITING_DECISION)
    decision = as_persona("chairman").post(
        "/api/v1/decisions/",
        {"nominations": [waiting.pk], "number": "1/QĐ-UBND",
         "issued_on": timezone.localdate().isoformat()},
        format="json",
    ).json()  # fmt: skip
    ids = {
        "/api/v1/nominations/": nomination.pk,
        "/api/v1/meetings/": meeting["id"],
        "/api/v1/decisions/": decision["id"],
    }
    stranger = as_persona("other_unit_head")  # same commune, another unit: sees none of these
    checked = 0
    for method, template in _operations():
        prefix = next((p for p in ids if template.startswith(p) and "{id}" in template), None)
        if prefix is None:
            continue
        url = _filled(template, {"id": ids[prefix], "action_name": "submit"})
        response = getattr(stranger, method)(url, {}, format="json")
        assert response.status_code == 404, (method, url, response.content)
        assert response.json()["code"] == "not_found"
        checked += 1
    assert checked == 11  # nominations 6, meetings 4, decisions 1


def test_the_wrong_role_is_403_where_the_object_is_seen(as_persona, world):
    council_of(world, size=4)
    draft = world.nomination(state=S.DRAFT)
    office = as_persona("standing_office")
    patch = office.patch(
        f"/api/v1/nominations/{draft.pk}/", {"achievements": "x", "version": 0}, format="json"
    )
    assert (patch.status_code, patch.json()["code"]) == (403, "not_permitted")
    appraised = world.nomination(state=S.APPRAISED)
    meeting = office.post(
        "/api/v1/meetings/",
        {"authority": world.commune.pk, "held_on": timezone.localdate().isoformat(),
         "place": "Hội trường", "agenda": [appraised.pk]},
        format="json",
    ).json()  # fmt: skip
    member = as_persona("council_member")
    url = f"/api/v1/meetings/{meeting['id']}/"
    assert member.post(f"{url}open/", {"present": [1]}, format="json").status_code == 403
    vote = {"votes": [{"nomination": appraised.pk, "choice": "yes"}]}
    not_open = member.post(f"{url}ballots/", vote, format="json")
    assert (not_open.status_code, not_open.json()["code"]) == (409, "wrong_state")
    closed_twice = office.post(f"{url}close/", format="json")
    assert (closed_twice.status_code, closed_twice.json()["code"]) == (409, "wrong_state")
