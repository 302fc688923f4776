"""The nightly backup (CELERY_BEAT_SCHEDULE "backups-nightly"), on a worker that sees
MEDIA_ROOT and BACKUP_DIR and has pg_dump."""

from __future__ import annotations

import logging
from pathlib import Path

from celery import shared_task
from django.conf import settings

from backups.services import backup_create

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def backup_nightly() -> str:
    result = backup_create(output=Path(settings.BACKUP_DIR), keep=settings.BACKUP_KEEP)
    logger.info(
        "backup written",
        extra={"archive": str(result.path), "removed": [p.name for p in result.removed]},
    )
    return str(result.path)
