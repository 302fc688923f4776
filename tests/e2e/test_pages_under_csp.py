"""The pages outside the nomination lifecycle work under the Content-Security-Policy too:
the admin site, the second-factor enrolment (its QR code is a data: image) and Swagger UI.
The e2e conftest fails a test on any refusal the browser reports."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests import factories

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_admin_enrolment_and_api_docs_under_the_policy(page: Page, live_server):
    base = live_server.url
    admin = factories.user("quantri", is_staff=True, is_superuser=True, full_name="Quản trị")
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill("quantri")
    page.get_by_label("Mật khẩu").fill("pw")
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name=re.compile("Xin chào"))).to_be_visible()

    page.goto(f"{base}/admin/")
    expect(page.get_by_role("link", name="Người dùng").first).to_be_visible()
    page.goto(f"{base}/admin/accounts/user/{admin.pk}/change/")
    expect(page.locator("#id_username")).to_have_value("quantri")
    page.goto(f"{base}/admin/nominations/nomination/")
    expect(page.locator("#changelist")).to_be_visible()

    page.goto(f"{base}/accounts/two-factor/")
    qr = page.get_by_role("img", name=re.compile("Mã QR"))
    expect(qr).to_be_visible()
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")

    page.goto(f"{base}/api/docs/")
    expect(page.get_by_text("Thi đua - Khen thưởng API").first).to_be_visible()
    expect(page.locator(".opblock").first).to_be_visible()
