"""Reads of the organisation (the hierarchy of authorities, a user's roles) and of the councils'
meetings, scoped to who may see them; a fixed number of queries each."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from accounts.models import User
from core import clock
from councils.models import (
    AgendaItem,
    Attendance,
    Authority,
    Ballot,
    Comment,
    Council,
    CouncilMember,
    Meeting,
    Membership,
    Succession,
    Unit,
)
from councils.permissions import may_plan_meeting, may_run_meeting, roster_seat
from councils.roles import audited_authorities, role_book


def authorities_below(authority_ids: set[int]) -> set[int]:
    """The authorities and every level under them: one query per level (three at most)."""
    found, frontier = set(authority_ids), set(authority_ids)
    while frontier:
        frontier = (
            set(Authority.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            - found
        )
        found |= frontier
    return found


def authorities_read_by_auditors(authority_ids: set[int]) -> set[int]:
    """The authorities, every level under them, and those they succeeded (with theirs): one
    query per step, so no more than `authorities_below` where nothing was succeeded."""
    found, frontier = set(authority_ids), set(authority_ids)
    while frontier:
        step = Authority.objects.filter(
            Q(parent_id__in=frontier) | Q(successions__successor_id__in=frontier)
        )
        frontier = set(step.values_list("pk", flat=True)) - found
        found |= frontier
    return found


def auditor_scope(user: User) -> set[int] | None:
    """The authorities an auditor reads (theirs, those they succeeded, and below); None means
    all (a superuser)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return set()
    if user.is_superuser:
        return None
    audited = audited_authorities(user)
    return authorities_read_by_auditors(audited) if audited else set()


def may_audit(user: User) -> bool:
    scope = auditor_scope(user)
    return scope is None or bool(scope)


def user_roles_on(user: User, day: datetime.date | None = None) -> QuerySet[Membership]:
    """The memberships a user holds on a day, with their authority and unit."""
    day = day or clock.today()
    return (
        Membership.objects.active_on(day)
        .filter(user=user)
        .select_related("authority", "unit")
        .order_by("authority__level", "role")
    )


def may_view_meeting(user: User, meeting: Meeting) -> bool:
    """The council on that date, its standing office and chairman, auditors at or above."""
    if user is None or not user.is_authenticated:
        return False
    if user.is_superuser or may_run_meeting(user, meeting):
        return True
    audited = audited_authorities(user)
    if audited and meeting.council.authority_id in authorities_below(audited):
        return True
    return roster_seat(user, meeting) is not None


@dataclass
class MeetingPage:
    meeting: Meeting
    items: list[AgendaItem]
    voted_items: set[int]  # the items this user has a ballot on
    roster: int
    present: int
    may_run: bool
    may_plan: bool  # the agenda: add and defer items
    may_vote: bool


def meeting_page(*, meeting_id: int, user: User) -> MeetingPage:
    meeting = (
        Meeting.objects.select_related("council__authority", "chair", "secretary")
        .annotate(
            roster=Count("attendance", distinct=True),
            present_count=Count("attendance", filter=Q(attendance__present=True), distinct=True),
        )
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None or not may_view_meeting(user, meeting):
        raise Http404("Không tìm thấy phiên họp.")
    items = list(
        meeting.items.select_related(
            "nomination__award_type",
            "nomination__proposing_unit",
            "nomination__person",
            "nomination__household",
            "nomination__collective",
        )
        # Who has voted, never how: a count of ballots per item.
        .annotate(voted=Count("ballots"))
        .prefetch_related(
            Prefetch("comments", queryset=Comment.objects.select_related("author", "corrects"))
        )
        .order_by("position")
    )
    seat = roster_seat(user, meeting)
    voted = (
        set(
            Ballot.objects.filter(item__meeting=meeting, member=seat).values_list(
                "item_id", flat=True
            )
        )
        if seat
        else set()
    )
    is_open = meeting.state == Meeting.State.OPEN
    return MeetingPage(
        meeting=meeting,
        items=items,
        voted_items=voted,
        roster=meeting.roster,
        present=meeting.present_count,
        may_run=may_run_meeting(user, meeting),
        may_plan=may_plan_meeting(user, meeting),
        # An absent member sends a written opinion through the office, not a ballot here.
        may_vote=bool(seat and is_open)
        and Attendance.objects.filter(meeting=meeting, member=seat, present=True).exists(),
    )


def meeting_missing_ballots(meeting: Meeting) -> list[tuple[AgendaItem, list[CouncilMember]]]:
    """For each item still on the agenda, the members present who have not voted on it
    (who, never how): read before a close."""
    present = [
        a.member
        for a in Attendance.objects.filter(meeting=meeting, present=True)
        .select_related("member__user")
        .order_by("member__user__last_name", "member__user__first_name", "member_id")
    ]
    items = list(
        meeting.items.filter(deferred_at__isnull=True)
        .select_related("nomination__award_type", "nomination__person")
        .select_related("nomination__household", "nomination__collective")
        .order_by("position")
    )
    cast = set(Ballot.objects.filter(item__meeting=meeting).values_list("item_id", "member_id"))
    missing = [(item, [m for m in present if (item.pk, m.pk) not in cast]) for item in items]
    return [(item, members) for item, members in missing if members]


def meeting_for_minutes(*, meeting_id: int, user: User) -> Meeting:
    meeting = Meeting.objects.select_related("council__authority").filter(pk=meeting_id).first()
    if meeting is None or meeting.minutes is None or not may_view_meeting(user, meeting):
        raise Http404("Chưa có biên bản của phiên họp này.")
    return meeting


def councils_of(user: User) -> QuerySet[Council]:
    """The councils whose meetings this user runs, sits on or audits (a unit head, as such,
    does none of these)."""
    book = role_book(user)
    authorities = {
        a for a, roles in book.by_authority.items() if roles - {Membership.Role.UNIT_HEAD}
    }
    seats = CouncilMember.objects.filter(user=user).values("council_id")
    return (
        Council.objects.filter(Q(authority__in=authorities) | Q(pk__in=seats))
        .select_related("authority")
        .order_by("authority__name")
    )


def works_on_councils(user: User) -> bool:
    """Whether the councils page has anything for this user: a role beyond heading a unit
    (read from the role book already loaded), else a seat on a council (one query)."""
    book = role_book(user)
    if any(roles - {Membership.Role.UNIT_HEAD} for roles in book.by_authority.values()):
        return True
    return CouncilMember.objects.filter(user=user).exists()


def authorities_worked_in(user: User) -> set[int]:
    """The authorities a user holds a role in, or whose units they head."""
    book = role_book(user)
    return set(book.by_authority) | set(
        Unit.objects.filter(pk__in=book.units).values_list("authority_id", flat=True)
    )


@dataclass(frozen=True)
class AuthorityPage:
    authority: Authority
    superior: Authority | None  # on today's map
    predecessors: list[Succession]
    successors: list[Succession]
    units: list[Unit]


def authority_page(*, authority_id: int, user: User) -> AuthorityPage:
    """An authority the user works in, is below theirs or was succeeded by theirs (404
    otherwise), with what it came from and what it became: a fixed number of queries."""
    reach = None if user.is_superuser else authorities_read_by_auditors(authorities_worked_in(user))
    if reach is not None and authority_id not in reach:
        raise Http404("Không tìm thấy cơ quan, địa phương.")
    authority = Authority.objects.filter(pk=authority_id).select_related("parent").first()
    if authority is None:
        raise Http404("Không tìm thấy cơ quan, địa phương.")
    return AuthorityPage(
        authority=authority,
        superior=authority.superior_on(clock.today()),
        predecessors=list(
            authority.successions_received.select_related("predecessor__parent").order_by(
                "predecessor__name"
            )
        ),
        successors=list(authority.successions.select_related("successor__parent")),
        units=list(authority.units.order_by("kind", "name")),
    )


def council_page(*, council_id: int, user: User) -> tuple[Council, list[Meeting]]:
    council = councils_of(user).filter(pk=council_id).first()
    if council is None:
        raise Http404("Không tìm thấy hội đồng.")
    return council, list(council.meetings.order_by("-held_on", "-id")[:50])


def _rank(member: CouncilMember) -> tuple[bool, bool, int]:
    """Who presides first: the chair, a vice-chair, then members in roster order."""
    P = CouncilMember.Position
    return (member.position != P.CHAIR, member.position != P.VICE_CHAIR, member.pk)


def default_chair(meeting: Meeting, present: list[CouncilMember]) -> int | None:
    """The chair a meeting opens with unless the office names another (a user id)."""
    if meeting.chair_id in {m.user_id for m in present}:
        return meeting.chair_id
    return min(present, key=_rank).user_id if present else None


@dataclass
class MeetingsOfMember:
    """A council member's meetings to come or under way, and the items awaiting their vote."""

    meetings: list[Meeting]
    awaiting: list[AgendaItem]


def meetings_of_member(user: User, today: datetime.date) -> MeetingsOfMember:
    """Two queries: the open and planned meetings of the councils the user sits on, and the
    items of open meetings they attend and have not voted on yet."""
    seats = CouncilMember.objects.filter(user=user).values("council_id")
    meetings = list(
        Meeting.objects.filter(council_id__in=seats)
        .filter(Q(state=Meeting.State.OPEN) | Q(state=Meeting.State.PLANNED, held_on__gte=today))
        .select_related("council")
        .order_by("-state", "held_on", "pk")[:20]  # "open" sorts before "planned"
    )
    open_ids = [m.pk for m in meetings if m.state == Meeting.State.OPEN]
    present = Attendance.objects.filter(
        meeting_id__in=open_ids, member__user=user, present=True
    ).values("meeting_id")
    voted = Ballot.objects.filter(member__user=user).values("item_id")
    awaiting = list(
        AgendaItem.objects.filter(meeting_id__in=present, deferred_at__isnull=True)
        .exclude(pk__in=voted)
        .select_related(
            "meeting",
            "nomination__award_type",
            "nomination__person",
            "nomination__household",
            "nomination__collective",
        )
        .order_by("meeting_id", "position")
    )
    return MeetingsOfMember(meetings, awaiting)
