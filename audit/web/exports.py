"""Exports of an audit search that an auditor can verify offline: every column the hash
covers, exactly as hashed, with the sequence, previous hash and hash of each event."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.db.models import QuerySet
from openpyxl import Workbook

from accounts.models import User
from audit.canonical import canonical_json
from audit.labels import action_label
from audit.models import AuditEvent
from audit.services import audit_event_record

COLUMNS = [
    "sequence", "occurred_at", "actor", "authority", "unit", "object_type", "object_id",
    "action", "from_state", "to_state", "payload", "previous_hash", "hash",
    "actor_name", "action_label",
]  # fmt: skip


def _rows(events: QuerySet[AuditEvent]) -> Iterator[list]:
    for e in events.iterator(chunk_size=2_000):
        yield [
            e.sequence,
            e.occurred_at.isoformat(),
            e.actor_id,
            e.authority_id,
            e.unit_id,
            e.object_type,
            e.object_id,
            e.action,
            e.from_state,
            e.to_state,
            canonical_json(e.payload).decode(),
            e.previous_hash,
            e.hash,
            e.actor.get_full_name() if e.actor else "",
            action_label(e.action),
        ]


def _csv(events: QuerySet[AuditEvent]) -> tuple[bytes, int]:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    count = 0
    for row in _rows(events):
        writer.writerow(["" if v is None else v for v in row])
        count += 1
    return ("\ufeff" + out.getvalue()).encode(), count  # BOM: Excel opens it as UTF-8


def _xlsx(events: QuerySet[AuditEvent]) -> tuple[bytes, int]:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Nhật ký kiểm tra")
    sheet.append(COLUMNS)
    count = 0
    for row in _rows(events):
        sheet.append(row)
        count += 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue(), count


def audit_export(
    *, user: User, events: QuerySet[AuditEvent], fmt: str, filters: dict
) -> tuple[bytes, str, str]:
    """The file, its name and content type; the export itself becomes an audit event."""
    if fmt == "csv":
        content, count = _csv(events)
        content_type = "text/csv; charset=utf-8"
    else:
        content, count = _xlsx(events)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    audit_event_record(
        actor=user,
        action="audit.export",
        target=user,
        payload={"format": fmt, "count": count, "filters": filters},
    )
    return content, f"nhat-ky-kiem-tra.{fmt}", content_type
