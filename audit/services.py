"""Writing the audit log. Every business service calls `audit_event_record` in its transaction."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from audit.canonical import canonical_json
from audit.models import AuditEvent
from core.history import create_with_history, created, creation_clauses, new_key_from_made
from core.statements import Clause, run_as_one, writes_as_one

GENESIS_HASH = "0" * 64
# Any fixed number: the key of the PostgreSQL advisory lock that serialises appends.
_CHAIN_LOCK_KEY = 0x41554449


def event_hash(content: dict[str, Any], previous_hash: str) -> str:
    return hashlib.sha256(canonical_json(content) + previous_hash.encode()).hexdigest()


def event_content(event: AuditEvent) -> dict[str, Any]:
    """The fields the hash covers, in a form that survives a database round trip."""
    return {
        "sequence": event.sequence,
        "occurred_at": event.occurred_at.isoformat(),
        "actor": event.actor_id,
        "authority": event.authority_id,
        "unit": event.unit_id,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "action": event.action,
        "from_state": event.from_state,
        "to_state": event.to_state,
        "payload": event.payload,
    }


def _chain_tail() -> tuple[int, str]:
    """The last event's sequence and hash. SQLite serialises writers (transaction_mode
    IMMEDIATE), so the tail read inside the writing transaction is the tail it chains onto."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT sequence, hash FROM audit_auditevent ORDER BY sequence DESC LIMIT 1")
        tail = cursor.fetchone()
    return (tail[0], tail[1]) if tail else (0, GENESIS_HASH)


# Stands for the sequence number while the content is written: never a real one.
_UNNUMBERED = -1


def _split_at_sequence(event: AuditEvent) -> dict[str, Any]:
    """The event as `audit_append` takes it: its content (`event_content`, the payload as its
    canonical text) and the canonical JSON cut around the sequence number, which only the
    function knows (the last `"sequence":` of the text is the event's own: keys are sorted,
    and the two that follow it hold a state name and a number)."""
    content = {**event_content(event), "sequence": _UNNUMBERED}
    before, _marker, after = (
        canonical_json(content).decode().rpartition(f'"sequence":{_UNNUMBERED}')
    )
    del content["sequence"]
    content["payload"] = canonical_json(event.payload).decode()
    return {**content, "before": before + '"sequence":', "after": after}


def _chain_sent(events: Sequence[AuditEvent]) -> str:
    return json.dumps([_split_at_sequence(event) for event in events], ensure_ascii=False)


# The rows of the clause `logged`, in the chain's order: (id, sequence, previous, hash).
LOGGED_IN_ORDER = "SELECT * FROM logged ORDER BY event_sequence"


def append_clause(events: Sequence[AuditEvent]) -> Clause:
    """PostgreSQL: the events' append (audit_append, migration 0006: the chain's lock, its
    tail, the hashes and the INSERT) as the clause `logged` of a statement that may also write
    what they record (core.statements); give its rows (`LOGGED_IN_ORDER`) to `numbered`."""
    return Clause(
        "logged",
        "SELECT * FROM audit_append(%s, %s::jsonb)",
        [_CHAIN_LOCK_KEY, _chain_sent(events)],
    )


# Numbers no key takes: each stands in an event for a key only the statement writing the
# event knows (`append_per_row_clause`).
STATEMENT_KEYS = tuple(range(-918_273_640, -918_273_650, -1))


def append_per_row_clause(
    variants: Sequence[tuple[str, AuditEvent]], rows: str, filled: dict[int, str]
) -> Clause:
    """PostgreSQL: the clause `logged` appending one event per row of `rows` (a FROM list of
    earlier clauses: nothing is appended when they give no row), for an event that names
    keys only the same statement knows: each number of `STATEMENT_KEYS` in `filled` stands
    in the event (its authority, its payload) for an SQL expression over the rows, swapped
    into the event's content before it is hashed. `variants`: (SQL condition on the rows,
    event) tried in order, the last one's condition ignored (it is the ELSE)."""
    *cases, (_otherwise, last) = variants
    sent = [_chain_sent([event]) for _when, event in [*cases, (_otherwise, last)]]
    for key in filled:
        if key not in STATEMENT_KEYS or not all(str(key) in text for text in sent):
            raise ValueError(f"{key} stands for nothing in the events")
    chosen = "%s::text"
    if cases:
        whens = " ".join(f"WHEN {when} THEN %s::text" for when, _event in cases)
        chosen = f"CASE {whens} ELSE %s::text END"
    for key, expression in filled.items():
        chosen = f"replace({chosen}, '{key}', ({expression})::text)"
    return Clause(
        "logged",
        f"SELECT appended.* FROM {rows} CROSS JOIN LATERAL"
        f" audit_append(%s, {chosen}::jsonb) AS appended",
        [_CHAIN_LOCK_KEY, *sent],
    )


def numbered(events: Sequence[AuditEvent], rows: Sequence[tuple]) -> None:
    """Give the events the keys, numbers and hashes audit_append returned."""
    for event, (pk, sequence, previous_hash, hashed) in zip(events, rows, strict=True):
        event.sequence, event.previous_hash, event.hash = sequence, previous_hash, hashed
        created(event, pk, connection)


def audit_event_new(
    *,
    actor: models.Model | None,
    action: str,
    target: models.Model | None = None,
    object_type: str = "",
    object_id: str = "",
    authority: models.Model | int | None = None,  # a councils.Authority, or its id
    unit: models.Model | int | None = None,  # a councils.Unit, or its id
    from_state: str = "",
    to_state: str = "",
    payload: dict[str, Any] | None = None,
) -> AuditEvent:
    """An event not yet in the chain: `audit_events_append` numbers, hashes and saves it.
    `target` names the object; `object_type`/`object_id` stand in when there is none (a
    failed login names the username that was tried)."""
    return AuditEvent(
        occurred_at=timezone.now().replace(microsecond=0),
        actor=actor,
        authority_id=getattr(authority, "pk", authority),
        unit_id=getattr(unit, "pk", unit),
        object_type=target._meta.label_lower if target is not None else object_type,
        object_id=str(target.pk) if target is not None else object_id,
        action=action,
        from_state=from_state,
        to_state=to_state,
        # Round-trip through JSON so the stored payload hashes the same when re-read.
        payload=json.loads(canonical_json(payload or {})),
    )


@transaction.atomic(savepoint=False)
def audit_events_append(events: Sequence[AuditEvent]) -> list[AuditEvent]:
    """Chain events in the order given and save them: the tail read under the chain's lock
    and one INSERT however many there are (a decision of 500 awardees writes 500 events); on
    PostgreSQL the lock, the tail and the INSERT are one statement.

    No savepoint inside the caller's transaction (two round trips per action saved): a
    failure here is never caught and carried on from, it fails the whole change."""
    events = list(events)
    if not events:
        return events
    if writes_as_one(connection):
        numbered(events, run_as_one([append_clause(events)], LOGGED_IN_ORDER, [], connection))
        return events
    sequence, previous_hash = _chain_tail()
    for event in events:
        sequence += 1
        event.sequence, event.previous_hash = sequence, previous_hash
        event.hash = previous_hash = event_hash(event_content(event), previous_hash)
    AuditEvent.objects.bulk_create(events)
    return events


def audit_event_record(**fields: Any) -> AuditEvent:
    """Append one event (the fields of `audit_event_new`)."""
    return audit_events_append([audit_event_new(**fields)])[0]


def save_with_history(
    obj: models.Model,
    actor: Any,
    *,
    reason: str = "",
    update_fields: Sequence[str] | None = None,
) -> None:
    """Save one record with its simple-history row saying who changed it, and why."""
    obj._history_user = actor
    if reason:
        obj._change_reason = reason
    obj.save(update_fields=update_fields)


def delete_with_history(obj: models.Model, actor: Any, *, reason: str = "") -> None:
    """Delete one record; its simple-history row keeps what it was, and who removed it."""
    obj._history_user = actor
    if reason:
        obj._change_reason = reason
    obj.delete()


def delete_and_record(
    obj: models.Model, *, actor: Any, action: str, reason: str = "", **event: Any
) -> AuditEvent:
    """The one way a service removes a single record: its audit event (about the record
    unless another target is given, written while the record still has its key) and its
    history row."""
    event.setdefault("target", obj)
    recorded = audit_event_record(actor=actor, action=action, **event)
    delete_with_history(obj, actor, reason=reason)
    return recorded


def create_and_record(
    obj: models.Model, *, actor: Any, action: str, reason: str = "", **event: Any
) -> AuditEvent:
    """`save_and_record` for a new record nothing else listens to (core.history). On
    PostgreSQL, when the event is about another object (a ballot's event names its agenda
    item), the record, its history row and the event are one statement; about the record
    itself, the event needs its key first: two."""
    about_another = event.get("target") not in (None, obj)
    if not writes_as_one(connection) or not about_another:
        create_with_history(obj, actor=actor, reason=reason)
        event.setdefault("target", obj)
        return audit_event_record(actor=actor, action=action, **event)
    recorded = audit_event_new(actor=actor, action=action, **event)
    clauses = creation_clauses(obj, actor=actor, reason=reason, connection=connection)
    final = f"SELECT {new_key_from_made(obj, connection)}, logged.* FROM logged"
    ((pk, *appended),) = run_as_one([*clauses, append_clause([recorded])], final, [], connection)
    created(obj, pk, connection)
    numbered([recorded], [appended])
    return recorded


def save_and_record(
    obj: models.Model,
    *,
    actor: Any,
    action: str,
    reason: str = "",
    update_fields: Sequence[str] | None = None,
    **event: Any,
) -> AuditEvent:
    """The one way a service writes a single record: its history row (who, why) and its audit
    event (`event` as for `audit_event_new`; the target is the record unless given)."""
    save_with_history(obj, actor, reason=reason, update_fields=update_fields)
    event.setdefault("target", obj)
    return audit_event_record(actor=actor, action=action, **event)
