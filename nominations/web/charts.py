"""Geometry of the dashboard's SVG charts, computed here so the templates only draw."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from nominations.models import Nomination

S = Nomination.State

# Where a dossier of a movement stands, in four groups a reader takes in at a glance.
MOVEMENT_GROUPS = (
    ("preparing", _("Đang lập, bổ sung"), (S.DRAFT, S.RETURNED)),
    (
        "reviewing",
        _("Đang xét"),
        (
            S.SUBMITTED,
            S.APPRAISED,
            S.IN_COUNCIL,
            S.POSTED,
            S.ON_HOLD,
            S.AWAITING_DECISION,
            S.FORWARDED,
        ),
    ),
    ("approved", _("Đã khen thưởng"), (S.APPROVED,)),
    ("closed", _("Không khen thưởng, đã rút, đã hủy"), (S.REJECTED, S.WITHDRAWN, S.REVOKED)),
)
_GROUP_OF_STATE = {state: key for key, _label, states in MOVEMENT_GROUPS for state in states}


@dataclass(frozen=True)
class Segment:
    key: str
    label: str
    count: int
    x: float  # percent of the bar's width
    width: float


@dataclass(frozen=True)
class MovementChart:
    name: str
    total: int
    segments: list[Segment]

    @property
    def parts(self) -> list[Segment]:
        """The segments with dossiers in them: the ones drawn and told in words."""
        return [segment for segment in self.segments if segment.count]


def movement_charts(rows: list[dict]) -> list[MovementChart]:
    """One stacked bar per movement from rows of (movement id, name, state, n)."""
    counts: dict[int, dict[str, int]] = {}
    names: dict[int, str] = {}
    for row in rows:
        movement = row["period__movement"]
        names[movement] = row["period__movement__name"]
        group = _GROUP_OF_STATE[row["state"]]
        per_group = counts.setdefault(movement, {})
        per_group[group] = per_group.get(group, 0) + row["n"]
    charts = []
    for movement, per_group in counts.items():
        total = sum(per_group.values())
        x, segments = 0.0, []
        for key, label, _states in MOVEMENT_GROUPS:
            n = per_group.get(key, 0)
            width = round(100 * n / total, 2)
            segments.append(Segment(key, str(label), n, x, width))
            x = round(x + width, 2)
        charts.append(MovementChart(names[movement], total, segments))
    return sorted(charts, key=lambda chart: chart.name)
