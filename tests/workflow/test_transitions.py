"""Every row of the transition table (design.md §4): the right actor in the right state
succeeds with exactly one audit event; every other persona and every wrong state is refused
and writes nothing."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from core import clock
from core.errors import NotPermitted, WrongState
from nominations.models import Decision, DecisionLine, Nomination
from outbox.models import OutboxMessage
from tests.world import World
from workflow import services as workflow_services
from workflow.deadlines import deadlines_for
from workflow.flow import NominationFlow
from workflow.models import Deadline, Notification
from workflow.selectors import allowed_actions

S = Nomination.State
_numbers = itertools.count(1)


@dataclass(frozen=True)
class Row:
    setup: Callable[[World, str], Nomination]
    call: Callable[..., object]
    allowed: frozenset[str]
    target: str
    wrong_state: str


def _plain(award: str = "lao-dong-tien-tien"):
    return lambda world, state: world.nomination(award, state)


def _with_documents(world: World, state: str) -> Nomination:
    nomination = world.nomination("lao-dong-tien-tien", state)
    world.attach_required_documents(nomination)
    return nomination


def _decided(world: World, state: str) -> Nomination:
    nomination = world.nomination("lao-dong-tien-tien", state)
    if state == S.APPROVED:
        decision = Decision.objects.create(
            authority=world.commune,
            number=f"{next(_numbers)}/QĐ-UBND",
            issued_on=timezone.localdate(),
            signer=world["chairman"],
            signing_capacity=Decision.SigningCapacity.CHAIRMAN,
        )
        DecisionLine.objects.create(decision=decision, nomination=nomination, golden_book_number=1)
    return nomination


def _approve(nomination, actor):
    return workflow_services.nomination_approve(
        nomination=nomination,
        actor=actor,
        number=f"{next(_numbers)}/QĐ-UBND",
        issued_on=timezone.localdate(),
    )


UNIT = frozenset({"unit_head"})
OFFICE = frozenset({"standing_office"})
CHAIR = frozenset({"chairman"})

TABLE: dict[str, Row] = {
    "submit": Row(
        _plain(), lambda n, a: workflow_services.nomination_submit(nomination=n, actor=a),
        UNIT, S.SUBMITTED, S.APPRAISED,
    ),
    "withdraw": Row(
        _plain(), lambda n, a: workflow_services.nomination_withdraw(
            nomination=n, actor=a, reason="Đơn vị rút."
        ),
        UNIT, S.WITHDRAWN, S.APPRAISED,
    ),
    "resubmit": Row(
        _plain(), lambda n, a: workflow_services.nomination_resubmit(nomination=n, actor=a),
        UNIT, S.SUBMITTED, S.DRAFT,
    ),
    "return": Row(
        _plain(),
        lambda n, a: workflow_services.nomination_return(
            nomination=n, actor=a, reason="Thiếu biên bản"
        ),
        OFFICE, S.RETURNED, S.APPRAISED,
    ),
    "appraise": Row(
        _with_documents, lambda n, a: workflow_services.nomination_appraise(nomination=n, actor=a),
        OFFICE, S.APPRAISED, S.DRAFT,
    ),
    "schedule": Row(
        _plain(), lambda n, a: workflow_services.nomination_schedule(nomination=n, actor=a),
        OFFICE, S.IN_COUNCIL, S.SUBMITTED,
    ),
    "defer": Row(
        _plain(), lambda n, a: workflow_services.nomination_defer(nomination=n, actor=a),
        OFFICE, S.APPRAISED, S.APPRAISED,
    ),
    "council_result": Row(
        _plain(),
        lambda n, a: workflow_services.nomination_council_result(
            nomination=n, actor=a, passed=True, tally={"yes": 7, "base": 9}
        ),
        frozenset({"standing_office", "chairman"}), S.POSTED, S.APPRAISED,
    ),
    "end_posting": Row(
        _plain(), lambda n, a: workflow_services.nomination_end_posting(nomination=n, actor=a),
        OFFICE, S.AWAITING_DECISION, S.APPRAISED,
    ),
    "hold": Row(
        _plain(),
        lambda n, a: workflow_services.nomination_hold(
            nomination=n, actor=a, reason_code="complaint", reason="Đơn thư ngày 01/11"
        ),
        OFFICE, S.ON_HOLD, S.DRAFT,
    ),
    "release": Row(
        _plain(),
        lambda n, a: workflow_services.nomination_release(
            nomination=n, actor=a, resolution="Đơn không có cơ sở"
        ),
        OFFICE, S.APPRAISED, S.APPRAISED,
    ),
    "approve": Row(_plain(), _approve, CHAIR, S.APPROVED, S.POSTED),
    "reject": Row(
        _plain(),
        lambda n, a: workflow_services.nomination_reject(
            nomination=n, actor=a, reason="Chưa tiêu biểu"
        ),
        CHAIR, S.REJECTED, S.POSTED,
    ),
    "forward": Row(
        _plain("chien-si-thi-dua-cap-tinh"),
        lambda n, a: workflow_services.nomination_forward(nomination=n, actor=a),
        CHAIR, S.SUBMITTED, S.POSTED,
    ),
    "record_outcome": Row(
        _plain(),
        lambda n, a: workflow_services.nomination_record_outcome(
            nomination=n,
            actor=a,
            approved=True,
            decision_number=f"{next(_numbers)}/QĐ-UBND",
            decision_date=timezone.localdate(),
        ),
        OFFICE, S.APPROVED, S.AWAITING_DECISION,
    ),
    "revoke": Row(
        _decided,
        lambda n, a: workflow_services.nomination_revoke(
            nomination=n, actor=a, reason_code="false_declaration", reason="Kê khai sai.",
            decision_number="12/QĐ-UBND", decided_on=clock.today(),
        ),
        CHAIR, S.REVOKED, S.AWAITING_DECISION,
    ),
}  # fmt: skip

SOURCE = {row.action: row.sources[0] for row in NominationFlow.table()}
PERSONAS = [
    "unit_head",
    "other_unit_head",
    "standing_office",
    "council_member",
    "chairman",
    "vice_chairman",
    "auditor",
    "district_standing_office",
    "district_chairman",
    "anonymous",
]


def _written() -> tuple[int, ...]:
    return (
        AuditEvent.objects.count(),
        Nomination.history.count(),
        DecisionLine.objects.count(),
        Notification.objects.count(),
        OutboxMessage.objects.count(),
    )


def test_the_table_covers_every_action_of_the_design():
    assert set(TABLE) == {row.action for row in NominationFlow.table()}


@pytest.mark.parametrize("action", sorted(TABLE))
def test_the_right_actor_in_the_right_state_succeeds_with_one_audit_event(world, action):
    row = TABLE[action]
    nomination = row.setup(world, SOURCE[action])
    actor = world[sorted(row.allowed)[0]]
    events_before = AuditEvent.objects.count()
    row.call(nomination, actor)
    nomination.refresh_from_db()
    assert nomination.state == row.target
    events = AuditEvent.objects.order_by("sequence")[events_before:]
    assert [(e.action, e.from_state, e.to_state, e.actor_id) for e in events] == [
        (f"nomination.{action}", SOURCE[action], row.target, actor.pk)
    ]
    last = nomination.history.first()
    assert last.history_user_id == actor.pk
    assert last.state == row.target
    # The deadlines left open are exactly those of the new state (deadlines_reset skips the
    # meeting of a state that has none).
    still_open = Deadline.objects.filter(nomination=nomination, met_at__isnull=True)
    wanted = deadlines_for(nomination, clock.today())
    assert sorted(still_open.values_list("kind", flat=True)) == sorted(d.kind for d in wanted)


@pytest.mark.parametrize(
    ("action", "persona"),
    [(action, p) for action in sorted(TABLE) for p in PERSONAS if p not in TABLE[action].allowed],
)
def test_every_other_persona_is_refused_and_nothing_is_written(world, action, persona):
    row = TABLE[action]
    nomination = row.setup(world, SOURCE[action])
    before = _written()
    with pytest.raises(NotPermitted):
        row.call(nomination, world[persona])
    nomination.refresh_from_db()
    assert nomination.state == SOURCE[action]
    assert _written() == before


@pytest.mark.parametrize("action", sorted(TABLE))
def test_the_wrong_state_is_refused_and_nothing_is_written(world, action):
    row = TABLE[action]
    nomination = row.setup(world, row.wrong_state)
    before = _written()
    with pytest.raises(WrongState):
        row.call(nomination, world[sorted(row.allowed)[0]])
    nomination.refresh_from_db()
    assert nomination.state == row.wrong_state
    assert _written() == before


@pytest.mark.parametrize("action", sorted(TABLE))
def test_allowed_actions_offers_the_action_to_exactly_the_allowed_personas(world, action):
    row = TABLE[action]
    nomination = row.setup(world, SOURCE[action])
    offered_to = {p for p in PERSONAS if action in allowed_actions(world[p], nomination)}
    assert offered_to == row.allowed


def test_allowed_actions_lists_everything_one_user_may_do_now(world):
    nomination = world.nomination(state=S.SUBMITTED)
    assert allowed_actions(world["standing_office"], nomination) == ["appraise", "hold", "return"]
    assert allowed_actions(world["unit_head"], nomination) == ["withdraw"]
    assert allowed_actions(world["auditor"], nomination) == []


def test_a_long_reason_is_kept_whole_in_the_history_and_the_audit_log(world):
    """A return reason lists what is missing; it used to fail on PostgreSQL past 100 characters
    (simple-history's varchar change reason)."""
    reason = "Bổ sung: " + "; ".join(f"giấy tờ số {n} còn thiếu chữ ký và dấu" for n in range(12))
    assert len(reason) > 300
    nomination = world.nomination(state=S.SUBMITTED)
    workflow_services.nomination_return(
        nomination=nomination, actor=world["standing_office"], reason=reason
    )
    assert nomination.history.latest().history_change_reason == reason
    event = AuditEvent.objects.filter(action="nomination.return").latest("sequence")
    assert event.payload["reason"] == reason
