"""simple-history's `HistoricalRecords`, with its history manager class built once.

simple-history's descriptor builds a new manager class from the queryset class on every
access to `Model.history` or `instance.history` (`Manager.from_queryset`, which walks the
queryset's members with `inspect.getmembers`), and it reaches that descriptor for every
history row it writes: ~0.3 ms per row on the hot path of every action (issue 22). The class
is the same every time, so it is built once per queryset class here. Every model declares
its history with this `HistoricalRecords`.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connections, router
from django.db.models import Model
from django.db.models.sql import InsertQuery, UpdateQuery
from django.utils import timezone
from simple_history import manager, models


class HistoryManager(manager.HistoryManager):
    @classmethod
    @functools.cache
    def from_queryset(cls, queryset_class, class_name=None):
        return super().from_queryset(queryset_class, class_name)


class HistoricalRecords(models.HistoricalRecords):
    def __init__(self, *args, history_manager=HistoryManager, **kwargs) -> None:
        super().__init__(*args, history_manager=history_manager, **kwargs)


# The columns simple-history adds to every history table; the others copy the row's own.
_HISTORY_OWN = {"history_id", "history_date", "history_change_reason", "history_type"}


def writes_history_in_one_statement(model: type[Model]) -> bool:
    """Whether the database takes a row's change and its history row as one statement (a
    data-modifying WITH): PostgreSQL does; SQLite has no such WITH."""
    return connections[router.db_for_write(model)].vendor == "postgresql"


def _copied_columns(model: type[Model], quote, table: str = "") -> list[str]:
    """The history table's copies of the row's own columns (its added ones left out)."""
    prefix = f"{table}." if table else ""
    return [
        prefix + quote(f.column)
        for f in model.history.model._meta.concrete_fields
        if f.name not in _HISTORY_OWN and f.name != "history_user"
    ]


def update_with_history(
    rows: Sequence[Model], values: dict[str, Any], *, actor: Any, when: datetime.datetime
) -> None:
    """Set `values` on these rows of one model and write their history rows ("~", the actor,
    each row's `_change_reason`) in one statement: PostgreSQL only
    (`writes_history_in_one_statement`). The history rows copy the rows as the UPDATE
    returns them, so they hold what the table now holds, as simple-history's would."""
    model = type(rows[0])
    connection = connections[router.db_for_write(model)]
    update = UpdateQuery(model)
    update.add_update_values(values)
    update.add_filter("pk__in", [row.pk for row in rows])
    update_sql, update_params = update.get_compiler(connection=connection).as_sql()
    quote = connection.ops.quote_name
    copied = ", ".join(_copied_columns(model, quote))
    from_moved = ", ".join(_copied_columns(model, quote, "moved"))
    reasons = ", ".join(["(%s, %s)"] * len(rows))
    sql = (
        f"WITH moved AS ({update_sql} RETURNING *)"
        f" INSERT INTO {quote(model.history.model._meta.db_table)}"
        f" ({copied}, history_date, history_change_reason, history_type, history_user_id)"
        f" SELECT {from_moved}, %s, why.reason, '~', %s"
        f" FROM moved JOIN (VALUES {reasons}) AS why (pk, reason)"
        f" ON why.pk = moved.{quote(model._meta.pk.column)}"
    )
    reason_params = [
        value for row in rows for value in (row.pk, getattr(row, "_change_reason", None) or None)
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*update_params, when, getattr(actor, "pk", None), *reason_params])


@dataclass(frozen=True)
class Creation:
    """The WITH clauses that insert a row (`made`) and its history row (`kept`), with their
    parameters: a statement built on them reads the new key as `SELECT <pk_column> FROM made`
    and may add its own clauses (audit.services.create_and_record adds the audit event)."""

    clauses: str
    params: list[Any]
    pk_column: str


def creation_clauses(obj: Model, *, actor: Any, reason: str, connection) -> Creation:
    """PostgreSQL only. The values go through the ORM's own insert compiler (defaults,
    `pre_save`, file names); the history row copies the inserted row as the database
    returns it."""
    model = type(obj)
    meta = model._meta
    fields = [f for f in meta.local_concrete_fields if f is not meta.auto_field]
    insert = InsertQuery(model)
    insert.insert_values(fields, [obj])
    ((insert_sql, insert_params),) = insert.get_compiler(connection=connection).as_sql()
    quote = connection.ops.quote_name
    copied = ", ".join(_copied_columns(model, quote))
    clauses = (
        f"made AS ({insert_sql} RETURNING *),"
        f" kept AS (INSERT INTO {quote(model.history.model._meta.db_table)}"
        f" ({copied}, history_date, history_change_reason, history_type, history_user_id)"
        f" SELECT {copied}, %s, %s, '+', %s FROM made)"
    )
    when = getattr(obj, "_history_date", None) or timezone.now()
    params = [*insert_params, when, reason or None, getattr(actor, "pk", None)]
    return Creation(clauses, params, quote(meta.pk.column))


def created(obj: Model, pk: Any, connection) -> None:
    """Mark the object saved under the key the database gave it."""
    obj.pk = pk
    obj._state.adding, obj._state.db = False, connection.alias


def create_with_history(obj: Model, *, actor: Any, reason: str = "") -> None:
    """Insert a new row and its simple-history row ("+", who, why), as `save()` and
    simple-history's post_save handler do in two INSERTs: on PostgreSQL in one statement
    (a data-modifying WITH, `creation_clauses`), elsewhere by `save()`.

    No model signal is sent: use it only for models nothing else listens to
    (tests/core/test_history.py checks those that use it)."""
    connection = connections[router.db_for_write(type(obj), instance=obj)]
    if connection.vendor != "postgresql":
        obj._history_user = actor
        if reason:
            obj._change_reason = reason
        obj.save(using=connection.alias)
        return
    made = creation_clauses(obj, actor=actor, reason=reason, connection=connection)
    with connection.cursor() as cursor:
        cursor.execute(f"WITH {made.clauses} SELECT {made.pk_column} FROM made", made.params)
        created(obj, cursor.fetchone()[0], connection)
