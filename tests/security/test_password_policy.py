"""Passwords chosen by people meet the policy: ten characters at least, not common, not all
digits, not like the username. The demo's shared password is set directly by load_demo."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.forms import SetPasswordForm
from django.core.management import call_command

from accounts.models import User
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("ngan-qua", "ít nhất 10 ký tự"),
        ("1234567890123", "hoàn toàn là số"),
        ("password123", "quá phổ biến"),
        ("nguyenvanan2026", "giống"),
    ],
)
def test_a_weak_password_is_refused_in_vietnamese(password, message):
    user = factories.user("nguyenvanan2026", full_name="Nguyễn Văn An")
    form = SetPasswordForm(user, {"new_password1": password, "new_password2": password})
    assert not form.is_valid()
    assert message in " ".join(form.errors["new_password2"])


def test_a_good_password_is_accepted():
    user = factories.user("nguyenvanan")
    form = SetPasswordForm(
        user, {"new_password1": "Hoa-sen-no-2026", "new_password2": "Hoa-sen-no-2026"}
    )
    assert form.is_valid(), form.errors


def test_the_demo_password_still_opens_the_demo_accounts(client, settings):
    call_command("load_demo", stdout=io.StringIO())
    assert User.objects.get(username="camlinh.chutich").check_password(settings.DEMO_PASSWORD)
    response = client.post(
        "/accounts/login/", {"username": "camlinh.chutich", "password": settings.DEMO_PASSWORD}
    )
    assert response.status_code == 302
