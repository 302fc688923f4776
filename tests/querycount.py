"""Counting the statements a service sends, as a request would send them."""

from __future__ import annotations

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
