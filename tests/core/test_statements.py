"""core.statements: INSERT texts kept per shape, UPDATEs by an array of keys (issue 22)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.db.models import Value
from django.db.models.expressions import RawSQL
from django.db.models.sql import InsertQuery
from django.utils import timezone

from core import statements
from core.statements import insert_clause, insert_from_clause, run_as_one, update_clause
from nominations.models import Nomination
from workflow.deadlines import deadline_clauses, deadlines_reset
from workflow.models import Deadline, Notification

pytestmark = pytest.mark.django_db


def _notifications(world, count: int) -> list[Notification]:
    return [
        Notification(user=world["standing_office"], message=f"Thông báo {n}") for n in range(count)
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_a_kept_insert_text_sends_what_the_orm_compiler_would(world, count):
    """The first clause of a shape is compiled by the ORM; the next ones reuse its text with
    parameters made apart, and must equal a fresh compilation (VALUES for one row, UNNEST
    for a batch on PostgreSQL)."""
    statements._INSERT_TEXTS.clear()
    first = insert_clause("told", _notifications(world, count), connection, returning="id")
    shape = (Notification, count == 1, None, connection.vendor, ())
    if count > 1 and connection.vendor != "postgresql":
        assert statements._INSERT_TEXTS[shape] is None  # a VALUES list per row: never kept
    else:
        assert statements._INSERT_TEXTS[shape] == first.sql.removesuffix(" RETURNING id")
    objs = _notifications(world, count)
    kept = insert_clause("told", objs, connection, returning="id")
    fields = statements._insert_fields(Notification)
    # The ORM's compiler on the same objects, raw: with the values their pre_save gave.
    insert = InsertQuery(Notification)
    insert.insert_values(fields, objs, raw=True)
    ((sql, params),) = insert.get_compiler(connection=connection).as_sql()
    assert kept.sql == f"{sql} RETURNING id"
    assert kept.params == list(params)
    if count == 1:
        assert len(kept.params) == len(fields)  # VALUES: the row's own values
    elif connection.vendor == "postgresql":
        assert [len(column) for column in kept.params] == [count] * len(fields)  # UNNEST
    if connection.vendor == "postgresql":
        ids = run_as_one([kept], "SELECT id FROM told ORDER BY id", [], connection)
        stored = Notification.objects.filter(pk__in=[i for (i,) in ids]).order_by("pk")
        assert [n.message for n in stored] == [o.message for o in objs]


def test_a_raw_value_is_kept_in_the_text_and_other_expressions_are_compiled(world):
    """A RawSQL value (the ballot's seat, from the statement's own read) is part of the kept
    text, its parameters in its place; any other expression is compiled every time."""
    statements._INSERT_TEXTS.clear()
    office, chairman = world["standing_office"], world["chairman"]
    rows = "FROM (SELECT 1) AS one"

    def made(user, message="Thử"):
        row = Notification(user_id=RawSQL("SELECT %s::bigint", (user.pk,)), message=message)
        return insert_from_clause("made", row, connection, rows, returning="id")

    first, second = made(office), made(chairman)
    assert len(statements._INSERT_TEXTS) == 1
    ((_model, single, _conflict, _vendor, raw),) = statements._INSERT_TEXTS
    assert (single, raw) == (True, ((0, "SELECT %s::bigint"),))
    assert first.sql == second.sql
    assert " SELECT (SELECT %s::bigint), " in second.sql
    assert " VALUES " not in second.sql
    assert second.params[:2] == [chairman.pk, None]  # the raw value's parameter, then nomination
    statements._INSERT_TEXTS.clear()
    valued = Notification(user=office, message=Value("Tính"))
    clause = insert_clause("made", [valued], connection)
    assert statements._INSERT_TEXTS == {}
    assert "%s" in clause.sql
    if connection.vendor == "postgresql":
        ((pk,),) = run_as_one([made(chairman, "Thử lại")], "SELECT id FROM made", [], connection)
        assert Notification.objects.get(pk=pk).user_id == chairman.pk


def test_an_insert_from_no_rows_inserts_nothing(world):
    row = Notification(user=world["standing_office"], message="Không ghi")
    clause = insert_from_clause(
        "made", row, connection, "FROM (SELECT 1) AS one WHERE false", returning="id"
    )
    assert clause.sql.startswith('INSERT INTO "workflow_notification" ("user_id", ')
    assert clause.sql.endswith(" FROM (SELECT 1) AS one WHERE false RETURNING id")
    if connection.vendor != "postgresql":
        return  # SQLite takes no data-modifying WITH: such a clause is only sent to PostgreSQL
    assert run_as_one([clause], "SELECT count(*) FROM made", [], connection) == [(0,)]
    assert not Notification.objects.filter(message="Không ghi").exists()


def test_meeting_deadlines_touches_the_open_ones_of_those_nominations_only(world):
    """The deadlines a transition meets: on PostgreSQL an UPDATE by an array of keys (the
    same text for one nomination or many), on SQLite `deadlines_reset`'s own UPDATE."""
    drafts = [world.nomination(state=Nomination.State.APPRAISED) for _ in range(4)]
    now = timezone.now()
    earlier = now - datetime.timedelta(days=1)
    for nomination in drafts:
        Deadline.objects.create(
            nomination=nomination, kind=Deadline.Kind.APPRAISE, responsible_role="standing_office",
            authority=world.commune, opened_at=earlier, due_on=datetime.date(2026, 12, 31),
        )  # fmt: skip
    Deadline.objects.filter(nomination=drafts[2]).update(met_at=earlier)
    moved = drafts[:3]  # the fourth did not move: its deadline stays open
    sources = [Nomination.State.SUBMITTED] * len(moved)
    if connection.vendor == "postgresql":
        keys = [n.pk for n in moved]
        one = update_clause("met", Deadline, keys[:1], {"met_at": now}, connection, by="nomination")
        clauses = deadline_clauses(moved, now=now, sources=sources, connection=connection)
        assert [clause.name for clause in clauses] == ["met"]  # APPRAISED opens none
        assert one.sql + " AND met_at IS NULL" == clauses[0].sql
        run_as_one(clauses, "SELECT 1", [], connection)
    else:
        deadlines_reset(moved, now=now, sources=sources)
    met = dict(Deadline.objects.values_list("nomination_id", "met_at"))
    assert met == {drafts[0].pk: now, drafts[1].pk: now, drafts[2].pk: earlier, drafts[3].pk: None}
