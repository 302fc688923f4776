"""Khối thi đua (issue 24 part 2): when the plan scores its blocs, the office scores each
unit of a bloc per period, the units are ranked within the bloc, and the report prints it."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from core.errors import InvalidInput
from nominations.blocs import bloc_scores_record, bloc_standings
from nominations.models import BlocScore, EmulationBloc, Movement
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def bloc(world):
    Movement.objects.filter(pk=world.period.movement_id).update(
        scores_blocs=True, bloc_scoring_basis="thang điểm 100"
    )
    world.period.movement.refresh_from_db()
    bloc = EmulationBloc.objects.create(authority=world.commune, name="Khối các thôn")
    units = [world.unit, world.other_unit, factories.unit(world.commune)]
    bloc.units.set(units)
    return bloc, units


def _post(client, bloc, period, scores: dict) -> object:
    url = reverse("reports:bloc_scores", args=[bloc.pk, period.pk])
    return client.post(url, {f"unit_{unit.pk}": value for unit, value in scores.items()})


def test_the_office_scores_a_bloc_and_the_units_are_ranked(client, world, bloc):
    blocs, (a, b, c) = bloc
    client.force_login(world["standing_office"])
    response = _post(client, blocs, world.period, {a: "92,5", b: "92,5", c: ""})
    assert response.status_code == 302
    ((_bloc, standings),) = bloc_standings([blocs], world.period)
    tied, unscored = standings[:2], standings[2]
    assert {(s.rank, s.unit, s.score) for s in tied} == {
        (1, a, Decimal("92.5")), (1, b, Decimal("92.5"))
    }  # fmt: skip
    assert (unscored.rank, unscored.unit, unscored.score) == (None, c, None)
    _post(client, blocs, world.period, {a: "95", b: "92,5", c: "80"})
    ((_bloc, standings),) = bloc_standings([blocs], world.period)
    assert [(s.rank, s.unit) for s in standings] == [(1, a), (2, b), (3, c)]
    assert standings[0].leads
    events = AuditEvent.objects.filter(action="bloc.score").order_by("sequence")
    assert events.count() == 2
    assert events[1].payload["before"] == {str(a.pk): "92.50", str(b.pk): "92.50"}
    score = BlocScore.objects.get(unit=a)
    assert [h.score for h in score.history.order_by("history_date")] == [
        Decimal("92.5"), Decimal("95")
    ]  # fmt: skip
    page = client.get(reverse("reports:movement", args=[world.period.movement_id]))
    assert "Khối các thôn" in page.content.decode()
    assert "dẫn đầu" in page.content.decode()
    report = client.get(reverse("reports:movement_report", args=[world.period.movement_id, "docx"]))
    with zipfile.ZipFile(io.BytesIO(report.content)) as docx:
        xml = docx.read("word/document.xml").decode()
    assert "III. KẾT QUẢ CHẤM ĐIỂM CÁC KHỐI THI ĐUA" in xml
    assert "IV. KHEN THƯỞNG" in xml


def test_scores_are_refused_with_a_reason_and_change_nothing(world, bloc):
    blocs, (a, _b, _c) = bloc
    office = world["standing_office"]
    outsider = factories.unit(world.commune)
    with pytest.raises(InvalidInput, match="không thuộc khối"):
        bloc_scores_record(
            period=world.period, bloc=blocs, actor=office, scores={outsider.pk: Decimal(1)}
        )
    with pytest.raises(InvalidInput, match="không âm"):
        bloc_scores_record(
            period=world.period, bloc=blocs, actor=office, scores={a.pk: Decimal(-1)}
        )
    Movement.objects.filter(pk=world.period.movement_id).update(scores_blocs=False)
    world.period.movement.refresh_from_db()
    with pytest.raises(InvalidInput, match="không chấm điểm"):
        bloc_scores_record(period=world.period, bloc=blocs, actor=office, scores={a.pk: 1})
    assert not BlocScore.objects.exists()
    assert not AuditEvent.objects.filter(action="bloc.score").exists()


def test_only_the_office_scores(client, world, bloc):
    blocs, (a, _b, _c) = bloc
    for persona in ("unit_head", "chairman", "auditor"):
        client.force_login(world[persona])
        assert _post(client, blocs, world.period, {a: "10"}).status_code == 404, persona
    assert not BlocScore.objects.exists()


def test_a_movement_without_scoring_shows_no_blocs(client, world, bloc):
    Movement.objects.filter(pk=world.period.movement_id).update(scores_blocs=False)
    client.force_login(world["standing_office"])
    page = client.get(reverse("reports:movement", args=[world.period.movement_id]))
    assert page.context["results"].blocs == []
    assert "Khối các thôn" not in page.content.decode()
