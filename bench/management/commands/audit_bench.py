"""Benchmark the chain check: write N chained events to an empty scratch database, verify them.

`make bench` runs it on a throwaway SQLite file; it refuses a database that already holds
audit events, so it can never touch a real log.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from audit.models import AuditEvent
from audit.services import GENESIS_HASH, event_content, event_hash
from audit.verification import verify_chain

_BATCH = 5_000


class Command(BaseCommand):
    help = "Đo tốc độ kiểm tra chuỗi nhật ký trên một cơ sở dữ liệu thử (trống)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--events", type=int, default=100_000)

    def handle(self, *args, events: int, **options) -> None:
        if AuditEvent.objects.exists():
            raise CommandError("Cơ sở dữ liệu đã có nhật ký: chỉ chạy trên cơ sở dữ liệu thử.")
        started = time.perf_counter()
        self._write(events)
        written = time.perf_counter() - started
        started = time.perf_counter()
        report = verify_chain()
        verified = time.perf_counter() - started
        if not report.intact or report.checked != events:
            raise CommandError(f"Chuỗi thử không nguyên vẹn: {report}")
        self.stdout.write(f"audit events: {events}")
        self.stdout.write(f"write (bulk, chained): {written:.2f} s")
        self.stdout.write(f"audit_verify: {verified:.2f} s")
        self.stdout.write(f"audit_verify rate: {events / verified:,.0f} events/s")

    def _write(self, count: int) -> None:
        previous = GENESIS_HASH
        now = timezone.now().replace(microsecond=0)
        batch: list[AuditEvent] = []
        with transaction.atomic():
            for sequence in range(1, count + 1):
                event = AuditEvent(
                    sequence=sequence,
                    occurred_at=now,
                    object_type="nominations.nomination",
                    object_id=str(sequence % 997),
                    action="nomination.submit",
                    from_state="draft",
                    to_state="submitted",
                    payload={"reason": "", "n": sequence},
                    previous_hash=previous,
                )
                event.hash = event_hash(event_content(event), previous)
                previous = event.hash
                batch.append(event)
                if len(batch) == _BATCH:
                    AuditEvent.objects.bulk_create(batch)
                    batch = []
            AuditEvent.objects.bulk_create(batch)
