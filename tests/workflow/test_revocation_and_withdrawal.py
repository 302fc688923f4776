"""Irreversible acts need what the law needs (Luật TĐKT 2022 Đ93): a revocation names its
ground, what was found, and the revocation decision's number and date; a withdrawal gives its
reason. Refused inputs change nothing, through the service and through the page."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from core import clock
from core.errors import InvalidInput
from nominations.models import AwardRecord, Nomination
from workflow import services as workflow_services

pytestmark = pytest.mark.django_db
S = Nomination.State
GOOD = {
    "reason_code": "false_declaration",
    "reason": "Thanh tra kết luận kê khai sai thành tích.",
    "decision_number": "93/QĐ-UBND",
}


@pytest.fixture
def decided(world):
    nomination = world.nomination(state=S.AWAITING_DECISION)
    workflow_services.nominations_approve(
        nominations=[nomination], actor=world["chairman"], number="90/QĐ-UBND",
        issued_on=clock.today() - datetime.timedelta(days=10),
    )  # fmt: skip
    nomination.refresh_from_db()
    return nomination


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"reason": "  "}, "nội dung sai phạm"),
        ({"decision_number": ""}, "số quyết định hủy"),
        ({"decided_on": None}, "ngày ký quyết định hủy"),
        ({"decided_on": "tomorrow"}, "không được sau hôm nay"),
        ({"decided_on": "before"}, "trước quyết định khen thưởng"),
        ({"reason_code": "unknown"}, "Điều 93"),
    ],
)
def test_a_revocation_missing_what_the_law_needs_is_refused_and_changes_nothing(
    world, decided, change, message
):
    today = clock.today()
    days = {"tomorrow": today + datetime.timedelta(days=1),
            "before": today - datetime.timedelta(days=11)}  # fmt: skip
    inputs = {**GOOD, "decided_on": today, **change}
    inputs["decided_on"] = days.get(inputs["decided_on"], inputs["decided_on"])
    events = AuditEvent.objects.count()
    with pytest.raises(InvalidInput, match=message):
        workflow_services.nomination_revoke(nomination=decided, actor=world["chairman"], **inputs)
    decided.refresh_from_db()
    assert decided.state == S.APPROVED
    assert AuditEvent.objects.count() == events
    assert not AwardRecord.objects.filter(revoked_on__isnull=False).exists()


def test_a_revocation_records_its_decision_in_history_audit_and_ledger(world, decided):
    day = clock.today() - datetime.timedelta(days=2)
    workflow_services.nomination_revoke(
        nomination=decided, actor=world["chairman"], decided_on=day, **GOOD
    )
    decided.refresh_from_db()
    assert decided.state == S.REVOKED
    reason = decided.history.first().history_change_reason
    assert f"Quyết định hủy số 93/QĐ-UBND ngày {day:%d/%m/%Y}" in reason
    event = AuditEvent.objects.get(action="nomination.revoke", object_id=str(decided.pk))
    assert event.payload["decision"] == "93/QĐ-UBND"
    assert AwardRecord.objects.get(decision_line__nomination=decided).revoked_on == day


def test_the_page_refuses_a_revocation_without_a_reason_and_keeps_the_award(client, world, decided):
    client.force_login(world["chairman"])
    url = reverse("nominations:act", args=[decided.pk, "revoke"])
    page = client.post(
        url, {"reason_code": "false_declaration", "reason": "", "number": "", "issued_on": ""},
        follow=True,
    ).content.decode()  # fmt: skip
    assert "cần nhập Lý do, nội dung, Số quyết định hủy, Ngày ký quyết định hủy" in page
    decided.refresh_from_db()
    assert decided.state == S.APPROVED


def test_a_withdrawal_needs_a_reason(world):
    nomination = world.nomination(state=S.SUBMITTED)
    with pytest.raises(InvalidInput, match="lý do rút"):
        workflow_services.nomination_withdraw(
            nomination=nomination, actor=world["unit_head"], reason=" "
        )
    nomination.refresh_from_db()
    assert nomination.state == S.SUBMITTED
    workflow_services.nomination_withdraw(
        nomination=nomination, actor=world["unit_head"], reason="Chuyển công tác."
    )
    nomination.refresh_from_db()
    assert nomination.state == S.WITHDRAWN
