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
from typing import Any

from django.db import connections, router
from django.db.models import Model
from django.utils import timezone
from simple_history import manager, models
from simple_history.utils import bulk_update_with_history

from core.statements import (
    Clause,
    insert_clause,
    insert_from_clause,
    run_as_one,
    update_clause,
    writes_as_one,
)


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


def _copied_columns(model: type[Model], quote, table: str = "") -> list[str]:
    """The history table's copies of the row's own columns (its added ones left out)."""
    prefix = f"{table}." if table else ""
    return [
        prefix + quote(f.column)
        for f in model.history.model._meta.concrete_fields
        if f.name not in _HISTORY_OWN and f.name != "history_user"
    ]


def _history_insert(model: type[Model], quote) -> str:
    columns = ", ".join(_copied_columns(model, quote))
    return (
        f"INSERT INTO {quote(model.history.model._meta.db_table)}"
        f" ({columns}, history_date, history_change_reason, history_type, history_user_id)"
    )


def _history_of(
    name: str,
    moved: str,
    rows: Sequence[Model],
    *,
    actor: Any,
    when: datetime.datetime,
    connection,
) -> Clause:
    """The clause `name`: the history rows ("~", the actor, each row's `_change_reason`) of
    the rows the UPDATE clause `moved` returned, copied from what the table now holds, as
    simple-history's would be; the reasons go as arrays, so the text is the same for 1 row
    or 300."""
    model = type(rows[0])
    quote = connection.ops.quote_name
    pk = model._meta.pk
    copied = ", ".join(_copied_columns(model, quote, moved))
    return Clause(
        name,
        f"{_history_insert(model, quote)} SELECT {copied}, %s, why.reason, '~', %s"
        f" FROM {moved} JOIN unnest(%s::{pk.db_type(connection)}[], %s::text[])"
        f" AS why (pk, reason) ON why.pk = {moved}.{quote(pk.column)}",
        [
            when,
            getattr(actor, "pk", None),
            [row.pk for row in rows],
            [getattr(row, "_change_reason", None) or None for row in rows],
        ],
    )


def update_clauses(
    rows: Sequence[Model],
    values: dict[str, Any],
    *,
    actor: Any,
    when: datetime.datetime,
    connection,
    suffix: str = "",
) -> list[Clause]:
    """PostgreSQL: set `values` on these rows of one model (`moved…`) and write their history
    rows ("~", the actor, each row's `_change_reason`) from the rows the UPDATE returns
    (`kept…`), so the history holds what the table now holds, as simple-history's would."""
    model = type(rows[0])
    moved = update_clause(
        f"moved{suffix}", model, [row.pk for row in rows], values, connection, returning="*"
    )
    kept = _history_of(
        f"kept{suffix}", moved.name, rows, actor=actor, when=when, connection=connection
    )
    return [moved, kept]


def rows_update_clauses(
    rows: Sequence[Model], fields: Sequence[str], *, actor: Any, when: datetime.datetime, connection
) -> list[Clause]:
    """PostgreSQL: set each row's own values of `fields` (`moved`: one UPDATE joined to the
    values as arrays, so its text is the same for an agenda of 3 or 300 items, where
    bulk_update builds a CASE per row and field) and write their history rows (`kept`, "~",
    the actor, each row's `_change_reason`) from the rows the UPDATE returns."""
    model = type(rows[0])
    meta = model._meta
    quote = connection.ops.quote_name
    table, pk = quote(meta.db_table), meta.pk
    columns = [pk, *(meta.get_field(name) for name in fields)]
    arrays = ", ".join(f"%s::{field.db_type(connection)}[]" for field in columns)
    names = ", ".join(quote(field.column) for field in columns)
    settings = ", ".join(f"{quote(f.column)} = v.{quote(f.column)}" for f in columns[1:])
    moved = Clause(
        "moved",
        f"UPDATE {table} SET {settings} FROM unnest({arrays}) AS v ({names})"
        f" WHERE {table}.{quote(pk.column)} = v.{quote(pk.column)} RETURNING {table}.*",
        [
            [field.get_db_prep_save(getattr(row, field.attname), connection) for row in rows]
            for field in columns
        ],
    )
    kept = _history_of("kept", "moved", rows, actor=actor, when=when, connection=connection)
    return [moved, kept]


def update_rows_with_history(rows: Sequence[Model], fields: Sequence[str], *, actor: Any) -> None:
    """Save these fields of each row with its history row, as simple-history's
    bulk_update_with_history does: on PostgreSQL one statement (`rows_update_clauses`)."""
    if not rows:
        return
    model = type(rows[0])
    connection = connections[router.db_for_write(model)]
    if not writes_as_one(connection):
        bulk_update_with_history(rows, model, list(fields), default_user=actor)
        return
    clauses = rows_update_clauses(
        rows, fields, actor=actor, when=timezone.now(), connection=connection
    )
    run_as_one(clauses, "SELECT count(*) FROM moved", [], connection)


def creation_clauses(
    obj: Model, *, actor: Any, reason: str, connection, rows: str = ""
) -> list[Clause]:
    """PostgreSQL: insert a new row (`made`, returning it) and its history row (`kept`,
    "+", who, why) copied from the row the database returns; a statement built on them
    reads the new key from `made`. With `rows` the row is inserted once per row they give
    (`insert_from_clause`), so possibly not at all, and so is its history row."""
    model = type(obj)
    quote = connection.ops.quote_name
    if rows:
        made = insert_from_clause("made", obj, connection, rows, returning="*")
    else:
        made = insert_clause("made", [obj], connection, returning="*")
    copied = ", ".join(_copied_columns(model, quote))
    when = getattr(obj, "_history_date", None) or timezone.now()
    kept = Clause(
        "kept",
        f"{_history_insert(model, quote)} SELECT {copied}, %s, %s, '+', %s FROM made",
        [when, reason or None, getattr(actor, "pk", None)],
    )
    return [made, kept]


def new_key_from_made(obj: Model, connection) -> str:
    """The final SELECT's column giving the key of the row `creation_clauses` inserted."""
    return f"(SELECT {connection.ops.quote_name(obj._meta.pk.column)} FROM made)"


def created(obj: Model, pk: Any, connection) -> None:
    """Mark the object saved under the key the database gave it."""
    obj.pk = pk
    obj._state.adding, obj._state.db = False, connection.alias


def create_with_history(obj: Model, *, actor: Any, reason: str = "") -> None:
    """Insert a new row and its simple-history row ("+", who, why), as `save()` and
    simple-history's post_save handler do in two INSERTs: on PostgreSQL in one statement
    (`creation_clauses`), elsewhere by `save()`.

    No model signal is sent: use it only for models nothing else listens to
    (tests/core/test_history.py checks those that use it)."""
    connection = connections[router.db_for_write(type(obj), instance=obj)]
    if not writes_as_one(connection):
        obj._history_user = actor
        if reason:
            obj._change_reason = reason
        obj.save(using=connection.alias)
        return
    clauses = creation_clauses(obj, actor=actor, reason=reason, connection=connection)
    ((pk,),) = run_as_one(clauses, f"SELECT {new_key_from_made(obj, connection)}", [], connection)
    created(obj, pk, connection)
