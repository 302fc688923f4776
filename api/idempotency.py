"""Idempotency-Key for API writes: the action and the record of its answer commit together, so
a retry returns the first answer and never acts twice (communes work over unreliable lines)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from rest_framework.request import Request
from rest_framework.response import Response

from api.base import application_error_response
from api.models import IdempotentRequest
from core.errors import ApplicationError, InvalidInput

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 100


def _fingerprint(request: Request) -> str:
    data = json.dumps(request.data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(f"{request.method}\0{request.path}\0{data}".encode()).hexdigest()


def _replay(record: IdempotentRequest, fingerprint: str) -> Response:
    if record.fingerprint != fingerprint:
        raise InvalidInput(_("Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác."))
    return Response(record.body, status=record.status, headers={"Idempotent-Replayed": "true"})


def idempotent(request: Request, perform: Callable[[], Response]) -> Response:
    """Run `perform` once per (user, key); without the header, just run it."""
    key = request.headers.get(HEADER, "").strip()
    if not key:
        return perform()
    if len(key) > MAX_KEY_LENGTH:
        raise InvalidInput(_("Khóa Idempotency-Key dài quá 100 ký tự."))
    fingerprint = _fingerprint(request)
    existing = IdempotentRequest.objects.filter(user=request.user, key=key).first()
    if existing is not None:
        return _replay(existing, fingerprint)
    try:
        with transaction.atomic():
            # Claimed first: a concurrent twin waits on the unique key, then replays.
            record = IdempotentRequest.objects.create(
                user=request.user, key=key, fingerprint=fingerprint, status=0, body={}
            )
            try:
                response = perform()
            except ApplicationError as refusal:
                response = application_error_response(refusal)
            record.status, record.body = response.status_code, response.data
            record.save(update_fields=["status", "body"])
    except IntegrityError:
        return _replay(IdempotentRequest.objects.get(user=request.user, key=key), fingerprint)
    return response
