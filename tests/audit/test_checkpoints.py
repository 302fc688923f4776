"""Signed checkpoints of the chain's head (issue 21, point 2), from its reproductions: a log
rewritten with every later hash recomputed, the newest events deleted, the table emptied.
Each passes the link-by-link check; each is caught against the checkpoints, with the sequence
affected. Runs on SQLite and on PostgreSQL (CI runs both)."""

from __future__ import annotations

import base64
import io
import json
import os
import stat

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from audit import checkpoints
from audit.checkpoints import audit_checkpoint_write, checkpoints_check, last_checkpoint
from audit.models import AuditEvent
from audit.services import GENESIS_HASH, event_content, event_hash
from audit.tasks import audit_checkpoint_task
from audit.verification import verify_chain
from tests.audit.test_append_only import _events, triggers_disabled
from workflow.tasks import verify_audit_chain

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _triggers_armed(db):
    """Withdraw the suite's purge permit inside this test's transaction (rolled back after)."""
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS audit_test_purge_permit")


def _verify() -> tuple[str, str]:
    out = io.StringIO()
    try:
        call_command("audit_verify", stdout=out)
    except CommandError as error:
        return out.getvalue(), str(error)
    return out.getvalue(), ""


def _rechain_from(sequence: int, payload: dict) -> None:
    """Change one event and recompute every later hash with the real algorithm: what an
    attacker who read the code and holds the database would do."""
    with triggers_disabled():
        events = list(AuditEvent.objects.order_by("sequence"))
        previous = GENESIS_HASH
        for event in events:
            if event.sequence == sequence:
                event.payload = payload
            if event.sequence >= sequence:
                event.previous_hash = previous
                event.hash = event_hash(event_content(event), previous)
                AuditEvent.objects.filter(pk=event.pk).update(
                    payload=event.payload,
                    previous_hash=event.previous_hash,
                    hash=event.hash,
                )
            previous = event.hash


def test_an_intact_chain_matches_its_checkpoints():
    _events(3)
    first = audit_checkpoint_write()
    _events(2)
    call_command("audit_checkpoint", stdout=io.StringIO())
    assert (first.sequence, last_checkpoint().sequence) == (3, 5)
    found, problems = checkpoints_check()
    assert (len(found), problems) == (2, [])
    out, failure = _verify()
    assert failure == ""
    assert "Mốc gần nhất: sự kiện số 5" in out
    assert "khớp mọi mốc đã ký" in out


def test_rechaining_after_a_change_is_caught_with_the_affected_range():
    _events(4)
    audit_checkpoint_write()  # vouches for 1-4
    _events(6)
    audit_checkpoint_write()  # vouches for 1-10
    _rechain_from(7, {"n": "đã sửa"})
    assert verify_chain().intact  # the link-by-link check alone is fooled
    out, failure = _verify()
    assert "chuỗi bị tính lại từ sự kiện số 5" in failure
    assert "trong các sự kiện từ số 5 đến số 10" in out


def test_deleting_the_newest_five_events_is_caught():
    _events(12)
    audit_checkpoint_write()
    with triggers_disabled():
        AuditEvent.objects.filter(sequence__gt=7).delete()
    assert verify_chain().intact
    out, failure = _verify()
    assert "mất các sự kiện mới nhất từ sự kiện số 8" in failure
    assert "chỉ còn đến số 7" in out


def test_truncate_is_refused_and_an_emptied_table_is_caught():
    _events(3)
    audit_checkpoint_write()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # the inserts' deferred foreign-key checks, now
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute("TRUNCATE audit_auditevent")
        assert AuditEvent.objects.count() == 3
        statement = "TRUNCATE audit_auditevent"
    else:
        statement = "DELETE FROM audit_auditevent"  # SQLite's TRUNCATE; refused by 0003
    with triggers_disabled(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AuditEvent.objects.count() == 0
    assert verify_chain().intact  # an empty chain is a valid chain
    _out, failure = _verify()
    assert "mất các sự kiện mới nhất từ sự kiện số 1" in failure


def test_a_forged_or_foreign_checkpoint_is_reported(settings):
    _events(2)
    audit_checkpoint_write()
    store = checkpoints.store().path
    line = json.loads(store.read_text().splitlines()[0])
    # The same head claimed with a higher sequence, signature kept: the signature fails.
    forged = {**line, "sequence": 1}
    # A well-formed checkpoint signed by a key nobody trusts.
    stranger = Ed25519PrivateKey.generate()
    foreign = checkpoints.Checkpoint(
        sequence=2, hash=line["hash"], at=line["at"], key=checkpoints.key_id(stranger.public_key())
    )
    signed = {**foreign.__dict__, "signature": base64.b64encode(
        stranger.sign(foreign.signed_text())).decode()}  # fmt: skip
    with store.open("a") as file:
        file.write(json.dumps(forged) + "\n" + json.dumps(signed) + "\nnot json\n")
    _found, problems = checkpoints_check()
    assert sorted(p.kind for p in problems) == ["malformed", "signature", "signature"]
    assert any("khóa không được tin cậy" in p.message for p in problems)
    assert any("chữ ký sai" in p.message for p in problems)
    # Trusting the stranger's key (a rotation) makes its checkpoint count.
    raw = stranger.public_key().public_bytes_raw()
    settings.AUDIT_CHECKPOINT_PUBLIC_KEYS = [base64.b64encode(raw).decode()]
    found, problems = checkpoints_check()
    assert len(found) == 2
    assert sorted(p.kind for p in problems) == ["malformed", "signature"]


def test_the_key_is_made_once_readable_by_its_owner_only_and_required_in_production(settings):
    audit_checkpoint_write()
    key_file = checkpoints.checkpoint_dir() / checkpoints.KEY_FILE_NAME
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    first = key_file.read_text()
    audit_checkpoint_write()
    assert key_file.read_text() == first  # reused, not replaced
    # The database never holds it: no event, no table mentions the key.
    assert first.split("\n")[1] not in str(list(AuditEvent.objects.values_list("payload")))
    settings.AUDIT_CHECKPOINT_KEY_GENERATE = False
    settings.AUDIT_CHECKPOINT_DIR = str(key_file.parent / "elsewhere")
    with pytest.raises(ImproperlyConfigured, match="AUDIT_CHECKPOINT_KEY"):
        audit_checkpoint_write()


def test_a_new_key_file_from_the_command(tmp_path):
    path = tmp_path / "key.pem"
    out = io.StringIO()
    call_command("audit_checkpoint", "--new-key", str(path), stdout=out)
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert "Khóa công khai (base64)" in out.getvalue()
    with pytest.raises(CommandError, match="không ghi đè"):
        call_command("audit_checkpoint", "--new-key", str(path), stdout=io.StringIO())


def test_the_hourly_task_writes_a_checkpoint_and_the_nightly_check_uses_them(world):
    _events(3)
    assert audit_checkpoint_task() == 3
    assert verify_audit_chain() is True
    with triggers_disabled():
        AuditEvent.objects.filter(sequence=3).delete()
    assert verify_audit_chain() is False
    assert "Mất các sự kiện từ số 3" in world["auditor"].notifications.get().message


def test_the_api_verify_reports_a_cut_log(world):
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    _events(3)
    audit_checkpoint_write()
    head = AuditEvent.objects.order_by("-sequence").first().sequence
    with triggers_disabled():
        AuditEvent.objects.filter(sequence=head).delete()
    client = APIClient()
    client.credentials(
        HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=world['auditor']).key}"
    )
    body = client.get("/api/v1/audit/verify/").json()
    assert body["intact"] is False
    assert body["broken_at"] == head
    assert f"Mất các sự kiện từ số {head}" in body["why"]
