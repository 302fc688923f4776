"""A council meeting from plan to minutes (design.md §5).

Every write locks the meeting row first, so ballots, agenda changes and the close are
serialised per meeting: a ballot either lands before the close and is counted, or finds the
meeting closed and is refused.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from contextlib import nullcontext
from typing import Any, NamedTuple

from django.conf import settings
from django.core.files import File
from django.db import IntegrityError, connection, transaction
from django.db.models import F, OuterRef, Subquery
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from accounts.models import User
from audit.models import AuditEvent
from audit.services import (
    STATEMENT_KEYS,
    append_per_row_clause,
    audit_event_new,
    create_and_record,
    numbered,
    save_and_record,
)
from core import clock
from core.errors import InvalidInput, NotPermitted, WrongState
from core.history import created, creation_clauses
from core.prepared import PreparedQuery, plan_kept_cursor
from core.statements import Clause, run_as_one, writes_as_one
from core.text import visible
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
from councils.permissions import may_comment, may_plan_meeting, may_run_meeting
from councils.roles import is_standing_office
from councils.selectors import default_chair

M = Meeting.State


def _meeting_locked(meeting_id: int):
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("council__authority")
        .filter(pk=meeting_id)
    )


def _meeting_locked_for_agenda(meeting_id: int):
    last = AgendaItem.objects.filter(meeting=OuterRef("pk")).order_by("-position")
    return _meeting_locked(meeting_id).annotate(last_position=Subquery(last.values("position")[:1]))


# Compiled once: every agenda change and written opinion locks its meeting (core.prepared).
_read_meeting_locked = PreparedQuery(_meeting_locked)
_read_meeting_locked_for_agenda = PreparedQuery(_meeting_locked_for_agenda)


def _one_meeting(found: list[Meeting]) -> Meeting:
    if not found:
        raise Meeting.DoesNotExist("Meeting matching query does not exist.")
    return found[0]


def meeting_lock(meeting_id: int) -> Meeting:
    return _one_meeting(_read_meeting_locked(meeting_id=meeting_id))


def meeting_lock_for_agenda(meeting_id: int) -> tuple[Meeting, int]:
    """The meeting locked, with the last position on its agenda (0 when empty), in one
    statement: the next item goes after it, and the lock keeps two planners apart."""
    meeting = _one_meeting(_read_meeting_locked_for_agenda(meeting_id=meeting_id))
    return meeting, meeting.last_position or 0


def meeting_require_state(meeting: Meeting, *states: str) -> None:
    if meeting.state not in states:
        messages = {
            M.PLANNED: _("Phiên họp chưa khai mạc."),
            M.OPEN: _("Phiên họp đang diễn ra."),
            M.CLOSED: _("Phiên họp đã kết thúc."),
        }
        raise WrongState(messages[meeting.state])


def _check_plan_date(held_on: datetime.date) -> None:
    """A meeting is planned ahead, or recorded shortly after it was held; a date outside that
    window (0001-01-01, 9999-12-31) is a typing error. [U] windows: MEETING_PLAN_DAYS_*."""
    today = clock.today()
    first = today - datetime.timedelta(days=settings.MEETING_PLAN_DAYS_BACK)
    last = today + datetime.timedelta(days=settings.MEETING_PLAN_DAYS_AHEAD)
    if not first <= held_on <= last:
        raise InvalidInput(
            _("Ngày họp phải từ %(first)s đến %(last)s.")
            % {"first": f"{first:%d/%m/%Y}", "last": f"{last:%d/%m/%Y}"}
        )


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
    place = visible(place)
    if not place:
        raise InvalidInput(_("Cần ghi địa điểm họp."))
    _check_plan_date(held_on)
    with transaction.atomic():
        meeting = Meeting(
            council=council,
            held_on=held_on,
            place=place,
            reviews_awards=reviews_awards,
            chair=chair,
            secretary=secretary,
            created_by=actor,
        )
        save_and_record(
            meeting,
            actor=actor,
            action="meeting.plan",
            authority=council.authority,
            payload={"held_on": held_on.isoformat(), "place": meeting.place},
        )
    return meeting


def quorum_required(meeting: Meeting, roster_size: int) -> int:
    """Members who must be present: the council's fraction (default 2/3) of the roster, or
    its award-review percentage when higher and the meeting reviews awards."""
    council = meeting.council
    needed = -(-council.quorum_numerator * roster_size // council.quorum_denominator)
    if meeting.reviews_awards and council.award_review_quorum_percent:
        needed = max(needed, -(-council.award_review_quorum_percent * roster_size // 100))
    return needed


def _presiding(
    meeting: Meeting,
    actor: User,
    present: list[CouncilMember],
    chair_id: int | None,
    secretary_id: int | None,
) -> tuple[User, User]:
    """Who chairs and who takes the minutes, named at the opening (the minutes and their
    signing blocks carry them): the chair is a member present, by default the council's
    chair, else a vice-chair, else the first member present; the secretary a member present
    or the office who opens it."""
    users = {m.user_id: m.user for m in present}
    if chair_id is None:
        chair_id = default_chair(meeting, present)
    if chair_id not in users:
        raise InvalidInput(_("Người chủ trì phải là một thành viên Hội đồng có mặt."))
    if secretary_id is None:
        secretary_id = meeting.secretary_id or actor.pk
    secretary = users.get(secretary_id) or (actor if secretary_id == actor.pk else None)
    if secretary is None:
        raise InvalidInput(_("Thư ký phải là một thành viên có mặt hoặc người khai mạc phiên họp."))
    return users[chair_id], secretary


def meeting_open(
    *,
    meeting: Meeting,
    actor: User,
    present_member_ids: list[int],
    chair_id: int | None = None,
    secretary_id: int | None = None,
) -> Meeting:
    """Take attendance of the roster on the meeting date and name who chairs and who takes
    the minutes; open only with a quorum."""
    with transaction.atomic():
        meeting = meeting_lock(meeting.pk)
        if not may_run_meeting(actor, meeting):
            raise NotPermitted(_("Chỉ thường trực Hội đồng hoặc Chủ tịch khai mạc phiên họp."))
        meeting_require_state(meeting, M.PLANNED)
        if clock.today() < meeting.held_on:
            # The minutes would say the planned day: re-plan the meeting to meet earlier.
            raise InvalidInput(
                _("Phiên họp dự kiến ngày %(day)s: chưa đến ngày họp, chưa khai mạc được.")
                % {"day": f"{meeting.held_on:%d/%m/%Y}"}
            )
        roster = list(
            CouncilMember.objects.serving_on(meeting.held_on)
            .filter(council=meeting.council)
            .select_related("user")
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
        meeting.chair, meeting.secretary = _presiding(
            meeting, actor, [m for m in roster if m.pk in present], chair_id, secretary_id
        )
        bulk_create_with_history(
            [Attendance(meeting=meeting, member=m, present=m.pk in present) for m in roster],
            Attendance,
            default_user=actor,
            default_change_reason="Điểm danh khai mạc phiên họp",
        )
        meeting.state = M.OPEN
        meeting.opened_at = timezone.now()
        save_and_record(
            meeting,
            actor=actor,
            action="meeting.open",
            authority=meeting.council.authority,
            from_state=M.PLANNED,
            to_state=M.OPEN,
            payload={
                "present": sorted(present),
                "roster": len(roster),
                "quorum": needed,
                "chair": meeting.chair_id,
                "secretary": meeting.secretary_id,
            },
        )
    return meeting


def _already_voted() -> InvalidInput:
    return InvalidInput(_("Thành viên này đã có phiếu cho nội dung này."))


def _record_ballot(
    *,
    item: AgendaItem,
    authority_id: int,
    member_id: int,
    choice: str,
    actor: User,
    voted: bool,
    scan: File | None = None,
) -> Ballot:
    """The shared end of a ballot: one row per member and item; the choice kept apart if
    secret. The ballot, its history row and the audit event: one statement on PostgreSQL
    (SQLite: three INSERTs and the chain's tail); a secret item adds its counter's UPDATE."""
    _require_new_ballot(choice, voted)
    ballot = Ballot(
        item=item,
        member_id=member_id,
        choice="" if item.secret else choice,
        written_opinion=scan is not None,
        recorded_by=actor,
    )
    if scan is not None:
        ballot.opinion_scan.save(scan.name, scan, save=False)
    payload: dict[str, Any] = {"item": item.pk, "member": member_id, "written": scan is not None}
    if not item.secret:
        payload["choice"] = choice
    create_and_record(
        ballot,
        actor=actor,
        action="ballot.cast",
        target=item,
        authority=authority_id,
        payload=payload,
    )
    if item.secret:
        # A counter, not a row: nothing stored says which member chose what, or in what order.
        SecretTally.objects.filter(item=item).update(**{choice: F(choice) + 1})
    return ballot


def _require_on_agenda(item: AgendaItem) -> None:
    if item.deferred_at is not None:
        raise WrongState(_("Nội dung này đã được rút khỏi chương trình."))


def _open_item(meeting: Meeting, item_id: int) -> AgendaItem:
    item = AgendaItem.objects.get(pk=item_id)
    if item.meeting_id != meeting.pk:
        raise InvalidInput(_("Nội dung không thuộc phiên họp này."))
    _require_on_agenda(item)
    item.meeting = meeting
    return item


# The read every ballot makes, written out: the ORM took four times the database's time to
# compile its three subqueries. Seats count on the meeting date; attendance is taken of that
# roster, so "present" and "voted" look for the voter's seat through its user. Parameters:
# the voter three times, then the item.
_VOTER_SQL = """
SELECT i.id AS item_id, i.secret, i.deferred_at, m.id AS meeting_id, m.state,
    c.authority_id,
    (SELECT s.id FROM councils_councilmember s
     WHERE s.council_id = m.council_id AND s.user_id = %s AND s.served_from <= m.held_on
       AND (s.served_to IS NULL OR s.served_to >= m.held_on)
     ORDER BY s.id LIMIT 1) AS seat_id,
    EXISTS (SELECT 1 FROM councils_attendance a
            JOIN councils_councilmember s ON s.id = a.member_id
            WHERE a.meeting_id = m.id AND s.user_id = %s AND a.present) AS present,
    EXISTS (SELECT 1 FROM councils_ballot b
            JOIN councils_councilmember s ON s.id = b.member_id
            WHERE b.item_id = i.id AND s.user_id = %s) AS voted
FROM councils_agendaitem i
JOIN councils_meeting m ON m.id = i.meeting_id
JOIN councils_council c ON c.id = m.council_id
WHERE i.id = %s
"""


def _voter_params(item_id: int, actor: User) -> list[Any]:
    voter = getattr(actor, "pk", None)
    return [voter, voter, voter, item_id]


class _Voting(NamedTuple):
    """What the voter's read found (its columns, in order)."""

    item_id: int
    secret: bool
    deferred_at: datetime.datetime | None
    meeting_id: int
    state: str
    authority_id: int
    seat_id: int | None
    present: bool
    voted: bool

    @property
    def item(self) -> AgendaItem:
        """The item with its meeting's id and state (built only when asked: a refusal's
        checks and SQLite's writes)."""
        item = AgendaItem(pk=self.item_id, meeting_id=self.meeting_id, secret=bool(self.secret))
        item.deferred_at = self.deferred_at
        item.meeting = Meeting(pk=self.meeting_id, state=self.state)
        return item


def _voting(row: Sequence[Any] | None) -> _Voting:
    if row is None:
        raise AgendaItem.DoesNotExist
    return _Voting(*row)


def _item_for_voter(item_id: int, actor: User) -> _Voting:
    """The item with its meeting locked (serialised with the close, as every meeting write
    is), and what a ballot checks, in one statement: the voter's seat on the meeting date,
    whether they were marked present and whether they have already voted on the item."""
    lock = " FOR UPDATE OF m" if connection.features.has_select_for_update_of else ""
    with plan_kept_cursor(connection) as cursor:
        cursor.execute(_VOTER_SQL + lock, _voter_params(item_id, actor))
        return _voting(cursor.fetchone())


def _require_may_vote(voting: _Voting) -> None:
    """What a member's own ballot checks before `_record_ballot`, in the order reported."""
    item = voting.item
    meeting_require_state(item.meeting, M.OPEN)
    if voting.seat_id is None:
        raise NotPermitted(_("Bạn không có trong danh sách thành viên Hội đồng vào ngày họp."))
    if not voting.present:
        raise NotPermitted(_("Thành viên vắng mặt gửi ý kiến bằng văn bản qua thường trực."))
    _require_on_agenda(item)


# What `_require_may_vote` and `_require_new_ballot` check, as the condition of the ballot's
# INSERT in `_ballot_as_one`; its parameters: the open state, whether the choice is valid.
_MAY_VOTE = (
    "FROM voter WHERE voter.state = %s AND voter.seat_id IS NOT NULL AND voter.present"
    " AND voter.deferred_at IS NULL AND NOT voter.voted AND %s"
)
# The seat and the authority in the ballot's audit event: the read's, inside the statement.
_SEAT, _AUTHORITY = STATEMENT_KEYS[:2]


def _ballot_events(item_id: int, actor: User, choice: str) -> list[tuple[str, AuditEvent]]:
    """The ballot's audit event as `_record_ballot` writes it: a secret item's (no choice),
    else an open one's."""
    payload = {"item": item_id, "member": _SEAT, "written": False}
    return [
        (
            when,
            audit_event_new(
                actor=actor,
                action="ballot.cast",
                object_type=AgendaItem._meta.label_lower,
                object_id=str(item_id),
                authority=_AUTHORITY,
                payload=payload,
            ),
        )
        for when, payload in (("voter.secret", payload), ("", {**payload, "choice": choice}))
    ]


def _tally_clause(choice: str) -> Clause:
    """A secret item's counter of the ballot's choice, if the ballot was made."""
    table = connection.ops.quote_name(SecretTally._meta.db_table)
    return Clause(
        "tallied",
        f"UPDATE {table} SET yes = yes + (%s = 'yes')::int, no = no + (%s = 'no')::int,"
        " abstain = abstain + (%s = 'abstain')::int"
        " WHERE item_id IN (SELECT made.item_id FROM made, voter WHERE voter.secret)",
        [choice, choice, choice],
    )


def _ballot_as_one(item_id: int, actor: User, choice: str) -> tuple[_Voting, Ballot | None]:
    """PostgreSQL: a member's ballot as one statement, its own transaction when none is open:
    the voter's read under the meeting's lock (`voter`); the ballot, made only if every check
    passes (`made`), its history row (`kept`), a secret item's counter (`tallied`) and its
    audit event (`logged`, naming the seat and the authority the read found). Returns what
    the read found, and the ballot, None when a check refused it."""
    ballot = Ballot(
        item_id=item_id,
        member_id=RawSQL("voter.seat_id", ()),
        choice=RawSQL("CASE WHEN voter.secret THEN '' ELSE %s END", (choice,)),
        written_opinion=False,
        recorded_by=actor,
    )
    made, kept = creation_clauses(
        ballot, actor=actor, reason="", connection=connection, rows=_MAY_VOTE
    )
    events = _ballot_events(item_id, actor, choice)
    clauses = [
        Clause("voter", _VOTER_SQL + " FOR UPDATE OF m", _voter_params(item_id, actor)),
        Clause("made", made.sql, [*made.params, M.OPEN, choice in Ballot.Choice.values]),
        kept,
        _tally_clause(choice),
        append_per_row_clause(
            events, "made, voter", {_SEAT: "made.member_id", _AUTHORITY: "voter.authority_id"}
        ),
    ]
    final = (
        "SELECT voter.*, made.id, logged.* FROM voter"
        " LEFT JOIN made ON true LEFT JOIN logged ON true"
    )
    rows = run_as_one(clauses, final, [], connection)
    voting = _voting(rows[0][:9] if rows else None)
    pk, *appended = rows[0][9:]
    if pk is None:
        return voting, None
    ballot.member_id = voting.seat_id
    ballot.choice = "" if voting.secret else choice
    created(ballot, pk, connection)
    event = events[0 if voting.secret else 1][1]
    event.authority_id = voting.authority_id
    event.payload["member"] = voting.seat_id
    numbered([event], [appended])
    return voting, ballot


def _require_new_ballot(choice: str, voted: bool) -> None:
    if choice not in Ballot.Choice.values:
        raise InvalidInput(_("Lựa chọn phải là đồng ý, không đồng ý hoặc không biểu quyết."))
    if voted:
        raise _already_voted()


def ballot_cast(*, item: AgendaItem, actor: User, choice: str) -> Ballot:
    """A present member votes on one item: one statement on PostgreSQL (`_ballot_as_one`,
    a SAVEPOINT around it inside a caller's transaction), five on SQLite (the locked read,
    then `_record_ballot`). A second ballot is refused by the read under the meeting's lock,
    and by the unique constraint should anything get past it."""
    try:
        if writes_as_one(connection):
            # One statement is its own transaction; inside another, a savepoint keeps a
            # refused ballot from aborting it.
            with transaction.atomic() if connection.in_atomic_block else nullcontext():
                voting, ballot = _ballot_as_one(item.pk, actor, choice)
            if ballot is None:
                _require_may_vote(voting)
                _require_new_ballot(choice, voting.voted)
                raise AssertionError("a ballot passing every check was not made")
            return ballot
        with transaction.atomic():
            voting = _item_for_voter(item.pk, actor)
            _require_may_vote(voting)
            return _record_ballot(
                item=voting.item,
                authority_id=voting.authority_id,
                member_id=voting.seat_id,
                choice=choice,
                actor=actor,
                voted=voting.voted,
            )
    except IntegrityError as error:  # no savepoint inside: the whole ballot is undone
        raise _already_voted() from error


def ballot_record_written_opinion(
    *, item: AgendaItem, actor: User, member: CouncilMember, choice: str, scan: File
) -> Ballot:
    """The standing office enters an absent member's written opinion, with its scan."""
    try:
        with transaction.atomic():
            meeting = meeting_lock(item.meeting_id)
            if not may_plan_meeting(actor, meeting):
                raise NotPermitted(_("Chỉ thường trực Hội đồng ghi nhận ý kiến bằng văn bản."))
            meeting_require_state(meeting, M.OPEN)
            absent = Attendance.objects.filter(meeting=meeting, member=member, present=False)
            if not absent.exists():
                raise InvalidInput(_("Chỉ ghi nhận ý kiến bằng văn bản của thành viên vắng mặt."))
            if not scan:
                raise InvalidInput(_("Cần đính kèm bản chụp ý kiến bằng văn bản."))
            item = _open_item(meeting, item.pk)
            voted = Ballot.objects.filter(item=item, member=member).exists()
            return _record_ballot(
                item=item,
                authority_id=meeting.council.authority_id,
                member_id=member.pk,
                choice=choice,
                actor=actor,
                voted=voted,
                scan=scan,
            )
    except IntegrityError as error:
        raise _already_voted() from error


def comment_post(
    *, item: AgendaItem, actor: User, body: str, corrects: Comment | None = None
) -> Comment:
    body = (body or "").strip()
    if not body:
        raise InvalidInput(_("Ý kiến không được để trống."))
    with transaction.atomic():
        meeting = meeting_lock(item.meeting_id)
        if not may_comment(actor, meeting):
            raise NotPermitted(_("Chỉ thành viên và thường trực Hội đồng được góp ý."))
        meeting_require_state(meeting, M.PLANNED, M.OPEN)
        if corrects is not None and corrects.item_id != item.pk:
            raise InvalidInput(_("Ý kiến được đính chính thuộc nội dung khác."))
        comment = Comment(item_id=item.pk, author=actor, body=body, corrects=corrects)
        save_and_record(
            comment,
            actor=actor,
            action="comment.post",
            authority=meeting.council.authority,
            payload={"item": item.pk, "corrects": corrects.pk if corrects else None},
        )
    return comment
