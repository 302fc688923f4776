"""The standing office's actions: return, appraise, the council's steps, end of posting, hold
and release, and recording what a higher level decided."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from accounts.models import User
from core import clock
from core.errors import InvalidInput
from nominations.ledger import ledger_record_lines
from nominations.models import Decision, DecisionLine, Nomination
from workflow.actions import HoldReason, performs
from workflow.eligibility import eligibility_reasons
from workflow.selectors import posting_last_day
from workflow.services.transitions import (
    Move,
    apply_all,
    apply_one,
    check_action,
    lock_one,
    lock_rows,
    perform,
    required_text,
    sync_caller,
)


@performs("return")
def nomination_return(*, nomination: Nomination, actor: User, reason: str) -> Nomination:
    reason = required_text(reason, _("Cần ghi rõ lý do trả lại và nội dung cần bổ sung."))
    return perform(nomination=nomination, actor=actor, action="return", reason=reason)


@performs("appraise")
def nomination_appraise(*, nomination: Nomination, actor: User) -> Nomination:
    with transaction.atomic():
        row = lock_one(actor, nomination, action="appraise")
        check_action(actor, "appraise", row)
        reasons = eligibility_reasons(row, clock.today())
        if reasons:
            raise InvalidInput(_("Hồ sơ chưa đủ điều kiện."), reasons=reasons)
        # The simplified procedure goes straight to the chairman; the audit row says why.
        simplified = row.uses_simplified_procedure
        apply_one(
            row,
            actor=actor,
            action="appraise",
            reason=_("Thủ tục đơn giản (Luật Thi đua, khen thưởng Đ85)") if simplified else "",
            payload={"procedure": "simplified"} if simplified else None,
        )
    sync_caller(nomination, row)
    return row


def nomination_schedule(
    *, nomination: Nomination, actor: User, meeting_id: int | None = None, savepoint: bool = True
) -> Nomination:
    """Put on a meeting's agenda; workflow.meetings.meeting_add_item is the usual caller."""
    return perform(
        nomination=nomination,
        actor=actor,
        action="schedule",
        payload={"meeting": meeting_id},
        savepoint=savepoint,
    )


def nomination_defer(*, nomination: Nomination, actor: User, reason: str = "") -> Nomination:
    return perform(nomination=nomination, actor=actor, action="defer", reason=reason)


def nominations_council_result(
    *, votes: Sequence[tuple[Nomination, bool, dict[str, Any]]], actor: User
) -> list[Nomination]:
    """Apply a closed meeting's votes, (nomination, passed, tally) per agenda item, all at
    once and in a fixed number of queries (called by the meeting close)."""
    if not votes:
        return []
    with transaction.atomic():
        rows = {row.pk: row for row in lock_rows(actor, [n.pk for n, _passed, _tally in votes])}
        moves = []
        for nomination, passed, tally in votes:
            row = rows.get(nomination.pk)
            if row is None:
                raise InvalidInput(_("Hồ sơ không còn tồn tại."))
            check_action(actor, "council_result", row)
            reason = tally_text(tally, passed)
            payload = {"passed": passed, "tally": tally}
            moves.append(Move(row, reason, payload, flow_kwargs={"passed": passed}))
        apply_all(moves, actor=actor, action="council_result")
    for nomination, _passed, _tally in votes:
        sync_caller(nomination, rows[nomination.pk])
    return [move.row for move in moves]


def tally_text(tally: dict[str, Any], passed: bool) -> str:
    """A vote's result as the minutes say it: "Đạt: 5 đồng ý, 1 không đồng ý, 0 không biểu
    quyết trên 9"."""
    counts = _(
        "%(yes)s đồng ý, %(no)s không đồng ý, %(abstain)s không biểu quyết trên cơ số %(base)s"
    ) % {k: tally.get(k, 0) for k in ("yes", "no", "abstain", "base")}
    verdict = _("Hội đồng biểu quyết đạt") if passed else _("Không đạt tỷ lệ biểu quyết")
    return f"{verdict}: {counts}"


def nomination_council_result(
    *, nomination: Nomination, actor: User, passed: bool, tally: dict[str, Any]
) -> Nomination:
    """Apply a closed meeting's vote to one agenda item."""
    return nominations_council_result(votes=[(nomination, passed, tally)], actor=actor)[0]


def _posting_window_over(row: Nomination) -> None:
    """The public may object until the last day of the window (Luật Đ84.5; its length is the
    award's posting days): nobody ends it sooner, the office no more than the timer, which
    ends it the day after (workflow.tasks.close_posting_windows)."""
    last_day = posting_last_day(row)
    if last_day is not None and clock.today() <= last_day:
        raise InvalidInput(
            _("Chưa hết thời gian công khai: nhân dân được góp ý đến hết ngày %(day)s.")
            % {"day": f"{last_day:%d/%m/%Y}"}
        )


@performs("end_posting")
def nomination_end_posting(*, nomination: Nomination, actor: User | None) -> Nomination:
    return perform(
        nomination=nomination, actor=actor, action="end_posting", validate=_posting_window_over
    )


@performs("hold")
def nomination_hold(
    *, nomination: Nomination, actor: User, reason_code: str, reason: str
) -> Nomination:
    if reason_code not in HoldReason.values:
        raise InvalidInput(_("Lý do tạm dừng phải là khiếu nại, kỷ luật hoặc thanh tra, kiểm tra."))
    reason = required_text(reason, _("Cần ghi rõ nội dung khiếu nại, kỷ luật hoặc thanh tra."))
    return perform(
        nomination=nomination,
        actor=actor,
        action="hold",
        reason=f"{HoldReason(reason_code).label}: {reason}",
        payload={"reason_code": reason_code},
    )


@performs("release")
def nomination_release(*, nomination: Nomination, actor: User, resolution: str) -> Nomination:
    resolution = required_text(resolution, _("Cần ghi kết quả giải quyết trước khi tiếp tục xét."))
    return perform(nomination=nomination, actor=actor, action="release", reason=resolution)


@performs("record_outcome")
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
        decision_number = required_text(decision_number, _("Cần số quyết định của cấp trên."))
        if decision_date is None or decision_date > clock.today():
            raise InvalidInput(_("Cần ngày quyết định của cấp trên (không sau hôm nay)."))
    else:
        reason = required_text(reason, _("Cần ghi lý do cấp trên không khen thưởng."))

    with transaction.atomic():
        row = lock_one(actor, nomination, action="record_outcome")
        check_action(actor, "record_outcome", row)
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
            line = DecisionLine.objects.create(
                decision=decision, nomination=row, golden_book_number=serial
            )
            ledger_record_lines(decision, [line])
        apply_one(
            row,
            actor=actor,
            action="record_outcome",
            reason=reason or f"Quyết định {decision_number} ngày {decision_date:%d/%m/%Y}",
            payload={"approved": approved, "decision_number": decision_number},
            flow_kwargs={"approved": approved},
        )
    sync_caller(nomination, row)
    return row
