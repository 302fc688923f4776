"""A council meeting from plan to minutes (design.md §5).

Every write locks the meeting row first, so ballots, agenda changes and the close are
serialised per meeting: a ballot either lands before the close and is counted, or finds the
meeting closed and is refused.
"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.models import User
from audit.services import audit_event_record
from core.errors import InvalidInput, NotPermitted, WrongState
from councils.models import (
    AgendaItem,
    Attendance,
    Ballot,
    Comment,
    Council,
    CouncilMember,
    Meeting,
    SecretTally,
)
from councils.permissions import may_comment, may_plan_meeting, may_run_meeting, roster_seat
from nominations.models import AwardType, Nomination, Person
from workflow import services as workflow
from workflow.permissions import is_standing_office

M = Meeting.State
# What the close writes on each agenda item.
_COUNTED_FIELDS = [
    "yes_count",
    "no_count",
    "abstain_count",
    "base",
    "threshold_percent",
    "tie_note",
    "result",
]
TIE_HINT = (
    "Hòa phiếu: Chủ tịch Hội đồng xem xét, quyết định. Gợi ý (NĐ 152/2025 Đ4): khi bằng nhau, "
    "ưu tiên cá nhân nữ hoặc tập thể có từ 70% nữ trở lên."
)


def _lock_meeting(meeting_id: int) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("council__authority")
        .get(pk=meeting_id)
    )


def _require_state(meeting: Meeting, *states: str) -> None:
    if meeting.state not in states:
        messages = {
            M.PLANNED: _("Phiên họp chưa khai mạc."),
            M.OPEN: _("Phiên họp đang diễn ra."),
            M.CLOSED: _("Phiên họp đã kết thúc."),
        }
        raise WrongState(messages[meeting.state])


def _save(obj, actor: User | None) -> None:
    obj._history_user = actor
    obj.save()


def meeting_plan(
    *,
    council: Council,
    actor: User,
    held_on: datetime.date,
    place: str,
    reviews_awards: bool = True,
    chair: User | None = None,
    secretary: User | None = None,
) -> Meeting:
    if not is_standing_office(actor, council.authority):
        raise NotPermitted(_("Chỉ thường trực Hội đồng lập kế hoạch phiên họp."))
    if not place.strip():
        raise InvalidInput(_("Cần ghi địa điểm họp."))
    with transaction.atomic():
        meeting = Meeting(
            council=council,
            held_on=held_on,
            place=place.strip(),
            reviews_awards=reviews_awards,
            chair=chair,
            secretary=secretary,
            created_by=actor,
        )
        _save(meeting, actor)
        audit_event_record(
            actor=actor,
            action="meeting.plan",
            target=meeting,
            authority=council.authority,
            payload={"held_on": held_on.isoformat(), "place": meeting.place},
        )
    return meeting


def meeting_add_item(*, meeting: Meeting, nomination: Nomination, actor: User) -> AgendaItem:
    """Put an appraised nomination on the agenda: this is the `schedule` transition."""
    with transaction.atomic():
        meeting = _lock_meeting(meeting.pk)
        if not may_plan_meeting(actor, meeting):
            raise NotPermitted(_("Chỉ thường trực Hội đồng lập chương trình họp."))
        _require_state(meeting, M.PLANNED)
        if nomination.current_authority_id != meeting.council.authority_id:
            raise InvalidInput(_("Hồ sơ không thuộc thẩm quyền xét của Hội đồng này."))
        workflow.nomination_schedule(nomination=nomination, actor=actor, meeting_id=meeting.pk)
        top = meeting.items.aggregate(top=Max("position"))["top"] or 0
        item = AgendaItem(
            meeting=meeting,
            nomination=nomination,
            position=top + 1,
            secret=nomination.award_type.secret_ballot,
        )
        _save(item, actor)
        if item.secret:
            SecretTally.objects.create(item=item)
    return item


def meeting_defer_item(*, item: AgendaItem, actor: User, reason: str = "") -> AgendaItem:
    """Take a nomination off the agenda before the close: the `defer` transition."""
    with transaction.atomic():
        meeting = _lock_meeting(item.meeting_id)
        _require_state(meeting, M.PLANNED, M.OPEN)
        item = AgendaItem.objects.select_related("nomination").get(pk=item.pk)
        if item.deferred_at is not None:
            raise WrongState(_("Nội dung này đã được rút khỏi chương trình."))
        workflow.nomination_defer(nomination=item.nomination, actor=actor, reason=reason)
        item.deferred_at = timezone.now()
        _save(item, actor)
    return item


def quorum_required(meeting: Meeting, roster_size: int) -> int:
    """Members who must be present: the council's fraction (default 2/3) of the roster, or
    its award-review percentage when higher and the meeting reviews awards."""
    council = meeting.council
    needed = -(-council.quorum_numerator * roster_size // council.quorum_denominator)
    if meeting.reviews_awards and council.award_review_quorum_percent:
        needed = max(needed, -(-council.award_review_quorum_percent * roster_size // 100))
    return needed


def meeting_open(*, meeting: Meeting, actor: User, present_member_ids: list[int]) -> Meeting:
    """Take attendance of the roster on the meeting date; open only with a quorum."""
    with transaction.atomic():
        meeting = _lock_meeting(meeting.pk)
        if not may_run_meeting(actor, meeting):
            raise NotPermitted(_("Chỉ thường trực Hội đồng hoặc Chủ tịch khai mạc phiên họp."))
        _require_state(meeting, M.PLANNED)
        roster = list(
            CouncilMember.objects.serving_on(meeting.held_on).filter(council=meeting.council)
        )
        roster_ids = {member.pk for member in roster}
        present = set(present_member_ids)
        if not present <= roster_ids:
            raise InvalidInput(
                _("Có người không thuộc danh sách thành viên Hội đồng vào ngày họp.")
            )
        needed = quorum_required(meeting, len(roster))
        if len(present) < needed:
            raise InvalidInput(
                _(
                    "Chưa đủ số thành viên dự họp: có mặt %(present)d/%(roster)d, "
                    "cần ít nhất %(needed)d."
                )
                % {"present": len(present), "roster": len(roster), "needed": needed}
            )
        bulk_create_with_history(
            [Attendance(meeting=meeting, member=m, present=m.pk in present) for m in roster],
            Attendance,
            default_user=actor,
            default_change_reason="Điểm danh khai mạc phiên họp",
        )
        meeting.state = M.OPEN
        meeting.opened_at = timezone.now()
        _save(meeting, actor)
        audit_event_record(
            actor=actor,
            action="meeting.open",
            target=meeting,
            authority=meeting.council.authority,
            from_state=M.PLANNED,
            to_state=M.OPEN,
            payload={"present": sorted(present), "roster": len(roster), "quorum": needed},
        )
    return meeting


def _record_ballot(
    *,
    item: AgendaItem,
    member: CouncilMember,
    choice: str,
    actor: User,
    scan: File | None = None,
) -> Ballot:
    """The shared end of a ballot: one row per member and item; the choice kept apart if secret."""
    if choice not in Ballot.Choice.values:
        raise InvalidInput(_("Lựa chọn phải là đồng ý, không đồng ý hoặc không biểu quyết."))
    ballot = Ballot(
        item=item,
        member=member,
        choice="" if item.secret else choice,
        written_opinion=scan is not None,
        recorded_by=actor,
    )
    if scan is not None:
        ballot.opinion_scan.save(scan.name, scan, save=False)
    try:
        with transaction.atomic():
            _save(ballot, actor)
    except IntegrityError as error:
        raise InvalidInput(_("Thành viên này đã có phiếu cho nội dung này.")) from error
    if item.secret:
        # A counter, not a row: nothing stored says which member chose what, or in what order.
        SecretTally.objects.filter(item=item).update(**{choice: F(choice) + 1})
    payload: dict[str, Any] = {"item": item.pk, "member": member.pk, "written": scan is not None}
    if not item.secret:
        payload["choice"] = choice
    audit_event_record(
        actor=actor,
        action="ballot.cast",
        target=item,
        authority=item.meeting.council.authority,
        payload=payload,
    )
    return ballot


def _open_item(meeting: Meeting, item_id: int) -> AgendaItem:
    item = AgendaItem.objects.select_related("nomination").get(pk=item_id)
    if item.meeting_id != meeting.pk:
        raise InvalidInput(_("Nội dung không thuộc phiên họp này."))
    if item.deferred_at is not None:
        raise WrongState(_("Nội dung này đã được rút khỏi chương trình."))
    item.meeting = meeting
    return item


def ballot_cast(*, item: AgendaItem, actor: User, choice: str) -> Ballot:
    """A present member votes on one item."""
    with transaction.atomic():
        meeting = _lock_meeting(item.meeting_id)
        _require_state(meeting, M.OPEN)
        seat = roster_seat(actor, meeting)
        if seat is None:
            raise NotPermitted(_("Bạn không có trong danh sách thành viên Hội đồng vào ngày họp."))
        if not Attendance.objects.filter(meeting=meeting, member=seat, present=True).exists():
            raise NotPermitted(_("Thành viên vắng mặt gửi ý kiến bằng văn bản qua thường trực."))
        return _record_ballot(
            item=_open_item(meeting, item.pk), member=seat, choice=choice, actor=actor
        )


def ballot_record_written_opinion(
    *, item: AgendaItem, actor: User, member: CouncilMember, choice: str, scan: File
) -> Ballot:
    """The standing office enters an absent member's written opinion, with its scan."""
    with transaction.atomic():
        meeting = _lock_meeting(item.meeting_id)
        if not may_plan_meeting(actor, meeting):
            raise NotPermitted(_("Chỉ thường trực Hội đồng ghi nhận ý kiến bằng văn bản."))
        _require_state(meeting, M.OPEN)
        absent = Attendance.objects.filter(meeting=meeting, member=member, present=False)
        if not absent.exists():
            raise InvalidInput(_("Chỉ ghi nhận ý kiến bằng văn bản của thành viên vắng mặt."))
        if not scan:
            raise InvalidInput(_("Cần đính kèm bản chụp ý kiến bằng văn bản."))
        return _record_ballot(
            item=_open_item(meeting, item.pk), member=member, choice=choice, actor=actor, scan=scan
        )


def comment_post(
    *, item: AgendaItem, actor: User, body: str, corrects: Comment | None = None
) -> Comment:
    body = (body or "").strip()
    if not body:
        raise InvalidInput(_("Ý kiến không được để trống."))
    with transaction.atomic():
        meeting = _lock_meeting(item.meeting_id)
        if not may_comment(actor, meeting):
            raise NotPermitted(_("Chỉ thành viên và thường trực Hội đồng được góp ý."))
        _require_state(meeting, M.PLANNED, M.OPEN)
        if corrects is not None and corrects.item_id != item.pk:
            raise InvalidInput(_("Ý kiến được đính chính thuộc nội dung khác."))
        comment = Comment(item_id=item.pk, author=actor, body=body, corrects=corrects)
        _save(comment, actor)
        audit_event_record(
            actor=actor,
            action="comment.post",
            target=comment,
            authority=meeting.council.authority,
            payload={"item": item.pk, "corrects": corrects.pk if corrects else None},
        )
    return comment


def _passes(yes: int, base: int, award_type: AwardType) -> bool:
    threshold = award_type.vote_threshold_percent or 50
    if base == 0:
        return False
    if award_type.vote_threshold_inclusive:
        return yes * 100 >= threshold * base
    return yes * 100 > threshold * base


def _tie_note(item: AgendaItem, yes: int, no: int) -> str:
    if yes != no:
        return ""
    nomination = item.nomination
    if nomination.person_id:
        detail = "Đối tượng là nữ." if nomination.person.gender == Person.Gender.FEMALE else ""
    elif nomination.collective_id:
        members = Person.objects.filter(unit_id=nomination.collective_id)
        total, women = members.count(), members.filter(gender=Person.Gender.FEMALE).count()
        detail = f"Tập thể có {women}/{total} nữ." if total else ""
    else:
        detail = ""
    return f"{TIE_HINT} {detail}".strip()


def meeting_close(*, meeting: Meeting, actor: User) -> Meeting:
    """Count every item over its base, move each nomination on, and write the minutes."""
    with transaction.atomic():
        meeting = _lock_meeting(meeting.pk)
        if not may_run_meeting(actor, meeting):
            raise NotPermitted(_("Chỉ thường trực Hội đồng hoặc Chủ tịch kết thúc phiên họp."))
        _require_state(meeting, M.OPEN)
        attendance = list(meeting.attendance.select_related("member__user"))
        roster, present = len(attendance), sum(a.present for a in attendance)
        items = list(
            meeting.items.filter(deferred_at__isnull=True)
            .select_related("nomination__award_type", "nomination__person", "secret_tally")
            .order_by("position")
        )
        open_counts = Counter(
            Ballot.objects.filter(item__meeting=meeting, item__secret=False).values_list(
                "item_id", "choice"
            )
        )
        written = Counter(
            Ballot.objects.filter(item__meeting=meeting, written_opinion=True).values_list(
                "item_id", flat=True
            )
        )
        votes = []
        for item in items:
            award_type = item.nomination.award_type
            if item.secret:
                tally = item.secret_tally
                yes, no, abstain = tally.yes, tally.no, tally.abstain
            else:
                yes, no, abstain = (open_counts[(item.pk, c)] for c in ("yes", "no", "abstain"))
            # Over all members on the roster that day, or over those who took part.
            all_members = award_type.vote_base == AwardType.VoteBase.ALL_MEMBERS
            base = roster if all_members else present + written[item.pk]
            item.yes_count, item.no_count, item.abstain_count = yes, no, abstain
            item.base, item.threshold_percent = base, award_type.vote_threshold_percent or 50
            item.tie_note = _tie_note(item, yes, no)
            tally_text = {"yes": yes, "no": no, "abstain": abstain, "base": base}
            if item.nomination.state != Nomination.State.IN_COUNCIL:
                item.result = AgendaItem.Result.NOT_VOTED  # held since it was scheduled
            else:
                passed = _passes(yes, base, award_type)
                item.result = AgendaItem.Result.PASSED if passed else AgendaItem.Result.FAILED
                votes.append((item.nomination, passed, tally_text))
        # Every item at once: a fixed number of queries for an agenda of any length.
        workflow.nominations_council_result(votes=votes, actor=actor)
        bulk_update_with_history(items, AgendaItem, _COUNTED_FIELDS, default_user=actor)
        meeting.state = M.CLOSED
        meeting.closed_at = timezone.now()
        meeting.minutes = _minutes(meeting, attendance, items)
        _save(meeting, actor)
        audit_event_record(
            actor=actor,
            action="meeting.close",
            target=meeting,
            authority=meeting.council.authority,
            from_state=M.OPEN,
            to_state=M.CLOSED,
            payload={"items": len(items), "present": present, "roster": roster},
        )
    return meeting


def _minutes(meeting: Meeting, attendance: list[Attendance], items: list[AgendaItem]) -> dict:
    """The biên bản as data: who, when, where, and each item's count over its base. It is an
    official Vietnamese record: its labels are Vietnamese whatever language closed it."""
    with translation.override("vi"):
        return _minutes_in_vietnamese(meeting, attendance, items)


def _minutes_in_vietnamese(
    meeting: Meeting, attendance: list[Attendance], items: list[AgendaItem]
) -> dict:
    comments: dict[int, list[str]] = {}
    for comment in Comment.objects.filter(item__meeting=meeting).select_related("author"):
        line = f"{comment.author.get_full_name()}: {comment.body[:300]}"
        comments.setdefault(comment.item_id, []).append(line)

    def person(user: User | None) -> str:
        return user.get_full_name() if user else ""

    return {
        "council": meeting.council.name,
        "held_on": meeting.held_on.isoformat(),
        "place": meeting.place,
        "opened_at": meeting.opened_at.isoformat() if meeting.opened_at else None,
        "closed_at": meeting.closed_at.isoformat(),
        "chair": person(meeting.chair),
        "secretary": person(meeting.secretary),
        "present": [a.member.user.get_full_name() for a in attendance if a.present],
        "absent": [a.member.user.get_full_name() for a in attendance if not a.present],
        "items": [
            {
                "position": item.position,
                "nomination": item.nomination_id,
                "title": str(item.nomination),
                "award": item.nomination.award_type.name,
                "secret": item.secret,
                "yes": item.yes_count,
                "no": item.no_count,
                "abstain": item.abstain_count,
                "base": item.base,
                "base_kind": item.nomination.award_type.get_vote_base_display(),
                "threshold_percent": item.threshold_percent,
                "inclusive": item.nomination.award_type.vote_threshold_inclusive,
                "result": item.get_result_display(),
                "passed": item.result == AgendaItem.Result.PASSED,
                "tie_note": item.tie_note,
                "comments": comments.get(item.pk, []),
            }
            for item in items
        ],
    }
