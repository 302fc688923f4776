"""Browser tests: Playwright drives Debian's chromium against the live test server."""

import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls of the test
# itself are synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = Path(__file__).resolve().parents[2] / ".screenshots"
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "vi-VN", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def shot():
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(page, name: str) -> None:
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return take


@pytest.fixture(autouse=True)
def _content_security_policy(page):
    """Every browser test runs under the Content-Security-Policy the server sends, and fails
    if the browser refused anything because of it (chromium reports it on the console)."""
    refused: list[str] = []
    policies: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.on(
        "response",
        lambda response: (
            policies.append(response.headers.get("content-security-policy", ""))
            if response.request.resource_type == "document"
            else None
        ),
    )
    yield
    assert refused == []
    assert policies, "the test loaded no page"
    assert all("script-src 'self'" in policy for policy in policies), policies
