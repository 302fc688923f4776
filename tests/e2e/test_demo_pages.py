"""Every persona's main pages, on the demo's data, in a real browser: axe-core finds no
serious or critical WCAG 2.1 A/AA violation, nothing is wider than a 390 px phone, and each
page is photographed at both sizes (`make screenshots` keeps them in docs/screenshots/)."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import Page, expect

from councils.models import Council, Meeting, Unit
from nominations.models import CertificateLayout, Decision, Movement, Nomination
from tests.e2e.conftest import SCREENSHOTS

S = Nomination.State
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
KEPT = Path(os.environ.get("SCREENSHOTS_DIR") or SCREENSHOTS)


def _pages() -> dict[str, list[tuple[str, str]]]:
    """Each demo persona of xã Cẩm Trung and their main pages (name, path), and Khuôn
    Lùng's office on its 2024 movement results."""
    commune = Nomination.objects.filter(proposing_unit__authority__code="vn-18742")
    head_unit = Unit.objects.get(
        memberships__user__username="camtrung.truongthon1", memberships__valid_to__isnull=True
    )
    own = commune.filter(proposing_unit=head_unit)
    returned = commune.filter(state=S.RETURNED).first()
    submitted = commune.filter(state=S.SUBMITTED).first()
    approved = commune.filter(state=S.APPROVED).first()
    council = Council.objects.get(authority__code="vn-18742")
    planned = council.meetings.filter(state=Meeting.State.PLANNED).first()
    closed = council.meetings.filter(state=Meeting.State.CLOSED).order_by("-held_on").first()
    decision = Decision.objects.filter(authority__code="vn-18742").order_by("-issued_on").first()
    layout = CertificateLayout.objects.filter(authority__code="vn-18742").first()
    khuon_lung = Movement.objects.filter(targets__isnull=False, authority__name="Khuôn Lùng")[0]
    # Their own dossier: a draft if they have one, else the latest.
    draft = own.filter(state=S.DRAFT).first() or own.order_by("-pk").first()
    return {
        "camtrung.truongthon1": [
            ("unit-home", "/accounts/"),
            ("unit-list", "/nominations/"),
            ("unit-new", "/nominations/new/"),
            ("unit-dossier", f"/nominations/{draft.pk}/"),
        ],
        "camtrung.thuongtruc": [
            ("office-appraisal", "/nominations/appraisal/"),
            ("office-submitted", f"/nominations/{submitted.pk}/"),
            ("office-returned", f"/nominations/{returned.pk}/"),
            ("office-council", f"/councils/{council.pk}/"),
            ("office-meeting", f"/councils/meetings/{planned.pk}/"),
            ("office-minutes", f"/councils/meetings/{closed.pk}/minutes/"),
            ("office-statistics", "/reports/statistics/?year=2025"),
            ("office-register", "/reports/register/"),
            ("office-blanks", "/nominations/blanks/"),
            ("office-blank-layout", f"/nominations/blanks/layouts/{layout.pk}/"),
        ],
        "khuonlung.thuongtruc": [
            ("office-movement-results", f"/reports/movements/{khuon_lung.pk}/"),
        ],
        "camtrung.hoidong1": [
            ("member-home", "/accounts/"),
            ("member-meeting", f"/councils/meetings/{closed.pk}/"),
        ],
        "camtrung.chutich": [
            ("chairman-decisions", "/nominations/decisions/"),
            ("chairman-decision", f"/nominations/decisions/{decision.pk}/"),
            ("chairman-delegations", "/nominations/delegations/"),
            ("chairman-dashboard", "/nominations/dashboard/"),
            ("chairman-approved", f"/nominations/{approved.pk}/"),
        ],
        "camtrung.kiemtra": [
            ("auditor-search", "/audit/events/"),
            ("auditor-timeline", f"/audit/nominations/{approved.pk}/"),
        ],
    }


def _sign_in(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.set_viewport_size(DESKTOP)
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(settings.DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Xin chào", exact=False)).to_be_visible()


def _serious(page: Page) -> list[str]:
    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def test_every_persona_page_is_accessible_and_fits_a_phone(page, live_server):
    call_command("load_demo", stdout=io.StringIO())
    KEPT.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    seen = 0
    for username, pages in _pages().items():
        _sign_in(page, live_server.url, username)
        for name, path in pages:
            page.set_viewport_size(DESKTOP)
            response = page.goto(f"{live_server.url}{path}")
            assert response.ok, (username, path, response.status)
            problems += [f"{path} (desktop): {v}" for v in _serious(page)]
            page.screenshot(path=str(KEPT / f"{name}.png"), full_page=True)
            page.set_viewport_size(PHONE)
            page.reload()
            widths = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if widths[0] > widths[1]:
                problems.append(f"{path} (390 px): the page is {widths[0]} px wide")
            problems += [f"{path} (phone): {v}" for v in _serious(page)]
            page.screenshot(path=str(KEPT / f"{name}-phone.png"), full_page=True)
            seen += 1
    assert seen == 24
    assert problems == []


def test_the_phone_menu_opens_from_its_button(page, live_server):
    call_command("load_demo", stdout=io.StringIO())
    _sign_in(page, live_server.url, "camtrung.chutich")
    page.set_viewport_size(PHONE)
    page.reload()
    menu = page.locator("#site-menu")
    button = page.get_by_role("button", name="Menu")
    expect(menu).to_be_hidden()
    expect(button).to_have_attribute("aria-expanded", "false")
    button.click()
    expect(menu).to_be_visible()
    expect(button).to_have_attribute("aria-expanded", "true")
    menu.get_by_role("link", name="Chờ quyết định").click()
    expect(page.get_by_role("heading", name="Hồ sơ chờ quyết định")).to_be_visible()
