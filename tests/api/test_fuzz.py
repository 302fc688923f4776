"""Bad input thrown at the nomination and action endpoints: a 4xx with a JSON error, never a
500, and nothing changed by a refusal."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audit.models import AuditEvent
from nominations.models import Nomination

S = Nomination.State
pytestmark = pytest.mark.django_db
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
nominee = st.fixed_dictionaries(
    {},
    optional={
        "kind": st.sampled_from(["individual", "household", "collective", "x"]) | json_values,
        "id": st.integers(min_value=-5, max_value=10**12) | json_values,
        "full_name": st.text(max_size=200) | json_values,
        "gender": st.sampled_from(["male", "female", ""]) | json_values,
        "birth_year": st.integers() | json_values,
        "head_name": st.text(max_size=200),
    },
)
creation = st.fixed_dictionaries(
    {},
    optional={
        "award_type": st.sampled_from(["lao-dong-tien-tien", "gia-dinh-van-hoa", ""]) | json_values,
        "unit": st.integers(min_value=-5, max_value=10**12) | json_values,
        "period": st.integers(min_value=-5, max_value=10**12) | json_values,
        "nominee": nominee | json_values,
        "achievements": st.text(max_size=300) | json_values,
        "excellence_confirmed": json_values,
    },
)
action_input = st.fixed_dictionaries(
    {},
    optional={
        "reason": st.text(max_size=100) | json_values,
        "reason_code": st.text(max_size=20) | json_values,
        "number": st.text(max_size=60) | json_values,
        "issued_on": st.dates().map(str) | st.text(max_size=12) | json_values,
        "approved": json_values,
        "meeting": st.integers() | json_values,
    },
)
action_names = st.sampled_from(
    ["submit", "withdraw", "return", "appraise", "schedule", "defer", "approve", "reject",
     "forward", "record_outcome", "revoke", "hold", "release", "end_posting", "council_result"]
) | st.text(alphabet=string.ascii_lowercase + "_", min_size=1, max_size=20)  # fmt: skip


def _json_error(response) -> None:
    assert response.status_code < 500, response.content
    if response.status_code >= 400:
        body = response.json()
        assert body["code"]
        assert body["message"]


@FUZZ
@given(body=creation)
def test_creating_with_any_body_never_fails_on_the_server(as_persona, world, body):
    response = as_persona("unit_head").post("/api/v1/nominations/", body, format="json")
    _json_error(response)


@FUZZ
@given(name=action_names, body=action_input, key=st.none() | st.text(max_size=120))
def test_any_action_with_any_body_never_fails_on_the_server(as_persona, world, name, body, key):
    nomination = world.nomination(state=S.SUBMITTED)
    events = AuditEvent.objects.count()
    headers = {} if key is None else {"HTTP_IDEMPOTENCY_KEY": key}
    client = as_persona("standing_office")
    response = client.post(
        f"/api/v1/nominations/{nomination.pk}/actions/{name}/", body, format="json", **headers
    )
    _json_error(response)
    if response.status_code >= 400:
        nomination.refresh_from_db()
        assert nomination.state == S.SUBMITTED
        assert AuditEvent.objects.count() == events


@FUZZ
@given(body=json_values, if_match=st.none() | st.text(max_size=30))
def test_patching_with_any_body_never_fails_on_the_server(as_persona, world, body, if_match):
    nomination = world.nomination(state=S.DRAFT)
    headers = {} if if_match is None else {"HTTP_IF_MATCH": if_match}
    response = as_persona("unit_head").patch(
        f"/api/v1/nominations/{nomination.pk}/", body, format="json", **headers
    )
    _json_error(response)
