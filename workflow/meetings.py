"""The council's meeting as a step of the lifecycle: what puts a nomination on an agenda,
takes it off, and moves every item on when the meeting closes.

The meeting's own tables and rules (planning, attendance, quorum, ballots, comments) belong
to `councils`, below this layer; these three services are here because each one runs a
lifecycle transition through `workflow_services.services` (`schedule`, `defer`, `council_result`).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from audit.services import save_and_record, save_with_history
from core.errors import InvalidInput, NotFound, NotPermitted, WrongState
from core.history import create_with_history, update_rows_with_history
from councils.models import AgendaItem, Attendance, Ballot, Comment, Meeting, SecretTally
from councils.permissions import may_plan_meeting, may_run_meeting
from councils.selectors import may_view_meeting
from councils.services.meetings import (
    meeting_lock,
    meeting_lock_for_agenda,
    meeting_require_state,
)
from nominations.models import AwardType, Nomination, Person
from workflow import services as workflow_services
from workflow.actions import performs
from workflow.services.transitions import check_action

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


def schedulable(meeting: Meeting) -> QuerySet[Nomination]:
    """Appraised nominations of the council's authority, ready for the agenda."""
    return (
        Nomination.objects.filter(
            current_authority_id=meeting.council.authority_id, state=Nomination.State.APPRAISED
        )
        .select_related("award_type", "person", "household", "collective", "proposing_unit")
        .order_by("pk")
    )


def meeting_add_item(*, meeting: Meeting, nomination: Nomination, actor: User) -> AgendaItem:
    """Put an appraised nomination on the agenda: this is the `schedule` transition."""
    with transaction.atomic():
        meeting, last_position = meeting_lock_for_agenda(meeting.pk)
        if not may_plan_meeting(actor, meeting):
            raise NotPermitted(_("Chỉ thường trực Hội đồng lập chương trình họp."))
        meeting_require_state(meeting, M.PLANNED)
        if nomination.current_authority_id != meeting.council.authority_id:
            raise InvalidInput(_("Hồ sơ không thuộc thẩm quyền xét của Hội đồng này."))
        # This transaction is the unit: a refusal below undoes it all, so no savepoint.
        locked = workflow_services.nomination_schedule(
            nomination=nomination, actor=actor, meeting_id=meeting.pk, savepoint=False
        )
        item = AgendaItem(
            meeting=meeting,
            nomination=nomination,
            position=last_position + 1,
            secret=locked.award_type.secret_ballot,  # read with the lock
        )
        create_with_history(item, actor=actor)
        if item.secret:
            SecretTally.objects.create(item=item)
    return item


def meeting_defer_item(*, item: AgendaItem, actor: User, reason: str = "") -> AgendaItem:
    """Take a nomination off the agenda before the close: the `defer` transition."""
    with transaction.atomic():
        meeting = meeting_lock(item.meeting_id)
        meeting_require_state(meeting, M.PLANNED, M.OPEN)
        item = AgendaItem.objects.select_related("nomination").get(pk=item.pk)
        if item.deferred_at is not None:
            raise WrongState(_("Nội dung này đã được rút khỏi chương trình."))
        workflow_services.nomination_defer(nomination=item.nomination, actor=actor, reason=reason)
        item.deferred_at = timezone.now()
        save_with_history(item, actor)
    return item


@performs("schedule")
def nomination_schedule_on(
    *, nomination: Nomination, actor: User, meeting: int | None
) -> AgendaItem:
    """The `schedule` action as the API names it: a nomination and the meeting's id."""
    check_action(actor, "schedule", nomination)  # who may schedule at all, before any meeting
    found = (
        Meeting.objects.select_related("council__authority").filter(pk=meeting).first()
        if meeting
        else None
    )
    # Another commune's meeting is not found either: its existence is not the caller's to learn.
    if found is None or not may_view_meeting(actor, found):
        raise NotFound(_("Không tìm thấy phiên họp."))
    return meeting_add_item(meeting=found, nomination=nomination, actor=actor)


@performs("defer")
def nomination_defer_from_agenda(
    *, nomination: Nomination, actor: User, reason: str = ""
) -> AgendaItem:
    """The `defer` action as the API names it: off whichever agenda the nomination is on."""
    item = AgendaItem.objects.filter(nomination=nomination, deferred_at__isnull=True).last()
    if item is None:
        raise WrongState(_("Hồ sơ không có trong chương trình họp nào."))
    return meeting_defer_item(item=item, actor=actor, reason=reason)


@dataclass(frozen=True)
class VoteRule:
    """What an item needs to pass, told to members before they vote."""

    percent: int
    inclusive: bool
    base_label: str
    base: int
    needed: int

    def __str__(self) -> str:
        sign = "≥" if self.inclusive else ">"
        return _(
            "Đạt khi phiếu đồng ý %(sign)s %(percent)d%% %(base_label)s (%(base)d): "
            "cần ít nhất %(needed)d phiếu đồng ý."
        ) % {
            "sign": sign,
            "percent": self.percent,
            "base_label": self.base_label.lower(),
            "base": self.base,
            "needed": self.needed,
        }


def vote_rule(award_type: AwardType, *, roster: int, present: int) -> VoteRule:
    """The threshold and base of an award's vote at a meeting of this attendance (written
    opinions of absent members, counted at the close, add to a present base)."""
    all_members = award_type.vote_base == AwardType.VoteBase.ALL_MEMBERS
    base = roster if all_members else present
    percent = award_type.vote_threshold_percent or 50
    needed = next((yes for yes in range(base + 1) if _passes(yes, base, award_type)), base + 1)
    return VoteRule(
        percent,
        award_type.vote_threshold_inclusive,
        str(AwardType.VoteBase(award_type.vote_base).label),
        base,
        needed,
    )


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
        meeting = meeting_lock(meeting.pk)
        if not may_run_meeting(actor, meeting):
            raise NotPermitted(_("Chỉ thường trực Hội đồng hoặc Chủ tịch kết thúc phiên họp."))
        meeting_require_state(meeting, M.OPEN)
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
        workflow_services.nominations_council_result(votes=votes, actor=actor)
        update_rows_with_history(items, _COUNTED_FIELDS, actor=actor)
        meeting.state = M.CLOSED
        meeting.closed_at = timezone.now()
        meeting.minutes = _minutes(meeting, attendance, items)
        save_and_record(
            meeting,
            actor=actor,
            action="meeting.close",
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
