"""One definition per role rule (councils.roles): a clerk who works for the standing office by a
guardian grant alone is the standing office everywhere — the predicate, the menu, the appraisal
queue and the units offered for an import — and a unit head's deputy acts for the unit."""

import pytest
from django.urls import reverse
from guardian.shortcuts import assign_perm

from councils.roles import (
    acts_for_unit,
    deciding_authorities,
    forget_roles,
    is_standing_office,
    standing_office_authorities,
    units_acted_for,
)
from nominations.imports import units_for_import
from tests import factories
from tests.world import delegate

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(world):
    user = factories.user("vanthu", full_name="Văn thư")
    assign_perm("councils.act_as_standing_office", user, world.commune)
    return user


def test_a_grant_alone_makes_the_standing_office_for_every_rule(world, clerk, client):
    assert is_standing_office(clerk, world.commune)
    assert standing_office_authorities(clerk) == {world.commune.pk}
    assert set(units_for_import(clerk)) == {world.unit, world.other_unit}
    client.force_login(clerk)
    home = client.get(reverse("accounts:home"))
    assert home.context["nav"]["may_appraise"] is True
    assert client.get(reverse("nominations:appraisal")).status_code == 200


def test_without_the_role_or_the_grant_nothing_opens(world, client):
    nobody = factories.user("khach")
    assert not is_standing_office(nobody, world.commune)
    assert standing_office_authorities(nobody) == set()
    assert list(units_for_import(nobody)) == []
    client.force_login(nobody)
    assert client.get(reverse("accounts:home")).context["nav"]["may_appraise"] is False
    assert client.get(reverse("nominations:appraisal")).status_code == 404


def test_a_deputy_granted_a_unit_acts_for_it_and_only_it(world):
    deputy = factories.user("phothon")
    assign_perm("councils.act_for_unit", deputy, world.unit)
    assert acts_for_unit(deputy, world.unit)
    assert not acts_for_unit(deputy, world.other_unit)
    assert units_acted_for(deputy) == {world.unit.pk}
    assert set(units_for_import(deputy)) == {world.unit}


def test_a_vice_chairman_decides_only_inside_a_delegation(world, client):
    vice = world["vice_chairman"]
    assert deciding_authorities(vice) == set()
    client.force_login(vice)
    assert client.get(reverse("accounts:home")).context["nav"]["may_decide"] is False
    delegate(world)
    forget_roles(vice)
    assert deciding_authorities(vice) == {world.commune.pk}
    assert deciding_authorities(world["chairman"]) == {world.commune.pk}


def test_only_a_vice_chairman_pays_for_reading_delegations(world, django_assert_num_queries):
    """Issue 22: a delegation counts only for a vice-chairman, so only theirs are read; the
    others' actions (most of them) save that query."""
    from councils.roles import may_decide, role_book

    for persona in ("unit_head", "standing_office", "chairman"):
        forget_roles(world[persona])
        with django_assert_num_queries(1):
            role_book(world[persona])
    vice = world["vice_chairman"]
    forget_roles(vice)
    with django_assert_num_queries(2):
        role_book(vice)
    assert not may_decide(vice, world.commune)  # no delegation yet
    delegate(world)
    forget_roles(vice)
    assert may_decide(vice, world.commune)
