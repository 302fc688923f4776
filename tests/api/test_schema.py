"""The OpenAPI schema: generated without warnings, valid, and served with local docs."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db


def test_the_schema_validates_with_no_warnings(tmp_path):
    # --fail-on-warn turns any "could not resolve" of drf-spectacular into a failure.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yml"))
    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)
    paths = schema["paths"]
    assert "/api/v1/nominations/{id}/actions/{action_name}/" in paths
    action = paths["/api/v1/nominations/{id}/actions/{action_name}/"]["post"]
    assert {"200", "400", "401", "403", "404", "409"} <= set(action["responses"])


def test_the_schema_and_the_docs_are_served_without_internet(client):
    assert client.get("/api/schema/").status_code == 200
    docs = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in docs
    assert "cdn" not in docs.lower()  # the sidecar's files, from our own static
