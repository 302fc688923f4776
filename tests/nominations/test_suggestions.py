"""The suggestion list: people one year short of a chain rule whose current year is held or
proposed (CSTĐ cấp tỉnh ⇐ three consecutive CSTĐCS, Luật TĐKT 2022 Đ22)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from nominations.models import AwardRecord, AwardType, Nomination
from nominations.suggestions import chain_suggestions
from tests import factories

pytestmark = pytest.mark.django_db
S = Nomination.State
CSTDCS, CSTD_TINH = "chien-si-thi-dua-co-so", "chien-si-thi-dua-cap-tinh"
BK_TINH = "bang-khen-chu-tich-tinh"


def _for(award: str, suggestions: list) -> list:
    return [s for s in suggestions if s.award.code == award]


def _held(person, year: int, *, kind: str = "year", revoked: bool = False) -> None:
    AwardRecord.objects.create(
        person=person, award_type=AwardType.objects.get(code=CSTDCS), year=year, kind=kind,
        decision_number=f"{year}/QĐ", decision_date=datetime.date(year, 12, 20),
        issuing_authority_name="xã", source=AwardRecord.Source.LEGACY,
        revoked_on=datetime.date(year + 1, 3, 1) if revoked else None,
    )  # fmt: skip


def _proposed(world, person, code: str, state=S.APPRAISED) -> Nomination:
    return world.nomination(code, state=state, person=person)


def test_who_is_suggested_and_who_is_not(world):
    year = world.period.ends_on.year
    held_all = factories.person(world.unit, full_name="A Đủ ba năm")
    pending = factories.person(world.unit, full_name="B Năm nay đang xét")
    gap = factories.person(world.unit, full_name="C Thiếu một năm")
    revoked = factories.person(world.unit, full_name="D Bị hủy")
    already = factories.person(world.unit, full_name="E Đã được đề nghị")
    refused = factories.person(world.unit, full_name="F Năm nay bị từ chối")
    for person in (held_all, pending, gap, revoked, already, refused):
        _held(person, year - 1)
    for person in (held_all, pending, revoked, already, refused):
        _held(person, year - 2, revoked=person is revoked)
    _held(held_all, year)
    _held(already, year)
    _proposed(world, pending, CSTDCS)
    _proposed(world, gap, CSTDCS)
    _proposed(world, refused, CSTDCS, state=S.REJECTED)
    _proposed(world, already, CSTD_TINH)

    found = _for(CSTD_TINH, chain_suggestions([world.unit], year))
    assert [(s.person, s.pending_year) for s in found] == [(held_all, None), (pending, year)]
    assert found[0].award.code == CSTD_TINH
    assert found[0].years == [year - 2, year - 1, year]
    assert "Đ22" in found[0].legal_basis


def test_a_campaign_award_does_not_count_towards_the_chain(world):
    year = world.period.ends_on.year
    person = factories.person(world.unit)
    _held(person, year - 2, kind="campaign")
    _held(person, year - 1)
    _held(person, year)
    found = chain_suggestions([world.unit], year)
    assert _for(CSTD_TINH, found) == []
    # Two annual CSTĐCS in a row still open the provincial Bằng khen (QĐ 86/2025 Đ3.3.a).
    assert [(s.person, s.years) for s in _for(BK_TINH, found)] == [(person, [year - 1, year])]


def test_two_consecutive_cstdcs_suggest_the_provincial_bang_khen_only(world):
    year = world.period.ends_on.year
    person = factories.person(world.unit)
    _held(person, year - 1)
    _proposed(world, person, CSTDCS)
    found = chain_suggestions([world.unit], year)
    assert [(s.award.code, s.pending_year) for s in found] == [(BK_TINH, year)]
    assert "86/2025" in found[0].legal_basis


def test_the_page_for_the_unit_and_the_office_and_its_fixed_cost(client, world):
    year = world.period.ends_on.year
    url = reverse("nominations:suggestions")

    def add_one() -> None:
        person = factories.person(world.unit)
        for y in (year - 2, year - 1, year):
            _held(person, y)

    add_one()
    client.force_login(world["unit_head"])
    page = client.get(url, {"year": year}).content.decode()
    assert "Chiến sĩ thi đua cấp tỉnh" in page
    with CaptureQueriesContext(connection) as small:
        client.get(url, {"year": year})
    for _ in range(5):
        add_one()
    with CaptureQueriesContext(connection) as large:
        response = client.get(url, {"year": year})
    # Each of the six: CSTĐ cấp tỉnh (three years) and the provincial Bằng khen (two).
    assert len(_for(CSTD_TINH, response.context["suggestions"])) == 6
    assert len(_for(BK_TINH, response.context["suggestions"])) == 6
    assert len(large) == len(small)
    client.force_login(world["standing_office"])
    assert len(client.get(url, {"year": year}).context["suggestions"]) == 12
    client.force_login(world["other_unit_head"])
    assert client.get(url, {"year": year}).context["suggestions"] == []
    client.force_login(world["council_member"])
    assert client.get(url).status_code == 404
