"""One statement to lock the chain, read its tail, hash and insert the events on PostgreSQL
(issue 22): `audit_append` replaces `audit_chain_tail` (0005) followed by an INSERT.

The application still builds each event's canonical JSON (audit.canonical): it sends the text
before and after the event's sequence number, which only the function knows once it holds
the lock; the function hashes `before || sequence || after || previous hash` with SHA-256,
exactly as audit.services.event_hash does, so the verifier (audit.verification) needs no
change. VOLATILE: the tail read after the lock takes a fresh snapshot and sees what the
previous holder committed. SQLite keeps the two statements (its writers are serialised by
the database, transaction_mode IMMEDIATE).
"""

import importlib

from django.db import migrations

POSTGRESQL_INSTALL = """
CREATE OR REPLACE FUNCTION audit_append(lock_key bigint, events jsonb)
RETURNS TABLE (event_id bigint, event_sequence bigint, event_previous varchar, event_hash varchar)
AS $$
DECLARE
    tail_sequence bigint;
    tail_hash varchar;
    event jsonb;
    hashed varchar;
BEGIN
    PERFORM pg_advisory_xact_lock(lock_key);
    SELECT e.sequence, e.hash INTO tail_sequence, tail_hash
        FROM audit_auditevent e ORDER BY e.sequence DESC LIMIT 1;
    IF NOT FOUND THEN
        tail_sequence := 0;
        tail_hash := repeat('0', 64);
    END IF;
    FOR i IN 0 .. jsonb_array_length(events) - 1 LOOP
        event := events -> i;
        tail_sequence := tail_sequence + 1;
        hashed := encode(sha256(convert_to(
            (event ->> 'before') || tail_sequence::text || (event ->> 'after') || tail_hash,
            'UTF8')), 'hex');
        INSERT INTO audit_auditevent (
            sequence, occurred_at, actor_id, authority_id, unit_id, object_type, object_id,
            action, from_state, to_state, payload, previous_hash, hash
        ) VALUES (
            tail_sequence, (event ->> 'occurred_at')::timestamptz,
            (event ->> 'actor')::bigint, (event ->> 'authority')::bigint,
            (event ->> 'unit')::bigint, event ->> 'object_type', event ->> 'object_id',
            event ->> 'action', event ->> 'from_state', event ->> 'to_state',
            event ->> 'payload', tail_hash, hashed
        ) RETURNING id INTO event_id;
        event_sequence := tail_sequence;
        event_previous := tail_hash;
        event_hash := hashed;
        RETURN NEXT;
        tail_hash := hashed;
    END LOOP;
END;
$$ LANGUAGE plpgsql VOLATILE;
DROP FUNCTION IF EXISTS audit_chain_tail(bigint);
"""
POSTGRESQL_REMOVE = "DROP FUNCTION IF EXISTS audit_append(bigint, jsonb);"


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_INSTALL, params=None)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_REMOVE, params=None)
        tail = importlib.import_module("audit.migrations.0005_chain_tail_function")
        schema_editor.execute(tail.POSTGRESQL_INSTALL, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_chain_tail_function")]

    operations = [migrations.RunPython(install, remove)]
