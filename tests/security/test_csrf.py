"""Every write, on the pages and through the API, is refused without a CSRF token when the
caller is signed in by session cookie. The list of endpoints comes from the URL resolver and
the OpenAPI schema, not from a hand-written list."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from tests.security import routes
from tests.security.csrf_refused import MARKER

pytestmark = pytest.mark.django_db

# Sample values for every URL argument of the project and of the admin site. The middleware
# checks the token before any view runs, so the objects need not exist.
SAMPLES = {
    "pk": 1,
    "item_id": 1,
    "attachment_id": 1,
    "proceeding_id": 1,
    "period_id": 1,
    "action": "submit",
    "fmt": "csv",
    "object_id": "1",
    "content_type_id": 1,
    "app_label": "accounts",
    "url": "accounts/user/",
    "id": 1,
    "code": "lao-dong-tien-tien",
    "action_name": "submit",
}
# The token endpoint takes no session (authentication_classes = []): it reads a username and
# password from the body, so a forged cross-site request carries nothing of the victim's.
NO_SESSION = {"/api/v1/auth/token/"}


@pytest.fixture
def session_client(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world["standing_office"])
    return client


@override_settings(CSRF_FAILURE_VIEW="tests.security.csrf_refused.view")
def test_every_page_refuses_a_post_without_a_csrf_token(session_client):
    pages = [route for route in routes.all_routes() if not route.api]
    assert len(pages) > 50  # the admin's pages are in the list too
    accepted = []
    for route in pages:
        url = routes.url_of(route, SAMPLES)
        response = session_client.post(url, {"body": "x"})
        if not (response.status_code == 403 and response.content.decode() == MARKER):
            accepted.append(f"{route.name} {url}: {response.status_code}")
    assert accepted == []


@override_settings(CSRF_FAILURE_VIEW="tests.security.csrf_refused.view")
def test_the_same_post_with_its_token_passes_the_check(session_client):
    """The check above can fail: with the token, the middleware lets the request through."""
    session_client.get("/accounts/")
    token = session_client.cookies["csrftoken"].value
    response = session_client.post("/accounts/logout/", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 302


def test_every_api_write_refuses_a_session_call_without_a_csrf_token(session_client):
    writes = routes.api_writes()
    assert len(writes) >= 10
    accepted = []
    for method, template in writes:
        path = routes.fill(template, SAMPLES)
        if path in NO_SESSION:
            continue
        response = session_client.generic(method, path, "{}", content_type="application/json")
        body = response.json() if response["Content-Type"].startswith("application/json") else {}
        if not (response.status_code == 403 and body.get("code") == "csrf_failed"):
            accepted.append(f"{method} {path}: {response.status_code} {body}")
    assert accepted == []


def test_an_api_write_without_a_csrf_token_is_explained_in_vietnamese(session_client, world):
    response = session_client.post("/api/v1/nominations/", {}, content_type="application/json")
    assert response.status_code == 403
    assert response.json() == {
        "code": "csrf_failed",
        "message": (
            "Thiếu mã chống giả mạo (CSRF): gửi kèm tiêu đề X-CSRFToken, hoặc dùng mã truy cập."
        ),
    }
