"""A queryset compiled to SQL once, then run again with other arguments.

Django builds the SQL of a queryset afresh on every evaluation. For the reads every action
makes (the locked nomination with four joined tables, the actor's roles with the people to
tell) that costs more than the database takes to answer: ~2 ms of compiling against ~0.8 ms of
running, measured on PostgreSQL (issue 22). `PreparedQuery` compiles the queryset once per
database vendor and shape (how many values each list argument holds), with stand-in values
for the arguments, keeps the compiler, and on each call swaps the real values into the
parameters and hands the rows to the ORM's own machinery: the same SQL, the same converters,
the same instances with their `select_related` objects attached.

The queryset must take its arguments only as query parameters (filters on values), never in
its structure: the stand-ins are replaced where they appear in the parameter list, so an
argument that changed the SQL text would be silently frozen. Lists must not be empty (an
empty `IN` is no SQL at all); the caller answers that case without the query.

On PostgreSQL the other half of the cost is the server's: it parses and plans every statement
it is sent, ~0.4 ms for the locked read, more than it takes to run it. `plan_kept_cursor`
sends a statement with its parameters apart (server-side binding), so psycopg can prepare it
once per connection and PostgreSQL keep its plan; only the statements every action repeats go
through it, the rest of the application keeps Django's client-side binding.
"""

from __future__ import annotations

import datetime
import itertools
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.utils import CursorWrapper
from django.db.models import Model, QuerySet
from django.db.models.query import get_related_populators
from django.db.models.sql.compiler import SQLCompiler

# Values no real row or argument takes: negative keys, days in the first century.
_KEYS = itertools.count(-7_000_001, -1)
_FIRST_DAY = datetime.date(1, 1, 1)


class PreparedQuery:
    """`build(**stand_ins)` returns the queryset; calling the prepared query with real
    arguments returns its model instances as `list(build(**arguments))` would."""

    # A batch of hundreds is compiled afresh each time: cheap beside its rows, and never kept.
    LARGEST_KEPT = 16

    def __init__(self, build: Callable[..., QuerySet], *, using: str = DEFAULT_DB_ALIAS) -> None:
        self._build = build
        self._using = using
        self._compiled: dict[tuple, _Compiled] = {}
        self._lock = threading.Lock()

    def __call__(self, **arguments: Any) -> list[Model]:
        return self.send(**arguments)()

    def send(self, **arguments: Any) -> Callable[[], list[Model]]:
        """Send the query now, read its answer when the returned function is called: inside
        `pipeline`, queries sent one after the other travel together."""
        connection = connections[self._using]
        sizes = sorted((name, _size(value)) for name, value in arguments.items())
        if any((size or 0) > self.LARGEST_KEPT for _name, size in sizes):
            found = list(self._build(**arguments).using(self._using))
            return lambda: found
        shape = (connection.vendor, *sizes)
        compiled = self._compiled.get(shape)
        if compiled is None:
            compiled = _Compiled(self._build, arguments, self._using)
            with self._lock:
                self._compiled.setdefault(shape, compiled)
        return compiled.send(arguments)


def _size(value: Any) -> int | None:
    if isinstance(value, (list, tuple, set, frozenset)):
        if not value:
            raise ValueError("PreparedQuery: an empty list has no SQL; answer it without the query")
        return len(value)
    return None


def _stand_in(value: Any) -> Any:
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_stand_in(item) for item in sorted(value)]
    if isinstance(value, bool):
        raise TypeError("PreparedQuery: a flag changes the query's structure; make two queries")
    if isinstance(value, int):
        return next(_KEYS)
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return _FIRST_DAY + datetime.timedelta(days=-next(_KEYS) % 30_000)
    raise TypeError(f"PreparedQuery: no stand-in for a {type(value).__name__}")


class _Compiled:
    def __init__(self, build: Callable[..., QuerySet], sample: dict[str, Any], using: str):
        stand_ins = {name: _stand_in(value) for name, value in sample.items()}
        queryset = build(**stand_ins)
        self.model = queryset.model
        self.compiler: SQLCompiler = queryset.query.get_compiler(using)
        self.sql, params = self.compiler.as_sql()
        # Where each stand-in sits in the parameters (as the backend adapted it: SQLite
        # receives a day as text), and which argument (and item) it is.
        self.adapt = connections[using].ops.adapt_datefield_value
        where = {}
        for name, value in stand_ins.items():
            items = value if isinstance(value, list) else [value]
            for index, item in enumerate(items):
                where[self._adapted(item)] = (name, index if isinstance(value, list) else None)
        self.slots: list[tuple[int, str, int | None]] = []
        self.params = list(params)
        for position, param in enumerate(self.params):  # a value may be used twice
            if isinstance(param, (int, str, datetime.date)) and param in where:
                self.slots.append((position, *where[param]))
        found = {(name, index) for _position, name, index in self.slots}
        unused = {name for name, index in where.values() if (name, index) not in found}
        if unused:
            raise ValueError(
                "PreparedQuery: arguments missing from the SQL parameters (they changed the"
                f" query's structure or were not used): {sorted(unused)}"
            )
        self.using = using
        # What each column's value goes through (as results_iter finds, each call afresh).
        selected = [column[0] for column in self.compiler.select[: self.compiler.col_count]]
        self.converters = self.compiler.get_converters(selected)
        if self.compiler.has_composite_fields(selected):
            self.converters = None  # results_iter's own path

    def _adapted(self, value: Any) -> Any:
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return self.adapt(value)
        return value

    def send(self, arguments: dict[str, Any]) -> Callable[[], list[Model]]:
        ordered = {
            name: sorted(value) if isinstance(value, (list, tuple, set, frozenset)) else value
            for name, value in arguments.items()
        }
        params = list(self.params)
        for position, name, index in self.slots:
            value = ordered[name] if index is None else ordered[name][index]
            params[position] = self._adapted(value)
        connection = connections[self.using]
        cursor = plan_kept_cursor(connection)
        try:
            cursor.execute(self.sql, params)
        except BaseException:
            cursor.close()
            raise

        def answer() -> list[Model]:
            with cursor, connection.wrap_database_errors:
                rows = cursor.fetchall()
            return _instances(self.compiler, self.using, rows, self.converters)

        return answer


def plans_kept(connection) -> bool:
    """Whether this connection keeps the plans of repeated statements: PostgreSQL, unless
    prepared statements are turned off (DB_PREPARED_STATEMENTS, for a pooler that cannot
    carry them between transactions)."""
    return (
        connection.vendor == "postgresql"
        and connection.settings_dict["OPTIONS"].get("prepare_threshold") is not None
    )


def plan_kept_cursor(connection) -> CursorWrapper:
    """A cursor whose statements PostgreSQL plans once per connection (see the module's
    note); elsewhere, or with prepared statements off, Django's usual cursor. Wrapped as
    Django wraps every cursor, so query logging, counting and execute_wrappers see it."""
    if not plans_kept(connection):
        return connection.cursor()
    from django.db.backends.postgresql.base import ServerBindingCursor

    connection.close_if_health_check_failed()
    connection.ensure_connection()
    with connection.wrap_database_errors:
        return connection._prepare_cursor(ServerBindingCursor(connection.connection))


@contextmanager
def pipeline(connection) -> Iterator[None]:
    """PostgreSQL: the statements sent inside go to the server together (with the BEGIN of a
    transaction opened just before), their answers read as they are needed: reads that do
    not depend on each other cost one round trip. Elsewhere, and with Django's client-side
    cursors (prepared statements off), each goes on its own, as outside."""
    if not plans_kept(connection):
        yield
        return
    connection.ensure_connection()
    with connection.wrap_database_errors, connection.connection.pipeline():
        yield


def _instances(
    compiler: SQLCompiler, using: str, rows: Sequence[tuple], converters: dict | None = None
) -> list[Model]:
    """The rows as the ORM's ModelIterable makes them: converters applied (`converters`:
    those results_iter would find, found once), the model built with `from_db`, the
    select_related objects attached by Django's own populators."""
    select, klass_info = compiler.select, compiler.klass_info
    start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
    model = klass_info["model"]
    names = [column[0].target.attname for column in select[start:end]]
    populators = get_related_populators(klass_info, select, using)
    annotations = compiler.annotation_col_map or {}
    if compiler.has_extra_select:  # ordering columns the SELECT added (as execute_sql trims)
        rows = [row[: compiler.col_count] for row in rows]
    instances = []
    if converters is None:
        converted = compiler.results_iter(results=[rows])
    else:
        converted = compiler.apply_converters(rows, converters) if converters else rows
    for row in converted:
        obj = model.from_db(using, names, row[start:end])
        for populator in populators:
            populator.populate(row, obj)
        for name, position in annotations.items():
            setattr(obj, name, row[position])
        instances.append(obj)
    return instances
