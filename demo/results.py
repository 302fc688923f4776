"""Khuôn Lùng's 2024 results, for the movement results page and its tổng kết report.

The targets are the plan's own (demo/data.py, from shared/seeds/004); the results are
ILLUSTRATIVE figures made up for the demo (no report of the commune's 2024 results is in the
seeds): each numeric target reached a fixed share of its figure, each worded one "Đạt", one
of them not. They are entered through the same service as the office would, once."""

from __future__ import annotations

from decimal import Decimal

from core import clock
from councils.models import Authority, Membership
from nominations.models import Movement, TargetResult
from nominations.targets import registration_assess, target_result_record

# Share of the target reached, in turn: most met, some short, one well above.
SHARES = [Decimal(s) for s in ("1.05", "1", "0.92", "1.12", "0.98", "1", "1.2", "0.85")]
NOTE = "Số liệu minh họa của bản demo"


def demo_results_load(movement: Movement, office_authority: Authority) -> int:
    """Enter the closing period's results of the movement's plan targets and assess half
    the registrations; nothing if any result is already there. Returns rows added."""
    if TargetResult.objects.filter(target__movement=movement).exists():
        return 0
    period = movement.periods.order_by("-ends_on").first()
    office = (
        Membership.objects.active_on(clock.today())
        .filter(authority=office_authority, role=Membership.Role.STANDING_OFFICE)
        .select_related("user")
        .first()
    ).user
    added = 0
    targets = movement.targets.filter(registration__isnull=True).order_by("position")
    worded = 0
    for index, target in enumerate(targets):
        if target.target_value is not None:
            value = (target.target_value * SHARES[index % len(SHARES)]).quantize(Decimal("0.1"))
            target_result_record(target=target, period=period, actor=office, value=value, note=NOTE)
        elif target.target_text:
            worded += 1
            met = worded != 3  # one worded target was not reached
            target_result_record(
                target=target,
                period=period,
                actor=office,
                value=None,
                text=target.target_text if met else "Chưa đạt",
                met=met,
                note=NOTE,
            )
        else:
            continue  # a group heading of the plan's table
        added += 1
    for index, registration in enumerate(movement.registrations.order_by("unit__name")):
        if index % 2 == 0:
            registration_assess(
                registration=registration,
                actor=office,
                met=index % 4 == 0,
                assessment=NOTE,
            )
    return added
