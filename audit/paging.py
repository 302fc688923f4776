"""Pages of the audit log by sequence number (keyset), not by page number: no COUNT over a
million events, each page one indexed range read, and a page reads the same when events
are appended while an auditor is paging."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet

from audit.models import AuditEvent
from core.requests import key_of


@dataclass(frozen=True)
class EventPage:
    events: list[AuditEvent]
    has_previous: bool
    has_next: bool

    @property
    def first_sequence(self) -> int | None:
        return self.events[0].sequence if self.events else None

    @property
    def last_sequence(self) -> int | None:
        return self.events[-1].sequence if self.events else None


def _sequence(raw: str | None) -> int | None:
    """A page mark from the query string; anything but a positive number means "start"."""
    return key_of(raw)


def event_page(
    events: QuerySet[AuditEvent], *, after: str | None, before: str | None, size: int
) -> EventPage:
    """The `size` events after (or before) a sequence number, oldest first; two queries."""
    after_sequence, before_sequence = _sequence(after), _sequence(before)
    if before_sequence is not None:
        rows = list(events.filter(sequence__lt=before_sequence).order_by("-sequence")[: size + 1])
        more_before = len(rows) > size
        return EventPage(list(reversed(rows[:size])), has_previous=more_before, has_next=True)
    if after_sequence is not None:
        events_after = events.filter(sequence__gt=after_sequence)
    else:
        events_after = events
    rows = list(events_after.order_by("sequence")[: size + 1])
    shown = rows[:size]
    earlier = after_sequence is not None and events.filter(sequence__lte=after_sequence).exists()
    return EventPage(shown, has_previous=earlier, has_next=len(rows) > size)
