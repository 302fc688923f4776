"""Keys typed or tampered into forms and query strings: what is not a plain number is no key,
and never a server error. str.isdigit() accepts "²" and "٣", which int() refuses; the pages
read keys through core.requests.key_of."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.requests import key_of, keys_of

ODD = ["²", "٣", "１２", "-1", "1.0", " ", "9" * 40]


def test_only_plain_ascii_numbers_are_keys():
    assert key_of("42") == 42
    assert key_of(" 7 ") == 7
    assert key_of(None) is None
    assert [key_of(value) for value in ODD] == [None] * len(ODD)
    assert keys_of(["3", "²", "x", "5"]) == [3, 5]


@pytest.mark.django_db
@pytest.mark.parametrize("odd", ["²", "٣"])
def test_odd_keys_on_the_pages_answer_without_a_server_error(client, world, odd):
    nomination = world.nomination("lao-dong-tien-tien", "draft")
    client.force_login(world["unit_head"])
    bulk = client.post(reverse("nominations:bulk"), {"bulk_action": "submit", "nomination": [odd]})
    assert bulk.status_code == 302  # nothing chosen: back to the list with a message
    nomination.refresh_from_db()
    assert nomination.state == "draft"
    assert client.get(reverse("nominations:list"), {"authority": odd}).status_code == 200
    assert client.get(reverse("nominations:list"), {"unit": odd}).status_code == 200
    client.force_login(world["auditor"])
    for mark in ("after", "before"):
        assert client.get(reverse("audit:search"), {mark: odd}).status_code == 200
