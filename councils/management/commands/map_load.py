"""Load the official administrative map: `map_load --province 42 --province 24`, or `--all`."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from councils.map import map_load


class Command(BaseCommand):
    help = (
        "Nạp bản đồ hành chính (34 tỉnh, 3.321 xã từ 01/07/2025) từ vietnam-provinces, cùng các"
        " đơn vị trước sắp xếp và quan hệ kế thừa từ vietnamadminunits."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--province",
            type=int,
            action="append",
            default=[],
            help="Mã tỉnh sau sắp xếp (ví dụ 42 Hà Tĩnh); lặp lại được.",
        )
        parser.add_argument("--all", action="store_true", help="Cả 34 tỉnh, thành phố.")
        parser.add_argument(
            "--no-legacy",
            action="store_true",
            help="Chỉ bản đồ mới, không nạp đơn vị cũ và quan hệ kế thừa.",
        )

    def handle(self, *args, **options) -> None:
        if not options["all"] and not options["province"]:
            raise CommandError("Cần --province MÃ (một hoặc nhiều) hoặc --all.")
        started = time.perf_counter()
        result = map_load(
            province_codes=None if options["all"] else options["province"],
            legacy=not options["no_legacy"],
        )
        self.stdout.write(f"{result.summary()} ({time.perf_counter() - started:.1f} s)")
        for line in result.disagreements:
            self.stdout.write(self.style.WARNING(line))
