import datetime

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from core.errors import InvalidInput, NotPermitted
from councils.models import Delegation
from councils.services import delegation_grant, delegation_revoke
from nominations.models import Nomination
from workflow import services as workflow_services

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _grant(world, **overrides):
    fields = {
        "authority": world.commune,
        "chairman": world["chairman"],
        "delegate": world["vice_chairman"],
        "valid_from": TODAY(),
        "valid_to": TODAY() + datetime.timedelta(days=14),
        "reason": "Chủ tịch đi công tác",
    }
    return delegation_grant(**{**fields, **overrides})


def test_the_chairman_delegates_and_the_vice_chairman_then_decides(world):
    delegation = _grant(world)
    event = AuditEvent.objects.get(action="delegation.grant")
    assert event.actor == world["chairman"]
    assert event.payload["delegate"] == world["vice_chairman"].pk
    nomination = world.nomination(state=Nomination.State.AWAITING_DECISION)
    workflow_services.nomination_reject(
        nomination=nomination, actor=world["vice_chairman"], reason="x"
    )
    assert delegation.history.first().history_user == world["chairman"]


def test_only_the_chairman_delegates_and_only_to_a_vice_chairman(world):
    with pytest.raises(NotPermitted):
        _grant(world, chairman=world["standing_office"])
    with pytest.raises(InvalidInput):
        _grant(world, delegate=world["council_member"])
    with pytest.raises(InvalidInput):
        _grant(world, valid_to=TODAY() - datetime.timedelta(days=1))
    assert not Delegation.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_revoked_delegation_gives_no_more_power(world):
    delegation = _grant(world)
    delegation_revoke(delegation=delegation, actor=world["chairman"])
    assert AuditEvent.objects.filter(action="delegation.revoke").count() == 1
    nomination = world.nomination(state=Nomination.State.AWAITING_DECISION)
    with pytest.raises(NotPermitted):
        workflow_services.nomination_reject(
            nomination=nomination, actor=world["vice_chairman"], reason="x"
        )
    with pytest.raises(InvalidInput):
        delegation_revoke(delegation=delegation, actor=world["chairman"])
