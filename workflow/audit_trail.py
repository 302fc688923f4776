"""What an auditor reads: a nomination's timeline and a search of the audit log, scoped to
their authority and everything below it (`councils.selectors.auditor_scope`); a fixed number of
queries each. It sits in the lifecycle layer because it reads nominations, their history and
the audit log together; the log itself (`audit`) imports no domain app."""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass, field
from typing import Any

from django.db.models import F, Q, QuerySet
from django.http import Http404

from accounts.models import User
from audit.labels import action_label, actions_named, object_label, object_types_named
from audit.models import AuditEvent
from core.lookups import in_subquery
from councils.models import Authority, Unit
from councils.selectors import auditor_scope
from nominations.models import AwardType, Nomination, Period, Person
from workflow.selectors import nominations_visible_to


@dataclass
class Change:
    field: str
    old: Any
    new: Any


@dataclass
class TimelineEntry:
    when: datetime.datetime
    who: str
    what: str
    reason: str = ""
    changes: list[Change] = field(default_factory=list)
    from_state: str = ""
    to_state: str = ""
    sequence: int | None = None


# How a foreign key's value reads in a diff: the name, fetched once per related model.
_NAMED = {
    "current_authority": Authority,
    "proposing_unit": Unit,
    "collective": Unit,
    "award_type": AwardType,
    "period": Period,
    "person": Person,
}
_STATE_LABELS = dict(Nomination.State.choices)


def _readable(values_by_field: dict[str, set]) -> dict[tuple[str, Any], str]:
    names: dict[tuple[str, Any], str] = {}
    for field_name, ids in values_by_field.items():
        model = _NAMED[field_name]
        for obj in model.objects.filter(pk__in={i for i in ids if i is not None}):
            names[(field_name, obj.pk)] = str(obj)
    return names


def nomination_timeline(
    *, user: User, nomination_id: int
) -> tuple[Nomination, list[TimelineEntry]]:
    scope = auditor_scope(user)
    nomination = (
        Nomination.objects.select_related("award_type", "proposing_unit__authority")
        .filter(pk=nomination_id)
        .first()
    )
    # Auditors of its authorities read it; so does whoever works on it (a unit head reads
    # their own unit's dossier, never another unit's).
    in_scope = nomination is not None and (
        scope is None
        or nomination.current_authority_id in scope
        or nomination.proposing_unit.authority_id in scope
        or nominations_visible_to(user).filter(pk=nomination.pk).exists()
    )
    if not in_scope:
        raise Http404("Không tìm thấy hồ sơ.")

    events = AuditEvent.objects.filter(
        object_type="nominations.nomination", object_id=str(nomination.pk)
    ).select_related("actor")
    entries = [
        TimelineEntry(
            when=e.occurred_at,
            who=e.actor.get_full_name() if e.actor else "Hệ thống",
            what=action_label(e.action),
            reason=str(e.payload.get("reason", "")),
            from_state=_STATE_LABELS.get(e.from_state, e.from_state),
            to_state=_STATE_LABELS.get(e.to_state, e.to_state),
            sequence=e.sequence,
        )
        for e in events
    ]
    records = list(nomination.history.select_related("history_user").order_by("history_id"))
    diffs = [
        (record, record.diff_against(previous).changes)
        for previous, record in itertools.pairwise(records)
    ]
    referenced: dict[str, set] = {}
    for _record, changes in diffs:
        for change in changes:
            if change.field in _NAMED:
                referenced.setdefault(change.field, set()).update({change.old, change.new})
    names = _readable(referenced)

    def shown(field_name: str, value: Any) -> Any:
        if field_name in ("state", "held_from_state"):
            return _STATE_LABELS.get(value, value)
        return names.get((field_name, value), value)

    labels = {f.name: str(f.verbose_name) for f in Nomination._meta.fields}
    labels.update({f"{name}_id": label for name, label in labels.items()})
    for record, changes in [(records[0], None), *diffs] if records else []:
        entries.append(
            TimelineEntry(
                when=record.history_date,
                who=record.history_user.get_full_name() if record.history_user else "Hệ thống",
                what="Tạo hồ sơ" if changes is None else "Thay đổi dữ liệu",
                reason=record.history_change_reason or "",
                changes=[
                    Change(
                        labels.get(c.field, c.field), shown(c.field, c.old), shown(c.field, c.new)
                    )
                    for c in changes or []
                    if c.field not in ("updated_at",)
                ],
            )
        )
    entries.sort(key=lambda entry: (entry.when, entry.sequence is None))
    return nomination, entries


def audit_events_in_scope(user: User) -> QuerySet[AuditEvent]:
    scope = auditor_scope(user)
    events = AuditEvent.objects.select_related("actor", "authority", "unit")
    if scope is None:
        return events
    # Pages are read in sequence order, a few dozen at a time: the database should walk the
    # sequence index and test the scope on each row, stopping at a page. Offered indexes on
    # authority and unit, it gathers every event in scope (a million for a province) and
    # sorts them; `+ 0` makes the scope a plain test. No join either, for the same reason.
    units = Unit.objects.filter(authority__in=scope).values("pk")
    return events.alias(scope_authority=F("authority_id") + 0, scope_unit=F("unit_id") + 0).filter(
        Q(scope_authority__in=scope) | Q(scope_unit__in=units)
    )


def audit_search(
    user: User,
    *,
    actor: str = "",
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    action: str = "",
    object_type: str = "",
    authority: int | None = None,
    unit: int | None = None,
) -> QuerySet[AuditEvent]:
    events = audit_events_in_scope(user)
    if actor:
        events = events.filter(
            Q(actor__username__icontains=actor) | Q(actor__full_name__icontains=actor)
        )
    if date_from:
        events = events.filter(occurred_at__date__gte=date_from)
    if date_to:
        events = events.filter(occurred_at__date__lte=date_to)
    if action:  # by code or by its Vietnamese name
        events = events.filter(Q(action__startswith=action) | Q(action__in=actions_named(action)))
    if object_type:
        events = events.filter(object_type__in=object_types_named(object_type))
    if authority:  # what happened in the authority, or in one of its units
        units = Unit.objects.filter(authority=authority).values("pk")
        events = events.filter(Q(authority_id=authority) | Q(in_subquery("unit_id", units)))
    if unit:
        events = events.filter(unit_id=unit)
    return events.order_by("sequence")


@dataclass
class EventRow:
    """An audit event as an auditor reads it: names, not codes."""

    event: AuditEvent
    action: str
    states: str
    target: str


def event_rows(events: list[AuditEvent]) -> list[EventRow]:
    def state(value: str) -> str:
        return str(_STATE_LABELS.get(value, value))

    return [
        EventRow(
            event=e,
            action=action_label(e.action),
            states=f"{state(e.from_state)} → {state(e.to_state)}" if e.to_state else "",
            target=f"{object_label(e.object_type)} #{e.object_id}",
        )
        for e in events
    ]
