"""Khối thi đua: the office scores each unit of a bloc for a period, when the movement's plan
scores its blocs, and the units are ranked within their bloc."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_event_record
from core import clock
from core.errors import InvalidInput, NotPermitted
from councils.models import Unit
from nominations.models import BlocScore, EmulationBloc, Movement, Period
from nominations.targets import may_assess_movement


def blocs_of(movement: Movement) -> list[EmulationBloc]:
    """The blocs of the launching authority and of the one continuing it, with their
    units: two queries."""
    authority = movement.authority
    owners = {authority.pk, authority.continuing_on(clock.today()).pk}
    return list(
        EmulationBloc.objects.filter(authority_id__in=owners).prefetch_related(
            Prefetch("units", queryset=Unit.objects.order_by("name"))
        )
    )


@transaction.atomic
def bloc_scores_record(
    *, period: Period, bloc: EmulationBloc, actor: User, scores: dict[int, Decimal | None]
) -> list[BlocScore]:
    """Record the scores of a bloc's units (None clears one); an audit event keeps what each
    was before."""
    movement = period.movement
    if not movement.scores_blocs:
        raise InvalidInput(_("Kế hoạch của phong trào không chấm điểm các khối thi đua."))
    if not may_assess_movement(actor, movement):
        raise NotPermitted(_("Chỉ Thường trực Hội đồng chấm điểm các khối thi đua."))
    if bloc.pk not in {b.pk for b in blocs_of(movement)}:
        raise InvalidInput(_("Khối thi đua không thuộc địa phương phát động phong trào."))
    members = set(bloc.units.values_list("pk", flat=True))
    if set(scores) - members:
        raise InvalidInput(_("Có đơn vị không thuộc khối thi đua này."))
    if any(score is not None and score < 0 for score in scores.values()):
        raise InvalidInput(_("Điểm thi đua không âm."))
    existing = {
        row.unit_id: row
        for row in BlocScore.objects.select_for_update(of=("self",))
        .filter(period=period, bloc=bloc)
        .order_by()
    }
    before = {str(unit): str(row.score) for unit, row in existing.items()}
    kept = []
    for unit_id, score in scores.items():
        row = existing.get(unit_id)
        if score is None:
            if row is not None:
                row._change_reason = "Xóa điểm thi đua"
                row.delete()
            continue
        if row is None:
            row = BlocScore(period=period, bloc=bloc, unit_id=unit_id)
        elif row.score == score:
            kept.append(row)
            continue
        row.score, row.entered_by = score, actor
        row._change_reason = "Chấm điểm khối thi đua"
        row.save()
        kept.append(row)
    audit_event_record(
        actor=actor,
        action="bloc.score",
        target=bloc,
        authority=movement.authority,
        payload={
            "movement": movement.pk,
            "period": period.pk,
            "before": before,
            "after": {str(u): None if s is None else str(s) for u, s in scores.items()},
        },
    )
    return kept


@dataclass(frozen=True)
class Standing:
    rank: int | None  # None: not scored
    unit: Unit
    score: Decimal | None

    @property
    def leads(self) -> bool:
        return self.rank == 1


def bloc_standings(
    blocs: list[EmulationBloc], period: Period
) -> list[tuple[EmulationBloc, list[Standing]]]:
    """Each bloc's units by score, ranked 1, 1, 3… (equal scores share a rank), the
    unscored last: one query for the scores."""
    scores = {
        (row.bloc_id, row.unit_id): row.score
        for row in BlocScore.objects.filter(period=period, bloc__in=[b.pk for b in blocs])
    }
    standings = []
    for bloc in blocs:
        scored = sorted(
            ((scores.get((bloc.pk, unit.pk)), unit) for unit in bloc.units.all()),
            key=lambda pair: (pair[0] is None, -(pair[0] or 0), pair[1].name),
        )
        rows, rank, previous = [], 0, None
        for position, (score, unit) in enumerate(scored, 1):
            if score is None:
                rows.append(Standing(None, unit, None))
                continue
            if score != previous:
                rank, previous = position, score
            rows.append(Standing(rank, unit, score))
        standings.append((bloc, rows))
    return standings
