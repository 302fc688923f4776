"""Facts about an HTTP request that several layers need."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    """The caller's address: behind NUM_PROXIES proxies of ours, the X-Forwarded-For entry the
    outermost of them appended (what a client writes there itself comes before and is
    ignored); else REMOTE_ADDR. DRF's throttles read NUM_PROXIES the same way."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.NUM_PROXIES and forwarded:
        entries = [entry.strip() for entry in forwarded.split(",")]
        return entries[-min(settings.NUM_PROXIES, len(entries))]
    return request.META.get("REMOTE_ADDR", "")


def key_of(value: str | None) -> int | None:
    """A record's key as a form or query string sends it; None for anything else. Only ASCII
    digits: str.isdigit also accepts "²" and "٣", which int() then refuses (a server error)."""
    value = (value or "").strip()
    if value.isascii() and value.isdigit() and len(value) <= 18:  # a bigint's range
        return int(value)
    return None


def keys_of(values: list[str]) -> list[int]:
    """The keys among several posted values (ticked rows), in their order; others dropped."""
    return [key for value in values if (key := key_of(value)) is not None]
