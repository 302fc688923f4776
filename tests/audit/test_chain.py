import pytest

from audit.models import AuditEvent
from audit.services import (
    GENESIS_HASH,
    audit_event_new,
    audit_event_record,
    audit_events_append,
    event_content,
    event_hash,
)
from audit.verification import verify_chain
from tests import factories

pytestmark = pytest.mark.django_db


def test_events_are_numbered_and_each_hash_covers_the_previous_one():
    actor = factories.user()
    _province, _district, commune = factories.commune_tree()
    first = audit_event_record(actor=actor, action="role.grant", target=commune, authority=commune)
    second = audit_event_record(
        actor=actor, action="catalogue.edit", target=actor, payload={"field": "tên", "n": 1}
    )
    assert (first.sequence, second.sequence) == (1, 2)
    assert first.previous_hash == GENESIS_HASH
    assert second.previous_hash == first.hash
    for event in AuditEvent.objects.all():  # re-read: the hash survives the round trip
        assert event.hash == event_hash(event_content(event), event.previous_hash)


def test_changing_a_stored_event_no_longer_matches_its_hash():
    event = audit_event_record(actor=None, action="login", target=factories.user())
    stored = AuditEvent.objects.get(pk=event.pk)
    stored.action = "logout"
    assert stored.hash != event_hash(event_content(stored), stored.previous_hash)


def test_a_batch_hashed_by_the_database_is_the_chain_python_computes():
    """On PostgreSQL the hashes are computed by audit_append (issue 22): whatever the text
    (Vietnamese, quotes, a backslash, a control character, an emoji, a payload that has its
    own "sequence" key), they are the ones event_hash gives, and the verifier agrees."""
    actor = factories.user()
    _province, _district, commune = factories.commune_tree()
    payloads = [
        {"lý do": "Hồ sơ “đủ” \\ điều kiện\n", "sequence": -1},
        {"nested": {"sequence": 7, "to_state": "x"}, "emoji": "🏅", "nul": "a\u0000b"},
        {},
    ]
    events = audit_events_append(
        [
            audit_event_new(
                actor=actor,
                action="nomination.appraise",
                target=commune,
                authority=commune,
                from_state="submitted",
                to_state="appraised",
                payload=payload,
            )
            for payload in payloads
        ]
    )
    assert [event.sequence for event in events] == [1, 2, 3]
    assert events[0].previous_hash == GENESIS_HASH
    stored = list(AuditEvent.objects.order_by("sequence"))
    assert [event.pk for event in stored] == [event.pk for event in events]
    previous = GENESIS_HASH
    for given, row in zip(events, stored, strict=True):
        assert row.hash == given.hash == event_hash(event_content(row), previous)
        assert row.previous_hash == previous
        previous = row.hash
    assert stored[1].payload["emoji"] == "🏅"
    report = verify_chain()
    assert (report.intact, report.checked) == (True, 3)
