"""One statement to take the chain's lock and read its tail on PostgreSQL (issue 22).

An appender must read the tail only once it holds the lock, or two writers could chain onto
the same event. Sent as two statements that costs two round trips per action; inside a
VOLATILE function each query takes a fresh snapshot, so the tail read after the lock sees
whatever the previous holder committed. SQLite needs no lock: its writers are serialised
by the database (transaction_mode IMMEDIATE).
"""

from django.db import migrations

POSTGRESQL_INSTALL = """
CREATE OR REPLACE FUNCTION audit_chain_tail(lock_key bigint)
RETURNS TABLE (tail_sequence bigint, tail_hash varchar) AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(lock_key);
    RETURN QUERY
        SELECT e.sequence::bigint, e.hash::varchar
        FROM audit_auditevent e ORDER BY e.sequence DESC LIMIT 1;
END;
$$ LANGUAGE plpgsql VOLATILE;
"""
POSTGRESQL_REMOVE = "DROP FUNCTION IF EXISTS audit_chain_tail(bigint);"


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_INSTALL, params=None)


def remove(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_REMOVE, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_truncate_refused")]

    operations = [migrations.RunPython(install, remove)]
