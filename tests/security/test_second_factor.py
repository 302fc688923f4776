"""The optional TOTP second factor: chairmen and administrators enrol with a QR code; then
the sign-in page, the admin site and the token endpoint all ask them for the code."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.test import APIClient

from audit.models import AuditEvent
from tests import factories

pytestmark = pytest.mark.django_db


def _code(device: TOTPDevice) -> str:
    """The code the phone shows now (each code works once: forget the last one used)."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        last_t=-1, throttling_failure_count=0, throttling_failure_timestamp=None
    )
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def _enrol(client, user) -> TOTPDevice:
    client.force_login(user)
    page = client.get(reverse("accounts:two_factor"))
    assert page.status_code == 200
    assert re.search(r'<img src="data:image/svg\+xml[^"]+"', page.content.decode())
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    wrong = client.post(reverse("accounts:two_factor"), {"code": "000000"})
    assert "Mã xác thực không đúng" in wrong.content.decode()
    client.post(reverse("accounts:two_factor"), {"code": _code(device)})
    device.refresh_from_db()
    assert device.confirmed
    client.logout()
    return device


def test_a_chairman_enrols_and_then_signs_in_with_password_and_code(client, world):
    chairman = world["chairman"]
    device = _enrol(client, chairman)
    assert AuditEvent.objects.filter(action="auth.otp_enrol", actor=chairman).count() == 1
    logins = AuditEvent.objects.filter(action="auth.login", actor=chairman)
    before = logins.count()

    step_one = client.post(reverse("accounts:login"), {"username": "chutich", "password": "pw"})
    assert step_one["Location"] == reverse("accounts:login_code")
    assert "_auth_user_id" not in client.session  # no session on the password alone
    wrong = client.post(reverse("accounts:login_code"), {"code": "123456"})
    assert "Mã xác thực không đúng hoặc đã hết hạn." in wrong.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="auth.otp_failed").count() == 1
    right = client.post(reverse("accounts:login_code"), {"code": _code(device)})
    assert right["Location"] == reverse("accounts:home")
    assert client.session["_auth_user_id"] == str(chairman.pk)
    assert logins.count() == before + 1


def test_the_code_page_without_a_password_first_goes_back_to_sign_in(client, world):
    response = client.post(reverse("accounts:login_code"), {"code": "123456"})
    assert response["Location"] == reverse("accounts:login")


def test_an_account_without_a_device_signs_in_with_the_password_alone(client, world):
    response = client.post(reverse("accounts:login"), {"username": "chutich", "password": "pw"})
    assert response["Location"] == reverse("accounts:home")


def test_only_chairmen_and_administrators_may_enrol(client, world):
    client.force_login(world["unit_head"])
    assert client.get(reverse("accounts:two_factor")).status_code == 403
    client.force_login(factories.user("quantri", is_staff=True))
    assert client.get(reverse("accounts:two_factor")).status_code == 200


def test_the_admin_site_asks_an_enrolled_administrator_for_the_code(client, world):
    admin = factories.user("quantri", is_staff=True, is_superuser=True)
    device = _enrol(client, admin)
    # The admin's own sign-in form has no code step: it sends them to the main page.
    refused = client.post("/admin/login/", {"username": "quantri", "password": "pw"})
    assert "hãy đăng nhập ở trang đăng nhập chính" in refused.content.decode()
    assert "_auth_user_id" not in client.session
    # A session opened without the code (here: by force) does not reach the admin.
    client.force_login(admin)
    assert client.get("/admin/").status_code == 302
    client.logout()
    client.post(reverse("accounts:login"), {"username": "quantri", "password": "pw"})
    client.post(reverse("accounts:login_code"), {"code": _code(device)})
    assert client.get("/admin/").status_code == 200


def test_the_token_endpoint_asks_an_enrolled_account_for_the_code(client, world):
    device = _enrol(client, world["chairman"])
    api = APIClient()
    body = {"username": "chutich", "password": "pw"}
    without = api.post("/api/v1/auth/token/", body, format="json")
    assert without.status_code == 400
    assert without.json()["message"] == "Cần mã xác thực hai bước đúng (trường otp)."
    with_code = api.post("/api/v1/auth/token/", {**body, "otp": _code(device)}, format="json")
    assert with_code.status_code == 200
    assert with_code.json()["token"]


def test_removing_the_second_factor_needs_a_code_and_is_audited(client, world):
    chairman = world["chairman"]
    device = _enrol(client, chairman)
    client.force_login(chairman)
    client.post(reverse("accounts:two_factor"), {"code": "000000"})
    assert TOTPDevice.objects.filter(user=chairman, confirmed=True).exists()
    client.post(reverse("accounts:two_factor"), {"code": _code(device)})
    assert not TOTPDevice.objects.filter(user=chairman).exists()
    assert AuditEvent.objects.filter(action="auth.otp_remove", actor=chairman).count() == 1
