"""Issue 21, points 4 and 5, from their reproductions: a reference to another commune's unit,
period, meeting or authority answers exactly as one that does not exist, before anything
about it is checked; dates, years, texts and id lists are bounded by the domain."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from audit.models import AuditEvent
from councils.models import AgendaItem, Authority, Council, Meeting, Membership
from nominations.models import Decision, DecisionLine, Nomination, Person
from nominations.services import person_add
from tests import factories
from tests.world import council_of

S = Nomination.State
Role = Membership.Role
pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.fixture
def elsewhere(world):
    """Another commune of the same district, with a unit, a person, a period and a meeting."""
    commune = factories.authority(Authority.Level.COMMUNE, parent=world.district)
    unit = factories.unit(commune)
    council = Council.objects.create(
        authority=commune, name="Hội đồng TĐKT xã khác", established_on=datetime.date(2020, 1, 1)
    )
    meeting = Meeting.objects.create(
        council=council, held_on=TODAY, place="Hội trường", created_by=world["chairman"]
    )
    return {
        "commune": commune,
        "unit": unit,
        "person": factories.person(unit),
        "period": factories.period(commune, TODAY.year),
        "meeting": meeting,
    }


def _create(client, **fields) -> dict:
    body = {
        "award_type": "lao-dong-tien-tien",
        "nominee": {"kind": "individual", "full_name": "Lê Văn Mới", "gender": "male"},
        "achievements": "Hoàn thành tốt nhiệm vụ.",
        "task_rating": "htt",
        "months_served": 12,
        **fields,
    }
    response = client.post("/api/v1/nominations/", body, format="json")
    return response.status_code, response.json()


def test_another_communes_unit_reads_as_one_that_does_not_exist(as_persona, world, elsewhere):
    client = as_persona("unit_head")
    period = world.period.pk
    theirs = _create(
        client,
        unit=elsewhere["unit"].pk,
        period=period,
        nominee={"kind": "individual", "id": elsewhere["person"].pk},
    )
    missing = _create(
        client, unit=10**9, period=period, nominee={"kind": "individual", "id": 10**9}
    )
    assert theirs[0] == missing[0] == 400
    assert list(theirs[1]["fields"]) == list(missing[1]["fields"]) == ["unit"]
    # Whether the person id belongs to that unit is never looked at: nothing tells it apart.
    stranger = _create(
        client,
        unit=elsewhere["unit"].pk,
        period=period,
        nominee={"kind": "individual", "id": 10**9},
    )
    assert stranger == (400, {**theirs[1], "fields": stranger[1]["fields"]})
    assert stranger[1]["fields"]["unit"][0].replace(str(elsewhere["unit"].pk), "N") == theirs[1][
        "fields"
    ]["unit"][0].replace(str(elsewhere["unit"].pk), "N")
    assert not Nomination.objects.exists()


def test_another_communes_period_reads_as_one_that_does_not_exist(as_persona, world, elsewhere):
    client = as_persona("unit_head")
    theirs = _create(client, unit=world.unit.pk, period=elsewhere["period"].pk)
    missing = _create(client, unit=world.unit.pk, period=10**9)
    assert theirs[0] == missing[0] == 400
    assert list(theirs[1]["fields"]) == list(missing[1]["fields"]) == ["period"]
    assert not Nomination.objects.exists()
    assert not Person.objects.filter(full_name="Lê Văn Mới").exists()


def test_scheduling_on_another_communes_meeting_is_a_404_like_a_missing_one(
    as_persona, world, elsewhere
):
    council_of(world)
    nomination = world.nomination(state=S.APPRAISED)
    client = as_persona("standing_office")
    url = f"/api/v1/nominations/{nomination.pk}/actions/schedule/"
    theirs = client.post(url, {"meeting": elsewhere["meeting"].pk}, format="json")
    missing = client.post(url, {"meeting": 10**9}, format="json")
    assert (theirs.status_code, theirs.json()) == (missing.status_code, missing.json())
    assert theirs.status_code == 404
    assert not AgendaItem.objects.exists()


def test_planning_for_another_authority_reads_as_one_that_does_not_exist(
    as_persona, world, elsewhere
):
    council_of(world)
    client = as_persona("standing_office")
    plan = {"held_on": TODAY.isoformat(), "place": "Hội trường"}
    theirs = client.post(
        "/api/v1/meetings/", {**plan, "authority": elsewhere["commune"].pk}, format="json"
    )
    missing = client.post("/api/v1/meetings/", {**plan, "authority": 10**9}, format="json")
    assert (theirs.status_code, theirs.json()) == (missing.status_code, missing.json())
    assert theirs.status_code == 400
    assert list(theirs.json()["fields"]) == ["authority"]
    # Someone who plans no meetings anywhere is refused as such, not told about authorities.
    refused = as_persona("unit_head").post(
        "/api/v1/meetings/", {**plan, "authority": world.commune.pk}, format="json"
    )
    assert refused.status_code == 403
    assert Meeting.objects.count() == 1  # elsewhere's own


def _signed_in(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def _member(username: str, role: str, authority: Authority, unit=None):
    user = factories.user(username)
    Membership.objects.create(
        user=user, role=role, authority=authority, unit=unit, valid_from=datetime.date(2020, 1, 1)
    )
    return user


def test_audit_verify_counts_only_the_callers_events(as_persona, world, elsewhere):
    world.nomination(state=S.SUBMITTED)  # events of our commune
    head = _member("truongthon_khac", Role.UNIT_HEAD, elsewhere["commune"], elsewhere["unit"])
    person_add(actor=head, unit=elsewhere["unit"], full_name="Đỗ Văn Khác", gender="male")
    their_auditor = _member("kiemtra_khac", Role.AUDITOR, elsewhere["commune"])

    ours = as_persona("auditor").get("/api/v1/audit/verify/").json()
    theirs = _signed_in(their_auditor).get("/api/v1/audit/verify/").json()
    assert ours["intact"] is theirs["intact"] is True
    assert theirs["checked"] == 1  # their person.add, not the system's count
    assert ours["checked"] == AuditEvent.objects.exclude(authority=elsewhere["commune"]).count()
    assert ours["checked"] + theirs["checked"] == AuditEvent.objects.count()


# --- bounds -----------------------------------------------------------------------------------


def _decide(client, ids, issued_on=TODAY, number="7/QĐ-UBND"):
    return client.post(
        "/api/v1/decisions/",
        {"nominations": ids, "number": number, "issued_on": issued_on.isoformat()},
        format="json",
    )


def test_one_id_listed_a_thousand_times_is_one_line_in_a_few_queries(
    as_persona, world, django_assert_max_num_queries
):
    nomination = world.nomination(state=S.AWAITING_DECISION)
    client = as_persona("chairman")
    with CaptureQueriesContext(connection) as once:
        assert _decide(client, [nomination.pk], number="1/QĐ").status_code == 201
    other = world.nomination(state=S.AWAITING_DECISION)
    with django_assert_max_num_queries(len(once)):
        response = _decide(client, [other.pk] * 1000, number="2/QĐ")
    assert response.status_code == 201, response.content
    assert DecisionLine.objects.filter(decision__number="2/QĐ").count() == 1


def test_a_decision_dated_before_the_councils_vote_is_refused(as_persona, world):
    council, _members = council_of(world)
    nomination = world.nomination(state=S.AWAITING_DECISION)
    meeting = Meeting.objects.create(
        council=council, held_on=TODAY, place="Hội trường", created_by=world["standing_office"]
    )
    AgendaItem.objects.create(
        meeting=meeting,
        nomination=nomination,
        position=1,
        secret=False,
        result=AgendaItem.Result.PASSED,
    )
    client = as_persona("chairman")
    response = _decide(client, [nomination.pk], issued_on=TODAY - datetime.timedelta(days=1))
    assert response.status_code == 400
    assert f"trước ngày Hội đồng biểu quyết {TODAY:%d/%m/%Y}" in " ".join(
        response.json()["reasons"]
    )
    assert not Decision.objects.exists()
    assert _decide(client, [nomination.pk], issued_on=TODAY).status_code == 201


@pytest.mark.parametrize("held_on", ["0001-01-01", "9999-12-31", "2020-01-01"])
def test_a_meeting_date_far_from_today_is_refused(as_persona, world, held_on):
    council_of(world)
    response = as_persona("standing_office").post(
        "/api/v1/meetings/",
        {"authority": world.commune.pk, "held_on": held_on, "place": "Hội trường"},
        format="json",
    )
    assert response.status_code == 400
    assert "Ngày họp phải từ" in response.json()["message"]
    assert not Meeting.objects.exists()


def test_a_place_made_of_invisible_characters_is_no_place(as_persona, world):
    council_of(world)
    response = as_persona("standing_office").post(
        "/api/v1/meetings/",
        {"authority": world.commune.pk, "held_on": TODAY.isoformat(), "place": "\u200b \ufeff"},
        format="json",
    )
    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["place"]
    assert not Meeting.objects.exists()


def test_a_reason_made_of_invisible_characters_is_no_reason(as_persona, world):
    nomination = world.nomination(state=S.SUBMITTED)
    response = as_persona("standing_office").post(
        f"/api/v1/nominations/{nomination.pk}/actions/return/",
        {"reason": "\u200b\u200b"},
        format="json",
    )
    assert response.status_code == 400
    nomination.refresh_from_db()
    assert nomination.state == S.SUBMITTED


@pytest.mark.parametrize("birth_year", [2100, TODAY.year + 1, TODAY.year - 121])
def test_an_implausible_birth_year_is_refused(as_persona, world, birth_year):
    code, body = _create(
        as_persona("unit_head"),
        unit=world.unit.pk,
        period=world.period.pk,
        nominee={"kind": "individual", "full_name": "Lê Văn Mới", "gender": "male",
                 "birth_year": birth_year},
    )  # fmt: skip
    assert code == 400
    assert "Năm sinh phải từ" in " ".join(body.get("reasons", [])) + body["message"]
    assert not Person.objects.filter(full_name="Lê Văn Mới").exists()


def test_two_ballots_on_one_item_in_one_call_are_refused(as_persona, world):
    council, _members = council_of(world)
    nomination = world.nomination(state=S.IN_COUNCIL)
    meeting = Meeting.objects.create(
        council=council, held_on=TODAY, place="Hội trường", created_by=world["standing_office"],
        state=Meeting.State.OPEN,
    )  # fmt: skip
    AgendaItem.objects.create(meeting=meeting, nomination=nomination, position=1, secret=False)
    response = as_persona("council_member").post(
        f"/api/v1/meetings/{meeting.pk}/ballots/",
        {"votes": [{"nomination": nomination.pk, "choice": "yes"},
                   {"nomination": nomination.pk, "choice": "no"}]},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    assert "hai phiếu" in str(response.json())
