"""Sign-in throttling: after repeated failures for one username from one address, refuse for a
while. Counts live in Django's cache (Redis in production), so every web process shares them."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache


def _key(username: str, address: str) -> str:
    return f"login-failures:{username.lower()}:{address}"


def is_locked(username: str, address: str) -> bool:
    return cache.get(_key(username, address), 0) >= settings.LOGIN_FAILURE_LIMIT


def record_failure(username: str, address: str) -> None:
    key = _key(username, address)
    cache.add(key, 0, settings.LOGIN_LOCKOUT_SECONDS)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, settings.LOGIN_LOCKOUT_SECONDS)


def clear(username: str, address: str) -> None:
    cache.delete(_key(username, address))
