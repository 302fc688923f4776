"""The audit app's scheduled work: a signed checkpoint of the chain's head every hour."""

from __future__ import annotations

import logging

from celery import shared_task

from audit.checkpoints import audit_checkpoint_write

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def audit_checkpoint_task() -> int:
    """Write a checkpoint; return the sequence it vouches for."""
    checkpoint = audit_checkpoint_write()
    logger.info(
        "audit checkpoint: sequence %s, hash %s…, key %s",
        checkpoint.sequence,
        checkpoint.hash[:16],
        checkpoint.key,
    )
    return checkpoint.sequence
