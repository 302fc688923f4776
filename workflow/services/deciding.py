"""The chairman's actions (or a delegated vice-chairman's): approve into a decision, reject,
forward to the level above, revoke."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from accounts.models import User
from core import clock
from core.errors import InvalidInput
from councils.models import AgendaItem, Authority
from nominations.golden_book import golden_book_numbers
from nominations.ledger import annual_payments, ledger_record_lines, ledger_revoke
from nominations.models import AwardDecisionRule, Decision, DecisionLine, Nomination
from nominations.selectors import (
    CatalogueGap,
    decision_rule_for,
    decision_rules_for,
    prize_amount,
)
from workflow.actions import RevocationReason, performs
from workflow.permissions import signing_capacity
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


def nominations_approve(
    *,
    nominations: Sequence[Nomination],
    actor: User,
    number: str,
    issued_on: datetime.date,
) -> Decision:
    """Approve one or many nominations into one decision, atomically: all or none."""
    number = required_text(number, _("Cần số, ký hiệu quyết định (ví dụ 15/QĐ-UBND)."))
    if issued_on is None:
        raise InvalidInput(_("Cần ngày ký quyết định."))
    if issued_on > clock.today():
        raise InvalidInput(_("Ngày ký quyết định không được sau hôm nay."))
    ids = sorted({n.pk for n in nominations})
    if not ids:
        raise InvalidInput(_("Chưa chọn hồ sơ nào để khen thưởng."))

    with transaction.atomic():
        rows = lock_rows(actor, ids)
        if len(rows) != len(ids):
            raise InvalidInput(_("Có hồ sơ không còn tồn tại."))
        authority = rows[0].current_authority
        # Read for the whole batch at once, not once per awardee.
        award_types = {row.award_type_id: row.award_type for row in rows}
        rules = decision_rules_for(rows, issued_on)
        early = _dated_before_the_vote(rows, issued_on)
        if early:
            raise InvalidInput(
                _("Ngày ký quyết định trước ngày Hội đồng biểu quyết."), reasons=early
            )
        reasons = []
        for row in rows:
            check_action(actor, "approve", row)
            if row.current_authority_id != authority.pk:
                raise InvalidInput(_("Một quyết định chỉ gồm hồ sơ của cùng một cơ quan."))
            reasons.extend(_outside_authority(row, rules[row.pk], authority, issued_on))
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
                    legal_basis=rules[rows[0].pk].legal_basis,
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
        # One payment per nominee and year for emulation titles: the highest (NĐ 152 Đ49).
        payments = annual_payments(
            rows, {row.pk: prizes[(row.award_type_id, row.nominee_kind)] for row in rows}
        )
        # The sổ vàng runs on across the authority's decisions of the year.
        numbers = golden_book_numbers(authority.pk, issued_on.year, len(rows))
        lines = [
            DecisionLine(
                decision=decision,
                nomination=row,
                golden_book_number=serial,
                prize_amount=payments[row.pk].amount,
                prize_note=payments[row.pk].note,
            )
            for serial, row in zip(numbers, rows, strict=True)
        ]
        bulk_create_with_history(lines, DecisionLine, default_user=actor)
        ledger_record_lines(decision, lines)
        reason = f"Quyết định {number} ngày {issued_on:%d/%m/%Y}"
        payload = {"decision": number, "signing_capacity": capacity}
        apply_all([Move(row, reason, payload) for row in rows], actor=actor, action="approve")
    by_pk = {row.pk: row for row in rows}
    for nomination in nominations:
        sync_caller(nomination, by_pk[nomination.pk])
    return decision


@performs("approve")
def nomination_approve(
    *, nomination: Nomination, actor: User, number: str, issued_on: datetime.date
) -> Decision:
    return nominations_approve(
        nominations=[nomination], actor=actor, number=number, issued_on=issued_on
    )


def _dated_before_the_vote(rows: Sequence[Nomination], issued_on: datetime.date) -> list[str]:
    """A decision is taken on a dossier that holds the council's vote ("Biên bản bình xét thi
    đua và kết quả bỏ phiếu của Hội đồng", QĐ 638/QĐ-BNV 2025 [S], domain.md): one dated
    before that vote cannot be right."""
    voted = dict(
        AgendaItem.objects.filter(
            nomination_id__in=[row.pk for row in rows],
            result__in=(AgendaItem.Result.PASSED, AgendaItem.Result.FAILED),
        )
        .values("nomination_id")
        .annotate(voted_on=Max("meeting__held_on"))
        .values_list("nomination_id", "voted_on")
    )
    return [
        _("%(nominee)s: ngày ký %(signed)s trước ngày Hội đồng biểu quyết %(voted)s.")
        % {
            "nominee": row.nominee,
            "signed": f"{issued_on:%d/%m/%Y}",
            "voted": f"{voted[row.pk]:%d/%m/%Y}",
        }
        for row in rows
        if row.pk in voted and issued_on < voted[row.pk]
    ]


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
    reason = required_text(reason, _("Cần ghi lý do không khen thưởng."))
    return perform(nomination=nomination, actor=actor, action="reject", reason=reason)


@performs("forward")
def nomination_forward(*, nomination: Nomination, actor: User) -> Nomination:
    """Send an award beyond this authority to the level above (on today's map)."""
    today = clock.today()
    with transaction.atomic():
        row = lock_one(actor, nomination, action="forward")
        check_action(actor, "forward", row)
        authority = row.current_authority
        try:
            rule = decision_rule_for(row, today)
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
        apply_one(
            row,
            actor=actor,
            action="forward",
            reason=f"Trình {parent}",
            payload={"to_authority": parent.pk, "in_system": parent.runs_system},
            flow_kwargs={"parent": parent},
        )
    sync_caller(nomination, row)
    return row


@performs("revoke")
def nomination_revoke(
    *,
    nomination: Nomination,
    actor: User,
    reason_code: str,
    reason: str,
    decision_number: str,
    decided_on: datetime.date | None,
) -> Nomination:
    """Revoke an award by a revocation decision (Luật TĐKT 2022 Đ93): its ground, what was
    found, and the decision's number and date are all required; nothing changes otherwise."""
    if reason_code not in RevocationReason.values:
        raise InvalidInput(_("Lý do hủy phải là một căn cứ của Điều 93 Luật Thi đua, khen thưởng."))
    reason = required_text(reason, _("Cần ghi nội dung sai phạm hoặc kết luận dẫn đến việc hủy."))
    decision_number = required_text(decision_number, _("Cần số quyết định hủy."))
    if decided_on is None:
        raise InvalidInput(_("Cần ngày ký quyết định hủy."))
    if decided_on > clock.today():
        raise InvalidInput(_("Ngày ký quyết định hủy không được sau hôm nay."))
    awarded = (
        DecisionLine.objects.filter(nomination=nomination)
        .values_list("decision__issued_on", flat=True)
        .first()
    )
    if awarded and decided_on < awarded:
        raise InvalidInput(
            _("Quyết định hủy không thể ký trước quyết định khen thưởng (%(day)s).")
            % {"day": f"{awarded:%d/%m/%Y}"}
        )
    note = (
        f"{RevocationReason(reason_code).label}. {reason} "
        f"(Quyết định hủy số {decision_number} ngày {decided_on:%d/%m/%Y})"
    )
    with transaction.atomic():
        row = perform(
            nomination=nomination,
            actor=actor,
            action="revoke",
            reason=note,
            payload={
                "reason_code": reason_code,
                "decision": decision_number,
                "decided_on": decided_on.isoformat(),
            },
        )
        # The award stays in the ledger, shown as revoked on the revocation's date.
        ledger_revoke(row, day=decided_on, note=note)
    return row
