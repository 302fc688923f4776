"""A prepared query answers as its queryset would, with fresh arguments, compiling once;
on PostgreSQL the statements every action repeats are planned once per connection."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext

from core.prepared import PreparedQuery, plans_kept
from councils.models import Ballot, CouncilMember, Membership
from nominations.models import Nomination
from tests.councils.test_meeting_pages import _meeting_with
from tests.workflow.test_transitions import SOURCE, TABLE
from tests.world import council_of
from workflow import services as workflow_services
from workflow.models import Notification


def _nominations(ids):
    return (
        Nomination.objects.select_related("award_type", "proposing_unit", "current_authority")
        .filter(pk__in=ids)
        .order_by("pk")
    )


def _memberships(day, authority):
    return Membership.objects.active_on(day).filter(authority_id=authority).order_by("pk")


def test_rows_and_their_related_objects_are_those_of_the_queryset(world):
    rows = [world.nomination() for _ in range(5)]
    prepared = PreparedQuery(_nominations)
    for chosen in ([rows[0].pk], [rows[3].pk, rows[1].pk], [r.pk for r in rows]):
        got = prepared(ids=chosen)
        expected = list(_nominations(chosen))
        assert [n.pk for n in got] == [n.pk for n in expected] == sorted(chosen)
        for mine, theirs in zip(got, expected, strict=True):
            assert [getattr(mine, f.attname) for f in Nomination._meta.concrete_fields] == [
                getattr(theirs, f.attname) for f in Nomination._meta.concrete_fields
            ]
            with CaptureQueriesContext(connection) as captured:
                names = (mine.award_type.name, mine.proposing_unit.name, mine.current_authority)
            assert captured.captured_queries == []  # attached, as select_related does
            assert names[:2] == (theirs.award_type.name, theirs.proposing_unit.name)
            assert isinstance(mine.created_at, datetime.datetime)  # converters applied
    assert prepared(ids=[-1]) == []


def test_a_shape_is_compiled_once_and_a_day_used_twice_is_replaced_everywhere(world):
    commune = world.commune.pk
    ended = Membership.objects.filter(authority_id=commune).first()
    ended.valid_to = datetime.date(2024, 6, 30)
    ended.save()
    days = (datetime.date(2024, 6, 1), datetime.date(2024, 7, 1), datetime.date(2019, 1, 1))
    expected = [[m.pk for m in _memberships(day, commune)] for day in days]
    # The July day drops the ended membership; 2019 is before every membership began.
    assert ended.pk in expected[0]
    assert ended.pk not in expected[1]
    assert expected[2] == []
    prepared = PreparedQuery(_memberships)
    with mock.patch.object(SQLCompiler, "as_sql", autospec=True, side_effect=SQLCompiler.as_sql):
        got = [[m.pk for m in prepared(day=day, authority=commune)] for day in days]
        assert SQLCompiler.as_sql.call_count == 1
    assert got == expected


def test_an_argument_that_shapes_the_sql_is_refused():
    prepared = PreparedQuery(lambda unit: Nomination.objects.all())  # frozen out of the SQL
    with pytest.raises(ValueError, match="unit"):
        prepared(unit=3)
    with pytest.raises(ValueError, match="empty"):
        PreparedQuery(_nominations)(ids=[])
    with pytest.raises(TypeError, match="flag"):
        PreparedQuery(lambda flag: Nomination.objects.filter(excellence_confirmed=flag))(flag=True)


def test_a_large_batch_is_answered_without_keeping_its_sql(world):
    rows = [world.nomination() for _ in range(PreparedQuery.LARGEST_KEPT + 2)]
    prepared = PreparedQuery(_nominations)
    got = prepared(ids=[r.pk for r in rows])
    assert [n.pk for n in got] == [r.pk for r in rows]
    assert prepared._compiled == {}


def _prepared_statements() -> list[str]:
    """The statements psycopg has prepared on this connection (its names start `_pg3_`)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE name LIKE '_pg3_%%'")
        return [statement for (statement,) in cursor.fetchall()]


def test_postgresql_plans_a_prepared_query_once_per_connection(world):
    """The second run of a prepared query is a server-side prepared statement, so
    PostgreSQL does not plan it again; every run is still seen by Django's query logging."""
    rows = [world.nomination() for _ in range(3)]
    prepared = PreparedQuery(_nominations)
    with CaptureQueriesContext(connection) as captured:
        got = [[n.pk for n in prepared(ids=[row.pk])] for row in rows]
    assert got == [[row.pk] for row in rows]
    assert len(captured.captured_queries) == 3
    if connection.vendor != "postgresql":
        assert plans_kept(connection) is False  # SQLite: Django's own cursor
        return
    assert plans_kept(connection) is True
    kept = [s for s in _prepared_statements() if '"nominations_nomination"."id" IN ($1)' in s]
    assert len(kept) == 1


def test_with_prepared_statements_off_nothing_is_prepared(world, monkeypatch):
    """A pooler in transaction mode cannot carry prepared statements between transactions:
    DB_PREPARED_STATEMENTS=false leaves prepare_threshold unset and every cursor plain."""
    options = {**connection.settings_dict["OPTIONS"]}
    options.pop("prepare_threshold", None)
    monkeypatch.setitem(connection.settings_dict, "OPTIONS", options)
    assert plans_kept(connection) is False
    rows = [world.nomination() for _ in range(3)]
    prepared = PreparedQuery(_nominations)
    before = _prepared_statements() if connection.vendor == "postgresql" else []
    assert [[n.pk for n in prepared(ids=[row.pk])] for row in rows] == [[r.pk] for r in rows]
    if connection.vendor == "postgresql":
        assert _prepared_statements() == before


def test_a_transition_and_a_ballot_are_planned_once(world):
    """The statements every action repeats (the locked read, the writes as one statement,
    the notifications and their e-mails, the meeting's lock, the ballot's read and write as
    one statement) are kept prepared on PostgreSQL."""
    office = world["standing_office"]
    office.email = "thuongtruc@xa.gov.vn"
    office.save(update_fields=["email"])
    for _ in range(2):
        nomination = world.nomination("lao-dong-tien-tien", Nomination.State.DRAFT)
        workflow_services.nomination_submit(nomination=nomination, actor=world["unit_head"])
    council, members = council_of(world, size=9)
    _meeting, items = _meeting_with(world, council, members, 2)  # a ballot on each item
    assert Ballot.objects.filter(item__in=items).count() == 2
    if connection.vendor != "postgresql":
        assert plans_kept(connection) is False
        return
    kept = _prepared_statements()
    assert any(s.startswith("WITH moved0 AS (UPDATE") for s in kept)  # a transition's writes
    assert any('FOR UPDATE OF "nominations_nomination"' in s for s in kept)  # its locked read
    assert any('told AS (INSERT INTO "workflow_notification"' in s for s in kept)  # with it
    assert any(s.startswith('INSERT INTO "workflow_outboxmessage"') for s in kept)
    assert any('FOR UPDATE OF "councils_meeting"' in s for s in kept)  # the agenda's lock
    assert any("FROM councils_agendaitem i" in s for s in kept)  # the voter's read
    ballot = 'made AS (INSERT INTO "councils_ballot"'
    assert any(s.startswith("WITH voter AS (") and ballot in s for s in kept)  # read and write


def _pipelined_statements(call) -> list[tuple[str, bool]]:
    """Each statement `call` sends, and whether it went in a pipeline (PostgreSQL)."""
    sent = []

    def record(execute, sql, params, many, context):
        status = connection.connection.pgconn.pipeline_status
        sent.append((sql, bool(status)))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        call()
    return sent


@pytest.mark.parametrize(
    ("action", "seats"),
    [("submit", 0), ("appraise", 1)],  # tells the office; the chairman and the council
)
def test_a_transition_sends_its_reads_together(world, action, seats):
    """One round trip for the locked read, the roles read and, when the council is told,
    its seats (with the transaction's BEGIN), on PostgreSQL with prepared statements on;
    what the transition does is the same either way."""
    row = TABLE[action]
    nomination = row.setup(world, SOURCE[action])
    actor = world[sorted(row.allowed)[0]]
    council_of(world, size=3)

    def act():
        row.call(nomination, actor)

    sent = _pipelined_statements(act) if connection.vendor == "postgresql" else act()
    nomination.refresh_from_db()
    assert nomination.state == row.target
    if sent is None:
        assert plans_kept(connection) is False  # SQLite: `pipeline` sends as it comes
        return
    kept = plans_kept(connection)
    locked = [went for sql, went in sent if 'FOR UPDATE OF "nominations_nomination"' in sql]
    roles = [went for sql, went in sent if 'FROM "councils_membership"' in sql]
    seated = [went for sql, went in sent if 'FROM "councils_councilmember"' in sql]
    assert locked == [kept]
    assert roles == [kept]
    assert seated == [kept] * seats
    assert not any(went for sql, went in sent if sql.startswith("WITH "))  # the writes after
    told = Notification.objects.filter(nomination=nomination).values_list("user", flat=True)
    if seats:  # the council's members among those told, from the seats read with the lock
        members = set(CouncilMember.objects.values_list("user", flat=True)) - {actor.pk}
        assert members
        assert members <= set(told)  # nobody is told of what they did themselves


def test_a_stale_copy_of_the_row_still_tells_the_people_of_its_authority_now(world):
    """The roles read sent with the lock names the caller's copy's authority and unit; if
    the locked row names others, the people are read again for them."""
    from workflow.services.transitions import lock_one

    nomination = world.nomination()
    stale = Nomination.objects.get(pk=nomination.pk)
    stale.current_authority_id, stale.proposing_unit_id = world.district.pk, world.other_unit.pk
    row = lock_one(world["unit_head"], stale)
    assert (row.current_authority_id, row.proposing_unit_id) == (world.commune.pk, world.unit.pk)
    people = row._people_today
    assert (people.authority_ids, people.unit_ids) == ({world.commune.pk}, {world.unit.pk})
    assert any(m.authority_id == world.commune.pk for m in people.memberships)
    assert not any(m.authority_id == world.district.pk for m in people.memberships)
