"""Meetings, decisions, comments, evidence and the audit log over the API."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from councils.models import Ballot, Meeting
from nominations.models import Attachment, Nomination
from tests.world import council_of

S = Nomination.State
pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TODAY = timezone.localdate().isoformat()


def _plan(client, world, agenda) -> dict:
    response = client.post(
        "/api/v1/meetings/",
        {"authority": world.commune.pk, "held_on": TODAY, "place": "Hội trường", "agenda": agenda},
        format="json",
    )
    assert response.status_code == 201, response.json()
    return response.json()


def test_plan_open_vote_and_close_a_meeting(as_persona, world):
    _council, members = council_of(world, size=4)
    appraised = [world.nomination(state=S.APPRAISED) for _ in range(2)]
    office = as_persona("standing_office")
    meeting = _plan(office, world, [n.pk for n in appraised])
    assert [i["nomination"] for i in meeting["items"]] == [n.pk for n in appraised]
    assert len(meeting["roster"]) == 4
    url = f"/api/v1/meetings/{meeting['id']}/"
    too_few = office.post(f"{url}open/", {"present": [members[0].pk]}, format="json")
    assert (too_few.status_code, too_few.json()["code"]) == (400, "invalid_input")
    opened = office.post(f"{url}open/", {"present": [m.pk for m in members]}, format="json")
    assert opened.json()["state"] == "open"
    votes = [{"nomination": n.pk, "choice": "yes"} for n in appraised]
    for persona in ("chairman", "vice_chairman", "standing_office"):
        cast = as_persona(persona).post(f"{url}ballots/", {"votes": votes}, format="json")
        assert cast.status_code == 200
    assert [i["ballots_cast"] for i in cast.json()["items"]] == [3, 3]
    twice = as_persona("chairman").post(f"{url}ballots/", {"votes": votes}, format="json")
    assert (twice.status_code, twice.json()["code"]) == (400, "invalid_input")
    # All or nothing: one bad vote in the batch casts none of it.
    mixed = [
        {"nomination": appraised[0].pk, "choice": "no"},
        {"nomination": 999999, "choice": "no"},
    ]
    member = as_persona("council_member")
    assert member.post(f"{url}ballots/", {"votes": mixed}, format="json").status_code == 400
    assert not Ballot.objects.filter(member__user=world["council_member"]).exists()
    closed = office.post(f"{url}close/", format="json").json()
    assert closed["state"] == "closed"
    first = closed["items"][0]
    assert {k: first[k] for k in ("yes", "no", "abstain", "base", "passed")} == {
        "yes": 3, "no": 0, "abstain": 0, "base": 4, "passed": True,
    }  # fmt: skip
    assert first["threshold"] is not None


def test_meetings_are_404_outside_the_council_and_403_for_the_wrong_role(as_persona, world):
    council_of(world, size=4)
    meeting = _plan(as_persona("standing_office"), world, [])
    url = f"/api/v1/meetings/{meeting['id']}/"
    assert as_persona("unit_head").get(url).status_code == 404
    refused = as_persona("council_member").post(f"{url}close/", format="json")
    assert (refused.status_code, refused.json()["code"]) == (403, "not_permitted")
    no_plan = as_persona("unit_head").post(
        "/api/v1/meetings/",
        {"authority": world.commune.pk, "held_on": TODAY, "place": "X", "agenda": []},
        format="json",
    )
    assert no_plan.status_code == 403
    bad_date = as_persona("standing_office").post(
        "/api/v1/meetings/", {"authority": world.commune.pk, "held_on": "31/02/2026"}
    )
    assert bad_date.status_code == 400
    assert {"held_on", "place"} <= set(bad_date.json()["fields"])


def test_a_whole_agenda_or_no_meeting(as_persona, world):
    council_of(world, size=4)
    ok = world.nomination(state=S.APPRAISED)
    draft = world.nomination(state=S.DRAFT)
    response = as_persona("standing_office").post(
        "/api/v1/meetings/",
        {"authority": world.commune.pk, "held_on": TODAY, "place": "Hội trường",
         "agenda": [ok.pk, draft.pk]},
        format="json",
    )  # fmt: skip
    assert response.status_code == 409
    ok.refresh_from_db()
    assert ok.state == S.APPRAISED
    assert not Meeting.objects.exists()


def test_the_chairman_approves_together_and_anyone_who_sees_a_line_reads_it(as_persona, world):
    waiting = [world.nomination(state=S.AWAITING_DECISION) for _ in range(2)]
    chairman = as_persona("chairman")
    body = {"nominations": [n.pk for n in waiting], "number": "95/QĐ-UBND", "issued_on": TODAY}
    assert (
        as_persona("standing_office").post("/api/v1/decisions/", body, format="json").status_code
        == 403
    )
    made = chairman.post("/api/v1/decisions/", body, format="json")
    assert made.status_code == 201
    decision = made.json()
    assert decision["signing_capacity"] == "chairman"
    assert [line["prize_amount"] for line in decision["lines"]] == [760000, 760000]
    again = chairman.post("/api/v1/decisions/", body, format="json")
    assert (again.status_code, again.json()["code"]) == (409, "wrong_state")
    read = as_persona("unit_head").get(f"/api/v1/decisions/{decision['id']}/")
    assert read.json()["number"] == "95/QĐ-UBND"
    assert (
        as_persona("other_unit_head").get(f"/api/v1/decisions/{decision['id']}/").status_code == 404
    )
    late = {**body, "issued_on": (timezone.localdate() + datetime.timedelta(days=1)).isoformat()}
    assert chairman.post("/api/v1/decisions/", late, format="json").status_code == 400


def test_evidence_upload_has_the_pages_checks(as_persona, world):
    nomination = world.nomination(state=S.DRAFT, papers=False)
    client = as_persona("unit_head")
    url = f"/api/v1/nominations/{nomination.pk}/attachments/"
    good = client.post(
        url, {"document": "to_trinh", "file": SimpleUploadedFile("a.pdf", PDF, "application/pdf")}
    )
    assert good.status_code == 201
    assert good.json()["document"] == "to_trinh"
    exe = client.post(
        url,
        {
            "document": "to_trinh",
            "file": SimpleUploadedFile("a.pdf", b"MZ\x90\x00binary", "application/pdf"),
        },
    )
    assert exe.status_code == 400
    assert "là một chương trình chạy được" in exe.json()["message"]
    assert client.post(url, {"document": "x"}).status_code == 400
    assert (
        as_persona("standing_office")
        .post(
            url,
            {"document": "to_trinh", "file": SimpleUploadedFile("a.pdf", PDF, "application/pdf")},
        )
        .status_code
        == 403
    )
    assert Attachment.objects.count() == 1


def test_comments_go_to_the_agenda_item(as_persona, world):
    council_of(world, size=4)
    nomination = world.nomination(state=S.APPRAISED)
    url = f"/api/v1/nominations/{nomination.pk}/comments/"
    member = as_persona("council_member")
    # Not on an agenda yet: the member does not even see it; the office is told why.
    assert member.post(url, {"body": "Đồng ý."}, format="json").status_code == 404
    not_yet = as_persona("standing_office").post(url, {"body": "Đồng ý."}, format="json")
    assert (not_yet.status_code, not_yet.json()["code"]) == (409, "wrong_state")
    meeting = _plan(as_persona("standing_office"), world, [nomination.pk])
    posted = member.post(url, {"body": "Đồng ý với đề nghị."}, format="json")
    assert posted.status_code == 201
    assert posted.json()["meeting"] == meeting["id"]
    assert member.post(url, {"body": ""}, format="json").status_code == 400
    assert as_persona("unit_head").post(url, {"body": "x"}, format="json").status_code == 403


def test_the_audit_log_and_its_verification_for_auditors(as_persona, world):
    nomination = world.nomination(state=S.SUBMITTED)
    as_persona("standing_office").post(
        f"/api/v1/nominations/{nomination.pk}/actions/return/", {"reason": "Thiếu."}, format="json"
    )
    auditor = as_persona("auditor")
    events = auditor.get("/api/v1/audit/events/", {"action": "nomination."}).json()
    assert [e["action"] for e in events["results"]] == ["nomination.return"]
    assert events["results"][0]["action_label"] == "Trả lại, yêu cầu bổ sung"
    assert events["results"][0]["payload"] == {"reason": "Thiếu."}  # an object, not its repr
    assert auditor.get("/api/v1/audit/events/", {"date_from": "x"}).status_code == 400
    verified = auditor.get("/api/v1/audit/verify/").json()
    assert verified["intact"] is True
    assert verified["checked"] >= 1
    for persona in ("unit_head", "chairman"):
        assert as_persona(persona).get("/api/v1/audit/events/").status_code == 404
        assert as_persona(persona).get("/api/v1/audit/verify/").status_code == 404

    def cost(size: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert auditor.get("/api/v1/audit/events/", {"page_size": size}).status_code == 200
        return len(captured)

    small = cost(1)
    for _n in range(10):
        as_persona("standing_office").post(
            f"/api/v1/nominations/{world.nomination(state=S.SUBMITTED).pk}/actions/appraise/",
            format="json",
        )
    assert cost(50) == small


def test_the_audit_log_pages_by_sequence_without_counting(as_persona, world):
    for _n in range(5):
        returned = as_persona("standing_office").post(
            f"/api/v1/nominations/{world.nomination(state=S.SUBMITTED).pk}/actions/return/",
            {"reason": "Thiếu."},
            format="json",
        )
        assert returned.status_code == 200
    auditor = as_persona("auditor")
    page = auditor.get("/api/v1/audit/events/", {"page_size": 2}).json()
    assert "count" not in page
    assert page["previous"] is None
    seen = []
    while True:
        seen += [event["sequence"] for event in page["results"]]
        if page["next"] is None:
            break
        page = auditor.get(page["next"]).json()
    whole = auditor.get("/api/v1/audit/events/", {"page_size": 200}).json()
    assert seen == [event["sequence"] for event in whole["results"]] == sorted(set(seen))
    assert len(seen) >= 5
    assert auditor.get("/api/v1/audit/events/", {"cursor": "forged"}).status_code == 404
