"""A prepared query answers as its queryset would, with fresh arguments, compiling once."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.test.utils import CaptureQueriesContext

from core.prepared import PreparedQuery
from councils.models import Membership
from nominations.models import Nomination


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
