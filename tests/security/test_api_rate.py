"""API calls are limited per user (and per address without credentials), with a clear JSON
429 in Vietnamese."""

from __future__ import annotations

import pytest
from django.test import override_settings
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@override_settings(API_USER_RATE="3/minute")
def test_a_user_over_their_rate_gets_a_429_and_others_do_not(world):
    head = APIClient()
    head.force_authenticate(world["unit_head"])
    for _call in range(3):
        assert head.get("/api/v1/nominations/").status_code == 200
    refused = head.get("/api/v1/nominations/")
    assert refused.status_code == 429
    assert refused.json() == {
        "code": "throttled",
        "message": "Quá nhiều yêu cầu, vui lòng thử lại sau 60 giây.",
    }
    assert refused["Retry-After"] == "60"
    other = APIClient()
    other.force_authenticate(world["auditor"])
    assert other.get("/api/v1/nominations/").status_code == 200


@override_settings(API_ANON_RATE="2/minute")
def test_calls_without_credentials_are_limited_by_address(world):
    anonymous = APIClient(REMOTE_ADDR="10.1.1.1")
    body = {"username": "truongthon", "password": "pw"}
    for _call in range(2):
        assert anonymous.post("/api/v1/auth/token/", body, format="json").status_code == 200
    assert anonymous.post("/api/v1/auth/token/", body, format="json").status_code == 429
    elsewhere = APIClient(REMOTE_ADDR="10.1.1.2")
    assert elsewhere.post("/api/v1/auth/token/", body, format="json").status_code == 200
