"""/healthz for load balancers and monitors: the database answers, and the Celery broker
(when one is configured) accepts a connection. 200 when both do, 503 otherwise.

It answers within HEALTHZ_TIMEOUT_SECONDS whatever hangs: each part is probed in a thread of
its own and a part that has not answered by then is reported as "timeout". A part that is
still hanging from an earlier call is not probed again until that probe returns, so a
stopped server costs at most one waiting thread per part, not one per caller.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

import redis
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu import Connection

from config.env import redis_socket_options as redis_timeouts

logger = logging.getLogger(__name__)

HEALTHY = ("ok", "not configured")


def _database() -> str:
    # A connection of its own, closed at once: the probe thread must not keep one open, and a
    # request's connection (or the test's transaction) is left alone.
    probe = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        with probe.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        probe.close()
    return "ok"


def _broker() -> str:
    url = settings.CELERY_BROKER_URL
    if not url:
        return "not configured"  # tasks run inline (development, tests)
    if url.startswith(("redis://", "rediss://")):
        # A real round trip: a stopped Redis still accepts TCP connections (the kernel does).
        client = redis.Redis.from_url(url, **redis_timeouts())
        try:
            client.ping()
        finally:
            client.close()
        return "ok"
    with Connection(
        url,
        connect_timeout=settings.HEALTHZ_TIMEOUT_SECONDS,
        transport_options=settings.CELERY_BROKER_TRANSPORT_OPTIONS,
    ) as broker:
        broker.ensure_connection(max_retries=1, timeout=settings.HEALTHZ_TIMEOUT_SECONDS)
    return "ok"


CHECKS: dict[str, Callable[[], str]] = {"database": _database, "broker": _broker}

_executor = ThreadPoolExecutor(max_workers=len(CHECKS) * 2, thread_name_prefix="healthz")
_in_flight: dict[str, Future] = {}
_in_flight_lock = threading.Lock()


def _guarded(name: str, check: Callable[[], str]) -> str:
    try:
        return check()
    except Exception:  # any failure means "not healthy"; the log says which
        logger.exception("health check: %s unreachable", name)
        return "down"


def _probe(name: str) -> Future:
    with _in_flight_lock:
        future = _in_flight.get(name)
        if future is None or future.done():
            future = _executor.submit(_guarded, name, CHECKS[name])
            _in_flight[name] = future
        return future


def health_checks() -> dict[str, str]:
    """Each part's state: ok, not configured, down, or timeout (no answer in time)."""
    deadline = time.monotonic() + settings.HEALTHZ_TIMEOUT_SECONDS
    futures = {name: _probe(name) for name in CHECKS}
    states = {}
    for name, future in futures.items():
        try:
            states[name] = future.result(timeout=max(0.0, deadline - time.monotonic()))
        except FutureTimeout:
            logger.error("health check: %s did not answer in time", name)
            states[name] = "timeout"
    return states


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    checks = health_checks()
    healthy = all(state in HEALTHY for state in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "down", **checks}, status=200 if healthy else 503
    )
