"""The audit log is append-only in the database, and the verifier finds any rewrite."""

from __future__ import annotations

import importlib
import io
from contextlib import contextmanager

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from audit.models import AuditEvent
from audit.services import audit_event_record
from audit.verification import verify_chain
from councils.models import Membership
from tests import factories
from workflow.models import Notification
from workflow.tasks import verify_audit_chain

triggers = importlib.import_module("audit.migrations.0003_append_only_triggers")


@pytest.fixture(autouse=True)
def _triggers_armed(db):
    """Withdraw the test suite's SQLite purge permit for these tests (rolled back after)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS audit_test_purge_permit")


@contextmanager
def triggers_disabled():
    """What an attacker with database access would do first."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A superuser's session that skips triggers: no DDL inside the test transaction.
            cursor.execute("SET session_replication_role = replica")
        else:
            for statement in triggers.SQLITE_REMOVE:
                cursor.execute(statement)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SET session_replication_role = origin")
            else:
                for statement in triggers.SQLITE_INSTALL:
                    cursor.execute(statement)


def _events(count: int) -> list[AuditEvent]:
    actor = factories.user()
    return [
        audit_event_record(actor=actor, action="test.event", target=actor, payload={"n": n})
        for n in range(count)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "statement", ["UPDATE audit_auditevent SET action = 'x'", "DELETE FROM audit_auditevent"]
)
def test_the_database_refuses_to_rewrite_or_delete_events(statement):
    _events(2)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert AuditEvent.objects.filter(action="test.event").count() == 2


@pytest.mark.django_db
def test_the_orm_cannot_rewrite_an_event_either():
    (event,) = _events(1)
    event.action = "login"
    with pytest.raises(DatabaseError), transaction.atomic():
        event.save()


@pytest.mark.django_db
def test_an_intact_chain_verifies():
    _events(5)
    out = io.StringIO()
    call_command("audit_verify", stdout=out)
    assert "Đã kiểm tra 5 sự kiện" in out.getvalue()
    assert "nguyên vẹn" in out.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize("victim", [1, 4, 7])
def test_tampering_with_one_payload_is_reported_at_exactly_that_sequence(victim):
    events = _events(7)
    with triggers_disabled():
        AuditEvent.objects.filter(sequence=victim).update(payload={"n": 999})
    report = verify_chain()
    assert report.broken.sequence == victim
    assert report.checked == victim - 1
    assert report.broken.found == events[victim - 1].hash
    out = io.StringIO()
    with pytest.raises(CommandError, match=f"sự kiện số {victim}"):
        call_command("audit_verify", stdout=out)
    assert f"Mắt xích hỏng tại sự kiện số {victim}" in out.getvalue()


@pytest.mark.django_db
def test_a_deleted_event_and_a_rewritten_hash_are_found_too():
    _events(5)
    with triggers_disabled():
        AuditEvent.objects.filter(sequence=3).delete()
    assert verify_chain().broken.sequence == 3
    with triggers_disabled():
        AuditEvent.objects.filter(sequence=4).update(previous_hash="0" * 64)
    assert verify_chain().broken.sequence == 3


@pytest.mark.django_db
def test_the_nightly_check_notifies_the_authoritys_auditors_of_a_break(world):
    actor = world["standing_office"]
    for n in range(3):
        audit_event_record(
            actor=actor,
            action="test.event",
            target=actor,
            authority=world.commune,
            payload={"n": n},
        )
    assert verify_audit_chain() is True
    assert not Notification.objects.exists()
    with triggers_disabled():
        AuditEvent.objects.filter(sequence=2).update(action="nomination.approve")
    assert verify_audit_chain() is False
    notified = set(Notification.objects.values_list("user", flat=True))
    assert notified == {world["auditor"].pk}
    assert Membership.objects.get(user=world["auditor"]).role == "auditor"
    assert "sự kiện số 2" in Notification.objects.get().message
