"""Counting the statements a service sends, as a request would send them."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext


def statements(captured: CaptureQueriesContext) -> list[str]:
    """The captured SQL without the outer SAVEPOINT and its RELEASE, which exist only because
    the test runs inside its own transaction (a service's outer `atomic()` becomes a
    savepoint there); savepoints the service opens inside are kept, a request sends them."""
    sql = [q["sql"] for q in captured.captured_queries]
    wrapped = len(sql) >= 2 and sql[0].startswith("SAVEPOINT ") and sql[-1].startswith("RELEASE ")
    if wrapped and sql[0].split()[-1] == sql[-1].split()[-1]:
        return sql[1:-1]
    return sql


def chain_tail_read() -> int:
    """The statement SQLite spends reading the audit chain's tail before appending to it;
    PostgreSQL locks, reads, hashes and inserts in one (audit.services, audit_append)."""
    return 0 if connection.vendor == "postgresql" else 1


def history_row_apart() -> int:
    """The statement SQLite spends on a new row's history row; PostgreSQL inserts both in one
    (core.history.create_with_history)."""
    return 0 if connection.vendor == "postgresql" else 1
