"""Each transition runs the same, bounded number of queries whatever the data size."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import AuditEvent
from audit.verification import verify_chain
from core import clock
from councils.models import Membership
from nominations.models import Decision, Nomination
from outbox.models import OutboxMessage
from tests import factories
from tests.querycount import statements
from tests.workflow.test_transitions import SOURCE, TABLE
from workflow import services as workflow_services
from workflow.models import Notification

S = Nomination.State
# What each action sends, as a request sends it, on PostgreSQL and on SQLite (issue 22 brings
# them down; the test's own transaction adds a SAVEPOINT and its RELEASE, left out by
# `statements`). PostgreSQL writes a transition's row, history rows, deadlines and audit
# events and the notifications as one statement (core.statements); SQLite one statement each,
# and reads the audit chain's tail apart.
STATEMENTS = {
    "appraise": (4, 9),
    "approve": (19, 24),
    "council_result": (5, 9),
    "defer": (4, 8),
    "end_posting": (3, 9),
    "forward": (6, 12),
    "hold": (3, 8),
    "record_outcome": (14, 18),
    "reject": (3, 8),
    "release": (4, 8),
    "resubmit": (3, 9),
    "return": (3, 9),
    "revoke": (10, 14),
    "schedule": (4, 8),
    "submit": (3, 8),
    "withdraw": (3, 6),
}


def expected(action: str) -> int:
    on_postgresql, on_sqlite = STATEMENTS[action]
    return on_postgresql if connection.vendor == "postgresql" else on_sqlite


def _queries(world, action: str) -> int:
    row = TABLE[action]
    nomination = row.setup(world, SOURCE[action])
    actor = world[sorted(row.allowed)[0]]
    with CaptureQueriesContext(connection) as captured:
        row.call(nomination, actor)
    return len(statements(captured))


def _more_data(world, count: int) -> None:
    for state in list(Nomination.State)[:count]:
        world.nomination("lao-dong-tien-tien", state)


@pytest.mark.parametrize("action", sorted(TABLE))
def test_a_transition_costs_the_same_with_more_nominations(
    world, action, django_assert_max_num_queries
):
    _queries(world, action)  # warm the per-process caches (content types, permissions)
    small = _queries(world, action)
    for _ in range(4):
        _more_data(world, 13)
    large = _queries(world, action)
    assert small == large
    assert large == expected(action)
    row = TABLE[action]
    nomination = row.setup(world, SOURCE[action])
    with django_assert_max_num_queries(expected(action) + 2):  # + the test's savepoint
        row.call(nomination, world[sorted(row.allowed)[0]])


def test_telling_more_people_costs_no_more_queries(world, django_assert_max_num_queries):
    """Recipients are read in one query and their notifications and e-mails written in one
    INSERT each, however many hold the role."""

    def submit_cost() -> int:
        nomination = world.nomination()
        with CaptureQueriesContext(connection) as captured:
            workflow_services.nomination_submit(nomination=nomination, actor=world["unit_head"])
        return len(captured)

    submit_cost()  # warm the per-process caches
    world["standing_office"].email = "thuongtruc@xa.gov.vn"
    world["standing_office"].save()
    one = submit_cost()
    for n in range(8):
        office = factories.user(f"thuongtruc{n}", email=f"thuongtruc{n}@xa.gov.vn")
        Membership.objects.create(
            user=office, role=Membership.Role.STANDING_OFFICE, authority=world.commune,
            valid_from=datetime.date(2020, 1, 1),
        )  # fmt: skip
    assert submit_cost() == one
    assert Notification.objects.filter(message__contains="Đã gửi").count() == 1 + 1 + 9
    assert OutboxMessage.objects.count() == 1 + 9
    nomination = world.nomination()
    # The e-mail copies add their outbox INSERT; the test's transaction its savepoint.
    with django_assert_max_num_queries(expected("submit") + 1 + 2):
        workflow_services.nomination_submit(nomination=nomination, actor=world["unit_head"])


def test_a_decision_for_more_awardees_costs_no_more_queries(world):
    """Every awardee gets a decision line, a history row, an audit event and their unit's
    notification, written together: a fixed number of queries for a decision of any size."""

    def approve_cost(count: int, number: str) -> tuple[int, list[Nomination]]:
        rows = [world.nomination(state=S.AWAITING_DECISION) for _ in range(count)]
        with CaptureQueriesContext(connection) as captured:
            workflow_services.nominations_approve(
                nominations=rows, actor=world["chairman"], number=number, issued_on=clock.today()
            )
        return len(captured), rows

    approve_cost(1, "1/QĐ-UBND")  # warm the per-process caches
    one, _rows = approve_cost(1, "2/QĐ-UBND")
    many, rows = approve_cost(8, "3/QĐ-UBND")
    assert many == one
    decision = Decision.objects.get(number="3/QĐ-UBND")
    lines = list(decision.lines.order_by("golden_book_number"))
    assert [line.nomination_id for line in lines] == sorted(row.pk for row in rows)
    # The sổ vàng runs on after the two decisions above.
    assert [line.golden_book_number for line in lines] == list(range(3, 11))
    assert all(line.prize_amount for line in lines)
    for row in rows:
        row.refresh_from_db()
        assert (row.state, row.decided_at is not None) == (S.APPROVED, True)
        last = row.history.first()
        assert (last.state, last.history_user) == (S.APPROVED, world["chairman"])
        assert last.history_change_reason.startswith("Quyết định 3/QĐ-UBND")
    events = AuditEvent.objects.filter(
        action="nomination.approve", object_id__in=[str(row.pk) for row in rows]
    )
    assert sorted(int(event.object_id) for event in events) == [row.pk for row in rows]
    assert verify_chain().intact
    told = Notification.objects.filter(nomination__in=rows, user=world["unit_head"])
    assert told.count() == 8
