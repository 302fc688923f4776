"""Locust's CSV summary as the figures file of the load test; exits 1 if any request failed."""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import sys
from pathlib import Path


def _row(row: dict) -> dict:
    requests = int(row["Request Count"])
    failures = int(row["Failure Count"])
    return {
        "requests": requests,
        "failures": failures,
        "error_rate": round(failures / requests, 4) if requests else 0.0,
        "per_second": round(float(row["Requests/s"]), 1),
        "p50_ms": float(row["50%"]),
        "p95_ms": float(row["95%"]),
        "max_ms": round(float(row["Max Response Time"]), 1),
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("stats")
    parser.add_argument("failures")
    parser.add_argument("--users", type=int, required=True)
    parser.add_argument("--duration", required=True)
    parser.add_argument("--web-workers", type=int, required=True)
    parser.add_argument("--outbox", required=True, help="JSON: recorded, delivered, retried")
    parser.add_argument("--output", required=True)
    options = parser.parse_args()

    with open(options.stats, newline="") as stats:
        rows = list(csv.DictReader(stats))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    with open(options.failures, newline="") as failures:
        failed = [
            {
                "request": f"{r['Method']} {r['Name']}",
                "error": r["Error"],
                "count": int(r["Occurrences"]),
            }
            for r in csv.DictReader(failures)
        ]
    figures = {
        "stack": "gunicorn + PostgreSQL + Redis broker + 1 Celery worker, on one machine",
        # The load average as the run ends: a p95 read beside how busy the machine was (the
        # load generator, gunicorn, PostgreSQL, Redis and the worker share it).
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_1_5_15_min": [round(x, 2) for x in os.getloadavg()],
        },
        "users": options.users,
        "duration": options.duration,
        "web_workers": options.web_workers,
        "total": _row(total),
        "by_request": {
            f"{r['Type']} {r['Name']}": _row(r) for r in rows if r["Name"] != "Aggregated"
        },
        "failures": failed,
        "outbox": json.loads(options.outbox),
    }
    Path(options.output).write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n")
    t = figures["total"]
    load = figures["machine"]["load_average_1_5_15_min"]
    print(
        f"{t['requests']} requests, {t['per_second']}/s, p50 {t['p50_ms']} ms, "
        f"p95 {t['p95_ms']} ms at load average {load[0]} on {os.cpu_count()} CPUs, "
        f"errors {t['failures']} ({t['error_rate']:.2%}) -> {options.output}"
    )
    for failure in failed:
        print(f"  FAILED {failure['count']}× {failure['request']}: {failure['error']}")
    outbox = figures["outbox"]
    print(f"outbox: {outbox['delivered']} of {outbox['recorded']} delivered by the worker")
    return 1 if t["failures"] or outbox["delivered"] != outbox["recorded"] else 0


if __name__ == "__main__":
    sys.exit(main())
