"""Recording outbox jobs and delivering them: side effects written with the change, done after it.

A service records what must happen next (`outbox_add`) in its own transaction. After the
commit the row is handed to Celery by a background thread (outbox/handoff.py), so the request
never waits on the broker; if the broker is unreachable or hangs that is logged and the
request still succeeds, because the row is safe in the database and `outbox_sweep` (a beat
task) queues it again. Delivery is idempotent: a row already delivered is skipped, and an
e-mail is sent while the row is locked and marked delivered in that same transaction, so a
worker killed before its commit leaves the row to be sent again and one killed after it does
not (only a kill between the SMTP answer and the commit can send twice).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction

from core.statements import insert_kept, writes_as_one
from outbox.handoff import outbox_hand_over_later
from outbox.models import OutboxMessage

logger = logging.getLogger(__name__)


def outbox_add(*, kind: str, key: str, payload: dict[str, Any]) -> None:
    """Record one job in the caller's transaction; it is queued after that commits."""
    outbox_add_many([(kind, key, payload)])


def outbox_add_many(jobs: Iterable[tuple[str, str, dict[str, Any]]]) -> None:
    """Record several jobs with one INSERT. An event already recorded (same key) is kept as it
    was: a service that runs twice for the same event does not send twice."""
    rows = [OutboxMessage(kind=kind, key=key, payload=payload) for kind, key, payload in jobs]
    if not rows:
        return
    if writes_as_one(connection):  # a statement every action repeats: planned once
        insert_kept(rows, connection, ignore_conflicts=True)
    else:
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
    outbox_hand_over_later(ids)


def outbox_retry(*, ids: Iterable[int]) -> int:
    """An administrator's second chance for rows that gave up: count from zero, queue now."""
    ids = list(ids)
    updated = OutboxMessage.objects.filter(pk__in=ids, delivered_at__isnull=True).update(
        attempts=0, attempted_at=None
    )
    transaction.on_commit(lambda: outbox_hand_over_later(ids))
    return updated
