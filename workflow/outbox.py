"""The transactional outbox: side effects recorded with the change, delivered after it.

A service records what must happen next (`outbox_add`) in its own transaction. After the
commit the row is handed to Celery; if the broker is unreachable that is logged and the
request still succeeds, because the row is safe in the database and `outbox_sweep` (a beat
task) queues it again. Delivery is idempotent: a row already delivered is skipped, and an
e-mail is sent while the row is locked and marked delivered in that same transaction, so a
worker killed before its commit leaves the row to be sent again and one killed after it does
not (only a kill between the SMTP answer and the commit can send twice).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from workflow.models import OutboxMessage

logger = logging.getLogger(__name__)
Kind = OutboxMessage.Kind


def _send_email(payload: dict[str, Any]) -> None:
    send_mail(payload["subject"], payload["body"], None, [payload["to"]])


def _generate_document(payload: dict[str, Any]) -> None:
    from nominations.tasks import generate_document  # nominations imports this module

    generate_document(**payload)  # the task's body, here; its request_id makes a rerun a no-op


@dataclass(frozen=True)
class Handler:
    deliver: Callable[[dict[str, Any]], None]
    # Slow work that is idempotent by itself runs without holding the row's lock (a paper
    # takes seconds in LibreOffice); an e-mail, which cannot be taken back, runs under it.
    under_lock: bool


HANDLERS = {
    Kind.EMAIL: Handler(_send_email, under_lock=True),
    Kind.DOCUMENT: Handler(_generate_document, under_lock=False),
}


def outbox_add(*, kind: str, key: str, payload: dict[str, Any]) -> None:
    """Record one job in the caller's transaction; it is queued after that commits."""
    outbox_add_many([(kind, key, payload)])


def outbox_add_many(jobs: Iterable[tuple[str, str, dict[str, Any]]]) -> None:
    """Record several jobs with one INSERT. An event already recorded (same key) is kept as it
    was: a service that runs twice for the same event does not send twice."""
    rows = [OutboxMessage(kind=kind, key=key, payload=payload) for kind, key, payload in jobs]
    if not rows:
        return
    OutboxMessage.objects.bulk_create(rows, ignore_conflicts=True)
    keys = [row.key for row in rows]
    transaction.on_commit(lambda: _hand_over_keys(keys))


def _hand_over_keys(keys: list[str]) -> None:
    try:
        ids = list(
            OutboxMessage.objects.filter(key__in=keys, delivered_at__isnull=True)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
    except Exception:  # the change is committed whatever happens here; the sweep follows
        logger.exception("outbox: could not read the new rows; the sweep will send them")
        return
    outbox_hand_over(ids)


def outbox_hand_over(ids: Iterable[int]) -> int:
    """Queue the delivery of each row; return how many the broker took. A broker that cannot
    be reached is logged, never raised: the rows wait for the sweep."""
    from workflow.tasks import deliver_outbox_message  # the task module imports this one

    queued = 0
    for pk in ids:
        try:
            deliver_outbox_message.apply_async(
                (pk,),
                retry=True,
                retry_policy={
                    "max_retries": 2,
                    "interval_start": 0,
                    "interval_step": 0.2,
                    "interval_max": 0.5,
                },
            )
        except Exception as error:  # kombu's OperationalError, a refused socket, a failed send
            logger.warning(
                "outbox: row %s not handed to Celery (%s: %s); the sweep will retry it",
                pk,
                type(error).__name__,
                error,
            )
            if deliver_outbox_message.app.conf.task_always_eager:
                continue  # inline (no broker): that one failed to send; try the others
            break  # the broker is down: the next ones would fail the same way, each slowly
        queued += 1
    return queued


def outbox_deliver(*, message_id: int) -> bool:
    """Deliver one row. True when this call delivered it; False when it was already delivered
    or another worker is delivering it now. A failure is recorded on the row and raised."""
    message = OutboxMessage.objects.filter(pk=message_id, delivered_at__isnull=True).first()
    if message is None:
        return False
    handler = HANDLERS[message.kind]
    # Counted before the work and committed on its own, so a try that kills the worker counts.
    OutboxMessage.objects.filter(pk=message_id).update(
        attempts=F("attempts") + 1, attempted_at=timezone.now()
    )
    try:
        if handler.under_lock:
            return _deliver_locked(message_id, handler)
        handler.deliver(message.payload)
        OutboxMessage.objects.filter(pk=message_id, delivered_at__isnull=True).update(
            delivered_at=timezone.now(), last_error=""
        )
        return True
    except Exception as error:
        OutboxMessage.objects.filter(pk=message_id).update(
            last_error=f"{type(error).__name__}: {error}"[:2000]
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
        handler.deliver(row.payload)
        row.delivered_at = timezone.now()
        row.last_error = ""
        row.save(update_fields=["delivered_at", "last_error"])
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


def outbox_sweep(*, limit: int = 500) -> int:
    """Queue again what is still waiting; return how many the broker took."""
    ids = list(outbox_waiting().order_by("pk").values_list("pk", flat=True)[:limit])
    return outbox_hand_over(ids)


def outbox_retry(*, ids: Iterable[int]) -> int:
    """An administrator's second chance for rows that gave up: count from zero, queue now."""
    ids = list(ids)
    updated = OutboxMessage.objects.filter(pk__in=ids, delivered_at__isnull=True).update(
        attempts=0, attempted_at=None
    )
    transaction.on_commit(lambda: outbox_hand_over(ids))
    return updated
