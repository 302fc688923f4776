"""Issue 21, point 3: every API error answers in the contract's JSON (`code`, `message`),
whatever caused it; each case here was reproduced as a 500 or an HTML page before."""

from __future__ import annotations

import datetime

import pytest
from django.test import override_settings

from nominations.models import BaseSalary, Decision, Nomination

S = Nomination.State
pytestmark = pytest.mark.django_db


def _json_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["code"] == code
    assert body["message"]
    return body


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/nominations/abc/",
        "/api/v1/nominations/abc/actions/submit/",
        "/api/v1/nominations/abc/history/",
        "/api/v1/decisions/abc/",
        "/api/v1/meetings/abc/open/",
        "/api/v1/people/abc/awards/",
        "/api/v1/nominations/123456789012345678901234567890/",
        "/api/v1/no-such-thing/",
    ],
)
def test_a_path_that_names_nothing_is_a_json_404(as_persona, path):
    client = as_persona("standing_office")
    _json_error(client.get(path), 404, "not_found")
    assert client.post(path, {}, format="json").status_code in (404, 405)


def test_integers_past_64_bits_and_deep_json_are_a_400(as_persona, world):
    client = as_persona("unit_head")
    huge = 2**70
    _json_error(client.get("/api/v1/nominations/", {"unit": huge}), 400, "invalid_input")
    deep = "[" * 100_000 + "]" * 100_000
    response = client.post("/api/v1/nominations/", deep, content_type="application/json")
    _json_error(response, 400, "invalid_input")


def test_a_decision_date_with_no_catalogue_rule_names_the_gap(as_persona, world):
    nomination = world.nomination(state=S.AWAITING_DECISION)
    BaseSalary.objects.all().delete()  # no lương cơ sở in force: the prize cannot be reckoned
    client = as_persona("chairman")
    response = client.post(
        "/api/v1/decisions/",
        {
            "nominations": [nomination.pk],
            "number": "5/QĐ-UBND",
            "issued_on": datetime.date.today().isoformat(),
        },
        format="json",
    )
    body = _json_error(response, 400, "catalogue_gap")
    assert "Danh mục chưa có mức lương cơ sở áp dụng ngày" in body["message"]
    nomination.refresh_from_db()
    assert nomination.state == S.AWAITING_DECISION
    assert not Decision.objects.exists()


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1_000)
def test_a_body_too_large_is_a_json_413(as_persona):
    client = as_persona("unit_head")
    response = client.post("/api/v1/nominations/", {"achievements": "x" * 5_000}, format="json")
    _json_error(response, 413, "too_large")


def test_the_pages_keep_their_html_error_pages(client, world):
    client.force_login(world["unit_head"])
    response = client.get("/nominations/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_server_error_under_the_api_is_json_too(as_persona, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a fault no test should see in production")

    monkeypatch.setattr("api.accounts.user_roles_on", broken)
    client = as_persona("unit_head")
    client.raise_request_exception = False  # as a served site: Django's 500 handling
    _json_error(client.get("/api/v1/me/"), 500, "server_error")


def test_unknown_fields_and_inexact_ids_are_refused_by_name(as_persona, world):
    client = as_persona("unit_head")
    body = {
        "award_type": "lao-dong-tien-tien",
        "unit": world.unit.pk,
        "period": world.period.pk,
        "nominee": {"kind": "individual", "full_name": "Lê Văn Api", "gender": "male"},
        "achievements": "Hoàn thành xuất sắc nhiệm vụ.",
    }
    misspelt = client.post("/api/v1/nominations/", {**body, "achievments": "x"}, format="json")
    fields = _json_error(misspelt, 400, "invalid_input")["fields"]
    assert list(fields) == ["achievments"]
    inexact = client.post(
        "/api/v1/nominations/", {**body, "unit": world.unit.pk + 0.5}, format="json"
    )
    assert list(_json_error(inexact, 400, "invalid_input")["fields"]) == ["unit"]
    nested = client.post(
        "/api/v1/nominations/",
        {**body, "nominee": {**body["nominee"], "nickname": "An"}},
        format="json",
    )
    assert "nominee" in _json_error(nested, 400, "invalid_input")["fields"]
    assert not Nomination.objects.exists()
    assert client.post("/api/v1/nominations/", body, format="json").status_code == 201
