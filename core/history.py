"""simple-history's `HistoricalRecords`, with its history manager class built once.

simple-history's descriptor builds a new manager class from the queryset class on every
access to `Model.history` or `instance.history` (`Manager.from_queryset`, which walks the
queryset's members with `inspect.getmembers`), and it reaches that descriptor for every
history row it writes: ~0.3 ms per row on the hot path of every action (issue 22). The class
is the same every time, so it is built once per queryset class here. Every model declares
its history with this `HistoricalRecords`.
"""

from __future__ import annotations

import functools
from typing import Any

from django.db import connections, router
from django.db.models import Model
from django.db.models.sql import InsertQuery
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


def create_with_history(obj: Model, *, actor: Any, reason: str = "") -> None:
    """Insert a new row and its simple-history row ("+", who, why), as `save()` and
    simple-history's post_save handler do in two INSERTs: on PostgreSQL in one statement
    (a data-modifying WITH), elsewhere by `save()`. The values go through the ORM's own
    insert compiler (defaults, `pre_save`, file names), and the history row copies the
    inserted row as the database returns it.

    No model signal is sent: use it only for models nothing else listens to
    (tests/core/test_history.py checks those that use it)."""
    model = type(obj)
    connection = connections[router.db_for_write(model, instance=obj)]
    if connection.vendor != "postgresql":
        obj._history_user = actor
        if reason:
            obj._change_reason = reason
        obj.save(using=connection.alias)
        return
    meta = model._meta
    fields = [f for f in meta.local_concrete_fields if f is not meta.auto_field]
    insert = InsertQuery(model)
    insert.insert_values(fields, [obj])
    ((insert_sql, insert_params),) = insert.get_compiler(connection=connection).as_sql()
    history = model.history.model
    quote = connection.ops.quote_name
    copied = ", ".join(
        quote(f.column)
        for f in history._meta.concrete_fields
        if f.name not in _HISTORY_OWN and f.name != "history_user"
    )
    sql = (
        f"WITH made AS ({insert_sql} RETURNING *),"
        f" kept AS (INSERT INTO {quote(history._meta.db_table)}"
        f" ({copied}, history_date, history_change_reason, history_type, history_user_id)"
        f" SELECT {copied}, %s, %s, '+', %s FROM made)"
        f" SELECT {quote(meta.pk.column)} FROM made"
    )
    when = getattr(obj, "_history_date", None) or timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(sql, [*insert_params, when, reason or None, getattr(actor, "pk", None)])
        (obj.pk,) = cursor.fetchone()
    obj._state.adding, obj._state.db = False, connection.alias
