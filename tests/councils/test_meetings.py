"""Council meetings: quorum, ballots, thresholds over the right base, the close and minutes."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit.models import AuditEvent
from audit.verification import verify_chain
from core.errors import InvalidInput, NotPermitted, WrongState
from councils import services as council_services
from councils.models import AgendaItem, Ballot, Comment, CouncilMember, Meeting, SecretTally
from nominations.models import Nomination
from tests.world import council_of
from workflow import meetings

S = Nomination.State
pytestmark = pytest.mark.django_db
CSTDCS, LDTT = "chien-si-thi-dua-co-so", "lao-dong-tien-tien"


def _meeting(world, council, **fields):
    return council_services.meeting_plan(
        council=council,
        actor=world["standing_office"],
        held_on=timezone.localdate(),
        place="Hội trường UBND xã",
        **fields,
    )


def _agenda(world, meeting, *awards):
    items = []
    for award in awards:
        nomination = world.nomination(award, S.APPRAISED)
        items.append(
            meetings.meeting_add_item(
                meeting=meeting, nomination=nomination, actor=world["standing_office"]
            )
        )
    return items


def _open(world, meeting, members):
    return council_services.meeting_open(
        meeting=meeting, actor=world["standing_office"], present_member_ids=[m.pk for m in members]
    )


def _vote(item, members, choices):
    for member, choice in zip(members, choices, strict=True):
        council_services.ballot_cast(item=item, actor=member.user, choice=choice)


def _close(world, meeting):
    return meetings.meeting_close(meeting=meeting, actor=world["standing_office"])


def test_adding_an_item_schedules_the_nomination(world):
    council, _members = council_of(world)
    meeting = _meeting(world, council)
    (item,) = _agenda(world, meeting, CSTDCS)
    item.nomination.refresh_from_db()
    assert item.nomination.state == S.IN_COUNCIL
    assert item.secret  # CSTĐCS: secret ballot in the catalogue
    event = AuditEvent.objects.get(action="nomination.schedule")
    assert event.payload["meeting"] == meeting.pk


def test_quorum_is_two_thirds_of_the_roster_by_default(world):
    council, members = council_of(world, size=9)
    meeting = _meeting(world, council)
    with pytest.raises(InvalidInput, match="5/9, cần ít nhất 6"):
        _open(world, meeting, members[:5])
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.PLANNED
    assert not meeting.attendance.exists()
    _open(world, meeting, members[:6])
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.OPEN


def test_a_council_may_demand_80_percent_for_award_reviews(world):
    council, members = council_of(world, size=9, award_review_quorum_percent=80)
    review = _meeting(world, council)
    with pytest.raises(InvalidInput, match="cần ít nhất 8"):
        _open(world, review, members[:7])
    _open(world, review, members[:8])
    other = _meeting(world, council, reviews_awards=False)
    _open(world, other, members[:6])  # the general 2/3 applies


def test_only_roster_members_count_as_present(world):
    council, members = council_of(world, size=7)
    _other, strangers = council_of(world, size=1)
    with pytest.raises(InvalidInput, match="không thuộc danh sách"):
        _open(world, _meeting(world, council), [*members[:5], strangers[0]])


def test_ballots_are_refused_before_open_and_after_close(world):
    council, members = council_of(world, size=7)
    meeting = _meeting(world, council)
    (item,) = _agenda(world, meeting, LDTT)
    with pytest.raises(WrongState, match="chưa khai mạc"):
        council_services.ballot_cast(item=item, actor=members[0].user, choice="yes")
    _open(world, meeting, members)
    _close(world, meeting)
    with pytest.raises(WrongState, match="đã kết thúc"):
        council_services.ballot_cast(item=item, actor=members[0].user, choice="yes")
    assert not Ballot.objects.exists()


def test_one_ballot_per_member_per_item(world):
    council, members = council_of(world, size=7)
    meeting = _meeting(world, council)
    secret, open_item = _agenda(world, meeting, CSTDCS, LDTT)
    _open(world, meeting, members)
    for item in (secret, open_item):
        council_services.ballot_cast(item=item, actor=members[0].user, choice="yes")
        with pytest.raises(InvalidInput, match="đã có phiếu"):
            council_services.ballot_cast(item=item, actor=members[0].user, choice="no")
    assert Ballot.objects.count() == 2
    secret.secret_tally.refresh_from_db()
    assert (secret.secret_tally.yes, secret.secret_tally.no) == (1, 0)


def test_someone_off_the_roster_or_absent_cannot_vote(world):
    council, members = council_of(world, size=7)
    meeting = _meeting(world, council)
    (item,) = _agenda(world, meeting, LDTT)
    _open(world, meeting, members[:6])
    with pytest.raises(NotPermitted, match="không có trong danh sách"):
        council_services.ballot_cast(item=item, actor=world["unit_head"], choice="yes")
    with pytest.raises(NotPermitted, match="vắng mặt"):
        council_services.ballot_cast(item=item, actor=members[6].user, choice="yes")
    with pytest.raises(InvalidInput, match="Lựa chọn"):
        council_services.ballot_cast(item=item, actor=members[0].user, choice="maybe")


def _written() -> tuple[int, ...]:
    """Everything a ballot writes: ballots, their history rows, audit events, secret counts."""
    tallies = SecretTally.objects.values_list("yes", "no", "abstain")
    return (
        Ballot.objects.count(),
        Ballot.history.count(),
        AuditEvent.objects.count(),
        sum(sum(counts) for counts in tallies),
    )


@pytest.mark.parametrize(
    ("case", "refusal", "message"),
    [
        ("off the roster", NotPermitted, "không có trong danh sách"),
        ("absent", NotPermitted, "vắng mặt"),
        ("deferred", WrongState, "rút khỏi chương trình"),
        ("no such choice", InvalidInput, "Lựa chọn"),
        ("second ballot", InvalidInput, "đã có phiếu"),
    ],
)
@pytest.mark.parametrize("award", [CSTDCS, LDTT])  # secret, open
def test_a_refused_ballot_writes_nothing(world, case, refusal, message, award):
    """On PostgreSQL the checks are conditions of the ballot's one statement: a refusal
    leaves no ballot, history row, audit event or count behind, and says why."""
    council, members = council_of(world, size=7)
    meeting = _meeting(world, council)
    (item,) = _agenda(world, meeting, award)
    _open(world, meeting, members[:6])
    council_services.ballot_cast(item=item, actor=members[0].user, choice="yes")
    voter, choice = members[1].user, "no"
    if case == "off the roster":
        voter = world["unit_head"]
    elif case == "absent":
        voter = members[6].user
    elif case == "deferred":
        meetings.meeting_defer_item(item=item, actor=world["standing_office"], reason="Bổ sung")
    elif case == "no such choice":
        choice = "maybe"
    else:
        voter = members[0].user
    before = _written()
    with pytest.raises(refusal, match=message):
        council_services.ballot_cast(item=item, actor=voter, choice=choice)
    assert _written() == before
    assert verify_chain().intact


@pytest.mark.parametrize(("award", "secret"), [(CSTDCS, True), (LDTT, False)])
def test_a_ballot_records_the_seat_and_authority_it_was_cast_from(world, award, secret):
    council, members = council_of(world, size=7)
    meeting = _meeting(world, council)
    (item,) = _agenda(world, meeting, award)
    _open(world, meeting, members)
    ballot = council_services.ballot_cast(item=item, actor=members[3].user, choice="abstain")
    stored = Ballot.objects.get()
    assert (ballot.pk, ballot.member_id, ballot.choice) == (
        stored.pk, members[3].pk, "" if secret else "abstain"
    )  # fmt: skip
    assert stored.choice == ballot.choice
    assert Ballot.history.get().history_user == members[3].user
    event = AuditEvent.objects.get(action="ballot.cast")
    expected = {"item": item.pk, "member": members[3].pk, "written": False}
    if not secret:
        expected["choice"] = "abstain"
    assert event.payload == expected
    assert (event.authority_id, event.actor_id) == (council.authority_id, members[3].user_id)
    assert (event.object_type, event.object_id) == ("councils.agendaitem", str(item.pk))
    if secret:
        item.secret_tally.refresh_from_db()
        assert (item.secret_tally.yes, item.secret_tally.no, item.secret_tally.abstain) == (0, 0, 1)
    assert verify_chain().intact


def test_a_member_whose_term_ended_is_off_the_roster(world):
    council, members = council_of(world, size=8)
    CouncilMember.objects.filter(pk=members[7].pk).update(
        served_to=timezone.localdate().replace(year=2021)
    )
    meeting = _meeting(world, council)
    _agenda(world, meeting, LDTT)
    with pytest.raises(InvalidInput, match="không thuộc danh sách"):
        _open(world, meeting, members)
    _open(world, meeting, members[:7])
    assert meeting.attendance.count() == 7


@pytest.mark.parametrize(("yes", "result"), [(8, "passed"), (7, "failed")])
def test_cstdcs_needs_80_percent_of_all_members_at_the_boundary(world, yes, result):
    council, members = council_of(world, size=10)
    meeting = _meeting(world, council)
    (item,) = _agenda(world, meeting, CSTDCS)
    _open(world, meeting, members)
    _vote(item, members, ["yes"] * yes + ["no"] * (10 - yes))
    _close(world, meeting)
    item.refresh_from_db()
    assert (item.result, item.yes_count, item.base, item.threshold_percent) == (
        result, yes, 10, 80,
    )  # fmt: skip
    item.nomination.refresh_from_db()
    assert item.nomination.state == (S.POSTED if result == "passed" else S.REJECTED)


def test_absent_members_count_in_an_all_members_base(world):
    council, members = council_of(world, size=10)
    meeting = _meeting(world, council)
    (item,) = _agenda(world, meeting, CSTDCS)
    _open(world, meeting, members[:8])
    _vote(item, members[:8], ["yes"] * 7 + ["no"])  # 7/10 < 80 % although 7/8 present agree
    _close(world, meeting)
    item.refresh_from_db()
    assert (item.result, item.base) == ("failed", 10)


@pytest.mark.parametrize(("yes", "result"), [(4, "passed"), (3, "failed")])
def test_ldtt_needs_more_than_half_of_those_present(world, yes, result):
    council, members = council_of(world, size=9)
    meeting = _meeting(world, council)
    (item,) = _agenda(world, meeting, LDTT)
    _open(world, meeting, members[:6])
    _vote(item, members[:6], ["yes"] * yes + ["no"] * (6 - yes))
    _close(world, meeting)
    item.refresh_from_db()
    assert (item.result, item.base) == (result, 6)


def test_written_opinions_of_absent_members_are_counted(world):
    council, members = council_of(world, size=10)
    meeting = _meeting(world, council)
    (item,) = _agenda(world, meeting, CSTDCS)
    _open(world, meeting, members[:8])
    _vote(item, members[:7], ["yes"] * 7)
    with pytest.raises(InvalidInput, match="vắng mặt"):
        council_services.ballot_record_written_opinion(
            item=item,
            actor=world["standing_office"],
            member=members[7],
            choice="yes",
            scan=ContentFile(b"%PDF", name="y-kien.pdf"),
        )
    council_services.ballot_record_written_opinion(
        item=item,
        actor=world["standing_office"],
        member=members[8],
        choice="yes",
        scan=ContentFile(b"%PDF-1.4 y kien", name="y-kien.pdf"),
    )
    written = Ballot.objects.get(member=members[8])
    assert written.written_opinion
    assert written.opinion_scan.read() == b"%PDF-1.4 y kien"
    _close(world, meeting)
    item.refresh_from_db()
    assert (item.yes_count, item.base, item.result) == (8, 10, "passed")  # 8/10 = 80 %


def test_a_tie_is_shown_with_the_hint_not_broken(world):
    council, members = council_of(world, size=8)
    meeting = _meeting(world, council)
    (item,) = _agenda(world, meeting, LDTT)
    _open(world, meeting, members[:6])
    _vote(item, members[:6], ["yes", "yes", "no", "no", "abstain", "abstain"])
    _close(world, meeting)
    item.refresh_from_db()
    assert item.result == "failed"  # 2/6 is not more than half: nothing applied silently
    assert "Hòa phiếu" in item.tie_note
    assert "nữ" in item.tie_note


def test_the_close_moves_every_item_with_one_audit_event_each_and_writes_minutes(world):
    council, members = council_of(world, size=9)
    meeting = _meeting(world, council, chair=world["chairman"], secretary=world["standing_office"])
    items = _agenda(world, meeting, LDTT, LDTT, CSTDCS, LDTT)
    meetings.meeting_defer_item(item=items[3], actor=world["standing_office"], reason="Bổ sung")
    _open(world, meeting, members[:7])
    _vote(items[0], members[:7], ["yes"] * 7)
    _vote(items[1], members[:7], ["no"] * 7)
    _vote(items[2], members[:7], ["yes"] * 7)  # 7/9 < 80 %
    council_services.comment_post(item=items[0], actor=members[3].user, body="Thành tích rõ ràng.")
    events_before = AuditEvent.objects.filter(action="nomination.council_result").count()
    _close(world, meeting)
    states = [Nomination.objects.get(pk=i.nomination_id).state for i in items]
    assert states == [S.POSTED, S.REJECTED, S.REJECTED, S.APPRAISED]
    assert (
        AuditEvent.objects.filter(action="nomination.council_result").count() - events_before == 3
    )
    rejected = Nomination.objects.get(pk=items[1].nomination_id)
    assert "Không đạt" in rejected.history.first().history_change_reason
    meeting.refresh_from_db()
    minutes = meeting.minutes
    assert minutes["place"] == "Hội trường UBND xã"
    assert minutes["chair"] == world["chairman"].get_full_name()
    assert len(minutes["present"]) == 7
    assert len(minutes["absent"]) == 2
    assert [(i["yes"], i["base"], i["result"]) for i in minutes["items"]] == [
        (7, 7, "Đạt"), (0, 7, "Không đạt"), (7, 9, "Không đạt"),
    ]  # fmt: skip
    assert minutes["items"][0]["comments"] == [
        f"{members[3].user.get_full_name()}: Thành tích rõ ràng."
    ]
    assert AuditEvent.objects.filter(action="meeting.close").count() == 1


def test_comments_are_never_edited_a_correction_is_a_new_comment(world):
    council, members = council_of(world, size=7)
    meeting = _meeting(world, council)
    (item,) = _agenda(world, meeting, LDTT)
    first = council_services.comment_post(
        item=item, actor=members[3].user, body="Đề nghị xem lại số liệu."
    )
    fix = council_services.comment_post(
        item=item, actor=members[3].user, body="Đính chính: số liệu đúng.", corrects=first
    )
    first.refresh_from_db()
    assert first.body == "Đề nghị xem lại số liệu."
    assert list(first.corrections.all()) == [fix]
    assert first.history.count() == 1
    with pytest.raises(NotPermitted):
        council_services.comment_post(item=item, actor=world["unit_head"], body="Tôi góp ý")
    with pytest.raises(InvalidInput):
        council_services.comment_post(item=item, actor=members[3].user, body="  ")
    assert Comment.objects.count() == 2
    assert AuditEvent.objects.filter(action="comment.post").count() == 2


def test_an_item_can_be_taken_off_the_agenda_only_before_the_close(world):
    council, members = council_of(world, size=7)
    meeting = _meeting(world, council)
    first, second = _agenda(world, meeting, LDTT, LDTT)
    _open(world, meeting, members)
    meetings.meeting_defer_item(item=first, actor=world["standing_office"])
    with pytest.raises(WrongState):
        council_services.ballot_cast(item=first, actor=members[0].user, choice="yes")
    _close(world, meeting)
    with pytest.raises(WrongState):
        meetings.meeting_defer_item(item=second, actor=world["standing_office"])
    assert AgendaItem.objects.get(pk=first.pk).result == "pending"


def test_closing_a_longer_agenda_costs_no_more_queries(world):
    """Each item is still its own audited transition with its history row, but they are
    written together: a fixed number of queries whatever the length of the agenda."""
    council, members = council_of(world, size=5)

    def close_cost(pairs: int) -> tuple[int, list[AgendaItem]]:
        meeting = _meeting(world, council)
        items = _agenda(world, meeting, *[LDTT] * (2 * pairs))
        _open(world, meeting, members)
        for passing, failing in zip(items[::2], items[1::2], strict=True):
            _vote(passing, members, ["yes"] * 5)
            _vote(failing, members, ["no"] * 5)
        meeting = Meeting.objects.get(pk=meeting.pk)
        with CaptureQueriesContext(connection) as captured:
            _close(world, meeting)
        return len(captured), items

    close_cost(1)  # warm the per-process caches
    small, _items = close_cost(1)
    large, items = close_cost(6)
    assert large == small
    for item in items:
        item.refresh_from_db()
        nomination = Nomination.objects.get(pk=item.nomination_id)
        passed = item.result == AgendaItem.Result.PASSED
        assert nomination.state == (S.POSTED if passed else S.REJECTED)
        assert item.yes_count == (5 if passed else 0)
        assert item.history.first().history_user == world["standing_office"]
        last = nomination.history.first()
        assert (last.state, last.history_user) == (nomination.state, world["standing_office"])
    events = AuditEvent.objects.filter(
        action="nomination.council_result", object_id__in=[str(i.nomination_id) for i in items]
    )
    assert events.count() == 12
    assert verify_chain().intact


def test_a_meeting_does_not_open_before_its_planned_day(world):
    """Its minutes would carry the planned date: re-plan it to meet earlier."""
    import datetime

    from core.clock import business_date

    council, members = council_of(world)
    planned_for = timezone.localdate() + datetime.timedelta(days=5)
    meeting = council_services.meeting_plan(
        council=council, actor=world["standing_office"], held_on=planned_for,
        place="Hội trường UBND xã",
    )  # fmt: skip
    events = AuditEvent.objects.count()
    with pytest.raises(InvalidInput, match="chưa đến ngày họp"):
        council_services.meeting_open(
            meeting=meeting, actor=world["standing_office"],
            present_member_ids=[m.pk for m in members],
        )  # fmt: skip
    meeting.refresh_from_db()
    assert (meeting.state, AuditEvent.objects.count()) == (Meeting.State.PLANNED, events)
    with business_date(planned_for):
        council_services.meeting_open(
            meeting=meeting, actor=world["standing_office"],
            present_member_ids=[m.pk for m in members],
        )  # fmt: skip
    meeting.refresh_from_db()
    assert meeting.state == Meeting.State.OPEN
