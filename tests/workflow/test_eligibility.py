"""`appraise` runs the award type's eligibility rules and refuses with every reason."""

from __future__ import annotations

import datetime

import pytest

from audit.models import AuditEvent
from core.errors import InvalidInput
from nominations.models import AwardDecisionRule, AwardRecord, Initiative, Nomination
from tests import factories
from tests.world import attach
from workflow import services as workflow_services
from workflow.eligibility import RULES

S = Nomination.State
pytestmark = pytest.mark.django_db


def _appraise(world, nomination):
    return workflow_services.nomination_appraise(
        nomination=nomination, actor=world["standing_office"]
    )


def _refusal(world, nomination) -> list[str]:
    events_before = AuditEvent.objects.count()
    with pytest.raises(InvalidInput) as raised:
        _appraise(world, nomination)
    nomination.refresh_from_db()
    assert nomination.state == S.SUBMITTED
    assert AuditEvent.objects.count() == events_before
    return raised.value.reasons


def _cstdcs(world, **evidence):
    nomination = world.nomination("chien-si-thi-dua-co-so", S.SUBMITTED, **evidence)
    world.attach_required_documents(nomination)
    return nomination


def _ldtt_for(world, nomination, state=S.APPROVED):
    factories.nomination(
        unit_=world.unit,
        award_type=factories.award("lao-dong-tien-tien"),
        period_=world.period,
        person=nomination.person,
    )
    Nomination.objects.filter(
        person=nomination.person, award_type__code="lao-dong-tien-tien"
    ).update(state=state)


def test_every_rule_cites_its_legal_basis():
    assert all(rule.legal_basis for rule in RULES.values())


def test_missing_required_documents_are_listed_by_name(world):
    nomination = world.nomination(state=S.SUBMITTED)
    attach(nomination, "to_trinh")
    reasons = _refusal(world, nomination)
    assert reasons == [
        "Thiếu giấy tờ bắt buộc: Danh sách đề nghị.",
        "Thiếu giấy tờ bắt buộc: Biên bản họp bình xét.",
    ]


def test_cstdcs_needs_ldtt_in_the_same_period_and_proof_of_excellence_or_initiative(world):
    nomination = _cstdcs(world)
    reasons = _refusal(world, nomination)
    assert len(reasons) == 2
    assert "Lao động tiên tiến" in reasons[0]
    assert "sáng kiến" in reasons[1]


def test_cstdcs_with_ldtt_and_confirmed_excellence_passes(world):
    nomination = _cstdcs(world, excellence_confirmed=True)
    attach(nomination, "xac_nhan_htxs")
    _ldtt_for(world, nomination, state=S.AWAITING_DECISION)
    _appraise(world, nomination)
    nomination.refresh_from_db()
    assert nomination.state == S.APPRAISED


def test_excellence_without_its_proof_does_not_count(world):
    nomination = _cstdcs(world, excellence_confirmed=True)
    _ldtt_for(world, nomination)
    assert len(_refusal(world, nomination)) == 1


def test_an_initiative_supports_one_award_only(world):
    initiative = Initiative.objects.create(
        kind="initiative",
        title="Số hóa hồ sơ một cửa",
        recognised_by="05/QĐ-HĐSK",
        recognised_on=datetime.date(2026, 3, 1),
    )
    first = _cstdcs(world, initiative=initiative)
    second = _cstdcs(world, initiative=initiative)
    for nomination in (first, second):
        attach(nomination, "cong_nhan_sang_kien")
        _ldtt_for(world, nomination)
    _appraise(world, first)
    assert _refusal(world, second) == [
        "Sáng kiến, đề tài này đã được dùng làm căn cứ cho một khen thưởng khác."
    ]


def test_no_award_while_a_hold_is_open_on_the_nominee(world):
    nomination = world.nomination(state=S.SUBMITTED)
    world.attach_required_documents(nomination)
    other = factories.nomination(
        unit_=world.unit,
        award_type=factories.award("giay-khen-chu-tich-xa"),
        period_=world.period,
        person=nomination.person,
    )
    Nomination.objects.filter(pk=other.pk).update(state=S.ON_HOLD, held_from_state=S.SUBMITTED)
    assert any("khiếu nại" in reason for reason in _refusal(world, nomination))


def test_the_decision_level_must_be_known_for_the_date(world):
    nomination = world.nomination(state=S.SUBMITTED)
    world.attach_required_documents(nomination)
    AwardDecisionRule.objects.filter(award_type=nomination.award_type).delete()
    assert any("thẩm quyền" in reason for reason in _refusal(world, nomination))


def _collective_with_holders(world, members: int, holders: int):
    team = factories.unit(world.commune, "school")
    people = [factories.person(team) for _ in range(members)]
    ldtt = factories.award("lao-dong-tien-tien")
    # The ledger is what counts: LĐTT of the collective's year, however it got there.
    for person in people[:holders]:
        AwardRecord.objects.create(
            person=person, award_type=ldtt, year=world.period.ends_on.year,
            decision_number="12/QĐ-UBND", decision_date=world.period.ends_on,
            issuing_authority=world.commune, issuing_authority_name="xã Thử",
            source=AwardRecord.Source.LEGACY,
        )  # fmt: skip
    nomination = factories.nomination(
        unit_=world.unit,
        award_type=factories.award("tap-the-lao-dong-tien-tien"),
        period_=world.period,
        collective=team,
    )
    Nomination.objects.filter(pk=nomination.pk).update(state=S.SUBMITTED)
    nomination.refresh_from_db()
    world.attach_required_documents(nomination)
    return nomination


def test_ttldtt_needs_70_percent_of_members_with_ldtt_by_default(world):
    nomination = _collective_with_holders(world, members=10, holders=6)
    assert _refusal(world, nomination) == [
        "Mới có 6/10 cá nhân đạt Lao động tiên tiến; cần ít nhất 70%."
    ]


def test_ttldtt_passes_at_the_threshold(world):
    nomination = _collective_with_holders(world, members=10, holders=7)
    _appraise(world, nomination)
    nomination.refresh_from_db()
    assert nomination.state == S.APPRAISED


def test_a_province_sets_its_own_share_or_switches_the_rule_off(world):
    nomination = _collective_with_holders(world, members=10, holders=6)
    award_type = nomination.award_type
    award_type.collective_title_share_percent = 60
    award_type.save()
    _appraise(world, nomination)
    nomination.refresh_from_db()
    assert nomination.state == S.APPRAISED

    stricter = _collective_with_holders(world, members=0, holders=0)
    award_type.eligibility_rules = [
        r for r in award_type.eligibility_rules if r != "collective_ldtt_share"
    ]
    award_type.save()
    _appraise(world, stricter)
    stricter.refresh_from_db()
    assert stricter.state == S.APPRAISED


def test_the_share_counts_ledger_rows_of_that_year_only_and_not_revoked_ones(world):
    nomination = _collective_with_holders(world, members=10, holders=7)
    one = AwardRecord.objects.filter(person__unit=nomination.collective).first()
    one.revoked_on = world.period.ends_on
    one.save()
    last_year = AwardRecord.objects.filter(person__unit=nomination.collective).last()
    last_year.year -= 1
    last_year.save()
    assert _refusal(world, nomination) == [
        "Mới có 5/10 cá nhân đạt Lao động tiên tiến; cần ít nhất 70%."
    ]
