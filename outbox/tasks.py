"""The outbox's Celery side: handing rows to the broker, delivering one, and the beat sweep
that queues again what is still waiting (the broker was down, a worker died)."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from celery import shared_task

from outbox.delivery import outbox_deliver, outbox_waiting

logger = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    # A worker killed mid-delivery: the message goes back to the queue, not to the void.
    reject_on_worker_lost=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=5,
)
def deliver_outbox_message(message_id: int) -> bool:
    """Deliver one outbox row; a second delivery of the same row does nothing."""
    return outbox_deliver(message_id=message_id)


@shared_task(acks_late=True)
def sweep_outbox() -> int:
    """Queue again the outbox rows still undelivered (the broker was down, a worker died)."""
    return outbox_sweep()


def outbox_hand_over(ids: Iterable[int]) -> int:
    """Queue the delivery of each row; return how many the broker took. A broker that cannot
    be reached is logged, never raised: the rows wait for the sweep."""
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


def outbox_sweep(*, limit: int = 500) -> int:
    """Queue again what is still waiting; return how many the broker took."""
    ids = list(outbox_waiting().order_by("pk").values_list("pk", flat=True)[:limit])
    return outbox_hand_over(ids)
