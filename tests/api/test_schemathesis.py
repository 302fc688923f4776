"""The API against its own OpenAPI schema (issue 21, point 6): schemathesis generates requests
for every operation, valid and invalid, as several personas, and fails on any 5xx, any status
the schema does not list, and any body that does not match the schema.

The examples per operation are bounded (EXAMPLES) so the suite stays fast; each run draws new
ones (derandomised in CI would hide new cases; a failure prints its reproduction)."""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application

EXAMPLES = 4
PERSONAS = ["unit_head", "standing_office", "chairman", "auditor"]


def _schema() -> schemathesis.BaseSchema:
    document = SchemaGenerator().get_schema(request=None, public=True)
    loaded = schemathesis.openapi.from_dict(json.loads(OpenApiJsonRenderer().render(document)))
    loaded.app = application  # calls go through Django's WSGI handler, in this process
    return loaded


schema = _schema()


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Django's handler closes the connection after each request; the test's transaction
    lives on it (django.test.Client does the same disconnection)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(world) -> dict[str, str]:
    world.nomination()  # something to read, act on and fail to act on
    return {p: Token.objects.get_or_create(user=world[p])[0].key for p in PERSONAS}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                           HealthCheck.filter_too_much],
)  # fmt: skip
def test_the_api_keeps_its_schema(case, persona, tokens):
    case.call_and_validate(
        headers={"Authorization": f"Token {tokens[persona]}", "Host": "localhost"},
        checks=[
            content_type_conformance,
            response_schema_conformance,
            status_code_conformance,
        ],
    )
