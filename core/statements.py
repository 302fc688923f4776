"""Several writes of one action sent to PostgreSQL as one statement (issue 22).

Each write is a clause `name AS (INSERT|UPDATE ...)` of a WITH; PostgreSQL runs every
data-modifying clause exactly once, whether or not the final SELECT reads it, and all of them
on the same snapshot, so no clause sees another's rows (a deadline UPDATE never touches the
deadlines the same statement INSERTs). An INSERT is the ORM's own (its compiler: defaults,
`pre_save`, value preparation), its text kept per shape; an UPDATE sets plain values, prepared
as the ORM prepares them, on rows named by an array of keys. SQLite has no data-modifying WITH:
callers write there one statement at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.db.models.constants import OnConflict
from django.db.models.expressions import RawSQL
from django.db.models.sql import InsertQuery

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


# The text of an INSERT per model and shape (one row: VALUES; a batch: one UNNEST, whatever
# its size; which values are RawSQL, and their text), found by the ORM's compiler the first
# time and checked against the parameters `_insert_params` gives; then only the parameters
# are made: the compiler took ~0.1 ms a clause, more than a transition's statement takes the
# server to plan (issue 22). None: a shape the check refused, compiled every time.
_INSERT_TEXTS: dict[tuple, str | None] = {}


def _insert_fields(model: type[Model]) -> list:
    meta = model._meta
    return [f for f in meta.local_concrete_fields if f is not meta.auto_field]


def _insert_values(
    objs: Sequence[Model], fields: Sequence, connection, *, saved: bool = False
) -> list[list] | None:
    """Each object's values as the ORM's insert compiler prepares them (`pre_save` with
    add=True, then `get_db_prep_save`; `saved`: the compiler's pre_save has run, its values
    are on the objects), a RawSQL value as it is; None for any other expression."""
    rows = []
    for obj in objs:
        row = []
        for field in fields:
            value = getattr(obj, field.attname) if saved else field.pre_save(obj, True)
            if isinstance(value, RawSQL):
                row.append(value)
            elif hasattr(value, "resolve_expression"):
                return None
            else:
                row.append(field.get_db_prep_save(value, connection=connection))
        rows.append(row)
    return rows


def _insert_shape(model, rows: list[list] | None, on_conflict, connection) -> tuple | None:
    if rows is None:
        return None
    raw = tuple((i, value.sql) for i, value in enumerate(rows[0]) if isinstance(value, RawSQL))
    if raw and len(rows) > 1:
        return None  # a VALUES list per row: never kept
    return (model, len(rows) == 1, on_conflict, connection.vendor, raw)


def _insert_params(rows: list[list]) -> list:
    """The parameters of the kept text: the row's values for one row (VALUES; a RawSQL
    value's own parameters in its place), a list per column for a batch (PostgreSQL's
    UNNEST; a VALUES list per row is never kept)."""
    if len(rows) == 1:
        params = []
        for value in rows[0]:
            if isinstance(value, RawSQL):
                params.extend(value.params)
            else:
                params.append(value)
        return params
    return [list(column) for column in zip(*rows, strict=True)]


def _compiled_insert(model, fields, objs, connection, on_conflict) -> tuple[str, list]:
    insert = InsertQuery(model, on_conflict=on_conflict)
    insert.insert_values(fields, list(objs))
    ((sql, params),) = insert.get_compiler(connection=connection).as_sql()
    return sql, list(params)


def insert_clause(
    name: str,
    objs: Sequence[Model],
    connection,
    returning: str = "",
    *,
    ignore_conflicts: bool = False,
) -> Clause:
    """INSERT these new objects of one model (`returning`: what the clause gives, e.g. `*`;
    rows a unique constraint refuses are skipped with `ignore_conflicts`). The ORM's own
    INSERT: its text kept per shape, once the parameters made here match its own."""
    model = type(objs[0])
    fields = _insert_fields(model)
    on_conflict = OnConflict.IGNORE if ignore_conflicts else None
    rows = _insert_values(objs, fields, connection)
    shape = _insert_shape(model, rows, on_conflict, connection)
    text = _INSERT_TEXTS.get(shape) if shape is not None else None
    if text is not None:
        sql, params = text, _insert_params(rows)
    else:
        sql, params = _compiled_insert(model, fields, objs, connection, on_conflict)
        if shape is not None and shape not in _INSERT_TEXTS:
            made = _insert_values(objs, fields, connection, saved=True)
            _INSERT_TEXTS[shape] = sql if _insert_params(made) == params else None
    if returning:
        sql += f" RETURNING {returning}"
    return Clause(name, sql, params)


def insert_from_clause(name: str, obj: Model, connection, rows: str, returning: str = "") -> Clause:
    """INSERT one new object once per row of `rows` (`FROM ... WHERE ...` over earlier
    clauses, whose columns the object's values may name through `RawSQL`): not at all when
    they give none. The ORM's own INSERT of the object, its VALUES made a SELECT."""
    clause = insert_clause(name, [obj], connection)
    head, values_marker, values = clause.sql.partition(" VALUES (")
    if not values_marker or not values.endswith(")"):
        raise ValueError(f"not an INSERT of one row: {clause.sql}")
    sql = f"{head} SELECT {values[:-1]} {rows}"
    if returning:
        sql += f" RETURNING {returning}"
    return Clause(name, sql, clause.params)


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
    name: str,
    model: type[Model],
    keys: Sequence[Any],
    values: dict[str, Any],
    connection,
    *,
    by: str = "pk",
    where: str = "",
    returning: str = "",
) -> Clause:
    """UPDATE the rows of one model whose `by` field is one of `keys` (and `where`, SQL on
    the table's columns), setting plain `values` prepared as the ORM's UPDATE prepares them.
    The keys go as one array: the text is the same for 1 row or 500, so the server plans
    it once (core.prepared)."""
    meta = model._meta
    quote = connection.ops.quote_name
    key = meta.pk if by == "pk" else meta.get_field(by)
    changed = [(meta.get_field(name), value) for name, value in values.items()]
    settings = ", ".join(f"{quote(field.column)} = %s" for field, _value in changed)
    sql = (
        f"UPDATE {quote(meta.db_table)} SET {settings}"
        f" WHERE {quote(key.column)} = ANY(%s::{key.db_type(connection)}[])"
    )
    if where:
        sql += f" AND {where}"
    if returning:
        sql += f" RETURNING {returning}"
    params = [field.get_db_prep_save(value, connection) for field, value in changed]
    return Clause(name, sql, [*params, list(keys)])


def run_as_one(
    clauses: Sequence[Clause], final: str, final_params: Sequence[Any], connection
) -> list[tuple]:
    """`WITH <clauses> <final>`: one round trip; the final SELECT's rows."""
    text = ", ".join(f"{clause.name} AS ({clause.sql})" for clause in clauses)
    params = [param for clause in clauses for param in clause.params]
    with plan_kept_cursor(connection) as cursor:
        cursor.execute(f"WITH {text} {final}", [*params, *final_params])
        return cursor.fetchall()
