"""Repeated wrong passwords lock the username out from that address, on the page and on the
token endpoint alike (one mechanism: django-axes), and the lock-out is in the audit log."""

from __future__ import annotations

import datetime

import pytest
from axes.models import AccessAttempt
from django.test import override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from audit.models import AuditEvent

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"
TOKEN = "/api/v1/auth/token/"


def _sign_in(client, password: str, address: str = "10.0.0.1"):
    return client.post(LOGIN, {"username": "truongthon", "password": password}, REMOTE_ADDR=address)


@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_page_locks_out_after_three_failures_and_audits_it(client, world):
    for _attempt in range(2):
        assert _sign_in(client, "sai").status_code == 200
    third = _sign_in(client, "sai")
    assert third.status_code == 429
    assert "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút." in third.content.decode()
    # The right password does not open the account during the lock-out.
    right = _sign_in(client, "pw")
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session
    locked = AuditEvent.objects.get(action="auth.locked_out")
    assert locked.object_id == "truongthon"
    assert locked.payload == {"username": "truongthon", "ip": "10.0.0.1"}
    assert AuditEvent.objects.filter(action="auth.login_failed").count() == 4
    # Another address is not locked out (the lock is username + address) …
    _sign_in(client, "pw", address="10.0.0.2")
    assert "_auth_user_id" in client.session


@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_lock_out_ends_after_the_cool_off(client, world):
    for _attempt in range(3):
        _sign_in(client, "sai")
    assert _sign_in(client, "pw").status_code == 429
    # Fifteen minutes and a second later: the failures have expired.
    past = datetime.timedelta(minutes=15, seconds=1)
    for attempt in AccessAttempt.objects.all():
        AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=attempt.attempt_time - past)
    response = _sign_in(client, "pw")
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
    # A successful sign-in clears the count.
    assert not AccessAttempt.objects.exists()


@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_token_endpoint_locks_out_with_a_vietnamese_json_answer(world):
    api = APIClient(REMOTE_ADDR="10.0.0.9")
    for _attempt in range(2):
        wrong = api.post(TOKEN, {"username": "truongthon", "password": "x"}, format="json")
        assert wrong.status_code == 400
    third = api.post(TOKEN, {"username": "truongthon", "password": "x"}, format="json")
    assert third.status_code == 429
    assert third.json() == {
        "code": "locked_out",
        "message": "Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút.",
    }
    right = api.post(TOKEN, {"username": "truongthon", "password": "pw"}, format="json")
    assert right.status_code == 429
    assert "token" not in right.json()
    event = AuditEvent.objects.get(action="auth.locked_out")
    assert event.payload == {"username": "truongthon", "ip": "10.0.0.9"}
    # The page shares the count: the same username from the same address is locked there too.
    page = APIClient(REMOTE_ADDR="10.0.0.9").post(
        LOGIN, {"username": "truongthon", "password": "pw"}
    )
    assert page.status_code == 429


def test_failures_for_one_username_do_not_lock_out_another(client, world):
    for _attempt in range(5):
        client.post(LOGIN, {"username": "thuongtruc", "password": "sai"})
    response = client.post(LOGIN, {"username": "truongthon", "password": "pw"})
    assert response.status_code == 302
    assert reverse("accounts:home") in response["Location"]


@override_settings(AXES_FAILURE_LIMIT=3, NUM_PROXIES=1)
def test_behind_the_proxy_the_address_it_appended_is_the_one_locked_out(client, world):
    """nginx appends the client's address to X-Forwarded-For; whatever the client wrote there
    itself cannot move it to a fresh count."""
    for attempt in range(3):
        spoofed = f"203.0.113.{attempt}, 198.51.100.7"  # the client's own entry changes
        client.post(
            LOGIN,
            {"username": "truongthon", "password": "sai"},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=spoofed,
        )
    locked = client.post(
        LOGIN,
        {"username": "truongthon", "password": "pw"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert locked.status_code == 429
    assert AuditEvent.objects.get(action="auth.locked_out").payload["ip"] == "198.51.100.7"
    # Another client behind the same proxy is not locked out.
    other = client.post(
        LOGIN,
        {"username": "truongthon", "password": "pw"},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.8",
    )
    assert other.status_code == 302
