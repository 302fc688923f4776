"""Due dates in working days, overdue reminders, and posting windows that close themselves."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from audit.models import AuditEvent
from nominations.models import Nomination
from tests import factories
from workflow import services as workflow_services
from workflow.models import Deadline, Notification
from workflow.selectors import add_working_days
from workflow.tasks import close_posting_windows, notify_overdue_deadlines

S = Nomination.State
K = Deadline.Kind
pytestmark = pytest.mark.django_db


def _open(nomination) -> dict[str, tuple[str, datetime.date]]:
    return {
        d.kind: (d.responsible_role, d.due_on)
        for d in Deadline.objects.filter(nomination=nomination, met_at__isnull=True)
    }


def test_a_submitted_dossier_must_be_checked_in_5_and_appraised_in_20_working_days(world):
    nomination = world.nomination()
    workflow_services.nomination_submit(nomination=nomination, actor=world["unit_head"])
    today = timezone.localdate()
    assert _open(nomination) == {
        K.CHECK_COMPLETENESS: ("standing_office", add_working_days(today, 5)),
        K.APPRAISE: ("standing_office", add_working_days(today, 20)),
    }


def test_a_transition_meets_the_old_deadlines_and_opens_the_new_ones(world):
    nomination = world.nomination()
    workflow_services.nomination_submit(nomination=nomination, actor=world["unit_head"])
    workflow_services.nomination_return(
        nomination=nomination, actor=world["standing_office"], reason="Thiếu"
    )
    today = timezone.localdate()
    assert _open(nomination) == {K.RESUBMIT: ("unit_head", add_working_days(today, 10))}
    assert Deadline.objects.filter(nomination=nomination, met_at__isnull=False).count() == 2
    workflow_services.nomination_withdraw(
        nomination=nomination, actor=world["unit_head"], reason="Đơn vị rút."
    )
    assert _open(nomination) == {}


def test_posting_and_decision_deadlines_follow_the_award_type(world):
    ldtt = world.nomination(state=S.IN_COUNCIL)
    workflow_services.nomination_council_result(
        nomination=ldtt, actor=world["standing_office"], passed=True, tally={}
    )
    today = timezone.localdate()
    assert _open(ldtt) == {K.END_POSTING: ("standing_office", add_working_days(today, 7))}

    gdvh = factories.nomination(
        unit_=world.unit,
        award_type=factories.award("gia-dinh-van-hoa"),
        period_=world.period,
        household=factories.household(world.unit),
    )
    Nomination.objects.filter(pk=gdvh.pk).update(state=S.SUBMITTED)
    gdvh.refresh_from_db()
    world.attach_required_documents(gdvh)
    workflow_services.nomination_appraise(nomination=gdvh, actor=world["standing_office"])
    assert _open(gdvh) == {K.DECIDE: ("chairman", today + datetime.timedelta(days=10))}


def test_overdue_deadlines_notify_the_responsible_role_once(
    world, django_capture_on_commit_callbacks
):
    world["standing_office"].email = "thuongtruc@xa.gov.vn"
    world["standing_office"].save()
    nomination = world.nomination()
    workflow_services.nomination_submit(nomination=nomination, actor=world["unit_head"])
    Deadline.objects.filter(kind=K.CHECK_COMPLETENESS).update(
        due_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert notify_overdue_deadlines() == 1
    notification = Notification.objects.get(deadline__isnull=False)
    assert notification.user == world["standing_office"]
    assert "Quá hạn" in notification.message
    assert [m.to for m in mail.outbox] == [["thuongtruc@xa.gov.vn"]]
    with django_capture_on_commit_callbacks(execute=True):
        assert notify_overdue_deadlines() == 0
    assert Notification.objects.filter(deadline__isnull=False).count() == 1
    assert len(mail.outbox) == 1


def test_a_met_deadline_is_never_reminded(world):
    nomination = world.nomination()
    workflow_services.nomination_submit(nomination=nomination, actor=world["unit_head"])
    Deadline.objects.update(due_on=timezone.localdate() - datetime.timedelta(days=1))
    workflow_services.nomination_withdraw(
        nomination=nomination, actor=world["unit_head"], reason="Đơn vị rút."
    )
    assert notify_overdue_deadlines() == 0


def _posted_past_window(world):
    nomination = world.nomination(state=S.IN_COUNCIL)
    workflow_services.nomination_council_result(
        nomination=nomination, actor=world["standing_office"], passed=True, tally={}
    )
    Deadline.objects.filter(nomination=nomination, kind=K.END_POSTING).update(
        due_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    return nomination


def test_a_posting_window_that_has_passed_closes_itself(world):
    nomination = _posted_past_window(world)
    assert close_posting_windows() == 1
    nomination.refresh_from_db()
    assert nomination.state == S.AWAITING_DECISION
    event = AuditEvent.objects.get(action="nomination.end_posting")
    assert event.actor is None
    assert close_posting_windows() == 0


def test_an_open_complaint_on_the_nominee_keeps_the_window_open(world):
    nomination = _posted_past_window(world)
    other = factories.nomination(
        unit_=world.unit,
        award_type=factories.award("giay-khen-chu-tich-xa"),
        period_=world.period,
        person=nomination.person,
    )
    Nomination.objects.filter(pk=other.pk).update(state=S.ON_HOLD, held_from_state=S.SUBMITTED)
    assert close_posting_windows() == 0
    nomination.refresh_from_db()
    assert nomination.state == S.POSTED


def test_a_window_still_running_stays_open(world):
    nomination = world.nomination(state=S.IN_COUNCIL)
    workflow_services.nomination_council_result(
        nomination=nomination, actor=world["standing_office"], passed=True, tally={}
    )
    assert close_posting_windows() == 0
    nomination.refresh_from_db()
    assert nomination.state == S.POSTED


def test_the_beat_schedule_runs_the_sweeps_and_the_nightly_chain_check(settings):
    from config import celery_app

    celery_app.loader.import_default_modules()  # what a worker does at start-up
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert tasks == {
        "workflow.tasks.close_posting_windows",
        "workflow.tasks.notify_overdue_deadlines",
        "outbox.tasks.sweep_outbox",
        "workflow.tasks.verify_audit_chain",
        "audit.tasks.audit_checkpoint_task",
        "workflow.tasks.apply_successions",
        "backups.tasks.backup_nightly",
    }
    assert tasks <= set(celery_app.tasks)  # every scheduled name is a registered task
