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


def test_the_schema_says_what_the_api_returns():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    paths, components = schema["paths"], schema["components"]["schemas"]
    # The audit payload is the object it is, not its text.
    assert components["AuditEvent"]["properties"]["payload"]["type"] == "object"
    # One dossier's history is a list, not a page.
    history = paths["/api/v1/nominations/{id}/history/"]["get"]["responses"]["200"]
    assert history["content"]["application/json"]["schema"]["type"] == "array"
    # Meeting operations list their refusals with the one error body.
    for path, method in [("/api/v1/meetings/", "post"), ("/api/v1/meetings/{id}/open/", "post"),
                         ("/api/v1/meetings/{id}/ballots/", "post")]:  # fmt: skip
        responses = paths[path][method]["responses"]
        assert {"400", "401", "403", "404", "409", "413", "429"} <= set(responses)
        error = responses["409"]["content"]["application/json"]["schema"]
        assert error == {"$ref": "#/components/schemas/Error"}
    # A page past the end (page=0 too) is a documented 404.
    assert "404" in paths["/api/v1/nominations/"]["get"]["responses"]
    # An agenda item not yet counted has passed = null.
    assert components["AgendaItem"]["properties"]["passed"].get("nullable") is True
