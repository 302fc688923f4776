"""Pages at province scale: the same pages timed on a province with few nominations, then
grown to many, and the ratio between the two (the target: p95 within 1.5×). Figures are
printed and written as JSON, never asserted.

Run on a scratch database only (`make bench` uses a throwaway SQLite file, or PostgreSQL
when DATABASE_URL names one); it refuses a database that already holds nominations.
"""

from __future__ import annotations

import json
import shlex
import statistics
import subprocess
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings

from audit.verification import verify_chain
from bench.lifecycle import action_sql_floor, lifecycle_services, lifecycle_sql_floor
from bench.pages import time_pages
from bench.province import (
    Province,
    audit_events_add,
    meetings_add,
    nominations_add,
    province_create,
)
from bench.statistics import time_statistics
from nominations.models import Nomination

# What was changed to keep the pages flat as the province grows, with what each change
# measured when it was made; written into the figures file beside the figures.
FLAT_COST_WORK = [
    "Visibility ('who sees what'): each branch is a column test or pk IN (subquery), never an"
    " OR across joins; the list's count at 100,000 nominations went from 112 to 12 ms.",
    "Object grants in guardian's direct foreign-key tables: no CAST(id AS text) compared on"
    " every nomination; the list's count went from 10 to 0.9 ms.",
    "Nomination lists (page, API, home) sort on the keys, then read the page's rows with their"
    " joins by primary key; the page query went from 12 to 2 ms.",
    "PostgreSQL: each visibility subquery is written `column = ANY(ARRAY(subquery))`, run"
    " once before the scan, so every ORed branch is an index read combined by a BitmapOr;"
    " as `IN (subquery)` it was a test on every nomination of the province (sequential scan)."
    " The list's keys went from 14 to 2.8 ms and the page from 92 to 38 ms; the list's unit"
    " and period choices are read the same way.",
    "A meeting's close and a decision write all their items together (one bulk update with"
    " the history rows, one INSERT of the chained audit events, one of the notifications and"
    " their e-mails): 17 queries per agenda item and 15 per awardee became a fixed number"
    " for any agenda or decision (see queries_per_call).",
    "Audit search lists the units of one authority, not the province's 2,000: the page went"
    " from 120 to 31 ms for the province's auditor.",
    "The province's auditor sees every nomination of every commune. Their list offered every"
    " unit and period with a nomination (read from all 100,000) and counted them all: it went"
    " from 159 to 535 ms on PostgreSQL between the two sizes. Now the choices come from the"
    " reader's roles and grants (choose an authority, then its units), the count stops at"
    " 10,000 (the page says 'more than'; the API adds count_capped), and an index on"
    " (updated_at, id) lets the latest first be read in order instead of sorting the province:"
    " 138 and 156 ms, and the API list 76 and 94 ms (it was 94 and 191).",
    "The audit log pages by sequence number (keyset; CursorPagination in the API) instead of"
    " counting 1,000,000 events, and its scope test no longer leads the planner to gather and"
    " sort every event; the API list went from 280 to 8 ms.",
]
PAGE_METHOD = (
    "Pages are timed in-process through Django's test client (middleware, queries and"
    " templates; no network) as the first commune's standing office, and the audit pages as"
    " the province's auditor, and the nomination lists once more as that auditor, who sees"
    " every nomination of the province. The first commune is the busiest: at the small size"
    " it holds enough nominations that every list it shows is full, so both sizes render the same"
    " number of rows and the ratio measures the growth of the data, not of the page."
)
TARGET_RATIO = 1.5  # each page's p95 at the large size, against the small


def _analyze() -> None:
    """After a bulk load PostgreSQL's autovacuum vacuums the new rows and gathers planner
    statistics in its own time, and pages timed meanwhile race it (one run's p95 doubled on
    two pages whose p50 had not moved); a running instance is past that. SQLite keeps no
    statistics unless asked, and the application never asks, so it is measured as it runs."""
    if connection.vendor == "postgresql":
        # VACUUM cannot run inside a transaction, where the tests call the command.
        command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
        with connection.cursor() as cursor:
            cursor.execute(command)


class Command(BaseCommand):
    help = "Đo thời gian các trang ở quy mô cấp tỉnh (dữ liệu tổng hợp, cơ sở dữ liệu thử)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--communes", type=int, default=100)
        parser.add_argument("--units", type=int, default=20)
        parser.add_argument("--small", type=int, default=1_000, help="nominations, first size")
        parser.add_argument("--nominations", type=int, default=100_000, help="second size")
        parser.add_argument("--events", type=int, default=1_000_000, help="at the second size")
        parser.add_argument(
            "--busiest",
            type=int,
            default=600,
            help="of the first size, in the timed commune: enough that each list it shows is"
            " full at both sizes, so the ratio compares equal pages, not 10 rows with 50",
        )
        parser.add_argument("--rounds", type=int, default=30)
        parser.add_argument("--lifecycle", type=int, default=200, help="nominations taken through")
        parser.add_argument(
            "--ledger-years",
            type=int,
            default=5,
            help="years of earlier awards in the ledger, one per nomination and year",
        )
        parser.add_argument(
            "--peer-json",
            default="",
            help="the django-fsm-2 peer's figures of this run (scripts/bench.sh runs it first)",
        )
        parser.add_argument(
            "--peer-command",
            default="",
            help="a shell command that runs the peer and prints its PEER_JSON line: run"
            " between the project's own rounds, so both are timed on the same machine moment",
        )
        parser.add_argument(
            "--side-by-side",
            type=int,
            default=5,
            help="rounds of peer, project and floor, one after the other (with --peer-command)",
        )
        parser.add_argument("--json", default="bench-figures.json")

    def handle(self, *args, **options) -> None:
        if Nomination.objects.exists():
            raise CommandError("Cơ sở dữ liệu đã có hồ sơ: chỉ chạy trên cơ sở dữ liệu thử.")
        hosts = [*settings.ALLOWED_HOSTS, "testserver"]
        with override_settings(ALLOWED_HOSTS=hosts):
            figures = self._run(**options)
        Path(options["json"]).write_text(json.dumps(figures, indent=2, ensure_ascii=False))
        self.stdout.write(f"JSON: {options['json']}")

    def _side_by_side(
        self, commune, through: dict, lifecycle: int, *, peer, peer_command: str, rounds: int
    ) -> dict:
        rounds_measured, floors = [], []
        for index in range(max(rounds, 1)):
            if peer_command:
                peer = _peer_run(peer_command)
            if index:
                through = lifecycle_services(commune, lifecycle)
            floors.append(action_sql_floor(commune, through["user_actions"]))
            rounds_measured.append(
                {
                    "project_ms": through["ms_per_action"],
                    "floor_ms": floors[-1]["ms_per_action"],
                    **({"peer_ms": peer["ms_per_transition"]} if peer else {}),
                }
            )
        project_ms = statistics.median(m["project_ms"] for m in rounds_measured)
        floor_ms = statistics.median(m["floor_ms"] for m in rounds_measured)
        per_action = {
            "project_ms": project_ms,
            "floor_ms": floor_ms,
            "project_over_floor": round(project_ms / floor_ms, 2),
            "floor": floors[0],
            "rounds": rounds_measured,
        }
        if peer:
            peer_ms = statistics.median(m["peer_ms"] for m in rounds_measured)
            for measured in rounds_measured:  # a round's own ratio: its peer ran just before
                measured["project_over_peer"] = round(
                    measured["project_ms"] / measured["peer_ms"], 2
                )
            per_action.update(
                peer_ms=peer_ms,
                project_over_peer=round(project_ms / peer_ms, 2),
                project_over_peer_by_round=statistics.median(
                    m["project_over_peer"] for m in rounds_measured
                ),
                peer=peer,  # the last run's details (versions, transitions)
            )
        return per_action

    def _run(
        self,
        *,
        communes,
        units,
        small,
        busiest,
        nominations,
        events,
        rounds,
        lifecycle,
        peer_json,
        peer_command,
        side_by_side,
        ledger_years,
        **_options,
    ) -> dict:
        figures: dict = {
            "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
            "communes": communes,
            "units_per_commune": units,
        }
        started = time.perf_counter()
        province = province_create(communes=communes, units_per_commune=units)
        busiest = min(busiest, small)
        nominations_add(Province(province.authority, province.auditor, [province.first]), busiest)
        nominations_add(province, small - busiest)
        meeting = meetings_add(province)[province.first.authority.pk]
        small_events = max(events * small // max(nominations, 1), 1)
        audit_events_add(province, small_events)
        _analyze()
        figures["setup_small_s"] = round(time.perf_counter() - started, 1)
        first = time_pages(province, meeting, rounds)

        started = time.perf_counter()
        nominations_add(province, nominations - small)
        audit_events_add(province, events - small_events)
        _analyze()
        figures["setup_large_s"] = round(time.perf_counter() - started, 1)
        second = time_pages(province, meeting, rounds)
        # Issue 24: the province's statistics on its ledger, at the large size.
        figures["statistics"] = time_statistics(province, history=ledger_years)
        figures["timed_commune_nominations"] = {
            "small": busiest + (small - busiest) // communes,
            "large": busiest + (nominations - busiest) // communes,
        }

        through = lifecycle_services(province.first, lifecycle)
        members = through["ballots"] // max(lifecycle, 1)
        floor = lifecycle_sql_floor(province.communes[-1], lifecycle, members)
        figures["lifecycle"] = {
            "services": through,
            "sql_floor": floor,
            "floor_ratio": round(floor["nominations_per_s"] / through["nominations_per_s"], 1),
        }
        # Issue 22: one user action, the peer's transition and the per-action floor, side by
        # side. The machine's speed drifts over minutes, so with a peer command the three are
        # timed in turn, round after round, and compared by their medians.
        figures["per_action"] = per_action = self._side_by_side(
            province.first,
            through,
            lifecycle,
            peer=json.loads(peer_json) if peer_json else None,
            peer_command=peer_command,
            rounds=side_by_side if peer_command else 1,
        )
        peer = per_action.get("peer")

        started = time.perf_counter()
        report = verify_chain()
        verified = time.perf_counter() - started
        figures["audit_verify"] = {
            "events": report.checked,
            "intact": report.intact,
            "events_per_s": round(report.checked / verified),
            "broken": vars(report.broken) if report.broken else None,
        }
        figures["pages"] = {}
        self.stdout.write(
            f"{'trang':<28}{small:>9,} hồ sơ: p50 / p95 ms (truy vấn)"
            f"{nominations:>11,} hồ sơ: p50 / p95 ms (truy vấn)   p95 ×"
        )
        for name, low in first.items():
            high = second[name]
            ratio = high.p95_ms / low.p95_ms if low.p95_ms else 0
            figures["pages"][name] = {
                "small": vars(low),
                "large": vars(high),
                "p95_ratio": round(ratio, 2),
            }
            self.stdout.write(
                f"{name:<28}{low.p50_ms:>9.1f} / {low.p95_ms:>7.1f} ({low.queries:>3})"
                f"{high.p50_ms:>21.1f} / {high.p95_ms:>7.1f} ({high.queries:>3})"
                f"{ratio:>12.2f}"
            )
        self.stdout.write(
            f"Vòng đời qua dịch vụ: {through['nominations']} hồ sơ từ nháp đến quyết định,"
            f" {through['ballots']} phiếu: {through['seconds']} s,"
            f" {through['nominations_per_s']} hồ sơ/s"
        )
        for name, queries in through["queries_per_call"].items():
            self.stdout.write(f"  truy vấn mỗi lần — {name}: {queries}")
        self.stdout.write(
            f"Mức sàn SQL viết tay: {floor['seconds']} s, {floor['nominations_per_s']} hồ sơ/s;"
            f" dịch vụ chậm hơn {figures['lifecycle']['floor_ratio']}×"
        )
        peer_text = (
            f"peer django-fsm-2 {per_action['peer_ms']} ms/chuyển trạng thái"
            f" (dự án {per_action['project_over_peer']}×; trung vị tỉ số từng vòng"
            f" {per_action['project_over_peer_by_round']}×), "
            if peer
            else "peer: không chạy (scripts/bench.sh chạy nó), "
        )
        self.stdout.write(
            f"Mỗi thao tác: dự án {per_action['project_ms']} ms, {peer_text}"
            f"mức sàn {per_action['floor_ms']} ms (dự án {per_action['project_over_floor']}×)"
        )
        counted = figures["statistics"]
        self.stdout.write(
            f"Thống kê khen thưởng cả tỉnh ({counted['communes']} xã,"
            f" {counted['ledger_rows']:,} dòng sổ, {counted['figures_per_grid']} số liệu):"
            f" một năm p50 {counted['province_year']['p50_ms']} ms,"
            f" {ledger_years + 1} năm p50 {counted['province_all_years']['p50_ms']} ms,"
            f" trang p50 {counted['page']['p50_ms']} ms / tối đa {counted['page']['max_ms']} ms"
            f" (mục tiêu < {counted['target_s']} s:"
            f" {'đạt' if counted['within_target'] else 'chưa đạt'})"
        )
        rate = figures["audit_verify"]["events_per_s"]
        self.stdout.write(f"audit_verify: {report.checked:,} sự kiện, {rate:,}/s")
        figures.update(small_nominations=small, nominations=nominations, events=events)
        figures.update(
            page_method=PAGE_METHOD,
            flat_cost_work=FLAT_COST_WORK,
            target_p95_ratio=TARGET_RATIO,
            # measured in this run, not written by hand
            not_yet_flat=[
                name for name, row in figures["pages"].items() if row["p95_ratio"] > TARGET_RATIO
            ],
        )
        over = ", ".join(figures["not_yet_flat"]) or "không có"
        self.stdout.write(f"Trang có p95 quá {TARGET_RATIO}× ở quy mô lớn: {over}")
        return figures


def _peer_run(command: str) -> dict:
    """Run the peer (its own virtualenv and database: scripts/bench.sh builds the command)
    and read the figures it prints on its PEER_JSON line."""
    done = subprocess.run(shlex.split(command), capture_output=True, text=True, check=True)
    for line in done.stdout.splitlines():
        if line.startswith("PEER_JSON "):
            return json.loads(line.removeprefix("PEER_JSON "))
    raise CommandError(f"The peer printed no PEER_JSON line: {done.stdout[-500:]}")
