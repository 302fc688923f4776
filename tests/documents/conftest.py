"""Fixtures of the documents tests."""

from __future__ import annotations

import pytest
from django.utils import timezone

from nominations.models import Nomination
from workflow.services import nominations_approve

S = Nomination.State


@pytest.fixture
def decision(world):
    """Two CSTĐCS awardees (a Bằng chứng nhận each), decided today."""
    names = ["Phan Thị Lụa", "Đỗ Thị Khoa"]  # women: "Bà …" on the certificate
    waiting = []
    for name in names:
        nomination = world.nomination("chien-si-thi-dua-co-so", S.AWAITING_DECISION)
        nomination.person.full_name = name
        nomination.person.save()
        waiting.append(nomination)
    return nominations_approve(
        nominations=waiting, actor=world["chairman"], number="21/QĐ-UBND",
        issued_on=timezone.localdate(),
    )  # fmt: skip
