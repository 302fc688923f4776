"""Sessions end after a quiet spell (accounts/web/idle.py); htmx fragments send the person
to sign in instead of pasting the sign-in page; a form posted after the end is kept."""

from __future__ import annotations

import json
import time

import pytest
from django.urls import reverse

from accounts.sessions import LAST_USE
from nominations.models import Nomination

S = Nomination.State
pytestmark = pytest.mark.django_db


def _age_session(client, seconds: int) -> None:
    session = client.session
    session[LAST_USE] = time.time() - seconds
    session.save()


def test_a_session_unused_past_the_limit_is_signed_out(client, world, settings):
    settings.SESSION_IDLE_MINUTES = 30
    client.force_login(world["unit_head"])
    home = reverse("accounts:home")
    assert client.get(home).status_code == 200
    _age_session(client, 29 * 60)
    assert client.get(home).status_code == 200  # used within the limit: still signed in
    _age_session(client, 31 * 60)
    response = client.get(home, follow=True)
    assert response.redirect_chain[-1][0] == f"{reverse('accounts:login')}?next=/accounts/"
    assert "Phiên làm việc đã kết thúc sau 30 phút không dùng" in response.content.decode()


def test_an_htmx_request_after_the_end_is_told_to_go_and_sign_in(client, world):
    meeting_page = "/councils/meetings/7/"
    response = client.get(
        reverse("councils:counts", args=[7]),
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL=f"http://testserver{meeting_page}",
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"{reverse('accounts:login')}?next=/councils/meetings/7/"
    assert b"<form" not in response.content  # no sign-in page pasted into the fragment


def test_a_passive_poll_does_not_keep_a_session_alive(client, world, settings):
    settings.SESSION_IDLE_MINUTES = 30
    client.force_login(world["council_member"])
    client.get(reverse("accounts:home"))
    _age_session(client, 20 * 60)
    before = client.session[LAST_USE]
    client.get(reverse("accounts:home"), HTTP_X_PASSIVE_POLL="1")
    assert client.session[LAST_USE] == before


def test_a_form_posted_after_the_end_comes_back_filled_after_signing_in(client, world):
    nomination = world.nomination()
    edit = reverse("nominations:edit", args=[nomination.pk])
    client.force_login(world["unit_head"])
    _age_session(client, 31 * 60)
    typed = "Thành tích dài đã gõ trong 40 phút: vận động 12 hộ làm đường bê tông."
    response = client.post(
        edit,
        {"achievements": typed, "months_served": "12"},
        HTTP_REFERER=f"http://testserver{edit}",
    )
    assert response["Location"] == f"{reverse('accounts:login')}?next={edit}"
    nomination.refresh_from_db()
    assert nomination.achievements != typed  # nothing was saved signed out
    signed_in = client.post(
        reverse("accounts:login"),
        {"username": "truongthon", "password": "pw", "next": edit},
        follow=True,
    )
    assert signed_in.redirect_chain[-1][0] == edit
    page = signed_in.content.decode()
    kept = json.loads(
        page.split('id="kept-form" type="application/json">')[1].split("</script>")[0]
    )
    assert kept["achievements"] == [typed]
    assert "csrfmiddlewaretoken" not in kept
    # Given back once: a reload shows the page as saved.
    assert 'id="kept-form"' not in client.get(edit).content.decode()
