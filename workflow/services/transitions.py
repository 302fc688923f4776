"""How every lifecycle service changes a nomination, in one transaction: re-read the row with
`select_for_update`, re-check the actor's permission and the source state after the lock, run
the viewflow transition, save it with its simple-history row (actor, reason), reset the
deadlines, write one audit event and queue the notifications. A refusal raises NotPermitted
(403), WrongState (409) or InvalidInput (400) and writes nothing.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.labels import action_label
from audit.services import (
    LOGGED_IN_ORDER,
    append_clause,
    audit_event_new,
    audit_events_append,
    numbered,
)
from core import clock
from core.errors import InvalidInput, NotPermitted, WrongState
from core.history import update_clauses
from core.prepared import PreparedQuery, pipeline
from core.statements import run_as_one, writes_as_one
from core.text import visible
from councils.roles import roles_and_people, roles_and_people_sent
from nominations.models import Nomination
from workflow.actions import may_perform
from workflow.deadlines import deadline_clauses, deadlines_reset
from workflow.eligibility import eligibility_hints
from workflow.flow import NominationFlow
from workflow.notifications import (
    Told,
    notifications_clause,
    notifications_saved,
    save_notifications,
    tells_council,
    transition_notifications,
)
from workflow.selectors import posting_until

S = Nomination.State


def _locked_read(ids: list[int], day: datetime.date):
    return (
        Nomination.objects.select_for_update(of=("self",))
        .select_related("award_type", "proposing_unit", "current_authority", "period")
        .annotate(**eligibility_hints(day), posting_until=posting_until())
        .filter(pk__in=ids)
        .order_by("pk")
    )


# Compiled once: building this SQL cost the ORM more than running it (core.prepared).
_read_locked = PreparedQuery(_locked_read)


def lock_rows(
    actor: User | None,
    nomination_ids: Sequence[int],
    *,
    likely: Nomination | None = None,
    action: str = "",
) -> list[Nomination]:
    """Lock the rows in primary-key order, so two batches never deadlock.

    The actor's roles are read afresh too (a delegation may have ended since the page
    loaded), in one query with the people of the rows' authorities and units, whom the
    transition may tell (`_people_today` on each row). Given the caller's copy of a single
    row (`likely`), that query goes with the locked read (core.prepared.pipeline: one round
    trip with the transaction's BEGIN) for the authority and unit the copy names, with the
    council's seats when the `action` may tell the council; read again should the locked
    row name others.
    """
    ids = set(nomination_ids)
    day = clock.today()
    guessed = None
    with pipeline(connection):
        locked = _read_locked.send(ids=ids, day=day) if ids else list
        if likely is not None:
            guessed = roles_and_people_sent(
                actor,
                {likely.current_authority_id},
                {likely.proposing_unit_id},
                seats=tells_council(action),
            )
        rows = locked()
        people = guessed() if guessed is not None else None
    authorities = {row.current_authority_id for row in rows}
    units = {row.proposing_unit_id for row in rows}
    if people is None or not people.covers(day, authorities, units):
        people = roles_and_people(actor, authorities, units)
    for row in rows:
        row.hints_day = day  # the day the catalogue's hints were read for
        row._locked_values = _values(row)
        row._people_today = people
    return rows


def lock_one(actor: User | None, nomination: Nomination, *, action: str = "") -> Nomination:
    """Lock one row (`lock_rows`); `action`: the transition it is locked for."""
    rows = lock_rows(actor, [nomination.pk], likely=nomination, action=action)
    if not rows:
        raise InvalidInput(_("Hồ sơ không còn tồn tại."))
    return rows[0]


def sync_caller(stale: Nomination, fresh: Nomination) -> None:
    """Give the caller's instance the saved values, so a later save() cannot undo the change."""
    if stale is not fresh:
        for f in Nomination._meta.concrete_fields:
            setattr(stale, f.attname, getattr(fresh, f.attname))


def check_action(actor: User | None, action: str, nomination: Nomination) -> None:
    if not may_perform(actor, action, nomination):
        raise NotPermitted(_("Bạn không có quyền thực hiện thao tác này với hồ sơ này."))
    if action not in NominationFlow(nomination).actions_from_state():
        label = nomination.get_state_display()
        raise WrongState(
            _("Không thể thực hiện thao tác này khi hồ sơ ở trạng thái “%(state)s”.")
            % {"state": label}
        )


def required_text(value: str, message: str) -> str:
    value = visible(value)
    if not value:
        raise InvalidInput(message)
    return value


@dataclass
class Move:
    """One locked, checked row and what its transition records."""

    row: Nomination
    reason: str = ""
    payload: dict[str, Any] | None = None
    flow_kwargs: dict[str, Any] | None = None


_COLUMNS = [f.attname for f in Nomination._meta.concrete_fields if not f.primary_key]


def _values(row: Nomination) -> tuple[Any, ...]:
    return tuple(getattr(row, column) for column in _COLUMNS)


def _changed_groups(
    rows: Sequence[Nomination],
) -> dict[tuple[tuple[str, Any], ...], list[Nomination]]:
    """The rows by what their transitions changed since each was locked: one UPDATE per
    distinct set of new values (a single row, or a meeting's whole agenda moving alike, is one
    plain UPDATE rather than bulk_update's CASE over every column)."""
    alike: dict[tuple[tuple[str, Any], ...], list[Nomination]] = defaultdict(list)
    for row in rows:
        locked = getattr(row, "_locked_values", None)
        after = _values(row)
        changed = tuple(
            (column, value)
            for i, (column, value) in enumerate(zip(_COLUMNS, after, strict=True))
            if locked is None or locked[i] != value
        )
        alike[changed].append(row)
        row._locked_values = after
    return alike


def _write_apart(
    rows: Sequence[Nomination],
    events: list,
    told: Told,
    *,
    now: datetime.datetime,
    sources: list[str],
) -> None:
    """SQLite: each group's UPDATE, one INSERT of the rows' simple-history rows (who and why
    are on each row: `_history_user`, `_change_reason`), the deadlines, the audit events,
    the notifications."""
    for changed, group in _changed_groups(rows).items():
        Nomination.objects.filter(pk__in=[row.pk for row in group]).update(**dict(changed))
    Nomination.history.bulk_history_create(rows, update=True, default_date=now)
    deadlines_reset(rows, now=now, sources=sources)
    audit_events_append(events)
    save_notifications(told)


def _write_as_one(
    rows: Sequence[Nomination],
    events: list,
    told: Told,
    *,
    actor: User | None,
    now: datetime.datetime,
    sources: list[str],
) -> None:
    """PostgreSQL: the same writes as one statement (core.statements): each group's UPDATE
    with its history rows, the deadlines met and opened, the audit events appended, the
    notifications (their e-mail copies need their keys: the outbox's INSERT follows)."""
    clauses = []
    for index, (changed, group) in enumerate(_changed_groups(rows).items()):
        clauses += update_clauses(
            group, dict(changed), actor=actor, when=now, connection=connection, suffix=str(index)
        )
    clauses += deadline_clauses(rows, now=now, sources=sources, connection=connection)
    clauses.append(append_clause(events))
    if not told:
        numbered(events, run_as_one(clauses, LOGGED_IN_ORDER, [], connection))
        return
    clauses.append(notifications_clause(told))
    # Every row carries the notifications' keys, in the order they were inserted.
    final = (
        "SELECT logged.*, ARRAY(SELECT id FROM told ORDER BY id) FROM logged"
        " ORDER BY logged.event_sequence"
    )
    got = run_as_one(clauses, final, [], connection)
    numbered(events, [row[:-1] for row in got])
    notifications_saved(told, got[0][-1])


def apply_all(moves: Sequence[Move], *, actor: User | None, action: str) -> None:
    """Run the transition on each locked, checked row, then save them with their history
    rows, deadlines, audit events and notifications: a fixed number of queries however many
    rows move together (a meeting's close, a decision of 500 awardees); on PostgreSQL every
    write but the notifications' e-mail copies is one statement."""
    now = timezone.now()
    sources = []
    for move in moves:
        row = move.row
        sources.append((row.state, row.current_authority))
        NominationFlow(row).run(action, **(move.flow_kwargs or {}))
        if action in ("submit", "resubmit"):
            row.submitted_at = now
        if row.state in (S.APPROVED, S.REJECTED):
            row.decided_at = now
        row.updated_at = now  # update() leaves auto_now alone
        row._history_user = actor
        row._change_reason = move.reason or action_label(f"nomination.{action}")
    rows = [move.row for move in moves]
    events = [
        audit_event_new(
            actor=actor,
            action=f"nomination.{action}",
            target=move.row,
            authority=authority,
            unit=move.row.proposing_unit,
            from_state=source,
            to_state=move.row.state,
            payload={"reason": move.reason, **(move.payload or {})},
        )
        for move, (source, authority) in zip(moves, sources, strict=True)
    ]
    states_left = [source for source, _authority in sources]
    moved = [
        (move.row, source, move.reason) for move, (source, _a) in zip(moves, sources, strict=True)
    ]
    people = getattr(rows[0], "_people_today", None) if rows else None
    told = transition_notifications(moved, actor=actor, people=people)
    if writes_as_one(connection):
        _write_as_one(rows, events, told, actor=actor, now=now, sources=states_left)
    else:
        _write_apart(rows, events, told, now=now, sources=states_left)


def apply_one(row: Nomination, *, actor: User | None, action: str, **move: Any) -> None:
    """Run a checked transition on one locked row (see apply_all)."""
    apply_all([Move(row, **move)], actor=actor, action=action)


def perform(
    *,
    nomination: Nomination,
    actor: User | None,
    action: str,
    validate: Callable[[Nomination], None] | None = None,
    savepoint: bool = True,
    **apply_kwargs: Any,
) -> Nomination:
    """`savepoint=False` when the caller's own transaction is the unit and any refusal undoes
    all of it (meeting_add_item): no SAVEPOINT and RELEASE round trips."""
    with transaction.atomic(savepoint=savepoint):
        row = lock_one(actor, nomination, action=action)
        check_action(actor, action, row)
        if validate:
            validate(row)
        apply_one(row, actor=actor, action=action, **apply_kwargs)
    sync_caller(nomination, row)
    return row
