"""The demo loaded once per test that asks for it, and Khuôn Lùng's movement in it."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from councils.map import new_code, old_code
from councils.models import Membership
from demo.data import COMMUNES
from demo.world import REAL_MAP
from nominations.models import Movement


@pytest.fixture
def demo(db) -> None:
    call_command("load_demo", stdout=io.StringIO(), quiet_logins=True)


@pytest.fixture
def khuon_lung(demo):
    data = next(c for c in COMMUNES if c["slug"] == "khuonlung")
    movement = Movement.objects.get(
        authority__code=old_code(REAL_MAP["khuonlung"]["old"]), name=data["movement"]["name"]
    )
    office = (
        Membership.objects.filter(
            authority__code=new_code(REAL_MAP["khuonlung"]["new"]),
            role=Membership.Role.STANDING_OFFICE,
        )
        .first()
        .user
    )
    return movement, office
