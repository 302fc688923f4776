"""Exports of an audit search that an auditor can verify offline: every column the hash
covers, exactly as hashed, with the sequence, previous hash and hash of each event; then the
same event in words: local time, who, what, on what."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from accounts.models import User
from audit.canonical import canonical_json
from audit.labels import action_label, object_label
from audit.models import AuditEvent
from audit.services import audit_event_record

# The hashed columns keep their values exactly as hashed; each header is Vietnamese with the
# field's name in brackets, the name an offline check recomputes the hash with.
HASHED = [
    ("sequence", _("Số thứ tự")),
    ("occurred_at", _("Thời điểm ghi (UTC, như khi băm)")),
    ("actor", _("Mã người thực hiện")),
    ("authority", _("Mã cơ quan")),
    ("unit", _("Mã đơn vị")),
    ("object_type", _("Loại đối tượng")),
    ("object_id", _("Mã đối tượng")),
    ("action", _("Mã hành động")),
    ("from_state", _("Trạng thái trước")),
    ("to_state", _("Trạng thái sau")),
    ("payload", _("Nội dung")),
    ("previous_hash", _("Mã băm trước")),
    ("hash", _("Mã băm")),
]
READABLE = [
    _("Thời điểm (giờ Việt Nam, UTC+07:00)"),
    _("Người thực hiện"),
    _("Hành động"),
    _("Đối tượng"),
]


def header_key(header: str) -> str:
    """The field name a hashed column's header carries in brackets ("Số thứ tự [sequence]")."""
    return header.rsplit("[", 1)[-1].rstrip("]") if header.endswith("]") else header


def _headers() -> list[str]:
    return [f"{label} [{key}]" for key, label in HASHED] + [str(label) for label in READABLE]


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
            f"{timezone.localtime(e.occurred_at):%d/%m/%Y %H:%M:%S}",
            e.actor.get_full_name() if e.actor else str(_("Hệ thống")),
            action_label(e.action),
            f"{object_label(e.object_type)} {e.object_id}",
        ]


def _csv(events: QuerySet[AuditEvent]) -> tuple[bytes, int]:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(_headers())
    count = 0
    for row in _rows(events):
        writer.writerow(["" if v is None else v for v in row])
        count += 1
    return ("\ufeff" + out.getvalue()).encode(), count  # BOM: Excel opens it as UTF-8


def _xlsx(events: QuerySet[AuditEvent]) -> tuple[bytes, int]:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Nhật ký kiểm tra")
    sheet.append(_headers())
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
