"""A small world for lifecycle tests: a province (outside the system) above an in-system
district above a commune, with one person per role. The `world` fixture is in conftest.py."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import User
from core import clock
from councils.models import Authority, Council, CouncilMember, Delegation, Membership, Unit
from nominations.models import (
    Attachment,
    AwardDecisionRule,
    AwardDocumentRequirement,
    AwardKindRule,
    AwardType,
    Nomination,
)
from tests import factories
from workflow import services as workflow_services
from workflow.selectors import posting_last_day

S = Nomination.State
R = Membership.Role


@dataclass
class World:
    province: Authority
    district: Authority
    commune: Authority
    unit: Unit
    other_unit: Unit
    period: object
    people: dict[str, User | AnonymousUser] = field(default_factory=dict)

    def __getitem__(self, persona: str):
        return self.people[persona]

    def nomination(
        self,
        award_code: str = "lao-dong-tien-tien",
        state: str = S.DRAFT,
        papers: bool | None = None,
        **extra,
    ):
        """A nomination of a new person of the unit, put straight into `state` for set-up.

        A draft or returned one comes with its mandatory papers, ready to be sent, unless
        `papers=False`."""
        nominee = factories.person(self.unit)
        nomination = factories.nomination(
            unit_=self.unit,
            award_type=factories.award(award_code),
            period_=self.period,
            person=nominee,
        )
        fields = {"state": state, **extra}
        if state == S.ON_HOLD:
            fields.setdefault("held_from_state", S.APPRAISED)
        Nomination.objects.filter(pk=nomination.pk).update(**fields)
        nomination.refresh_from_db()
        if papers or (papers is None and state in (S.DRAFT, S.RETURNED)):
            self.attach_required_documents(nomination)
        return nomination

    def attach_required_documents(self, nomination: Nomination) -> None:
        requirements = nomination.award_type.document_requirements.filter(mandatory=True)
        for requirement in requirements:
            attach(nomination, requirement.document)


def attach(nomination: Nomination, document: str) -> Attachment:
    return Attachment.objects.create(
        nomination=nomination,
        document=document,
        file=ContentFile(b"%PDF-1.4 test", name=f"{document}.pdf"),
        sha256=hashlib.sha256(b"%PDF-1.4 test").hexdigest(),
    )


def end_posting(nomination: Nomination, actor: User | None) -> Nomination:
    """End a posting the day after its window, the first day the office may."""
    with clock.business_date(posting_last_day(nomination) + datetime.timedelta(days=1)):
        return workflow_services.nomination_end_posting(nomination=nomination, actor=actor)


def district_award() -> AwardType:
    """Giấy khen of the district chairman: decided one level above the commune."""
    award_type = AwardType.objects.create(
        code="giay-khen-chu-tich-huyen",
        name="Giấy khen của Chủ tịch UBND huyện",
        category=AwardType.Category.FORM,
        for_annual=True,
        needs_council_vote=False,
        legal_basis="Thử nghiệm",
        eligibility_rules=["decision_level_known", "required_documents", "no_open_hold"],
    )
    AwardKindRule.objects.create(
        award_type=award_type, nominee_kind="individual", prize_coefficient="0.5"
    )
    AwardDecisionRule.objects.create(award_type=award_type, level="district", legal_basis="Thử")
    AwardDocumentRequirement.objects.create(award_type=award_type, document="to_trinh")
    return award_type


_SINCE = datetime.date(2020, 1, 1)


def _member(username: str, role: str, authority: Authority, unit: Unit | None = None) -> User:
    user = factories.user(username, full_name=username)
    Membership.objects.create(
        user=user, role=role, authority=authority, unit=unit, valid_from=_SINCE
    )
    return user


def build_world() -> World:
    province = factories.authority(Authority.Level.PROVINCE)
    district = factories.authority(Authority.Level.DISTRICT, parent=province, runs_system=True)
    commune = factories.authority(Authority.Level.COMMUNE, parent=district, runs_system=True)
    unit = factories.unit(commune)
    other_unit = factories.unit(commune)
    w = World(province, district, commune, unit, other_unit, factories.period(commune, 2026))
    w.people = {
        "unit_head": _member("truongthon", R.UNIT_HEAD, commune, unit),
        "other_unit_head": _member("truongthon2", R.UNIT_HEAD, commune, other_unit),
        "standing_office": _member("thuongtruc", R.STANDING_OFFICE, commune),
        "council_member": _member("hoidong", R.COUNCIL_MEMBER, commune),
        "chairman": _member("chutich", R.CHAIRMAN, commune),
        "vice_chairman": _member("phochutich", R.VICE_CHAIRMAN, commune),
        "auditor": _member("kiemtra", R.AUDITOR, commune),
        "district_standing_office": _member("huyen.thuongtruc", R.STANDING_OFFICE, district),
        "district_chairman": _member("huyen.chutich", R.CHAIRMAN, district),
        "anonymous": AnonymousUser(),
    }
    return w


def delegate(world: World) -> Delegation:
    today = timezone.localdate()
    return Delegation.objects.create(
        authority=world.commune,
        chairman=world["chairman"],
        delegate=world["vice_chairman"],
        valid_from=today - datetime.timedelta(days=1),
        valid_to=today + datetime.timedelta(days=30),
    )


def council_of(world: World, size: int = 9, **settings) -> tuple[Council, list[CouncilMember]]:
    """The commune's council: chairman, vice-chairman, standing office, a member, and more
    members up to `size`; every seat from 2020."""
    council = Council.objects.create(
        authority=world.commune, name="Hội đồng TĐKT xã", established_on=_SINCE, **settings
    )
    seated = [world["chairman"], world["vice_chairman"], world["standing_office"]]
    seated.append(world["council_member"])
    for n in range(len(seated), size):
        seated.append(_member(f"hoidong{n}", R.COUNCIL_MEMBER, world.commune))
    members = [
        CouncilMember.objects.create(
            council=council, user=user, position=CouncilMember.Position.MEMBER, served_from=_SINCE
        )
        for user in seated[:size]
    ]
    return council, members
