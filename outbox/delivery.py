"""Delivering one outbox row with the handler its app registered, at most once.

An e-mail is sent while the row is locked and marked delivered in that same transaction, so a
worker killed before its commit leaves the row to be sent again and one killed after it does
not. Only a kill between the SMTP answer and the commit can send twice; the row is marked
"being sent" before the send, so that repeat is logged, and it carries the same Message-ID.
"""

from __future__ import annotations

import datetime
import hashlib
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from outbox.handlers import Handler, handler_for
from outbox.models import OutboxMessage

logger = logging.getLogger(__name__)


def stable_message_id(key: str) -> str:
    """The same Message-ID for every delivery of one outbox row (RFC 5322 §3.6.4), so a
    repeat after a worker died between the SMTP answer and the commit is recognisable."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"
    return f"<{hashlib.sha256(key.encode()).hexdigest()[:40]}.outbox@{domain}>"


def outbox_deliver(*, message_id: int) -> bool:
    """Deliver one row. True when this call delivered it; False when it was already delivered
    or another worker is delivering it now. A failure is recorded on the row and raised."""
    message = OutboxMessage.objects.filter(pk=message_id, delivered_at__isnull=True).first()
    if message is None:
        return False
    handler = handler_for(message.kind)
    if message.sending_since is not None:
        logger.warning(
            "outbox: row %s was being sent since %s when its try ended; sending it again "
            "with the same Message-ID %s",
            message_id,
            message.sending_since.isoformat(),
            stable_message_id(message.key),
        )
    # Counted and marked "being sent" before the work, committed on their own, so a try that
    # kills the worker counts and leaves its mark.
    now = timezone.now()
    OutboxMessage.objects.filter(pk=message_id).update(
        attempts=F("attempts") + 1, attempted_at=now, sending_since=now
    )
    try:
        if handler.under_lock:
            return _deliver_locked(message_id, handler)
        handler.deliver(message.payload, key=message.key)
        OutboxMessage.objects.filter(pk=message_id, delivered_at__isnull=True).update(
            delivered_at=timezone.now(), sending_since=None, last_error=""
        )
        return True
    except Exception as error:
        OutboxMessage.objects.filter(pk=message_id).update(
            sending_since=None, last_error=f"{type(error).__name__}: {error}"[:2000]
        )
        raise


def _deliver_locked(message_id: int, handler: Handler) -> bool:
    with transaction.atomic():
        row = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, delivered_at__isnull=True)
            .first()
        )
        if row is None:  # delivered meanwhile, or being delivered by another worker
            return False
        handler.deliver(row.payload, key=row.key)
        row.delivered_at = timezone.now()
        row.sending_since = None
        row.last_error = ""
        row.save(update_fields=["delivered_at", "sending_since", "last_error"])
    return True


def outbox_waiting(now: datetime.datetime | None = None):
    """Rows the sweep should queue again: undelivered, old enough that the hand-over after
    their commit had its chance, not tried a moment ago, and not given up on."""
    now = now or timezone.now()
    settle = now - datetime.timedelta(seconds=settings.OUTBOX_SWEEP_AFTER_SECONDS)
    retry = now - datetime.timedelta(seconds=settings.OUTBOX_RETRY_AFTER_SECONDS)
    return OutboxMessage.objects.filter(
        Q(attempted_at__isnull=True) | Q(attempted_at__lte=retry),
        delivered_at__isnull=True,
        created_at__lte=settle,
        attempts__lt=settings.OUTBOX_MAX_ATTEMPTS,
    )
