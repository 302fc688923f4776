"""Every change to a nomination's state, one function per action of design.md §4.

Each runs in one transaction: re-read the row with `select_for_update`, re-check the actor's
permission and the source state after the lock, apply the viewflow transition, save (with its
simple-history record, actor and reason) and write one audit event. A refusal raises
NotPermitted (403), WrongState (409) or InvalidInput (400) and writes nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import audit_event_record
from councils.models import Authority
from nominations.models import Decision, DecisionLine, Nomination
from nominations.selectors import CatalogueGap, award_decision_rule_on, prize_amount
from workflow import clock
from workflow.deadlines import deadlines_reset
from workflow.eligibility import eligibility_reasons
from workflow.errors import InvalidInput, NotPermitted, WrongState
from workflow.flow import NominationFlow
from workflow.notifications import nomination_notify_transition
from workflow.permissions import forget_roles, may_perform, signing_capacity

S = Nomination.State

HOLD_REASONS = {
    "complaint": "Khiếu nại, tố cáo",
    "discipline": "Đang xem xét kỷ luật",
    "inspection": "Thanh tra, kiểm tra, kiểm toán",
}
# Luật TĐKT 2022 Đ93: the grounds for cancelling an award.
REVOCATION_REASONS = {
    "false_declaration": "Gian dối trong kê khai thành tích",
    "false_documents": "Giấy tờ, văn bản giả hoặc sai sự thật",
    "unlawful_procedure": "Thẩm định, xét, đề nghị khen thưởng trái pháp luật",
    "criteria_unmet": "Không đạt tiêu chuẩn trong thời gian tính thành tích",
}


def _lock(actor: User | None, nomination_ids: Sequence[int]) -> list[Nomination]:
    """Lock the rows in primary-key order, so two batches never deadlock.

    The actor's roles are read afresh too: a delegation may have ended since the page loaded.
    """
    forget_roles(actor)
    return list(
        Nomination.objects.select_for_update(of=("self",))
        .select_related("award_type", "proposing_unit", "current_authority")
        .filter(pk__in=nomination_ids)
        .order_by("pk")
    )


def _lock_one(actor: User | None, nomination: Nomination) -> Nomination:
    rows = _lock(actor, [nomination.pk])
    if not rows:
        raise InvalidInput(_("Hồ sơ không còn tồn tại."))
    return rows[0]


def _sync(stale: Nomination, fresh: Nomination) -> None:
    """Give the caller's instance the saved values, so a later save() cannot undo the change."""
    if stale is not fresh:
        for f in Nomination._meta.concrete_fields:
            setattr(stale, f.attname, getattr(fresh, f.attname))


def _check(actor: User | None, action: str, nomination: Nomination) -> None:
    if not may_perform(actor, action, nomination):
        raise NotPermitted(_("Bạn không có quyền thực hiện thao tác này với hồ sơ này."))
    if action not in NominationFlow(nomination).actions_from_state():
        label = nomination.get_state_display()
        raise WrongState(
            _("Không thể thực hiện thao tác này khi hồ sơ ở trạng thái “%(state)s”.")
            % {"state": label}
        )


def _required(value: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput(message)
    return value


def _apply(
    nomination: Nomination,
    *,
    actor: User | None,
    action: str,
    reason: str = "",
    payload: dict[str, Any] | None = None,
    flow_kwargs: dict[str, Any] | None = None,
) -> None:
    """Run a checked transition on a locked row, save it and write its audit event."""
    source, authority = nomination.state, nomination.current_authority
    NominationFlow(nomination).run(action, **(flow_kwargs or {}))
    now = timezone.now()
    if action in ("submit", "resubmit"):
        nomination.submitted_at = now
    if nomination.state in (S.APPROVED, S.REJECTED):
        nomination.decided_at = now
    nomination._history_user = actor
    nomination._change_reason = reason or action
    nomination.save()
    deadlines_reset(nomination, now=now)
    audit_event_record(
        actor=actor,
        action=f"nomination.{action}",
        target=nomination,
        authority=authority,
        unit=nomination.proposing_unit,
        from_state=source,
        to_state=nomination.state,
        payload={"reason": reason, **(payload or {})},
    )
    nomination_notify_transition(nomination=nomination, source=source, actor=actor, reason=reason)


def _perform(
    *,
    nomination: Nomination,
    actor: User | None,
    action: str,
    validate: Callable[[Nomination], None] | None = None,
    **apply_kwargs: Any,
) -> Nomination:
    with transaction.atomic():
        row = _lock_one(actor, nomination)
        _check(actor, action, row)
        if validate:
            validate(row)
        _apply(row, actor=actor, action=action, **apply_kwargs)
    _sync(nomination, row)
    return row


# --- the proposing unit ---------------------------------------------------------------------


def nomination_submit(*, nomination: Nomination, actor: User) -> Nomination:
    return _perform(nomination=nomination, actor=actor, action="submit")


def nomination_withdraw(*, nomination: Nomination, actor: User, reason: str = "") -> Nomination:
    return _perform(nomination=nomination, actor=actor, action="withdraw", reason=reason)


def nomination_resubmit(*, nomination: Nomination, actor: User) -> Nomination:
    return _perform(nomination=nomination, actor=actor, action="resubmit")


# --- the standing office --------------------------------------------------------------------


def nomination_return(*, nomination: Nomination, actor: User, reason: str) -> Nomination:
    reason = _required(reason, _("Cần ghi rõ lý do trả lại và nội dung cần bổ sung."))
    return _perform(nomination=nomination, actor=actor, action="return", reason=reason)


def nomination_appraise(*, nomination: Nomination, actor: User) -> Nomination:
    def eligible(row: Nomination) -> None:
        reasons = eligibility_reasons(row, clock.today())
        if reasons:
            raise InvalidInput(_("Hồ sơ chưa đủ điều kiện."), reasons=reasons)

    return _perform(nomination=nomination, actor=actor, action="appraise", validate=eligible)


def nomination_schedule(
    *, nomination: Nomination, actor: User, meeting_id: int | None = None
) -> Nomination:
    """Put on a meeting's agenda; councils.services.meeting_add_item is the usual caller."""
    return _perform(
        nomination=nomination, actor=actor, action="schedule", payload={"meeting": meeting_id}
    )


def nomination_defer(*, nomination: Nomination, actor: User, reason: str = "") -> Nomination:
    return _perform(nomination=nomination, actor=actor, action="defer", reason=reason)


def nomination_council_result(
    *, nomination: Nomination, actor: User, passed: bool, tally: dict[str, Any]
) -> Nomination:
    """Apply a closed meeting's vote to one agenda item (called by the meeting close)."""
    reason = "" if passed else f"Không đạt tỷ lệ biểu quyết: {tally}"
    return _perform(
        nomination=nomination,
        actor=actor,
        action="council_result",
        reason=reason,
        payload={"passed": passed, "tally": tally},
        flow_kwargs={"passed": passed},
    )


def nomination_end_posting(*, nomination: Nomination, actor: User | None) -> Nomination:
    return _perform(nomination=nomination, actor=actor, action="end_posting")


def nomination_hold(
    *, nomination: Nomination, actor: User, reason_code: str, reason: str
) -> Nomination:
    if reason_code not in HOLD_REASONS:
        raise InvalidInput(_("Lý do tạm dừng phải là khiếu nại, kỷ luật hoặc thanh tra, kiểm tra."))
    reason = _required(reason, _("Cần ghi rõ nội dung khiếu nại, kỷ luật hoặc thanh tra."))
    return _perform(
        nomination=nomination,
        actor=actor,
        action="hold",
        reason=f"{HOLD_REASONS[reason_code]}: {reason}",
        payload={"reason_code": reason_code},
    )


def nomination_release(*, nomination: Nomination, actor: User, resolution: str) -> Nomination:
    resolution = _required(resolution, _("Cần ghi kết quả giải quyết trước khi tiếp tục xét."))
    return _perform(nomination=nomination, actor=actor, action="release", reason=resolution)


def nomination_record_outcome(
    *,
    nomination: Nomination,
    actor: User,
    approved: bool | None,
    decision_number: str = "",
    decision_date: datetime.date | None = None,
    reason: str = "",
) -> Nomination:
    """Record what a higher level that does not run this system decided."""
    if approved is None:
        raise InvalidInput(_("Cần chọn kết quả của cấp trên."))
    if approved:
        decision_number = _required(decision_number, _("Cần số quyết định của cấp trên."))
        if decision_date is None or decision_date > clock.today():
            raise InvalidInput(_("Cần ngày quyết định của cấp trên (không sau hôm nay)."))
    else:
        reason = _required(reason, _("Cần ghi lý do cấp trên không khen thưởng."))

    with transaction.atomic():
        row = _lock_one(actor, nomination)
        _check(actor, "record_outcome", row)
        if approved:
            higher = row.current_authority.superior_on(decision_date)
            if higher is None:
                raise InvalidInput(_("Không xác định được cấp trên của cơ quan này."))
            decision, _created = Decision.objects.get_or_create(
                authority=higher,
                number=decision_number,
                defaults={"issued_on": decision_date, "recorded_from_higher_level": True},
            )
            if decision.issued_on != decision_date:
                raise InvalidInput(_("Số quyết định này đã được ghi với một ngày khác."))
            # The decision row is shared by every nominee the higher level named in it.
            Decision.objects.select_for_update().filter(pk=decision.pk).get()
            serial = (decision.lines.aggregate(top=Max("golden_book_number"))["top"] or 0) + 1
            DecisionLine.objects.create(
                decision=decision, nomination=row, golden_book_number=serial
            )
        _apply(
            row,
            actor=actor,
            action="record_outcome",
            reason=reason or f"Quyết định {decision_number} ngày {decision_date:%d/%m/%Y}",
            payload={"approved": approved, "decision_number": decision_number},
            flow_kwargs={"approved": approved},
        )
    _sync(nomination, row)
    return row


# --- the chairman ---------------------------------------------------------------------------


def nominations_approve(
    *,
    nominations: Sequence[Nomination],
    actor: User,
    number: str,
    issued_on: datetime.date,
) -> Decision:
    """Approve one or many nominations into one decision, atomically: all or none."""
    number = _required(number, _("Cần số, ký hiệu quyết định (ví dụ 15/QĐ-UBND)."))
    if issued_on is None:
        raise InvalidInput(_("Cần ngày ký quyết định."))
    if issued_on > clock.today():
        raise InvalidInput(_("Ngày ký quyết định không được sau hôm nay."))
    ids = sorted({n.pk for n in nominations})
    if not ids:
        raise InvalidInput(_("Chưa chọn hồ sơ nào để khen thưởng."))

    with transaction.atomic():
        rows = _lock(actor, ids)
        if len(rows) != len(ids):
            raise InvalidInput(_("Có hồ sơ không còn tồn tại."))
        authority = rows[0].current_authority
        reasons = []
        for row in rows:
            _check(actor, "approve", row)
            if row.current_authority_id != authority.pk:
                raise InvalidInput(_("Một quyết định chỉ gồm hồ sơ của cùng một cơ quan."))
            reasons.extend(_outside_authority(row, authority, issued_on))
        if reasons:
            raise InvalidInput(_("Không thuộc thẩm quyền quyết định."), reasons=reasons)
        capacity = signing_capacity(actor, authority)
        try:
            with transaction.atomic():
                decision = Decision.objects.create(
                    authority=authority,
                    number=number,
                    issued_on=issued_on,
                    signer=actor,
                    signing_capacity=capacity,
                    legal_basis=award_decision_rule_on(rows[0].award_type, issued_on).legal_basis,
                )
        except IntegrityError as error:
            raise InvalidInput(
                _("Số quyết định %(number)s đã được dùng.") % {"number": number}
            ) from error
        for serial, row in enumerate(rows, start=1):
            DecisionLine.objects.create(
                decision=decision,
                nomination=row,
                golden_book_number=serial,
                prize_amount=prize_amount(row.award_type, row.nominee_kind, issued_on),
            )
            _apply(
                row,
                actor=actor,
                action="approve",
                reason=f"Quyết định {number} ngày {issued_on:%d/%m/%Y}",
                payload={"decision": number, "signing_capacity": capacity},
            )
    by_pk = {row.pk: row for row in rows}
    for nomination in nominations:
        _sync(nomination, by_pk[nomination.pk])
    return decision


def nomination_approve(
    *, nomination: Nomination, actor: User, number: str, issued_on: datetime.date
) -> Decision:
    return nominations_approve(
        nominations=[nomination], actor=actor, number=number, issued_on=issued_on
    )


def _outside_authority(row: Nomination, authority: Authority, day: datetime.date) -> list[str]:
    try:
        rule = award_decision_rule_on(row.award_type, day)
    except CatalogueGap:
        return [
            _("%(nomination)s: chưa xác định cấp quyết định vào ngày %(day)s.")
            % {"nomination": row, "day": f"{day:%d/%m/%Y}"}
        ]
    if rule.level != authority.level:
        return [
            _("%(nomination)s: thuộc thẩm quyền %(level)s, cần trình cấp trên.")
            % {"nomination": row, "level": rule.get_level_display().lower()}
        ]
    return []


def nomination_reject(*, nomination: Nomination, actor: User, reason: str) -> Nomination:
    reason = _required(reason, _("Cần ghi lý do không khen thưởng."))
    return _perform(nomination=nomination, actor=actor, action="reject", reason=reason)


def nomination_forward(*, nomination: Nomination, actor: User) -> Nomination:
    """Send an award beyond this authority to the level above (on today's map)."""
    today = clock.today()
    with transaction.atomic():
        row = _lock_one(actor, nomination)
        _check(actor, "forward", row)
        authority = row.current_authority
        try:
            rule = award_decision_rule_on(row.award_type, today)
        except CatalogueGap as error:
            raise InvalidInput(_("Chưa xác định được cấp có thẩm quyền quyết định.")) from error
        rank = Authority.LEVEL_RANK
        if rank[rule.level] >= rank[authority.level]:
            raise InvalidInput(
                _("Danh hiệu này thuộc thẩm quyền của cơ quan, không trình cấp trên.")
            )
        parent = authority.superior_on(today)
        if parent is None:
            raise InvalidInput(_("Cơ quan này không có cấp trên để trình."))
        _apply(
            row,
            actor=actor,
            action="forward",
            reason=f"Trình {parent}",
            payload={"to_authority": parent.pk, "in_system": parent.runs_system},
            flow_kwargs={"parent": parent},
        )
    _sync(nomination, row)
    return row


def nomination_revoke(
    *, nomination: Nomination, actor: User, reason_code: str, reason: str = ""
) -> Nomination:
    if reason_code not in REVOCATION_REASONS:
        raise InvalidInput(_("Lý do hủy phải là một căn cứ của Điều 93 Luật Thi đua, khen thưởng."))
    return _perform(
        nomination=nomination,
        actor=actor,
        action="revoke",
        reason=f"{REVOCATION_REASONS[reason_code]}. {reason}".strip(),
        payload={"reason_code": reason_code},
    )
