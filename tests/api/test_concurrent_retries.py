"""A retry racing the first attempt (the same Idempotency-Key at the same moment) acts once,
and both callers get the same answer."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from api.models import IdempotentRequest
from audit.models import AuditEvent
from nominations.models import Nomination
from tests.threads import run_together

S = Nomination.State


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twin_requests_with_one_key_act_once(world):
    nomination = world.nomination(state=S.SUBMITTED)
    token, _created = Token.objects.get_or_create(user=world["standing_office"])
    url = f"/api/v1/nominations/{nomination.pk}/actions/return/"

    def attempt():
        client = APIClient()  # a client per thread, as two connections would be
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        response = client.post(
            url, {"reason": "Thiếu biên bản."}, format="json", HTTP_IDEMPOTENCY_KEY="k-1"
        )
        return response.status_code, response.json()

    results = run_together([attempt for _twin in range(4)])
    assert all(isinstance(result, tuple) for result in results), results
    assert {status for status, _body in results} == {200}
    assert len({body["version"] for _status, body in results}) == 1
    assert AuditEvent.objects.filter(action="nomination.return").count() == 1
    assert IdempotentRequest.objects.count() == 1
    nomination.refresh_from_db()
    assert nomination.state == S.RETURNED
