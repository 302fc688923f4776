"""End-to-end paths through the lifecycle, one per way a nomination ends."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from audit.models import AuditEvent
from core import clock
from core.errors import InvalidInput, NotPermitted, WrongState
from nominations.models import Decision, Nomination
from tests.world import attach, delegate, district_award, end_posting
from workflow import services as workflow_services

S = Nomination.State
pytestmark = pytest.mark.django_db


def _states(nomination: Nomination) -> list[str]:
    events = AuditEvent.objects.filter(object_id=str(nomination.pk)).order_by("sequence")
    return [events[0].from_state, *(e.to_state for e in events)]


def _through_council(world, nomination, *, passed=True):
    workflow_services.nomination_submit(nomination=nomination, actor=world["unit_head"])
    world.attach_required_documents(nomination)
    workflow_services.nomination_appraise(nomination=nomination, actor=world["standing_office"])
    workflow_services.nomination_schedule(nomination=nomination, actor=world["standing_office"])
    return workflow_services.nomination_council_result(
        nomination=nomination,
        actor=world["standing_office"],
        passed=passed,
        tally={"yes": 8 if passed else 3, "base": 9},
    )


def test_approved_at_the_commune(world):
    nomination = world.nomination()
    _through_council(world, nomination)
    end_posting(nomination, None)  # the posting timer, the day after the window
    today = timezone.localdate()
    decision = workflow_services.nomination_approve(
        nomination=nomination, actor=world["chairman"], number="15/QĐ-UBND", issued_on=today
    )
    nomination.refresh_from_db()
    assert nomination.state == S.APPROVED
    assert _states(nomination) == [
        S.DRAFT, S.SUBMITTED, S.APPRAISED, S.IN_COUNCIL, S.POSTED, S.AWAITING_DECISION, S.APPROVED,
    ]  # fmt: skip
    line = decision.lines.get()
    assert line.nomination == nomination
    assert line.golden_book_number == 1
    assert line.prize_amount == 760_000  # 0.3 × 2,530,000 rounded up, base salary of 2026
    assert decision.signing_capacity == Decision.SigningCapacity.CHAIRMAN
    assert "129/2025" in decision.legal_basis or decision.legal_basis


def test_returned_and_resubmitted(world):
    nomination = world.nomination()
    workflow_services.nomination_submit(nomination=nomination, actor=world["unit_head"])
    workflow_services.nomination_return(
        nomination=nomination, actor=world["standing_office"], reason="Thiếu"
    )
    nomination.achievements = "Bổ sung: hoàn thành xuất sắc nhiệm vụ."
    nomination.save()
    workflow_services.nomination_resubmit(nomination=nomination, actor=world["unit_head"])
    assert _states(nomination) == [S.DRAFT, S.SUBMITTED, S.RETURNED, S.SUBMITTED]
    returned = AuditEvent.objects.get(action="nomination.return")
    assert returned.payload["reason"] == "Thiếu"


def test_rejected_by_the_council_vote(world):
    nomination = world.nomination()
    _through_council(world, nomination, passed=False)
    nomination.refresh_from_db()
    assert nomination.state == S.REJECTED
    event = AuditEvent.objects.get(action="nomination.council_result")
    assert event.payload["tally"] == {"yes": 3, "base": 9}
    assert "Không đạt" in nomination.history.first().history_change_reason


def test_held_and_released_returns_to_the_state_it_was_held_in(world):
    nomination = world.nomination()
    _through_council(world, nomination)
    workflow_services.nomination_hold(
        nomination=nomination, actor=world["standing_office"], reason_code="complaint", reason="Đơn"
    )
    nomination.refresh_from_db()
    assert (nomination.state, nomination.held_from_state) == (S.ON_HOLD, S.POSTED)
    workflow_services.nomination_release(
        nomination=nomination, actor=world["standing_office"], resolution="Xong"
    )
    nomination.refresh_from_db()
    assert (nomination.state, nomination.held_from_state) == (S.POSTED, "")


def test_forwarded_to_an_in_system_district_and_approved_there(world):
    award_type = district_award()
    nomination = world.nomination(award_type.code)
    workflow_services.nomination_submit(nomination=nomination, actor=world["unit_head"])
    attach(nomination, "to_trinh")
    workflow_services.nomination_appraise(nomination=nomination, actor=world["standing_office"])
    nomination.refresh_from_db()
    assert nomination.state == S.AWAITING_DECISION  # no council vote for this award type
    with pytest.raises(InvalidInput, match="thẩm quyền"):
        workflow_services.nomination_approve(
            nomination=nomination,
            actor=world["chairman"],
            number="1/QĐ-UBND",
            issued_on=timezone.localdate(),
        )
    workflow_services.nomination_forward(nomination=nomination, actor=world["chairman"])
    nomination.refresh_from_db()
    assert (nomination.state, nomination.current_authority) == (S.SUBMITTED, world.district)
    # The commune no longer acts on it; the district's standing office and chairman do.
    with pytest.raises(NotPermitted):
        workflow_services.nomination_appraise(nomination=nomination, actor=world["standing_office"])
    workflow_services.nomination_appraise(
        nomination=nomination, actor=world["district_standing_office"]
    )
    decision = workflow_services.nomination_approve(
        nomination=nomination,
        actor=world["district_chairman"],
        number="200/QĐ-UBND",
        issued_on=timezone.localdate(),
    )
    nomination.refresh_from_db()
    assert nomination.state == S.APPROVED
    assert decision.authority == world.district
    assert decision.lines.get().prize_amount == 1_270_000  # 0.5 × 2,530,000 rounded up


def test_forwarded_to_an_external_province_and_its_outcome_recorded(world):
    world.district.valid_to = datetime.date(2025, 6, 30)  # after the reform: the province
    world.district.save()
    nomination = world.nomination("chien-si-thi-dua-cap-tinh", S.AWAITING_DECISION)
    workflow_services.nomination_forward(nomination=nomination, actor=world["chairman"])
    nomination.refresh_from_db()
    assert (nomination.state, nomination.current_authority) == (S.FORWARDED, world.commune)
    with pytest.raises(InvalidInput):
        workflow_services.nomination_record_outcome(
            nomination=nomination, actor=world["standing_office"], approved=True
        )
    workflow_services.nomination_record_outcome(
        nomination=nomination,
        actor=world["standing_office"],
        approved=True,
        decision_number="2500/QĐ-UBND",
        decision_date=timezone.localdate(),
    )
    nomination.refresh_from_db()
    assert nomination.state == S.APPROVED
    line = nomination.decision_line
    assert line.decision.authority == world.province
    assert line.decision.recorded_from_higher_level


def test_a_refusal_by_the_higher_level_is_recorded_with_its_reason(world):
    nomination = world.nomination("chien-si-thi-dua-cap-tinh", S.FORWARDED)
    with pytest.raises(InvalidInput):
        workflow_services.nomination_record_outcome(
            nomination=nomination, actor=world["standing_office"], approved=False
        )
    workflow_services.nomination_record_outcome(
        nomination=nomination, actor=world["standing_office"], approved=False, reason="Chưa đủ"
    )
    nomination.refresh_from_db()
    assert nomination.state == S.REJECTED


def test_revoked_by_the_chairman_who_decided(world):
    nomination = world.nomination(state=S.AWAITING_DECISION)
    workflow_services.nomination_approve(
        nomination=nomination,
        actor=world["chairman"],
        number="16/QĐ-UBND",
        issued_on=timezone.localdate(),
    )
    with pytest.raises(InvalidInput):
        workflow_services.nomination_revoke(
            nomination=nomination, actor=world["chairman"], reason_code="other",
            reason="x", decision_number="12/QĐ-UBND", decided_on=clock.today(),
        )  # fmt: skip
    workflow_services.nomination_revoke(
        nomination=nomination, actor=world["chairman"], reason_code="false_documents",
        reason="Giả mạo hồ sơ.", decision_number="12/QĐ-UBND", decided_on=clock.today(),
    )  # fmt: skip
    nomination.refresh_from_db()
    assert nomination.state == S.REVOKED
    assert nomination.decision_line.decision.number == "16/QĐ-UBND"  # never deleted


def test_a_delegated_vice_chairman_decides_as_kt_chu_tich(world):
    first = world.nomination(state=S.AWAITING_DECISION)
    with pytest.raises(NotPermitted):
        workflow_services.nomination_reject(
            nomination=first, actor=world["vice_chairman"], reason="x"
        )
    delegate(world)
    decision = workflow_services.nomination_approve(
        nomination=first,
        actor=world["vice_chairman"],
        number="17/QĐ-UBND",
        issued_on=timezone.localdate(),
    )
    assert decision.signing_capacity == Decision.SigningCapacity.ON_BEHALF
    assert decision.get_signing_capacity_display() == "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    revocable = world.nomination(state=S.APPROVED)
    with pytest.raises(NotPermitted):  # revocation is not delegated
        workflow_services.nomination_revoke(
            nomination=revocable, actor=world["vice_chairman"], reason_code="false_documents",
            reason="Giả mạo hồ sơ.", decision_number="12/QĐ-UBND", decided_on=clock.today(),
        )  # fmt: skip


def test_an_expired_delegation_gives_no_power(world):
    delegation = delegate(world)
    delegation.valid_to = timezone.localdate() - datetime.timedelta(days=1)
    delegation.valid_from = delegation.valid_to - datetime.timedelta(days=10)
    delegation.save()
    nomination = world.nomination(state=S.AWAITING_DECISION)
    with pytest.raises(NotPermitted):
        workflow_services.nomination_reject(
            nomination=nomination, actor=world["vice_chairman"], reason="x"
        )


def test_a_batch_approval_is_one_decision_with_serials_and_all_or_nothing(world):
    batch = [world.nomination(state=S.AWAITING_DECISION) for _ in range(3)]
    stray = world.nomination(state=S.POSTED)
    with pytest.raises(WrongState):
        workflow_services.nominations_approve(
            nominations=[*batch, stray],
            actor=world["chairman"],
            number="18/QĐ-UBND",
            issued_on=timezone.localdate(),
        )
    assert not Decision.objects.exists()
    assert set(
        Nomination.objects.filter(pk__in=[n.pk for n in batch]).values_list("state", flat=True)
    ) == {S.AWAITING_DECISION}
    decision = workflow_services.nominations_approve(
        nominations=batch,
        actor=world["chairman"],
        number="18/QĐ-UBND",
        issued_on=timezone.localdate(),
    )
    assert list(decision.lines.values_list("nomination", "golden_book_number")) == [
        (n.pk, i) for i, n in enumerate(sorted(batch, key=lambda n: n.pk), start=1)
    ]
    assert AuditEvent.objects.filter(action="nomination.approve").count() == 3


def test_a_decision_number_cannot_be_used_twice(world):
    first, second = (world.nomination(state=S.AWAITING_DECISION) for _ in range(2))
    today = timezone.localdate()
    workflow_services.nomination_approve(
        nomination=first, actor=world["chairman"], number="19/QĐ-UBND", issued_on=today
    )
    with pytest.raises(InvalidInput, match="đã được dùng"):
        workflow_services.nomination_approve(
            nomination=second, actor=world["chairman"], number="19/QĐ-UBND", issued_on=today
        )
    second.refresh_from_db()
    assert second.state == S.AWAITING_DECISION


def test_a_decision_cannot_be_dated_in_the_future(world):
    nomination = world.nomination(state=S.AWAITING_DECISION)
    with pytest.raises(InvalidInput):
        workflow_services.nomination_approve(
            nomination=nomination,
            actor=world["chairman"],
            number="20/QĐ-UBND",
            issued_on=timezone.localdate() + datetime.timedelta(days=1),
        )


def test_forward_is_refused_for_an_award_within_the_commune(world):
    nomination = world.nomination(state=S.AWAITING_DECISION)
    with pytest.raises(InvalidInput, match="thẩm quyền"):
        workflow_services.nomination_forward(nomination=nomination, actor=world["chairman"])


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda n, a: workflow_services.nomination_return(nomination=n, actor=a, reason="  "),
            "lý do",
        ),
        (
            lambda n, a: workflow_services.nomination_hold(
                nomination=n, actor=a, reason_code="x", reason="y"
            ),
            "khiếu nại",
        ),
        (
            lambda n, a: workflow_services.nomination_hold(
                nomination=n, actor=a, reason_code="complaint", reason=""
            ),
            "nội dung",
        ),
    ],
)
def test_missing_reasons_are_invalid_input_and_change_nothing(world, call, message):
    nomination = world.nomination(state=S.SUBMITTED)
    with pytest.raises(InvalidInput, match=message):
        call(nomination, world["standing_office"])
    nomination.refresh_from_db()
    assert nomination.state == S.SUBMITTED
    assert not AuditEvent.objects.exists()


def test_replayed_on_a_2024_date_cstdcs_goes_to_the_district_which_decides_it(world):
    from core.clock import business_date

    world.district.valid_to = datetime.date(2025, 6, 30)
    world.district.save()
    day = datetime.date(2024, 12, 10)
    with business_date(day):
        nomination = world.nomination("chien-si-thi-dua-co-so", S.AWAITING_DECISION)
        workflow_services.nomination_forward(nomination=nomination, actor=world["chairman"])
        assert (nomination.state, nomination.current_authority) == (S.SUBMITTED, world.district)
        # The district's appraisal and council are the paths above; here only its decision.
        Nomination.objects.filter(pk=nomination.pk).update(state=S.AWAITING_DECISION)
        decision = workflow_services.nomination_approve(
            nomination=nomination,
            actor=world["district_chairman"],
            number="1500/QĐ-UBND",
            issued_on=day,
        )
    assert decision.authority == world.district
    assert decision.lines.get().prize_amount == 2_340_000  # 1.0 × the base salary of 12/2024
    today_case = world.nomination("chien-si-thi-dua-co-so", S.AWAITING_DECISION)
    with pytest.raises(InvalidInput, match="thẩm quyền"):  # since 01/07/2025 the commune decides
        workflow_services.nomination_forward(nomination=today_case, actor=world["chairman"])
