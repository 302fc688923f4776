"""Walking the hash chain: recompute each event's hash and name the first broken link."""

from __future__ import annotations

from dataclasses import dataclass
from hashlib import sha256
from json.encoder import encode_basestring

from django.db import connection, transaction

from audit.services import GENESIS_HASH

_COLUMNS = (
    "sequence", "occurred_at", "actor_id", "authority_id", "unit_id", "object_type",
    "object_id", "action", "from_state", "to_state", "payload", "previous_hash", "hash",
)  # fmt: skip
_BATCH = 2_000


@dataclass(frozen=True)
class BrokenLink:
    sequence: int
    expected: str
    found: str
    why: str


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken: BrokenLink | None

    @property
    def intact(self) -> bool:
        return self.broken is None


def _rows(batch: int = _BATCH):
    """Events in sequence order, streamed: a server-side cursor on PostgreSQL (one query, rows
    arriving while earlier ones are hashed), batches of fetchmany on SQLite."""
    # The time comes back as the text the writer hashed (whole seconds, UTC, "+00:00"), so no
    # row pays for a datetime parse. A time with a fraction of a second was never written by
    # the application: it is spelled differently and fails its hash.
    utc_text = {
        "postgresql": "(occurred_at AT TIME ZONE 'UTC')::text",
        "sqlite": "occurred_at",  # stored as UTC text already
    }[connection.vendor]
    moment = f"replace({utc_text}, ' ', 'T') || '+00:00'"
    columns = ", ".join(moment if c == "occurred_at" else c for c in _COLUMNS)
    query = f"SELECT {columns} FROM audit_auditevent ORDER BY sequence"  # fixed names only
    with transaction.atomic():  # a server-side cursor lives inside a transaction
        if connection.vendor == "postgresql":
            connection.ensure_connection()
            with connection.connection.cursor(name="audit_verify") as cursor:
                cursor.itersize = batch
                cursor.execute(query)
                yield from cursor
        else:
            with connection.cursor() as cursor:
                cursor.execute(query)
                while rows := cursor.fetchmany(batch):
                    yield from rows


# The writer's canonical JSON of an event (audit.services.event_content), spelled out: keys in
# sorted order, so the verifier assembles the text without building and sorting a dict per row.
# The payload column already holds canonical JSON text (audit.canonical.CanonicalJSONField).
_TEMPLATE = (
    '{"action":%s,"actor":%s,"authority":%s,"from_state":%s,"object_id":%s,'
    '"object_type":%s,"occurred_at":%s,"payload":%s,"sequence":%d,"to_state":%s,"unit":%s}'
)


def _number(value: int | None) -> str:
    return "null" if value is None else str(value)


def verify_chain() -> ChainReport:
    """Check every event; stop at the first one whose hash or link is wrong."""
    text = encode_basestring  # JSON string with UTF-8 kept, as ensure_ascii=False writes it
    previous, expected_sequence, checked = GENESIS_HASH, 1, 0
    for row in _rows():
        (sequence, occurred_at, actor, authority, unit, object_type, object_id, action,
         from_state, to_state, payload, previous_hash, stored_hash) = row  # fmt: skip
        if sequence != expected_sequence:
            missing = f"thiếu sự kiện số {expected_sequence}"
            return ChainReport(checked, BrokenLink(expected_sequence, "", "", missing))
        if previous_hash != previous:
            return ChainReport(
                checked, BrokenLink(sequence, previous, previous_hash, "mắt xích trước")
            )
        content = _TEMPLATE % (
            text(action), _number(actor), _number(authority), text(from_state), text(object_id),
            text(object_type), text(occurred_at), payload, sequence, text(to_state),
            _number(unit),
        )  # fmt: skip
        expected = sha256(content.encode() + previous.encode()).hexdigest()
        if expected != stored_hash:
            return ChainReport(checked, BrokenLink(sequence, expected, stored_hash, "mã băm"))
        previous, expected_sequence, checked = stored_hash, sequence + 1, checked + 1
    return ChainReport(checked, None)
