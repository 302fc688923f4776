"""Asynchronous work of the nominations app: rendering official papers."""

from __future__ import annotations

import uuid

from celery import shared_task

from accounts.models import User
from nominations.documents.rendering import RenderError
from nominations.documents.services import document_generate


@shared_task(
    acks_late=True,
    autoretry_for=(RenderError, ConnectionError),
    retry_backoff=True,
    max_retries=3,
)
def generate_document(
    *,
    kind: str,
    subject_id: int,
    actor_id: int | None,
    request_id: str,
    period_id: int | None = None,
) -> int:
    """Render and store one paper; rerunning the same request returns the same document."""
    actor = User.objects.filter(pk=actor_id).first() if actor_id else None
    document = document_generate(
        kind=kind,
        subject_id=subject_id,
        actor=actor,
        request_id=uuid.UUID(request_id),
        period_id=period_id,
    )
    return document.pk


def deliver_document(payload: dict, *, key: str) -> None:
    """The outbox's handler for a paper job: the task's body, run here; its request_id (not the
    outbox key) makes a rerun a no-op."""
    generate_document(**payload)
