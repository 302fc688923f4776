"""Scheduled work (Celery beat): overdue reminders, posting windows that have passed, and the
nightly check of the audit chain (a break notifies the auditors)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from audit.checkpoints import checkpoints_check
from audit.models import AuditEvent
from audit.verification import verify_chain
from core import clock
from core.errors import ApplicationError
from councils.models import Membership
from workflow.eligibility import RULES
from workflow.models import Deadline, Notification
from workflow.notifications import deadline_notify_overdue
from workflow.services import nomination_end_posting, successions_due

logger = logging.getLogger(__name__)


@shared_task(acks_late=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def notify_overdue_deadlines() -> int:
    """Remind the responsible role of every deadline that passed and was not yet reminded."""
    today = timezone.localdate()
    overdue = Deadline.objects.filter(
        met_at__isnull=True, notified_at__isnull=True, due_on__lt=today
    ).values_list("pk", flat=True)
    return sum(len(deadline_notify_overdue(deadline_id=pk)) for pk in overdue.iterator())


@shared_task(acks_late=True, autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def close_posting_windows() -> int:
    """Move posted nominations on once their window has passed with no open complaint."""
    today = timezone.localdate()
    due = Deadline.objects.filter(
        kind=Deadline.Kind.END_POSTING, met_at__isnull=True, due_on__lt=today
    ).select_related("nomination__award_type")
    closed = 0
    for deadline in due.iterator():
        nomination = deadline.nomination
        if RULES["no_open_hold"].check(nomination, today):
            continue  # a complaint about the nominee is open elsewhere: a person must decide
        try:
            nomination_end_posting(nomination=nomination, actor=None)
        except ApplicationError as refusal:  # held or moved on since the query
            logger.info("posting window of %s not closed: %s", nomination.pk, refusal.message)
            continue
        closed += 1
    return closed


@shared_task(acks_late=True)
def verify_audit_chain() -> bool:
    """The nightly check: the chain link by link, then against every signed checkpoint (a
    re-chained or cut log passes the first and fails the second); the report names the last
    checkpoint, and any failure notifies the auditors."""
    report = verify_chain()
    checkpoints, problems = checkpoints_check()
    last = checkpoints[-1] if checkpoints else None  # the newest validly signed
    logger.info(
        "audit chain: %s events checked, %s; last checkpoint %s",
        report.checked,
        "intact" if report.intact and not problems else "NOT INTACT",
        f"sequence {last.sequence} at {last.at} (key {last.key})" if last else "none yet",
    )
    if report.intact and not problems:
        return True
    messages, sequences = [], []
    if not report.intact:
        broken = report.broken
        sequences.append(broken.sequence)
        messages.append(
            f"Nhật ký kiểm tra bị thay đổi tại sự kiện số {broken.sequence} ({broken.why})."
        )
    for problem in problems:
        if problem.sequence:
            sequences.append(problem.sequence)
        messages.append(problem.message)
    authority_id = (
        AuditEvent.objects.filter(sequence=min(sequences))
        .values_list("authority_id", flat=True)
        .first()
        if sequences
        else None
    )
    auditors = Membership.objects.active_on(timezone.localdate()).filter(
        role=Membership.Role.AUDITOR
    )
    if authority_id is not None:
        auditors = auditors.filter(authority_id=authority_id)
    message = " ".join(messages) + " Cần kiểm tra ngay."
    with transaction.atomic():
        Notification.objects.bulk_create(
            Notification(user=user, message=message)
            for user in User.objects.filter(memberships__in=auditors).distinct()
        )
    return False


@shared_task(acks_late=True)
def apply_successions() -> int:
    """Hand each authority's work to its successor on the succession date (e.g. 01/07/2025)."""
    return len(successions_due(clock.today()))
