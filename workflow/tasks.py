"""Scheduled work (Celery beat): overdue reminders and posting windows that have passed."""

from __future__ import annotations

import logging

from celery import shared_task
from django.utils import timezone

from core.errors import ApplicationError
from workflow.eligibility import RULES
from workflow.models import Deadline
from workflow.notifications import deadline_notify_overdue
from workflow.services import nomination_end_posting

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
