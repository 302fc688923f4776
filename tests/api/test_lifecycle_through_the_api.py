"""One nomination from draft to decision through the API alone, as the demo personas, and
every operation of the OpenAPI schema exercised on the way."""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from rest_framework.test import APIClient

from accounts.models import User
from core import clock
from nominations.models import Nomination
from workflow.selectors import posting_last_day

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PASSWORD = "mat-khau-demo"
TODAY = timezone.localdate().isoformat()


class RecordingClient(APIClient):
    """An API client that notes every (method, path) it calls."""

    def __init__(self, hits: set, **kwargs) -> None:
        super().__init__(**kwargs)
        self.hits = hits

    def request(self, **environ):
        self.hits.add((environ["REQUEST_METHOD"].lower(), environ["PATH_INFO"]))
        return super().request(**environ)


def _operations() -> set[tuple[str, str]]:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    return {(method, path) for path, ops in schema["paths"].items() for method in ops}


def _covered(operation: tuple[str, str], hits: set[tuple[str, str]]) -> bool:
    method, template = operation
    pattern = re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$")
    return any(m == method and pattern.match(path) for m, path in hits)


def _every_event(client: APIClient, **query) -> list[dict]:
    """The audit log pages by sequence (no count): follow the pages to the end."""
    page = client.get("/api/v1/audit/events/", {**query, "page_size": 200}).json()
    events = page["results"]
    while page["next"]:
        page = client.get(page["next"]).json()
        events += page["results"]
    return events


@override_settings(DEMO_PASSWORD=PASSWORD)
def test_draft_to_decision_as_the_demo_personas_over_every_operation():
    call_command("load_demo", verbosity=0)
    hits: set[tuple[str, str]] = set()

    def signed_in(username: str) -> RecordingClient:
        client = RecordingClient(hits)
        answer = client.post(
            "/api/v1/auth/token/", {"username": username, "password": PASSWORD}, format="json"
        )
        assert answer.status_code == 200, username
        client.credentials(HTTP_AUTHORIZATION=f"Token {answer.json()['token']}")
        return client

    def ok(response, status: int = 200) -> dict | list:
        assert response.status_code == status, response.content
        return response.json()

    # The unit head: who am I, what can I propose, under which movement.
    head = signed_in("camtrung.truongthon1")
    me = ok(head.get("/api/v1/me/"))
    (role,) = me["roles"]
    unit, commune = role["unit"], role["authority"]
    authorities = ok(head.get("/api/v1/authorities/"))["results"]
    # Their commune, and the communes it continues since 01/07/2025 (Cẩm Lĩnh among them).
    assert commune in [a["id"] for a in authorities]
    others = [a for a in authorities if a["id"] != commune]
    assert others
    assert all(commune in [s["id"] for s in a["successors"]] for a in others)
    assert "xã Cẩm Lĩnh" in [a["admin_type"] + " " + a["name"] for a in others]
    ok(head.get(f"/api/v1/authorities/{commune}/"))
    ok(head.get("/api/v1/units/", {"authority": commune}))
    ok(head.get(f"/api/v1/units/{unit}/"))
    ok(head.get("/api/v1/award-types/"))
    assert "individual" in ok(head.get("/api/v1/award-types/lao-dong-tien-tien/"))["nominee_kinds"]
    movements = ok(head.get("/api/v1/movements/"))["results"]
    period = max((p for m in movements for p in m["periods"]), key=lambda p: p["ends_on"])
    ok(head.get(f"/api/v1/movements/{movements[0]['id']}/"))

    # Draft, correct with the version read, attach the papers, submit.
    created = ok(
        head.post(
            "/api/v1/nominations/",
            {
                "award_type": "lao-dong-tien-tien",
                "unit": unit,
                "period": period["id"],
                "nominee": {"kind": "individual", "full_name": "Phan Thị Api", "gender": "female"},
                "achievements": "Hoàn thành xuất sắc nhiệm vụ năm 2026.",
                "task_rating": "htt",
                "months_served": 12,
            },
            format="json",
        ),
        201,
    )
    url = f"/api/v1/nominations/{created['id']}/"
    ok(head.patch(url, {"achievements": "Hoàn thành xuất sắc nhiệm vụ, có sáng kiến.",
                        "version": created["version"]}, format="json"))  # fmt: skip
    for document in ("to_trinh", "danh_sach", "bien_ban_binh_xet"):
        upload = SimpleUploadedFile(f"{document}.pdf", PDF, "application/pdf")
        ok(head.post(f"{url}attachments/", {"document": document, "file": upload}), 201)
    assert ok(head.post(f"{url}actions/submit/", format="json"))["state"] == "submitted"

    # The standing office returns it; the unit supplements and resubmits; the office appraises.
    office = signed_in("camtrung.thuongtruc")
    assert ok(office.get("/api/v1/nominations/", {"state": "submitted", "unit": unit}))["count"]
    returned = office.post(f"{url}actions/return/", {"reason": "Bổ sung chữ ký."}, format="json")
    assert ok(returned)["state"] == "returned"
    version = ok(head.get(url))["version"]
    ok(head.patch(url, {"achievements": "Đã bổ sung chữ ký."}, format="json",
                  HTTP_IF_MATCH=f'"{version}"'))  # fmt: skip
    ok(head.post(f"{url}actions/resubmit/", format="json"))
    assert ok(office.post(f"{url}actions/appraise/", format="json"))["state"] == "appraised"

    # A meeting with it on the agenda; every member present votes yes; one comments.
    meeting = ok(
        office.post(
            "/api/v1/meetings/",
            {"authority": commune, "held_on": TODAY, "place": "Hội trường UBND xã",
             "agenda": [created["id"]]},
            format="json",
        ),
        201,
    )  # fmt: skip
    murl = f"/api/v1/meetings/{meeting['id']}/"
    roster = ok(office.get(murl))["roster"]
    ok(office.post(f"{murl}open/", {"present": [m["id"] for m in roster]}, format="json"))
    auditor = signed_in("camtrung.kiemtra")
    ballots_before = len(_every_event(auditor, action="ballot."))
    vote = {"votes": [{"nomination": created["id"], "choice": "yes"}]}
    for seat in roster:
        member = signed_in(User.objects.get(pk=seat["user"]).username)
        ok(member.post(f"{murl}ballots/", vote, format="json"))
    ok(member.post(f"{url}comments/", {"body": "Nhất trí đề nghị."}, format="json"), 201)
    (item,) = ok(office.post(f"{murl}close/", format="json"))["items"]
    assert (item["yes"], item["base"], item["passed"]) == (len(roster), len(roster), True)
    # The public may object until the window's last day: ending it sooner is refused.
    early = office.post(f"{url}actions/end_posting/", format="json")
    assert early.status_code == 400
    assert "Chưa hết thời gian công khai" in early.json()["message"]
    last_day = posting_last_day(Nomination.objects.get(pk=created["id"]))
    with clock.business_date(last_day + datetime.timedelta(days=1)):
        ok(office.post(f"{url}actions/end_posting/", format="json"))

    # The chairman approves it into a decision.
    chairman = signed_in("camtrung.chutich")
    assert "approve" in ok(chairman.get(url))["allowed_actions"]
    decision = ok(
        chairman.post(
            "/api/v1/decisions/",
            {"nominations": [created["id"]], "number": "120/QĐ-UBND", "issued_on": TODAY},
            format="json",
        ),
        201,
    )
    assert ok(chairman.get(f"/api/v1/decisions/{decision['id']}/"))["lines"][0]["prize_amount"]
    assert ok(head.get(url))["state"] == "approved"
    # The award is in the person's ledger, as the unit head reads it.
    person = ok(head.get(url))["nominee"]["id"]
    awards = ok(head.get(f"/api/v1/people/{person}/awards/"))["awards"]
    assert ("120/QĐ-UBND", False) in [(a["decision_number"], a["revoked"]) for a in awards]

    # The auditor reads every step and checks the chain.
    steps = [entry["what"] for entry in ok(auditor.get(f"{url}history/"))]
    for step in ("Gửi hồ sơ đề nghị", "Trả lại, yêu cầu bổ sung", "Thẩm định hồ sơ",
                 "Kết quả biểu quyết của Hội đồng", "Quyết định khen thưởng"):  # fmt: skip
        assert step in steps
    ballots = len(_every_event(auditor, action="ballot."))
    assert ballots - ballots_before == len(roster)  # the demo's 2024 meetings have theirs
    assert ok(auditor.get("/api/v1/audit/verify/"))["intact"] is True

    operations = _operations()
    assert len(operations) > 20
    missing = sorted(op for op in operations if not _covered(op, hits))
    assert missing == []
