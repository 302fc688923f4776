"""django-guardian grants beside memberships: a deputy for one unit, an office for one authority."""

from __future__ import annotations

import pytest
from guardian.shortcuts import assign_perm, remove_perm

from nominations.models import Nomination
from tests import factories
from workflow import services
from workflow.errors import NotPermitted
from workflow.selectors import allowed_actions

S = Nomination.State
pytestmark = pytest.mark.django_db


def test_a_per_unit_grant_lets_a_deputy_act_for_that_unit_only(world):
    deputy = factories.user("phothon")
    mine = world.nomination()
    assert allowed_actions(deputy, mine) == []
    assign_perm("councils.act_for_unit", deputy, world.unit)
    assert allowed_actions(deputy, mine) == ["submit", "withdraw"]
    services.nomination_submit(nomination=mine, actor=deputy)
    elsewhere = factories.nomination(
        unit_=world.other_unit,
        award_type=factories.award("lao-dong-tien-tien"),
        period_=world.period,
        person=factories.person(world.other_unit),
    )
    with pytest.raises(NotPermitted):
        services.nomination_submit(nomination=elsewhere, actor=deputy)


def test_a_per_authority_grant_makes_a_standing_office_and_removing_it_ends_it(world):
    officer = factories.user("vanhoa")
    nomination = world.nomination(state=S.SUBMITTED)
    assign_perm("councils.act_as_standing_office", officer, world.commune)
    assert "return" in allowed_actions(officer, nomination)
    remove_perm("councils.act_as_standing_office", officer, world.commune)
    officer = type(officer).objects.get(pk=officer.pk)  # guardian caches per user object
    with pytest.raises(NotPermitted):
        services.nomination_return(nomination=nomination, actor=officer, reason="x")
