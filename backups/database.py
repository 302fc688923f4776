"""Dumping and loading the whole database, per vendor.

PostgreSQL: `pg_dump --format=custom` inside an exported snapshot, so the row counts written to
the manifest are those of the very data dumped; `pg_restore` loads it. The connection comes
from DATABASE_URL; the password goes in PGPASSWORD, never on a command line (where `ps` would
show it to every user of the server).

SQLite: the online backup API (sqlite3.Connection.backup), a consistent copy taken while the
application keeps running; the counts are read from the copy.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections, transaction
from django.utils.translation import gettext as _

from core.errors import ApplicationError


class BackupRefused(ApplicationError):
    """A backup or a restore that cannot go on; nothing was changed."""

    http_status = 409
    code = "backup_refused"


@dataclass(frozen=True)
class Dump:
    path: Path
    format: str  # "pg_dump-custom" or "sqlite"
    tables: dict[str, int]  # rows per table, from the dumped snapshot


def vendor(using: str = "default") -> str:
    return connections[using].vendor


def _pg_program(name: str) -> str:
    # A server whose PostgreSQL is newer than the distribution's client sets BACKUP_PG_BINDIR
    # (pg_dump refuses a server newer than itself).
    bindir = getattr(settings, "BACKUP_PG_BINDIR", "")
    program = str(Path(bindir) / name) if bindir else shutil.which(name)
    if not program:
        raise BackupRefused(
            _("Không tìm thấy chương trình %(name)s: cài gói postgresql-client.") % {"name": name}
        )
    return program


def _pg_environment(using: str) -> dict[str, str]:
    """libpq's variables for the connection Django uses (DATABASE_URL)."""
    params = connections[using].settings_dict
    environment = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if params.get(key):
            environment[variable] = str(params[key])
    options = params.get("OPTIONS", {})
    for option in ("sslmode", "sslrootcert", "sslcert", "sslkey"):
        if options.get(option):
            environment[f"PG{option.upper()}"] = str(options[option])
    return environment


def _run(arguments: list[str], environment: dict[str, str]) -> None:
    finished = subprocess.run(arguments, env=environment, capture_output=True, text=True)
    if finished.returncode != 0:
        raise BackupRefused(
            _("%(program)s không chạy được: %(error)s")
            % {"program": Path(arguments[0]).name, "error": finished.stderr.strip()[-2000:]}
        )


def _count(cursor, tables: list[str], quote) -> dict[str, int]:
    counts = {}
    for table in tables:  # names from the database's own catalogue, quoted
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
        counts[table] = cursor.fetchone()[0]
    return counts


def table_counts(using: str = "default") -> dict[str, int]:
    """Rows in every table of the database, by table name."""
    connection = connections[using]
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        return _count(cursor, tables, connection.ops.quote_name)


def is_empty(using: str = "default") -> bool:
    """No table at all: a database just created, not even migrated."""
    connection = connections[using]
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def dump_database(directory: Path, using: str = "default") -> Dump:
    connection = connections[using]
    if connection.in_atomic_block:
        raise BackupRefused(_("Không sao lưu được từ bên trong một giao dịch đang mở."))
    if connection.vendor == "postgresql":
        return _dump_postgresql(directory, using)
    if connection.vendor == "sqlite":
        return _dump_sqlite(directory, using)
    raise BackupRefused(_("Chưa hỗ trợ sao lưu cơ sở dữ liệu %(v)s.") % {"v": connection.vendor})


def _dump_postgresql(directory: Path, using: str) -> Dump:
    connection = connections[using]
    path = directory / "database.pgdump"
    with transaction.atomic(using=using), connection.cursor() as cursor:
        # The first statement of the transaction: one snapshot for the counts and for pg_dump.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        tables = sorted(connection.introspection.table_names(cursor))
        counts = _count(cursor, tables, connection.ops.quote_name)
        # The snapshot lives as long as this transaction, so pg_dump runs inside it.
        _run(
            [
                _pg_program("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={path}",
            ],
            _pg_environment(using),
        )
    return Dump(path=path, format="pg_dump-custom", tables=counts)


def _dump_sqlite(directory: Path, using: str) -> Dump:
    connection = connections[using]
    path = directory / "database.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    try:
        connection.connection.backup(copy)
        cursor = copy.cursor()
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
        tables = [row[0] for row in cursor.fetchall()]
        counts = _count(cursor, tables, connection.ops.quote_name)
    finally:
        copy.close()
    return Dump(path=path, format="sqlite", tables=counts)


def load_database(path: Path, format: str, using: str = "default") -> None:
    """Load a dump into the (empty) database Django is connected to."""
    connection = connections[using]
    if format == "pg_dump-custom" and connection.vendor == "postgresql":
        connection.close()  # pg_restore works alone; Django reconnects afterwards
        name = connection.settings_dict["NAME"]
        _run(
            [
                _pg_program("pg_restore"),
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={name}",
                str(path),
            ],
            _pg_environment(using),
        )
        return
    if format == "sqlite" and connection.vendor == "sqlite":
        connection.ensure_connection()
        source = sqlite3.connect(path)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        connection.close()  # the next query opens the restored file afresh
        return
    raise BackupRefused(
        _("Bản sao lưu dạng %(format)s không khôi phục được vào cơ sở dữ liệu %(vendor)s.")
        % {"format": format, "vendor": connection.vendor}
    )
