"""Nominations over the API: create, read, edit with a version, act; every refusal coded."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import AuditEvent
from nominations.models import Nomination
from tests import factories

S = Nomination.State
pytestmark = pytest.mark.django_db
URL = "/api/v1/nominations/"


def _new(world, **nominee) -> dict:
    return {
        "award_type": "lao-dong-tien-tien",
        "unit": world.unit.pk,
        "period": world.period.pk,
        "nominee": nominee or {"kind": "individual", "full_name": "Lê Văn Api", "gender": "male"},
        "achievements": "Hoàn thành xuất sắc nhiệm vụ.",
    }


def test_a_unit_head_creates_a_nomination_for_a_new_person(as_persona, world):
    response = as_persona("unit_head").post(URL, _new(world), format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["state"] == "draft"
    assert body["nominee"]["name"] == "Lê Văn Api"
    assert body["award_type"] == "lao-dong-tien-tien"
    assert "submit" in body["allowed_actions"]
    assert response["ETag"] == f'"{body["version"]}"'
    assert Nomination.objects.get().person.unit == world.unit


def test_creation_refusals_are_coded_and_leave_nothing(as_persona, world):
    client = as_persona("unit_head")
    no_name = client.post(URL, _new(world, kind="individual"), format="json")
    assert no_name.status_code == 400
    assert no_name.json()["code"] == "invalid_input"
    assert "nominee" in no_name.json()["fields"]
    bad_award = client.post(URL, {**_new(world), "award_type": "khong-co"}, format="json")
    assert "award_type" in bad_award.json()["fields"]
    mismatch = client.post(URL, {**_new(world), "award_type": "gia-dinh-van-hoa"}, format="json")
    assert mismatch.status_code == 400
    assert mismatch.json()["reasons"]
    someone_else = factories.person(world.other_unit)
    theirs = client.post(URL, _new(world, kind="individual", id=someone_else.pk), format="json")
    assert theirs.json()["message"] == "Cá nhân không thuộc đơn vị đề nghị."
    # A unit the caller does not act for is outside their scope, as one that does not exist.
    other_unit = client.post(URL, {**_new(world), "unit": world.other_unit.pk}, format="json")
    assert other_unit.status_code == 400
    assert other_unit.json()["fields"]["unit"] == [
        f"Không có đơn vị {world.other_unit.pk} trong phạm vi của bạn."
    ]
    assert client.post(URL, "not json", content_type="application/json").status_code == 400
    assert not Nomination.objects.exists()


def test_the_list_filters_and_its_cost_does_not_grow_with_the_page(as_persona, world):
    for state in (S.DRAFT, S.SUBMITTED, S.SUBMITTED, S.APPRAISED):
        world.nomination(state=state)
    client = as_persona("standing_office")
    submitted = client.get(URL, {"state": "submitted"}).json()
    assert submitted["count"] == 2
    assert {n["state"] for n in submitted["results"]} == {"submitted"}
    assert client.get(URL, {"award_type": "chien-si-thi-dua-co-so"}).json()["count"] == 0
    assert client.get(URL, {"unit": world.unit.pk}).json()["count"] == 4
    assert client.get(URL, {"state": "nonsense"}).status_code == 400

    def cost(size: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL, {"page_size": size}).status_code == 200
        return len(captured)

    small = cost(2)
    for _n in range(20):
        world.nomination(state=S.SUBMITTED)
    assert cost(20) == small


def test_another_units_head_gets_404_and_a_stranger_401(as_persona, api, world):
    nomination = world.nomination(state=S.DRAFT)
    other = as_persona("other_unit_head")
    for method, path in (
        ("get", f"{URL}{nomination.pk}/"),
        ("patch", f"{URL}{nomination.pk}/"),
        ("post", f"{URL}{nomination.pk}/actions/submit/"),
        ("get", f"{URL}{nomination.pk}/history/"),
    ):
        response = getattr(other, method)(path, {}, format="json")
        assert response.status_code == 404, path
        assert response.json()["code"] == "not_found"
        assert getattr(api, method)(path, {}, format="json").status_code == 401


def test_a_patch_needs_the_version_read_and_a_stale_one_changes_nothing(as_persona, world):
    nomination = world.nomination(state=S.DRAFT)
    client = as_persona("unit_head")
    read = client.get(f"{URL}{nomination.pk}/")
    etag = read["ETag"]
    no_version = client.patch(f"{URL}{nomination.pk}/", {"achievements": "A"}, format="json")
    assert no_version.status_code == 400
    first = client.patch(
        f"{URL}{nomination.pk}/", {"achievements": "Bản sửa thứ nhất."}, format="json",
        HTTP_IF_MATCH=etag,
    )  # fmt: skip
    assert first.status_code == 200
    assert first["ETag"] != etag
    stale = client.patch(
        f"{URL}{nomination.pk}/", {"achievements": "Bản sửa dựa trên bản cũ."}, format="json",
        HTTP_IF_MATCH=etag,
    )  # fmt: skip
    assert stale.status_code == 409
    assert stale.json()["code"] == "stale_version"
    nomination.refresh_from_db()
    assert nomination.achievements == "Bản sửa thứ nhất."
    by_body = client.patch(
        f"{URL}{nomination.pk}/",
        {"excellence_confirmed": True, "version": first.json()["version"]},
        format="json",
    )
    assert by_body.json()["excellence_confirmed"] is True
    Nomination.objects.filter(pk=nomination.pk).update(state=S.SUBMITTED)
    fresh = client.get(f"{URL}{nomination.pk}/")["ETag"]
    locked = client.patch(
        f"{URL}{nomination.pk}/", {"achievements": "B"}, format="json", HTTP_IF_MATCH=fresh
    )
    assert locked.status_code == 409
    assert locked.json()["code"] == "wrong_state"


def test_actions_answer_200_403_409_400_and_404(as_persona, world):
    nomination = world.nomination(state=S.SUBMITTED)
    act = f"{URL}{nomination.pk}/actions/"
    office = as_persona("standing_office")
    unit_head = as_persona("unit_head")
    denied = unit_head.post(f"{act}return/", {"reason": "x"}, format="json")
    assert (denied.status_code, denied.json()["code"]) == (403, "not_permitted")
    no_reason = office.post(f"{act}return/", {}, format="json")
    assert (no_reason.status_code, no_reason.json()["code"]) == (400, "invalid_input")
    wrong_state = office.post(f"{act}release/", {"reason": "x"}, format="json")
    assert (wrong_state.status_code, wrong_state.json()["code"]) == (409, "wrong_state")
    unknown = office.post(f"{act}explode/", {}, format="json")
    assert unknown.status_code == 400
    done = office.post(f"{act}return/", {"reason": "Thiếu biên bản bình xét."}, format="json")
    assert done.status_code == 200
    assert done.json()["state"] == "returned"
    assert done.json()["allowed_actions"] == []
    actions = unit_head.get(f"{URL}{nomination.pk}/").json()["allowed_actions"]
    assert set(actions) == {"withdraw", "resubmit"}


def test_a_retried_action_with_the_same_idempotency_key_acts_once(as_persona, world):
    nomination = world.nomination(state=S.SUBMITTED)
    office = as_persona("standing_office")
    url = f"{URL}{nomination.pk}/actions/return/"
    headers = {"HTTP_IDEMPOTENCY_KEY": "tra-lai-1"}
    first = office.post(url, {"reason": "Thiếu chữ ký."}, format="json", **headers)
    again = office.post(url, {"reason": "Thiếu chữ ký."}, format="json", **headers)
    assert first.status_code == again.status_code == 200
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert AuditEvent.objects.filter(action="nomination.return").count() == 1
    other_body = office.post(url, {"reason": "Lý do khác."}, format="json", **headers)
    assert other_body.status_code == 400
    # A refusal is remembered too: the retry gets the same 409, not a second attempt.
    late = office.post(url, {"reason": "x"}, format="json", HTTP_IDEMPOTENCY_KEY="tra-lai-2")
    assert late.status_code == 409
    retry = office.post(url, {"reason": "x"}, format="json", HTTP_IDEMPOTENCY_KEY="tra-lai-2")
    assert (retry.status_code, retry.json()) == (409, late.json())


def test_history_is_for_whoever_sees_the_nomination_as_on_the_pages(as_persona, world):
    nomination = world.nomination(state=S.SUBMITTED)
    as_persona("standing_office").post(
        f"{URL}{nomination.pk}/actions/return/", {"reason": "Thiếu biên bản."}, format="json"
    )
    history = as_persona("auditor").get(f"{URL}{nomination.pk}/history/")
    assert history.status_code == 200
    steps = [entry["what"] for entry in history.json()]
    assert "Trả lại, yêu cầu bổ sung" in steps
    # The proposing unit's head reads their own dossier's history (issue 20), as a list;
    # the head of another unit gets the 404 of a dossier that does not exist.
    own = as_persona("unit_head").get(f"{URL}{nomination.pk}/history/")
    assert own.status_code == 200
    assert [entry["what"] for entry in own.json()] == steps
    refused = as_persona("other_unit_head").get(f"{URL}{nomination.pk}/history/")
    assert (refused.status_code, refused.json()["code"]) == (404, "not_found")


def test_submit_without_the_mandatory_papers_is_refused_with_the_list(as_persona, world):
    nomination = world.nomination(papers=False)
    client = as_persona("unit_head")
    refused = client.post(f"{URL}{nomination.pk}/actions/submit/", format="json")
    assert refused.status_code == 400
    body = refused.json()
    assert body["message"] == "Chưa gửi được: hồ sơ chưa đủ giấy tờ bắt buộc."
    assert body["reasons"] == [
        "Thiếu giấy tờ bắt buộc: Tờ trình đề nghị khen thưởng.",
        "Thiếu giấy tờ bắt buộc: Danh sách đề nghị.",
        "Thiếu giấy tờ bắt buộc: Biên bản họp bình xét.",
    ]
    nomination.refresh_from_db()
    assert nomination.state == S.DRAFT
    world.attach_required_documents(nomination)
    sent = client.post(f"{URL}{nomination.pk}/actions/submit/", format="json")
    assert sent.json()["state"] == S.SUBMITTED
