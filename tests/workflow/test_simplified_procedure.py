"""The simplified procedure (Luật TĐKT 2022 Đ85) for an ad-hoc feat: after appraisal the
dossier goes straight to the chairman, with no council vote and no posting, on the award's
shorter deadline, and the audit trail says so. The same award for a year goes the long way."""

from __future__ import annotations

import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from audit.models import AuditEvent
from nominations.models import AwardType, Nomination, Period
from workflow import services as workflow_services
from workflow.models import Deadline
from workflow.selectors import add_working_days

pytestmark = pytest.mark.django_db
S = Nomination.State
GIAY_KHEN = "giay-khen-chu-tich-xa"


@pytest.fixture
def ad_hoc(world) -> Period:
    movement = world.period.movement
    return Period.objects.create(
        movement=movement, name="Cứu người trong lũ tháng 10/2026", kind=Period.Kind.AD_HOC,
        starts_on=datetime.date(2026, 10, 20), ends_on=datetime.date(2026, 10, 20),
    )  # fmt: skip


def _submitted(world, period: Period, code: str = GIAY_KHEN) -> Nomination:
    nomination = world.nomination(code, state=S.SUBMITTED, period=period)
    world.attach_required_documents(nomination)
    return nomination


def test_an_ad_hoc_feat_goes_from_appraisal_straight_to_the_chairman(world, ad_hoc):
    nomination = _submitted(world, ad_hoc)
    appraised = workflow_services.nomination_appraise(
        nomination=nomination, actor=world["standing_office"]
    )
    assert appraised.state == S.AWAITING_DECISION
    event = AuditEvent.objects.filter(action="nomination.appraise").latest("pk")
    assert event.payload["procedure"] == "simplified"
    assert "Đ85" in event.payload["reason"]
    assert "Đ85" in appraised.history.first().history_change_reason
    decide = Deadline.objects.get(nomination=nomination, met_at__isnull=True)
    award = AwardType.objects.get(code=GIAY_KHEN)
    assert decide.kind == Deadline.Kind.DECIDE
    opened_on = timezone.localdate(decide.opened_at)  # the working day in Hà Nội, not UTC
    assert decide.due_on == add_working_days(opened_on, award.simplified_working_days)
    decision = workflow_services.nominations_approve(
        nominations=[appraised], actor=world["chairman"], number="50/QĐ-UBND",
        issued_on=datetime.date(2026, 10, 27),
    )  # fmt: skip
    assert decision.lines.get().nomination.state == S.APPROVED


def test_the_same_award_for_a_year_goes_to_the_council(world):
    nomination = _submitted(world, world.period)
    appraised = workflow_services.nomination_appraise(
        nomination=nomination, actor=world["standing_office"]
    )
    assert appraised.state == S.APPRAISED
    event = AuditEvent.objects.filter(action="nomination.appraise").latest("pk")
    assert "procedure" not in (event.payload or {})


def test_an_award_not_flagged_for_it_keeps_the_full_path_even_when_ad_hoc(world, ad_hoc):
    AwardType.objects.filter(code=GIAY_KHEN).update(simplified_for_ad_hoc=False)
    nomination = _submitted(world, ad_hoc)
    appraised = workflow_services.nomination_appraise(
        nomination=nomination, actor=world["standing_office"]
    )
    assert appraised.state == S.APPRAISED


def test_the_appraisal_deadline_is_the_shorter_one(world, ad_hoc):
    award = AwardType.objects.get(code=GIAY_KHEN)
    assert award.simplified_working_days < award.appraisal_working_days
    draft = world.nomination(GIAY_KHEN, state=S.DRAFT, period=ad_hoc)
    world.attach_required_documents(draft)
    workflow_services.nomination_submit(nomination=draft, actor=world["unit_head"])
    appraise = Deadline.objects.get(nomination=draft, met_at__isnull=True)
    assert appraise.kind == Deadline.Kind.APPRAISE
    assert appraise.due_on == add_working_days(
        timezone.localdate(appraise.opened_at), award.simplified_working_days
    )


def test_only_an_award_given_for_ad_hoc_feats_may_use_it():
    with pytest.raises(IntegrityError):
        AwardType.objects.filter(code="lao-dong-tien-tien").update(simplified_for_ad_hoc=True)


def test_the_dossier_page_says_which_procedure_it_follows(client, world, ad_hoc):
    from django.urls import reverse

    client.force_login(world["unit_head"])
    simplified = _submitted(world, ad_hoc)
    page = client.get(reverse("nominations:detail", args=[simplified.pk])).content.decode()
    assert 'id="simplified"' in page
    assert "đột xuất" in page
    usual = _submitted(world, world.period)
    page = client.get(reverse("nominations:detail", args=[usual.pk])).content.decode()
    assert 'id="simplified"' not in page
