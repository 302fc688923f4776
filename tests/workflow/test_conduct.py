"""What stands in the way whatever the achievement (NĐ 152/2025 Đ4; Luật TĐKT 2022 Đ24, Đ27,
Đ28): the task rating, the months served, a discipline in effect during the year, and a matter
still open on the nominee (which holds their dossiers)."""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction
from django.urls import reverse

from audit.models import AuditEvent
from core import clock
from core.errors import InvalidInput, NotPermitted
from nominations.models import AwardDecisionRule, Discipline, Nomination, Proceeding
from tests import factories
from workflow import services as workflow_services
from workflow.eligibility import eligibility_reasons
from workflow.services.transitions import lock_rows

pytestmark = pytest.mark.django_db
S = Nomination.State
D = datetime.date
DAY = D(2026, 12, 1)


def _locked(nomination: Nomination) -> Nomination:
    """The row as a transition reads it, with the eligibility hints."""
    with transaction.atomic():
        (row,) = lock_rows(None, [nomination.pk])
    return row


def _discipline(person, level, decided_on: D, until: D) -> Discipline:
    return Discipline.objects.create(
        person=person, level=level, decision_number="05/QĐ-KL", decided_on=decided_on,
        in_effect_until=until,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("rating", "months", "expected"),
    [
        ("htt", 12, None),
        ("htxs", 10, None),
        ("na", 12, None),  # a farmer or worker: not rated (Luật Đ24.3)
        ("ht", 12, "chưa đạt: cần hoàn thành tốt nhiệm vụ"),
        ("kht", 12, "chưa đạt"),
        ("", 12, "Cần ghi mức hoàn thành nhiệm vụ"),
        ("htt", 9, "Mới công tác 9 tháng trong năm; cần ít nhất 10 tháng."),
        ("htt", None, "Cần ghi số tháng công tác"),
    ],
)
def test_ldtt_needs_a_good_rating_and_the_minimum_service(world, rating, months, expected):
    nomination = world.nomination(task_rating=rating, months_served=months)
    reasons = eligibility_reasons(nomination, DAY)
    if expected is None:
        assert not [r for r in reasons if "nhiệm vụ" in r or "tháng" in r], reasons
    else:
        assert any(expected in r for r in reasons), reasons


@pytest.mark.parametrize(
    ("level", "decided_on", "until", "refused"),
    [
        (Discipline.Level.REPRIMAND, D(2026, 3, 1), D(2026, 9, 1), True),  # within the year
        (Discipline.Level.REPRIMAND, D(2025, 5, 1), D(2026, 1, 15), True),  # ends in the year
        (Discipline.Level.WARNING, D(2024, 5, 1), D(2025, 12, 31), False),  # ended before
        (Discipline.Level.REPRIMAND, D(2027, 1, 10), D(2027, 6, 1), False),  # after the year
    ],
)
def test_a_discipline_in_effect_during_the_year_rules_the_title_out(
    world, level, decided_on, until, refused
):
    nomination = world.nomination()
    _discipline(nomination.person, level, decided_on, until)
    reasons = [r for r in eligibility_reasons(nomination, DAY) if "kỷ luật" in r]
    assert bool(reasons) is refused, reasons
    if refused:
        assert "thành tích chỉ tính từ ngày hết kỷ luật" in reasons[0]
    # The same answer from the hint read with the locked row (issue 22), which a transition
    # uses instead of reading the disciplines when there is none in the way.
    locked = _locked(nomination)
    assert locked.discipline_in_period is refused
    assert [r for r in eligibility_reasons(locked, DAY) if "kỷ luật" in r] == reasons


def test_a_collective_is_ruled_out_by_a_members_warning_not_by_a_reprimand(world):
    """Luật Đ28 (TTLĐTT): no member disciplined at cảnh cáo or above."""
    team = factories.unit(world.commune, "school")
    members = [factories.person(team) for _ in range(3)]
    nomination = factories.nomination(
        unit_=world.unit, award_type=factories.award("tap-the-lao-dong-tien-tien"),
        period_=world.period, collective=team,
    )  # fmt: skip
    _discipline(members[0], Discipline.Level.REPRIMAND, D(2026, 2, 1), D(2026, 8, 1))
    assert not [r for r in eligibility_reasons(nomination, DAY) if "kỷ luật" in r]
    assert _locked(nomination).discipline_in_period is False
    _discipline(members[1], Discipline.Level.WARNING, D(2026, 2, 1), D(2027, 2, 1))
    assert [r for r in eligibility_reasons(nomination, DAY) if "kỷ luật cảnh cáo" in r]
    locked = _locked(nomination)
    assert locked.discipline_in_period is True
    assert [r for r in eligibility_reasons(locked, DAY) if "kỷ luật cảnh cáo" in r]


def test_an_open_matter_holds_the_dossiers_and_blocks_appraisal_until_concluded(world):
    office = world["standing_office"]
    submitted = world.nomination(state=S.SUBMITTED)
    world.attach_required_documents(submitted)
    person = submitted.person
    draft = world.nomination("chien-si-thi-dua-co-so", person=person)
    proceeding = workflow_services.proceeding_open(
        actor=office, nominee=person, kind="complaint",
        summary="Đơn phản ánh ngày 01/12/2026", opened_on=DAY,
    )  # fmt: skip
    submitted.refresh_from_db()
    draft.refresh_from_db()
    assert submitted.state == S.ON_HOLD
    assert draft.state == S.DRAFT  # a draft is the unit's; it is stopped at appraisal instead
    assert AuditEvent.objects.filter(action="proceeding.open").count() == 1
    assert any("vụ việc chưa kết luận" in r for r in eligibility_reasons(draft, DAY))
    locked = _locked(draft)
    assert (locked.open_proceeding, locked.nominee_on_hold) == (True, True)
    assert any("vụ việc chưa kết luận" in r for r in eligibility_reasons(locked, DAY))

    workflow_services.proceeding_close(
        actor=office, proceeding=proceeding, closed_on=DAY, conclusion="Đơn không có cơ sở."
    )
    submitted.refresh_from_db()
    assert submitted.state == S.ON_HOLD  # released by the office, one by one, with its reason
    workflow_services.nomination_release(
        nomination=submitted, actor=office, resolution="Kết luận: đơn không có cơ sở."
    )
    appraised = workflow_services.nomination_appraise(nomination=submitted, actor=office)
    assert appraised.state == S.APPRAISED


def test_only_the_office_records_a_matter_and_bad_input_changes_nothing(world):
    person = factories.person(world.unit)
    with pytest.raises(NotPermitted):
        workflow_services.proceeding_open(
            actor=world["unit_head"], nominee=person, kind="complaint", summary="x",
            opened_on=DAY,
        )  # fmt: skip
    for kind, summary, day in (("other", "x", DAY), ("complaint", "  ", DAY),
                               ("complaint", "x", D(2099, 1, 1))):  # fmt: skip
        with pytest.raises(InvalidInput):
            workflow_services.proceeding_open(
                actor=world["standing_office"], nominee=person, kind=kind, summary=summary,
                opened_on=day,
            )  # fmt: skip
    assert not Proceeding.objects.exists()


def test_the_person_page_shows_matters_and_lets_the_office_record_and_conclude(client, world):
    held = world.nomination(state=S.APPRAISED)
    person = held.person
    client.force_login(world["standing_office"])
    page = client.get(reverse("nominations:person", args=[person.pk])).content.decode()
    assert "Ghi nhận vụ việc mới" in page
    client.post(
        reverse("nominations:proceeding_open", args=[person.pk]),
        {"kind": "inspection", "summary": "Thanh tra tài chính trường", "opened_on": "01/12/2026"},
    )
    held.refresh_from_db()
    assert held.state == S.ON_HOLD
    proceeding = Proceeding.objects.get()
    page = client.get(reverse("nominations:person", args=[person.pk])).content.decode()
    assert "Thanh tra tài chính trường" in page
    assert "chưa kết luận" in page
    client.post(
        reverse("nominations:proceeding_close", args=[person.pk, proceeding.pk]),
        {"conclusion": "Không có sai phạm", "closed_on": "02/12/2026"},
    )
    proceeding.refresh_from_db()
    assert proceeding.conclusion == "Không có sai phạm"
    client.force_login(world["unit_head"])
    page = client.get(reverse("nominations:person", args=[person.pk])).content.decode()
    assert "Ghi nhận vụ việc mới" not in page
    response = client.post(
        reverse("nominations:proceeding_open", args=[person.pk]),
        {"kind": "complaint", "summary": "x", "opened_on": "01/12/2026"},
    )
    assert response.status_code == 302
    assert Proceeding.objects.count() == 1


@pytest.mark.parametrize(
    ("rows", "known"),
    [
        ([("", None, None)], True),  # the default row, in force
        ([("", None, D(2025, 6, 30))], False),  # it ended
        ([("province", None, None)], False),  # narrowed to a level that does not manage the unit
        ([("commune", None, None)], True),  # narrowed to the level that does
        ([("", D(2027, 1, 1), None), ("commune", None, None)], True),  # a later default
    ],
)
def test_the_locked_rows_hint_on_the_deciding_rule_agrees_with_the_catalogue(world, rows, known):
    """`default_decision_rule` (issue 22) spares reading the nominee's unit and its managing
    level when the award's rule for everyone is in force; otherwise the rule reads them."""
    nomination = world.nomination()
    award = nomination.award_type
    award.eligibility_rules = ["decision_level_known"]
    award.save()
    award.decision_rules.all().delete()
    for managed_by, valid_from, valid_to in rows:
        AwardDecisionRule.objects.create(
            award_type=award, level="commune", managed_by=managed_by, valid_from=valid_from,
            valid_to=valid_to, legal_basis="Thử",
        )  # fmt: skip
    today = clock.today()
    plain = eligibility_reasons(Nomination.objects.get(pk=nomination.pk), today)
    assert (not plain) is known, plain
    locked = _locked(nomination)
    assert locked.hints_day == today
    assert locked.default_decision_rule is (rows[0][0] == "" and known and rows[0][1] is None)
    assert eligibility_reasons(locked, today) == plain
    # A hint holds for the day it was read: checked on another day, the rule reads afresh.
    if locked.default_decision_rule:
        award.decision_rules.update(valid_to=today)
        later = today + datetime.timedelta(days=1)
        assert eligibility_reasons(locked, later) == eligibility_reasons(
            Nomination.objects.get(pk=nomination.pk), later
        )
        assert eligibility_reasons(locked, later)
