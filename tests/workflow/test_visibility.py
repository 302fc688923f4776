"""Who sees which nominations (design.md §4); anything else answers 404."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from guardian.shortcuts import assign_perm

from councils.models import Membership
from nominations.models import Nomination
from tests import factories
from workflow import services as workflow_services
from workflow.selectors import nomination_get_for_user, nominations_visible_to

S = Nomination.State
pytestmark = pytest.mark.django_db


@pytest.fixture
def dossiers(world):
    mine = world.nomination(state=S.DRAFT)
    in_council = world.nomination(state=S.IN_COUNCIL)
    elsewhere = factories.nomination(
        unit_=world.other_unit,
        award_type=factories.award("lao-dong-tien-tien"),
        period_=world.period,
        person=factories.person(world.other_unit),
    )
    return {"mine": mine, "in_council": in_council, "elsewhere": elsewhere}


def _seen(user) -> set[int]:
    return set(nominations_visible_to(user).values_list("pk", flat=True))


def _ids(dossiers, *names) -> set[int]:
    return {dossiers[n].pk for n in names}


def test_a_unit_head_sees_only_the_own_units_dossiers(world, dossiers):
    assert _seen(world["unit_head"]) == _ids(dossiers, "mine", "in_council")
    assert _seen(world["other_unit_head"]) == _ids(dossiers, "elsewhere")
    with pytest.raises(Http404):
        nomination_get_for_user(world["other_unit_head"], dossiers["mine"].pk)
    assert nomination_get_for_user(world["unit_head"], dossiers["mine"].pk) == dossiers["mine"]


@pytest.mark.parametrize("persona", ["standing_office", "chairman"])
def test_the_office_and_the_chairman_see_everything_of_their_authority(world, dossiers, persona):
    assert _seen(world[persona]) == _ids(dossiers, "mine", "in_council", "elsewhere")


def test_a_council_member_sees_what_is_on_the_councils_agenda(world, dossiers):
    from councils import services as council_services
    from tests.world import council_of
    from workflow import meetings

    assert _seen(world["council_member"]) == set()
    council, _members = council_of(world, size=7)
    meeting = council_services.meeting_plan(
        council=council, actor=world["standing_office"], held_on=datetime.date.today(), place="HT"
    )
    listed = world.nomination(state=S.APPRAISED)
    meetings.meeting_add_item(meeting=meeting, nomination=listed, actor=world["standing_office"])
    assert _seen(world["council_member"]) == {listed.pk}


def test_an_auditor_sees_the_authority_and_everything_below_and_nothing_else(world, dossiers):
    assert _seen(world["auditor"]) == _ids(dossiers, "mine", "in_council", "elsewhere")
    provincial_auditor = factories.user("tinh.thanhtra")
    Membership.objects.create(
        user=provincial_auditor,
        role="auditor",
        authority=world.province,
        valid_from=datetime.date(2020, 1, 1),
    )
    assert _seen(provincial_auditor) == _ids(dossiers, "mine", "in_council", "elsewhere")
    _p, _d, other_commune = factories.commune_tree()
    stranger = factories.user("xakhac.thanhtra")
    Membership.objects.create(
        user=stranger, role="auditor", authority=other_commune, valid_from=datetime.date(2020, 1, 1)
    )
    assert _seen(stranger) == set()


def test_a_forwarded_dossier_is_seen_above_and_still_followed_by_the_commune(world):
    from tests.world import district_award

    nomination = world.nomination(district_award().code, S.AWAITING_DECISION)
    assert nomination.pk not in _seen(world["district_standing_office"])
    workflow_services.nomination_forward(nomination=nomination, actor=world["chairman"])
    assert nomination.pk in _seen(world["district_standing_office"])
    assert nomination.pk in _seen(world["standing_office"])
    assert nomination.pk in _seen(world["unit_head"])


def test_a_per_nomination_grant_lets_an_extra_reviewer_see_that_one(world, dossiers):
    reviewer = factories.user("chuyengia")
    assert _seen(reviewer) == set()
    assign_perm("nominations.review_nomination", reviewer, dossiers["elsewhere"])
    assert _seen(reviewer) == _ids(dossiers, "elsewhere")


def test_nobody_signed_out_sees_anything(world, dossiers):
    assert _seen(world["anonymous"]) == set()
    with pytest.raises(Http404):
        nomination_get_for_user(world["anonymous"], dossiers["mine"].pk)


def test_visibility_costs_the_same_with_more_nominations(
    world, dossiers, django_assert_max_num_queries
):
    def cost() -> int:
        auditor = type(world["auditor"]).objects.get(pk=world["auditor"].pk)  # a new request
        with CaptureQueriesContext(connection) as captured:
            list(nominations_visible_to(auditor))
        return len(captured)

    small = cost()
    for _ in range(30):
        world.nomination(state=S.SUBMITTED)
    assert cost() == small
    # Roles (2), guardian grants (3 kinds), authorities below (one per level), the list.
    with django_assert_max_num_queries(12):
        assert len(list(nominations_visible_to(world["auditor"]))) == 33


def _plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        return "\n".join(row[0] for row in cursor.fetchall())


@pytest.mark.parametrize("persona", ["standing_office", "council_member", "auditor", "unit_head"])
def test_every_visibility_branch_can_be_answered_from_an_index(world, dossiers, persona):
    """Each ORed branch must be an index read, or PostgreSQL reads every nomination of the
    province per page (2.6× slower at 100,000 nominations than at 1,000, before this)."""
    visible = nominations_visible_to(world[persona])
    if connection.vendor != "postgresql":
        assert " IN (SELECT " in str(visible.query)  # SQLite merges these itself
        return
    assert "= ANY(ARRAY(SELECT " in str(visible.query)
    with connection.cursor() as cursor:
        # A tiny table is cheaper to scan; forbidding scans shows whether an index could serve.
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = _plan(visible.order_by("-updated_at")[:50])
    assert "Seq Scan on nominations_nomination" not in plan, plan
    assert "SubPlan" not in plan, plan  # a per-row subquery test instead of one early run
