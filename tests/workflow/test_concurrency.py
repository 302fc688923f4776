"""Two people performing the same transition at the same moment: exactly one succeeds."""

from __future__ import annotations

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from core.errors import WrongState
from nominations.models import DecisionLine, Nomination
from tests.threads import run_together
from workflow import services as workflow_services

S = Nomination.State


def _refused(result: object) -> bool:
    return isinstance(result, WrongState)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_chairmen_approving_at_once_make_one_decision_line(world):
    nomination = world.nomination(state=S.AWAITING_DECISION)
    chairman = world["chairman"]
    today = timezone.localdate()

    def approve(number):
        fresh = Nomination.objects.get(pk=nomination.pk)  # each request loads its own row
        return workflow_services.nomination_approve(
            nomination=fresh, actor=chairman, number=number, issued_on=today
        )

    results = run_together([lambda: approve("30/QĐ-UBND"), lambda: approve("31/QĐ-UBND")])
    successes = [r for r in results if not isinstance(r, Exception)]
    assert len(successes) == 1, results
    assert all(_refused(r) for r in results if isinstance(r, Exception)), results
    nomination.refresh_from_db()
    assert nomination.state == S.APPROVED
    assert DecisionLine.objects.filter(nomination=nomination).count() == 1
    assert AuditEvent.objects.filter(action="nomination.approve").count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_withdrawal_racing_an_appraisal_never_applies_both(world):
    nomination = world.nomination(state=S.SUBMITTED)
    world.attach_required_documents(nomination)

    def act(service, persona, **inputs):
        return lambda: service(
            nomination=Nomination.objects.get(pk=nomination.pk), actor=world[persona], **inputs
        )

    results = run_together(
        [
            act(workflow_services.nomination_withdraw, "unit_head", reason="Đơn vị rút."),
            act(workflow_services.nomination_appraise, "standing_office"),
        ]
    )
    assert sum(not isinstance(r, Exception) for r in results) == 1, results
    nomination.refresh_from_db()
    assert nomination.state in (S.WITHDRAWN, S.APPRAISED)
    events = AuditEvent.objects.filter(object_id=str(nomination.pk))
    assert [e.to_state for e in events] == [nomination.state]
