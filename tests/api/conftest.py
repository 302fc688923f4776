"""Helpers of the API tests: a client signed in with a token, as a persona of the world."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def as_persona(world):
    """as_persona("unit_head") -> an APIClient that sends that persona's token."""

    def signed_in(persona: str) -> APIClient:
        client = APIClient()
        token, _created = Token.objects.get_or_create(user=world[persona])
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return signed_in
