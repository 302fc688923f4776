"""Several writes of one action sent to PostgreSQL as one statement (issue 22).

Each write is a clause `name AS (INSERT|UPDATE ...)` of a WITH; PostgreSQL runs every
data-modifying clause exactly once, whether or not the final SELECT reads it, and all of them
on the same snapshot, so no clause sees another's rows (a deadline UPDATE never touches the
deadlines the same statement INSERTs). The SQL of each write is the ORM's own (its insert and
update compilers: defaults, `pre_save`, value preparation). SQLite has no data-modifying WITH:
callers write there one statement at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from django.db.models.constants import OnConflict
from django.db.models.sql import InsertQuery, UpdateQuery

from core.prepared import plan_kept_cursor


def writes_as_one(connection) -> bool:
    """Whether the database takes several writes as one statement: PostgreSQL does."""
    return connection.vendor == "postgresql"


@dataclass(frozen=True)
class Clause:
    """One `name AS (sql)` of a WITH, with its parameters."""

    name: str
    sql: str
    params: list[Any]


def insert_clause(
    name: str,
    objs: Sequence[Model],
    connection,
    returning: str = "",
    *,
    ignore_conflicts: bool = False,
) -> Clause:
    """INSERT these new objects of one model (`returning`: what the clause gives, e.g. `*`;
    rows a unique constraint refuses are skipped with `ignore_conflicts`)."""
    model = type(objs[0])
    meta = model._meta
    fields = [f for f in meta.local_concrete_fields if f is not meta.auto_field]
    insert = InsertQuery(model, on_conflict=OnConflict.IGNORE if ignore_conflicts else None)
    insert.insert_values(fields, list(objs))
    ((sql, params),) = insert.get_compiler(connection=connection).as_sql()
    if returning:
        sql += f" RETURNING {returning}"
    return Clause(name, sql, list(params))


def insert_kept(objs: Sequence[Model], connection, *, ignore_conflicts: bool = False) -> list:
    """PostgreSQL: INSERT new objects of one model as a statement the server plans once per
    connection (plan_kept_cursor; Django's bulk INSERT is one UNNEST whatever the number of
    rows, so its text repeats); the keys given, in order, unless conflicts are ignored."""
    pk = type(objs[0])._meta.pk
    returning = "" if ignore_conflicts else connection.ops.quote_name(pk.column)
    clause = insert_clause("", objs, connection, returning, ignore_conflicts=ignore_conflicts)
    with plan_kept_cursor(connection) as cursor:
        cursor.execute(clause.sql, clause.params)
        return [key for (key,) in cursor.fetchall()] if returning else []


def update_clause(
    name: str, rows: QuerySet, values: dict[str, Any], connection, returning: str = ""
) -> Clause:
    """UPDATE the rows of a queryset filtered on the table's own columns (no joins)."""
    update = rows.query.chain(UpdateQuery)
    update.add_update_values(values)
    sql, params = update.get_compiler(connection=connection).as_sql()
    if returning:
        sql += f" RETURNING {returning}"
    return Clause(name, sql, list(params))


def run_as_one(
    clauses: Sequence[Clause], final: str, final_params: Sequence[Any], connection
) -> list[tuple]:
    """`WITH <clauses> <final>`: one round trip; the final SELECT's rows."""
    text = ", ".join(f"{clause.name} AS ({clause.sql})" for clause in clauses)
    params = [param for clause in clauses for param in clause.params]
    with plan_kept_cursor(connection) as cursor:
        cursor.execute(f"WITH {text} {final}", [*params, *final_params])
        return cursor.fetchall()
