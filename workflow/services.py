"""Every change to a nomination's state, one function per action of design.md §4.

Each runs in one transaction: re-read the row with `select_for_update`, re-check the actor's
permission and the source state after the lock, apply the viewflow transition, save (with its
simple-history record, actor and reason) and write one audit event. A refusal raises
NotPermitted (403), WrongState (409) or InvalidInput (400) and writes nothing.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.models import User
from audit.services import audit_event_new, audit_events_append
from core import clock
from core.errors import InvalidInput, NotPermitted, WrongState
from councils.models import Authority
from councils.roles import forget_roles
from nominations.models import AwardDecisionRule, AwardType, Decision, DecisionLine, Nomination
from nominations.selectors import CatalogueGap, award_decision_rule_on, prize_amount
from workflow.actions import HoldReason, RevocationReason, may_perform, performs
from workflow.deadlines import deadlines_reset
from workflow.eligibility import eligibility_reasons
from workflow.flow import NominationFlow
from workflow.notifications import nominations_notify_transitions
from workflow.permissions import signing_capacity

S = Nomination.State


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


@dataclass
class Move:
    """One locked, checked row and what its transition records."""

    row: Nomination
    reason: str = ""
    payload: dict[str, Any] | None = None
    flow_kwargs: dict[str, Any] | None = None


# A transition writes the whole row, as save() did; bulk_update needs the names.
_ROW_FIELDS = [f.name for f in Nomination._meta.concrete_fields if not f.primary_key]


def _apply_all(moves: Sequence[Move], *, actor: User | None, action: str) -> None:
    """Run the transition on each locked, checked row, then save them with their history
    rows, deadlines, audit events and notifications: a fixed number of queries however many
    rows move together (a meeting's close, a decision of 500 awardees)."""
    now = timezone.now()
    sources = []
    for move in moves:
        row = move.row
        sources.append((row.state, row.current_authority))
        NominationFlow(row).run(action, **(move.flow_kwargs or {}))
        if action in ("submit", "resubmit"):
            row.submitted_at = now
        if row.state in (S.APPROVED, S.REJECTED):
            row.decided_at = now
        row.updated_at = now  # bulk_update leaves auto_now alone
        row._history_user = actor
        row._change_reason = move.reason or action
    rows = [move.row for move in moves]
    bulk_update_with_history(rows, Nomination, _ROW_FIELDS, default_date=now)
    deadlines_reset(rows, now=now)
    audit_events_append(
        audit_event_new(
            actor=actor,
            action=f"nomination.{action}",
            target=move.row,
            authority=authority,
            unit=move.row.proposing_unit,
            from_state=source,
            to_state=move.row.state,
            payload={"reason": move.reason, **(move.payload or {})},
        )
        for move, (source, authority) in zip(moves, sources, strict=True)
    )
    moved = [
        (move.row, source, move.reason) for move, (source, _a) in zip(moves, sources, strict=True)
    ]
    nominations_notify_transitions(moved, actor=actor)


def _apply(row: Nomination, *, actor: User | None, action: str, **move: Any) -> None:
    """Run a checked transition on one locked row (see _apply_all)."""
    _apply_all([Move(row, **move)], actor=actor, action=action)


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


@performs("submit")
def nomination_submit(*, nomination: Nomination, actor: User) -> Nomination:
    return _perform(nomination=nomination, actor=actor, action="submit")


@performs("withdraw")
def nomination_withdraw(*, nomination: Nomination, actor: User, reason: str = "") -> Nomination:
    return _perform(nomination=nomination, actor=actor, action="withdraw", reason=reason)


@performs("resubmit")
def nomination_resubmit(*, nomination: Nomination, actor: User) -> Nomination:
    return _perform(nomination=nomination, actor=actor, action="resubmit")


# --- the standing office --------------------------------------------------------------------


@performs("return")
def nomination_return(*, nomination: Nomination, actor: User, reason: str) -> Nomination:
    reason = _required(reason, _("Cần ghi rõ lý do trả lại và nội dung cần bổ sung."))
    return _perform(nomination=nomination, actor=actor, action="return", reason=reason)


@performs("appraise")
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


def nominations_council_result(
    *, votes: Sequence[tuple[Nomination, bool, dict[str, Any]]], actor: User
) -> list[Nomination]:
    """Apply a closed meeting's votes, (nomination, passed, tally) per agenda item, all at
    once and in a fixed number of queries (called by the meeting close)."""
    if not votes:
        return []
    with transaction.atomic():
        rows = {row.pk: row for row in _lock(actor, [n.pk for n, _passed, _tally in votes])}
        moves = []
        for nomination, passed, tally in votes:
            row = rows.get(nomination.pk)
            if row is None:
                raise InvalidInput(_("Hồ sơ không còn tồn tại."))
            _check(actor, "council_result", row)
            reason = "" if passed else f"Không đạt tỷ lệ biểu quyết: {tally}"
            payload = {"passed": passed, "tally": tally}
            moves.append(Move(row, reason, payload, flow_kwargs={"passed": passed}))
        _apply_all(moves, actor=actor, action="council_result")
    for nomination, _passed, _tally in votes:
        _sync(nomination, rows[nomination.pk])
    return [move.row for move in moves]


def nomination_council_result(
    *, nomination: Nomination, actor: User, passed: bool, tally: dict[str, Any]
) -> Nomination:
    """Apply a closed meeting's vote to one agenda item."""
    return nominations_council_result(votes=[(nomination, passed, tally)], actor=actor)[0]


@performs("end_posting")
def nomination_end_posting(*, nomination: Nomination, actor: User | None) -> Nomination:
    return _perform(nomination=nomination, actor=actor, action="end_posting")


@performs("hold")
def nomination_hold(
    *, nomination: Nomination, actor: User, reason_code: str, reason: str
) -> Nomination:
    if reason_code not in HoldReason.values:
        raise InvalidInput(_("Lý do tạm dừng phải là khiếu nại, kỷ luật hoặc thanh tra, kiểm tra."))
    reason = _required(reason, _("Cần ghi rõ nội dung khiếu nại, kỷ luật hoặc thanh tra."))
    return _perform(
        nomination=nomination,
        actor=actor,
        action="hold",
        reason=f"{HoldReason(reason_code).label}: {reason}",
        payload={"reason_code": reason_code},
    )


@performs("release")
def nomination_release(*, nomination: Nomination, actor: User, resolution: str) -> Nomination:
    resolution = _required(resolution, _("Cần ghi kết quả giải quyết trước khi tiếp tục xét."))
    return _perform(nomination=nomination, actor=actor, action="release", reason=resolution)


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
        # Read once per award type (and kind) in the batch, not once per awardee.
        award_types = {row.award_type_id: row.award_type for row in rows}
        rules = {pk: _decision_rule(award, issued_on) for pk, award in award_types.items()}
        reasons = []
        for row in rows:
            _check(actor, "approve", row)
            if row.current_authority_id != authority.pk:
                raise InvalidInput(_("Một quyết định chỉ gồm hồ sơ của cùng một cơ quan."))
            reasons.extend(_outside_authority(row, rules[row.award_type_id], authority, issued_on))
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
                    legal_basis=rules[rows[0].award_type_id].legal_basis,
                )
        except IntegrityError as error:
            raise InvalidInput(
                _("Số quyết định %(number)s đã được dùng.") % {"number": number}
            ) from error
        kinds = {(row.award_type_id, row.nominee_kind) for row in rows}
        prizes = {
            (award, kind): prize_amount(award_types[award], kind, issued_on)
            for award, kind in kinds
        }
        lines = [
            DecisionLine(
                decision=decision,
                nomination=row,
                golden_book_number=serial,
                prize_amount=prizes[(row.award_type_id, row.nominee_kind)],
            )
            for serial, row in enumerate(rows, start=1)
        ]
        bulk_create_with_history(lines, DecisionLine, default_user=actor)
        reason = f"Quyết định {number} ngày {issued_on:%d/%m/%Y}"
        payload = {"decision": number, "signing_capacity": capacity}
        _apply_all([Move(row, reason, payload) for row in rows], actor=actor, action="approve")
    by_pk = {row.pk: row for row in rows}
    for nomination in nominations:
        _sync(nomination, by_pk[nomination.pk])
    return decision


@performs("approve")
def nomination_approve(
    *, nomination: Nomination, actor: User, number: str, issued_on: datetime.date
) -> Decision:
    return nominations_approve(
        nominations=[nomination], actor=actor, number=number, issued_on=issued_on
    )


def _decision_rule(award_type: AwardType, day: datetime.date) -> AwardDecisionRule | None:
    try:
        return award_decision_rule_on(award_type, day)
    except CatalogueGap:
        return None


def _outside_authority(
    row: Nomination, rule: AwardDecisionRule | None, authority: Authority, day: datetime.date
) -> list[str]:
    if rule is None:
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


@performs("reject")
def nomination_reject(*, nomination: Nomination, actor: User, reason: str) -> Nomination:
    reason = _required(reason, _("Cần ghi lý do không khen thưởng."))
    return _perform(nomination=nomination, actor=actor, action="reject", reason=reason)


@performs("forward")
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


@performs("revoke")
def nomination_revoke(
    *, nomination: Nomination, actor: User, reason_code: str, reason: str = ""
) -> Nomination:
    if reason_code not in RevocationReason.values:
        raise InvalidInput(_("Lý do hủy phải là một căn cứ của Điều 93 Luật Thi đua, khen thưởng."))
    return _perform(
        nomination=nomination,
        actor=actor,
        action="revoke",
        reason=f"{RevocationReason(reason_code).label}. {reason}".strip(),
        payload={"reason_code": reason_code},
    )
