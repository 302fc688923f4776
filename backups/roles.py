"""Two PostgreSQL roles for one installation: an owner that migrates, and the application's
role that only reads and writes rows.

The audit log's triggers refuse UPDATE, DELETE and TRUNCATE, but a table's owner can disable
its triggers (ALTER TABLE … DISABLE TRIGGER) or drop them. So the application must not run
as the owner: `manage.py migrate` (and restore) run as the owner; gunicorn, the worker and
beat connect as the application role, which has DML rights only, no TRUNCATE and no
UPDATE/DELETE on the audit table, and cannot create tables (not even the test suite's purge
permit). `manage.py db_roles` prints these statements, or runs them as a superuser.
"""

from __future__ import annotations

import re

from psycopg import sql

NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
AUDIT_TABLE = "audit_auditevent"


def _role(name: str) -> sql.Identifier:
    if not NAME.match(name):
        raise ValueError(f"not a plain role name: {name!r}")
    return sql.Identifier(name)


def role_statements(
    *, database: str, owner: str, app: str, app_password: str | None = None
) -> list[sql.Composable]:
    """Idempotent statements for a superuser, connected to `database`."""
    o, a, db = _role(owner), _role(app), sql.Identifier(database)
    login = (
        sql.SQL(" PASSWORD {}").format(sql.Literal(app_password)) if app_password else sql.SQL("")
    )
    statements = [
        sql.SQL(
            "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {name}) THEN "
            "CREATE ROLE {role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE; END IF; END $$"
        ).format(name=sql.Literal(name), role=role)
        for name, role in ((owner, o), (app, a))
    ]
    statements += [
        sql.SQL("ALTER ROLE {} LOGIN{}").format(a, login),
        sql.SQL("ALTER DATABASE {} OWNER TO {}").format(db, o),
        sql.SQL("ALTER SCHEMA public OWNER TO {}").format(o),
        # Only the owner creates objects: the application cannot make tables (or a permit).
        sql.SQL("REVOKE CREATE ON SCHEMA public FROM PUBLIC"),
        sql.SQL("GRANT CONNECT ON DATABASE {} TO {}").format(db, a),
        sql.SQL("GRANT USAGE ON SCHEMA public TO {}").format(a),
        sql.SQL("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {}").format(
            a
        ),
        sql.SQL("GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {}").format(a),
        sql.SQL(
            "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA public "
            "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {}"
        ).format(o, a),
        sql.SQL(
            "ALTER DEFAULT PRIVILEGES FOR ROLE {} IN SCHEMA public "
            "GRANT USAGE, SELECT ON SEQUENCES TO {}"
        ).format(o, a),
    ]
    return statements


def audit_table_statements(*, app: str) -> list[sql.Composable]:
    """The audit log is append-and-read for the application (once migrate has made it)."""
    return [
        sql.SQL(
            "DO $$ BEGIN IF to_regclass({name}) IS NOT NULL THEN "
            "REVOKE UPDATE, DELETE, TRUNCATE ON {table} FROM {role}; END IF; END $$"
        ).format(name=sql.Literal(AUDIT_TABLE), table=sql.Identifier(AUDIT_TABLE), role=_role(app))
    ]
