"""The application's PostgreSQL role cannot undo the audit log's protection (issue 21, point 2).

On a database of its own on the machine's PostgreSQL (whatever database the suite runs on):
`db_roles` makes an owner and an application role, the owner migrates, and then the
application role, connected as gunicorn would be, is refused every way of rewriting the log
a table owner or superuser has, while it can still append events and do its normal work."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import uuid

import psycopg
import pytest
from django.conf import settings

SERVER = "postgres://postgres@127.0.0.1:5432"


def _manage(url: str, *arguments: str) -> str:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))},
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": url,
    }
    done = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.fixture
def scratch():
    """A database and two roles named for this run, dropped afterwards."""
    tag = uuid.uuid4().hex[:8]
    names = {"db": f"thidua_roles_{tag}", "owner": f"owner_{tag}", "app": f"app_{tag}"}
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{names["db"]}"')
    try:
        yield names
    finally:
        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{names["db"]}" WITH (FORCE)')
            for role in (names["app"], names["owner"]):
                admin.execute(f'DROP ROLE IF EXISTS "{role}"')


def _refused(app: psycopg.Connection, statement: str) -> str:
    with pytest.raises(psycopg.Error) as refusal:
        app.execute(statement)
    app.rollback()
    return str(refusal.value)


def test_the_application_role_cannot_disable_truncate_or_rewrite_the_audit_log(scratch):
    db, owner, app_role = scratch["db"], scratch["owner"], scratch["app"]
    roles = ("db_roles", "--owner", owner, "--app", app_role, "--execute")
    _manage(f"{SERVER}/{db}", *roles)  # as the superuser: roles, ownership, rights
    _manage(f"postgres://{owner}@127.0.0.1:5432/{db}", "migrate", "audit", "-v0")  # as owner
    _manage(f"{SERVER}/{db}", *roles)  # again after migrate: the audit table's rights
    printed = _manage(f"{SERVER}/{db}", "db_roles", "--owner", owner, "--app", app_role)
    assert f'REVOKE UPDATE, DELETE, TRUNCATE ON "audit_auditevent" FROM "{app_role}"' in printed

    with psycopg.connect(f"postgres://{app_role}@127.0.0.1:5432/{db}") as app:
        # Normal work: a user, an event appended, the log read.
        user = app.execute(
            "INSERT INTO accounts_user (password, is_superuser, username, first_name, "
            "last_name, full_name, email, phone, is_staff, is_active, date_joined) VALUES "
            "('!', false, 'u', '', '', 'U', '', '', false, true, now()) RETURNING id"
        ).fetchone()[0]
        app.execute(
            "INSERT INTO audit_auditevent (sequence, occurred_at, actor_id, object_type, "
            "object_id, action, from_state, to_state, payload, previous_hash, hash) VALUES "
            "(1, now(), %s, 'x', '1', 'test', '', '', '{}', %s, %s)",
            [user, "0" * 64, "1" * 64],
        )
        app.commit()
        assert app.execute("SELECT count(*) FROM audit_auditevent").fetchone()[0] == 1
        # The appender's one statement (lock, tail, hash, insert: audit.services) is open to it.
        event = {"before": '{"sequence":', "after": "}", "occurred_at": "2026-12-07T00:00:00+00:00",
                 "actor": user, "object_type": "x", "object_id": "2", "action": "test",
                 "from_state": "", "to_state": "", "payload": "{}"}  # fmt: skip
        appended = app.execute(
            "SELECT event_sequence, event_previous, event_hash FROM audit_append(1, %s::jsonb)",
            [json.dumps([event])],
        ).fetchone()
        expected = hashlib.sha256(('{"sequence":2}' + "1" * 64).encode()).hexdigest()
        assert appended == (2, "1" * 64, expected)
        app.commit()

        # Every way a table owner or a superuser has to rewrite it, refused.
        for statement in (
            "ALTER TABLE audit_auditevent DISABLE TRIGGER ALL",
            "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_append_only",
            "DROP TRIGGER audit_event_append_only ON audit_auditevent",
            "SET session_replication_role = replica",
            "TRUNCATE audit_auditevent",
            "UPDATE audit_auditevent SET action = 'x'",
            "DELETE FROM audit_auditevent",
            "CREATE TABLE audit_test_purge_permit (id integer)",  # the test suite's permit
        ):
            message = _refused(app, statement)
            assert any(
                words in message for words in ("must be owner", "permission denied", "append-only")
            ), (statement, message)
        assert app.execute("SELECT count(*) FROM audit_auditevent").fetchone()[0] == 2
