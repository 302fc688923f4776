"""The business date every lifecycle rule reads: who holds which role, who decides an award,
where a dossier goes up, when a deadline starts.

It is today, except inside `business_date(day)`, which a loader of dossiers that were worked on
paper (and the demo, whose plans are from 2023–24) uses to replay them on the date they
happened. The audit log always records the real time of writing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils import timezone

_business_date: ContextVar[datetime.date | None] = ContextVar("business_date", default=None)


def today() -> datetime.date:
    return _business_date.get() or timezone.localdate()


@contextmanager
def business_date(day: datetime.date) -> Iterator[None]:
    token = _business_date.set(day)
    try:
        yield
    finally:
        _business_date.reset(token)
