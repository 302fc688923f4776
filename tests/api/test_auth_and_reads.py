"""Tokens, /me/ and the read-only lists: 401 without a token, scoped answers with one."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from audit.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_token_for_good_credentials_and_a_clear_refusal_otherwise(api, world):
    response = api.post(
        "/api/v1/auth/token/", {"username": "truongthon", "password": "pw"}, format="json"
    )
    assert response.status_code == 200
    token = response.json()["token"]
    assert AuditEvent.objects.filter(action="auth.token").count() == 1
    me = api.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token}")
    assert me.status_code == 200
    assert me.json()["username"] == "truongthon"
    assert [r["role"] for r in me.json()["roles"]] == ["unit_head"]
    wrong = api.post("/api/v1/auth/token/", {"username": "truongthon", "password": "x"})
    assert wrong.status_code == 400
    assert wrong.json()["code"] == "invalid_input"
    assert wrong.json()["message"] == "Tên đăng nhập hoặc mật khẩu không đúng."
    missing = api.post("/api/v1/auth/token/", {"username": "truongthon"}, format="json")
    assert missing.status_code == 400
    assert "password" in missing.json()["fields"]


@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_token_endpoint_too(api, world):
    for _attempt in range(3):
        api.post("/api/v1/auth/token/", {"username": "truongthon", "password": "x"})
    locked = api.post("/api/v1/auth/token/", {"username": "truongthon", "password": "pw"})
    assert locked.status_code == 429
    assert locked.json() == {
        "code": "locked_out",
        "message": "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.",
    }
    assert AuditEvent.objects.filter(action="auth.locked_out").count() == 1


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/me/",
        "/api/v1/authorities/",
        "/api/v1/units/",
        "/api/v1/award-types/",
        "/api/v1/movements/",
        "/api/v1/nominations/",
    ],
)
def test_every_read_needs_credentials(api, url):
    response = api.get(url)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {
        "code": "not_authenticated",
        "message": "Cần đăng nhập hoặc mã truy cập hợp lệ.",
    }
    bad = api.get(url, HTTP_AUTHORIZATION="Token not-a-token")
    assert bad.status_code == 401


def test_authorities_units_and_movements_are_scoped_to_the_caller(as_persona, world):
    elsewhere = factories.authority(parent=world.district)
    factories.unit(elsewhere)
    factories.period(elsewhere, 2026)
    client = as_persona("unit_head")
    authorities = {a["id"] for a in client.get("/api/v1/authorities/").json()["results"]}
    assert authorities == {world.commune.pk}
    units = {u["id"] for u in client.get("/api/v1/units/").json()["results"]}
    assert units == {world.unit.pk, world.other_unit.pk}
    movements = client.get("/api/v1/movements/").json()["results"]
    assert [m["authority"] for m in movements] == [world.commune.pk]
    assert movements[0]["periods"][0]["id"] == world.period.pk
    district = as_persona("district_standing_office")
    seen = {a["id"] for a in district.get("/api/v1/authorities/").json()["results"]}
    assert {world.district.pk, world.commune.pk, elsewhere.pk} <= seen
    assert world.province.pk not in seen


def test_the_award_catalogue_by_code(as_persona, world):
    client = as_persona("unit_head")
    codes = [a["code"] for a in client.get("/api/v1/award-types/?page_size=100").json()["results"]]
    assert "lao-dong-tien-tien" in codes
    one = client.get("/api/v1/award-types/gia-dinh-van-hoa/").json()
    assert one["nominee_kinds"] == ["household"]
    assert client.get("/api/v1/award-types/khong-co/").json()["code"] == "not_found"


@pytest.mark.parametrize(
    "url", ["/api/v1/authorities/", "/api/v1/units/", "/api/v1/award-types/", "/api/v1/movements/"]
)
def test_list_endpoints_cost_the_same_whatever_the_page_size(as_persona, world, url):
    for _n in range(6):
        factories.unit(world.commune)
        factories.period(world.commune, 2026)
        factories.authority(parent=world.commune.parent)
    client = as_persona("district_standing_office")

    def cost(size: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, {"page_size": size})
        assert response.status_code == 200
        assert len(response.json()["results"]) <= size
        return len(captured)

    assert cost(1) == cost(100)
