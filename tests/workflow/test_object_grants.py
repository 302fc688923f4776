"""django-guardian grants beside memberships: a deputy for one unit, an office for one authority."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from guardian.models import UserObjectPermission
from guardian.shortcuts import assign_perm, remove_perm

from core.errors import NotPermitted
from core.migration_helpers import grants_to_direct_tables
from councils.models import UnitUserObjectPermission
from nominations import services as nomination_services
from nominations.models import Nomination, NominationUserObjectPermission
from tests import factories
from workflow import services as workflow_services
from workflow.selectors import allowed_actions, nominations_visible_to

S = Nomination.State
pytestmark = pytest.mark.django_db


def test_a_per_unit_grant_lets_a_deputy_act_for_that_unit_only(world):
    deputy = factories.user("phothon")
    mine = world.nomination()
    assert allowed_actions(deputy, mine) == []
    assign_perm("councils.act_for_unit", deputy, world.unit)
    assert allowed_actions(deputy, mine) == ["submit", "withdraw"]
    workflow_services.nomination_submit(nomination=mine, actor=deputy)
    elsewhere = factories.nomination(
        unit_=world.other_unit,
        award_type=factories.award("lao-dong-tien-tien"),
        period_=world.period,
        person=factories.person(world.other_unit),
    )
    with pytest.raises(NotPermitted):
        workflow_services.nomination_submit(nomination=elsewhere, actor=deputy)


def _draft(actor, unit, world) -> Nomination:
    return nomination_services.nomination_create(
        actor=actor,
        unit=unit,
        award_type=factories.award("lao-dong-tien-tien"),
        period=world.period,
        achievements="Hoàn thành xuất sắc nhiệm vụ.",
        person=factories.person(unit),
    )


def test_drafting_follows_the_unit_grant_and_an_administrator_has_none(world):
    """Django answers a superuser's has_perm with yes: that is no grant to draft for a unit."""
    deputy = factories.user("phothon")
    assign_perm("councils.act_for_unit", deputy, world.unit)
    assert _draft(deputy, world.unit, world).created_by == deputy
    with pytest.raises(NotPermitted):
        _draft(deputy, world.other_unit, world)
    administrator = factories.user("quantri", is_staff=True, is_superuser=True)
    drafts = Nomination.objects.count()
    with pytest.raises(NotPermitted):
        _draft(administrator, world.unit, world)
    assert Nomination.objects.count() == drafts


def test_a_per_authority_grant_makes_a_standing_office_and_removing_it_ends_it(world):
    officer = factories.user("vanhoa")
    nomination = world.nomination(state=S.SUBMITTED)
    assign_perm("councils.act_as_standing_office", officer, world.commune)
    assert "return" in allowed_actions(officer, nomination)
    remove_perm("councils.act_as_standing_office", officer, world.commune)
    officer = type(officer).objects.get(pk=officer.pk)  # guardian caches per user object
    with pytest.raises(NotPermitted):
        workflow_services.nomination_return(nomination=nomination, actor=officer, reason="x")


def test_grants_live_in_tables_keyed_by_the_object_so_visibility_never_casts_ids(world):
    deputy = factories.user("phothon")
    nomination = world.nomination()
    assign_perm("councils.act_for_unit", deputy, world.unit)
    assign_perm("nominations.review_nomination", deputy, nomination)
    assert UnitUserObjectPermission.objects.filter(user=deputy, content_object=world.unit).exists()
    assert NominationUserObjectPermission.objects.filter(
        user=deputy, content_object=nomination
    ).exists()
    assert not UserObjectPermission.objects.filter(user=deputy).exists()
    # Comparing CAST(id AS text) with guardian's text keys read every nomination of the
    # province; with the foreign key it is an index lookup.
    sql = str(nominations_visible_to(deputy).query)
    assert "nominations_nominationuserobjectpermission" in sql
    assert "councils_unituserobjectpermission" in sql
    assert nomination in nominations_visible_to(deputy)


def test_grants_made_before_the_direct_tables_are_moved_into_them(world):
    deputy = factories.user("phothon")
    nomination = world.nomination()
    review = Permission.objects.get(codename="review_nomination")
    nominations = ContentType.objects.get_for_model(Nomination)
    UserObjectPermission.objects.bulk_create(  # as guardian's generic table held them
        UserObjectPermission(
            user=deputy, permission=review, content_type=nominations, object_pk=object_pk
        )
        for object_pk in (str(nomination.pk), "999999")  # the second's object is deleted
    )
    move = grants_to_direct_tables(
        "nominations",
        "nomination",
        "NominationUserObjectPermission",
        "NominationGroupObjectPermission",
    )
    move(apps, None)
    assert not UserObjectPermission.objects.exists()
    assert list(
        NominationUserObjectPermission.objects.values_list("content_object", flat=True)
    ) == [nomination.pk]
    assert deputy.has_perm("nominations.review_nomination", nomination)
