"""The Content-Security-Policy and the other security headers, on every kind of page; no
template carries inline script, inline handlers or inline styles that the policy refuses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def _policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parts = [part.strip().split() for part in header.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


def test_every_page_carries_a_policy_without_inline_script(client, world):
    client.force_login(world["standing_office"])
    nomination = world.nomination()
    pages = [
        reverse("accounts:home"),
        reverse("nominations:list"),
        reverse("nominations:new"),
        reverse("nominations:detail", args=[nomination.pk]),
        reverse("nominations:dashboard"),
        reverse("councils:list"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        policy = _policy(response)
        assert policy["default-src"] == ["'self'"], url
        assert policy["script-src"] == ["'self'"], url
        assert policy["style-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"], url
        assert policy["frame-ancestors"] == ["'none'"], url
        assert response["X-Frame-Options"] == "DENY"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        page = response.content.decode()
        # Every <script> loads a file; no inline code the policy would block.
        for tag in re.findall(r"<script\b[^>]*>", page):
            assert "src=" in tag, (url, tag)
        assert not re.search(r"<script\b[^>]*>\s*[^<\s]", page), url
    client.logout()
    login = client.get(reverse("accounts:login"))
    assert _policy(login)["script-src"] == ["'self'"]


def test_the_api_answers_carry_the_policy_too(client, world):
    client.force_login(world["standing_office"])
    response = client.get("/api/v1/me/")
    assert response.status_code == 200
    assert _policy(response)["script-src"] == ["'self'"]


def test_swagger_ui_loads_its_start_up_script_as_a_file(client, world):
    client.force_login(world["standing_office"])
    page = client.get("/api/docs/")
    assert page.status_code == 200
    policy = _policy(page)
    assert policy["script-src"] == ["'self'"]  # only styles are relaxed on this one page
    assert "'unsafe-inline'" in policy["style-src"]
    html = page.content.decode()
    assert not re.search(r"<script\b[^>]*>\s*[^<\s]", html)
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


INLINE = [
    (re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.I), "inline <script>"),
    (re.compile(r"\son[a-z]+\s*=", re.I), "on…= handler"),
    (re.compile(r"\sstyle\s*=", re.I), "style attribute"),
    (re.compile(r"<style\b", re.I), "<style> element"),
    (re.compile(r"javascript:", re.I), "javascript: URL"),
    (re.compile(r"hx-on", re.I), "hx-on (evaluated script)"),
]


def test_no_template_of_the_project_has_inline_script_or_style():
    found = []
    for template in sorted((ROOT / "templates").rglob("*.html")):
        text = template.read_text()
        for pattern, what in INLINE:
            if pattern.search(text):
                found.append(f"{template.relative_to(ROOT)}: {what}")
    assert found == []
