import pytest

from audit.models import AuditEvent
from audit.services import GENESIS_HASH, audit_event_record, event_content, event_hash
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
