"""The demo's nominations: one commune's dossiers in every state of the lifecycle.

Everything goes through the services, so the demo shows real history and audit events. The
2024 dossiers are replayed on their 2024 dates (when a district decided CSTĐCS); the 2026
ones are worked today. Runs once per commune: a second load finds them and adds nothing.
"""

from __future__ import annotations

import datetime
import hashlib

from django.core.files.base import ContentFile
from django.db import transaction

from accounts.models import User
from core import clock
from core.clock import business_date
from councils import services as council_services
from councils.models import (
    Authority,
    Council,
    CouncilMember,
    Meeting,
    Membership,
    Succession,
    Unit,
)
from nominations.models import (
    Attachment,
    AwardRecord,
    AwardType,
    Movement,
    Nomination,
    Period,
    Person,
)
from workflow import meetings
from workflow import services as workflow_services
from workflow.selectors import posting_last_day

S = Nomination.State
# A one-page PDF: what a scanned paper looks like to the system.
SCANNED_PAGE = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


class Story:
    def __init__(self, commune: Authority, predecessor: Authority | None = None) -> None:
        self.commune = commune
        self.predecessor = predecessor  # the old commune it continues, if any
        self.created = 0
        self.numbers = iter(range(45, 100))

    def holder(self, role: str, authority: Authority | None = None, unit: Unit | None = None):
        memberships = Membership.objects.filter(role=role, authority=authority or self.commune)
        if unit is not None:
            memberships = memberships.filter(unit=unit)
        return User.objects.filter(memberships__in=memberships).order_by("pk").first()

    def draft(self, award_code: str, period: Period, *, person=None, collective=None, **evidence):
        # A person is proposed by their unit, a collective by itself (its head signs).
        unit = person.unit if person else collective
        nomination = Nomination(
            proposing_unit=unit,
            nominee_kind="individual" if person else "collective",
            person=person,
            collective=collective,
            award_type=AwardType.objects.get(code=award_code),
            period=period,
            achievements=(
                "Hoàn thành xuất sắc nhiệm vụ được giao; tích cực tham gia các phong trào thi đua "
                "của xã; đoàn kết, gương mẫu."
            ),
            current_authority=self.commune,
            created_by=self.holder(Membership.Role.UNIT_HEAD, unit=unit),
            # An official's year, as the unit reports it (Luật Đ24.1).
            **({"task_rating": "htt", "months_served": 12} if person else {}),
            **evidence,
        )
        nomination._change_reason = "Dữ liệu mẫu (load_demo)"
        nomination.save()
        for requirement in nomination.award_type.document_requirements.filter(mandatory=True):
            self.attach(nomination, requirement.document)
        self.created += 1
        return nomination

    def attach(self, nomination: Nomination, document: str) -> None:
        Attachment.objects.create(
            nomination=nomination,
            document=document,
            file=ContentFile(SCANNED_PAGE, name=f"{document}-{nomination.pk}.pdf"),
            sha256=hashlib.sha256(SCANNED_PAGE).hexdigest(),
            uploaded_by=nomination.created_by,
        )

    def office(self, authority: Authority | None = None) -> User:
        return self.holder(Membership.Role.STANDING_OFFICE, authority)

    def chairman(self, authority: Authority | None = None) -> User:
        return self.holder(Membership.Role.CHAIRMAN, authority)

    def submit_and_appraise(self, nomination: Nomination, authority=None) -> None:
        if nomination.state == S.DRAFT:
            workflow_services.nomination_submit(nomination=nomination, actor=nomination.created_by)
        workflow_services.nomination_appraise(nomination=nomination, actor=self.office(authority))

    def meeting(
        self,
        day: datetime.date,
        votes: dict[Nomination, str],
        *,
        authority: Authority | None = None,
        close: bool = True,
        end_posting: bool = True,
    ) -> Meeting:
        """A council meeting on `day`: every member present votes `votes[n]` on each item."""
        with business_date(day):
            return self._meeting(day, votes, authority or self.commune, close, end_posting)

    def _meeting(self, day, votes, authority, close, end_posting) -> Meeting:
        council = Council.objects.get(authority=authority)
        office = self.office(authority)
        meeting = council_services.meeting_plan(
            council=council,
            actor=office,
            held_on=day,
            place=f"Hội trường UBND {authority.full_name}",
            chair=self.chairman(authority),
            secretary=office,
        )
        for nomination in votes:
            meetings.meeting_add_item(meeting=meeting, nomination=nomination, actor=office)
        if not close:
            return meeting
        members = list(CouncilMember.objects.serving_on(day).filter(council=council))
        council_services.meeting_open(
            meeting=meeting, actor=office, present_member_ids=[m.pk for m in members]
        )
        items = list(meeting.items.select_related("nomination"))
        council_services.comment_post(
            item=items[0], actor=members[-1].user, body="Thành tích rõ ràng, đề nghị Hội đồng xét."
        )
        for item in items:
            choice = votes[item.nomination]
            for index, member in enumerate(members):
                # A "no" item still gets a few yes votes, as real councils do.
                cast = "yes" if choice == "yes" or index < 2 else choice
                council_services.ballot_cast(item=item, actor=member.user, choice=cast)
        meetings.meeting_close(meeting=meeting, actor=office)
        for nomination in votes if end_posting else ():
            self.end_posting(nomination, authority)
        return meeting

    def end_posting(self, nomination: Nomination, authority: Authority | None = None) -> None:
        """End the public posting the day after its window, as the office may."""
        nomination.refresh_from_db()
        if nomination.state != S.POSTED:
            return
        with business_date(posting_last_day(nomination) + datetime.timedelta(days=1)):
            workflow_services.nomination_end_posting(
                nomination=nomination, actor=self.office(authority)
            )

    def approve(self, nominations: list[Nomination], day: datetime.date, authority=None):
        number = f"{next(self.numbers)}/QĐ-UBND"
        workflow_services.nominations_approve(
            nominations=nominations, actor=self.chairman(authority), number=number, issued_on=day
        )


def _people(commune: Authority, count: int) -> list[Person]:
    return list(
        Person.objects.filter(unit__authority=commune, unit__kind=Unit.Kind.VILLAGE).order_by("pk")[
            :count
        ]
    )


def current_period(commune: Authority) -> Period:
    """The commune's 2026 movement and its year: what unit heads propose under today."""
    movement, _created = Movement.objects.get_or_create(
        authority=commune,
        name="Phong trào thi đua yêu nước năm 2026",
        defaults={
            "kind": Movement.Kind.REGULAR,
            "theme": "Thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế - xã hội năm 2026",
            "starts_on": datetime.date(2026, 1, 1),
            "ends_on": datetime.date(2026, 12, 31),
        },
    )
    period, _created = Period.objects.get_or_create(
        movement=movement,
        name="Năm 2026",
        defaults={
            "kind": Period.Kind.YEAR,
            "starts_on": movement.starts_on,
            "ends_on": movement.ends_on,
        },
    )
    return period


def _history_2024(story: Story, people: list[Person]) -> None:
    """Late 2024: the district still decides CSTĐCS, and Cẩm Xuyên runs the system."""
    period = (
        Period.objects.filter(movement__authority=story.commune, kind=Period.Kind.YEAR)
        .order_by("-ends_on")
        .first()
    )
    district = story.commune.parent
    with business_date(datetime.date(2024, 12, 10)):
        approved = story.draft("lao-dong-tien-tien", period, person=people[0])
        later_revoked = story.draft("lao-dong-tien-tien", period, person=people[1])
        council_rejected = story.draft("lao-dong-tien-tien", period, person=people[2])
        withdrawn = story.draft("lao-dong-tien-tien", period, person=people[3])
        for nomination in (approved, later_revoked, council_rejected):
            story.submit_and_appraise(nomination)
        workflow_services.nomination_submit(nomination=withdrawn, actor=withdrawn.created_by)
        workflow_services.nomination_withdraw(
            nomination=withdrawn, actor=withdrawn.created_by, reason="Chuyển công tác"
        )
        cstdcs = story.draft(
            "chien-si-thi-dua-co-so", period, person=people[0], excellence_confirmed=True
        )
        story.attach(cstdcs, "xac_nhan_htxs")
        story.submit_and_appraise(cstdcs)
    with business_date(datetime.date(2024, 12, 12)):
        story.meeting(
            datetime.date(2024, 12, 12),
            {approved: "yes", later_revoked: "yes", council_rejected: "no", cstdcs: "yes"},
        )
        workflow_services.nomination_forward(
            nomination=cstdcs, actor=story.chairman()
        )  # to the district
    with business_date(datetime.date(2024, 12, 16)):
        story.submit_and_appraise(cstdcs, authority=district)
        story.meeting(datetime.date(2024, 12, 16), {cstdcs: "yes"}, authority=district)
    with business_date(datetime.date(2024, 12, 20)):
        # The district's CSTĐCS first: the commune's LĐTT of the same year is then unpaid
        # (one payment per year, the highest: NĐ 152/2025 Đ49).
        story.approve([cstdcs], datetime.date(2024, 12, 20), authority=district)
        story.approve([approved, later_revoked], datetime.date(2024, 12, 20))
    with business_date(datetime.date(2025, 3, 4)):
        workflow_services.nomination_revoke(
            nomination=later_revoked,
            actor=story.chairman(),
            reason_code="false_declaration",
            reason="Thanh tra xã kết luận kê khai thành tích không đúng.",
            decision_number=f"{next(story.numbers)}/QĐ-UBND",
            decided_on=datetime.date(2025, 3, 4),
        )


def _legacy_award(
    person: Person, award_code: str, year: int, number: str, authority: Authority
) -> AwardRecord:
    """An award made before the commune used the system, as the ledger import records it."""
    return AwardRecord.objects.create(
        person=person,
        award_type=AwardType.objects.get(code=award_code),
        year=year,
        decision_number=number,
        decision_date=datetime.date(year, 12, 19),
        issuing_authority=authority,
        issuing_authority_name=authority.full_name,
        source=AwardRecord.Source.LEGACY,
        prize_amount=None,
    )


def _this_year(story: Story, people: list[Person]) -> None:
    """2026: the commune decides CSTĐCS; the province (outside the system) is above it."""
    period = current_period(story.commune)
    today = clock.today()
    office = story.office()
    ldtt = [story.draft("lao-dong-tien-tien", period, person=p) for p in people[4:12]]
    _draft, _submitted, returned, appraised, in_council, posted, held, awaiting = ldtt
    for nomination in ldtt[1:]:
        workflow_services.nomination_submit(nomination=nomination, actor=nomination.created_by)
    workflow_services.nomination_return(
        nomination=returned,
        actor=office,
        reason="Bổ sung biên bản họp bình xét của thôn có đủ chữ ký.",
    )
    for nomination in (appraised, in_council, posted, held, awaiting):
        workflow_services.nomination_appraise(nomination=nomination, actor=office)

    # CSTĐ cấp tỉnh needs CSTĐCS in 2024, 2025 and 2026 (Luật Đ22): 2024 was decided in the
    # system, 2025 comes from the ledger's import of earlier awards, 2026 is decided now.
    # December 2025: decided by the commune that exists then (the successor).
    _legacy_award(people[0], "chien-si-thi-dua-co-so", 2025, "812/QĐ-UBND", story.commune)
    ldtt_2026 = story.draft("lao-dong-tien-tien", period, person=people[0])
    cstdcs_2026 = story.draft(
        "chien-si-thi-dua-co-so", period, person=people[0], excellence_confirmed=True
    )
    story.attach(cstdcs_2026, "xac_nhan_htxs")
    for nomination in (ldtt_2026, cstdcs_2026):
        story.submit_and_appraise(nomination)
    # Three weeks ago: the posting ran its window and ended before the decision.
    story.meeting(
        today - datetime.timedelta(days=21),
        {ldtt_2026: "yes", cstdcs_2026: "yes", awaiting: "yes"},
    )
    story.approve([ldtt_2026, cstdcs_2026], today - datetime.timedelta(days=8))

    # One year short: CSTĐCS 2024 and 2025 imported from before the system, 2026 under
    # appraisal; the unit's suggestion list names her for CSTĐ cấp tỉnh if 2026 passes.
    old = story.predecessor or story.commune
    district = old.parent
    _legacy_award(people[7], "chien-si-thi-dua-co-so", 2024, "1540/QĐ-UBND", district)
    _legacy_award(people[7], "chien-si-thi-dua-co-so", 2025, "812/QĐ-UBND", story.commune)
    cstdcs_pending = story.draft(
        "chien-si-thi-dua-co-so", period, person=people[7], excellence_confirmed=True
    )
    story.attach(cstdcs_pending, "xac_nhan_htxs")
    story.submit_and_appraise(cstdcs_pending)

    provincial = story.draft("chien-si-thi-dua-cap-tinh", period, person=people[0])
    school = story.commune.units.filter(kind=Unit.Kind.SCHOOL).order_by("pk").first()
    collective = story.draft("bang-khen-chu-tich-tinh", period, collective=school)
    for nomination in (provincial, collective):
        story.submit_and_appraise(nomination)
    # Held this week: this item's posting window is still open.
    story.meeting(
        today - datetime.timedelta(days=3),
        {posted: "yes", provincial: "yes", collective: "yes"},
        end_posting=False,
    )
    story.meeting(today + datetime.timedelta(days=4), {in_council: "yes"}, close=False)
    workflow_services.nomination_hold(
        nomination=held,
        actor=office,
        reason_code="complaint",
        reason="Đơn phản ánh của công dân ngày 10/11/2026, đang xác minh.",
    )
    workflow_services.nomination_forward(
        nomination=provincial, actor=story.chairman()
    )  # waits on the province
    workflow_services.nomination_forward(nomination=collective, actor=story.chairman())
    workflow_services.nomination_record_outcome(
        nomination=collective,
        actor=office,
        approved=True,
        decision_number="2150/QĐ-UBND",
        decision_date=today - datetime.timedelta(days=1),
    )


def hand_over(old: Authority) -> None:
    """Apply the old commune's succession on its date (01/07/2025), once."""
    pending = Succession.objects.filter(predecessor=old, takes_over=True, applied_at__isnull=True)
    for succession in pending:
        with business_date(succession.on):
            workflow_services.succession_apply(succession=succession, actor=None)


def demo_nominations_load(*, predecessor_code: str, successor_code: str) -> int:
    """Build the demo dossiers once: the old commune's 2024 ones, its hand-over to the
    commune it became on 01/07/2025, then the successor's 2026 ones; return how many
    nominations were added."""
    old = Authority.objects.get(code=predecessor_code)
    new = Authority.objects.get(code=successor_code)
    if Nomination.objects.filter(proposing_unit__authority__in=[old, new]).exists():
        return 0
    story = Story(old)
    with transaction.atomic():
        people = _people(old, 12)
        _history_2024(story, people)
        hand_over(old)
        # The same people, now of the successor's units.
        by_pk = Person.objects.select_related("unit").in_bulk([p.pk for p in people])
        successor = Story(new, predecessor=old)
        successor.numbers = story.numbers
        _this_year(successor, [by_pk[p.pk] for p in people])
    return story.created + successor.created
