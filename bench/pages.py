"""Server time of the main pages and API lists, through Django's test client in-process
(middleware, queries and templates included; no network), with their query counts."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.urls import reverse

from bench.province import Province
from councils.models import Meeting
from nominations.models import Nomination


@dataclass(frozen=True)
class PageTiming:
    p50_ms: float
    p95_ms: float
    queries: int


def _pages(province: Province, meeting: Meeting) -> list[tuple[str, str, object]]:
    commune = province.first
    nomination = (
        Nomination.objects.filter(
            current_authority=commune.authority, state=Nomination.State.SUBMITTED
        )
        .order_by("pk")
        .first()
    )
    return [
        ("home/tasks", reverse("accounts:home"), commune.office),
        ("nomination list", reverse("nominations:list"), commune.office),
        ("nomination page", reverse("nominations:detail", args=[nomination.pk]), commune.office),
        ("meeting page", reverse("councils:meeting", args=[meeting.pk]), commune.office),
        ("audit timeline", reverse("audit:timeline", args=[nomination.pk]), province.auditor),
        ("audit search", reverse("audit:search"), province.auditor),
        ("API nomination list", "/api/v1/nominations/", commune.office),
        ("API audit events", "/api/v1/audit/events/", province.auditor),
        # The province's auditor sees every nomination of every commune.
        ("province reader's list", reverse("nominations:list"), province.auditor),
        ("province reader's API list", "/api/v1/nominations/", province.auditor),
    ]


class QueryCounter:
    """Counts the SQL statements run while installed as a connection's execute wrapper."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def time_pages(province: Province, meeting: Meeting, rounds: int) -> dict[str, PageTiming]:
    timings = {}
    for name, url, user in _pages(province, meeting):
        client = Client()
        client.force_login(user)
        # An execute wrapper, not CaptureQueriesContext: each request resets the query log.
        counter = QueryCounter()
        with connection.execute_wrapper(counter):
            response = client.get(url)  # also warms caches, as a real user's first visit
        if response.status_code != 200:
            raise RuntimeError(f"{name}: {url} answered {response.status_code}")
        samples = []
        for _round in range(rounds):
            started = time.perf_counter()
            client.get(url)
            samples.append((time.perf_counter() - started) * 1000)
        cuts = statistics.quantiles(samples, n=20, method="inclusive")
        timings[name] = PageTiming(statistics.median(samples), cuts[18], counter.count)
    return timings
