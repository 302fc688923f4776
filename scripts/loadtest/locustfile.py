"""50 people of the demo communes at the end of the year, against gunicorn + PostgreSQL +
Redis + a Celery worker (scripts/loadtest/run.sh, `make loadtest`).

Each simulated user is a distinct demo persona, so no two of them race for the same
dossier: unit heads draft, attach the papers and submit; each commune's standing office
appraises or returns what its units submitted; council members and auditors read pages and
the audit log. Any answer other than the expected one counts as an error.

Requests carry X-Forwarded-Proto: https, as the TLS proxy in front of gunicorn sets it.
"""

from __future__ import annotations

import itertools
import os
import random
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import requests
from locust import HttpUser, between, events, task

PASSWORD = os.environ.get("DEMO_PASSWORD", "demo12345")
USERS = int(os.environ.get("LOAD_USERS", "50"))
# The demo logins of the communes since 01/07/2025 (successors of the seed communes).
COMMUNES = ["camtrung", "khuonlung", "hiephoa", "sontay", "dailanh"]
PROXY = {"X-Forwarded-Proto": "https"}
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PAPERS = ("to_trinh", "danh_sach", "bien_ban_binh_xet")


def _personas(prefix: str, numbers: range) -> itertools.cycle:
    return itertools.cycle([f"{commune}.{prefix}{n}" for n in numbers for commune in COMMUNES])


_lock = threading.Lock()  # gevent greenlets share these cycles
_unit_heads = _personas("truongthon", range(1, 7))
_members = _personas("hoidong", range(1, 3))
_offices = itertools.cycle([f"{commune}.thuongtruc" for commune in COMMUNES])
_auditors = itertools.cycle([f"{commune}.kiemtra" for commune in COMMUNES])


def _next(cycle: itertools.cycle) -> str:
    with _lock:
        return next(cycle)


def _sign_in(host: str, username: str) -> dict[str, str]:
    """The sign-in form, as a browser behind the proxy does it; the headers that carry the
    session afterwards. The cookies are marked Secure, so they are passed on by hand (the
    client speaks plain HTTP to gunicorn, as the proxy does)."""
    browser = requests.Session()
    page = browser.get(f"{host}/accounts/login/", headers=PROXY, timeout=120)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    csrf = page.cookies["csrftoken"]
    origin = host.replace("http://", "https://")
    answer = browser.post(
        f"{host}/accounts/login/",
        data={"username": username, "password": PASSWORD, "csrfmiddlewaretoken": token},
        headers={**PROXY, "Cookie": f"csrftoken={csrf}", "Referer": f"{origin}/accounts/login/"},
        allow_redirects=False,
        timeout=120,
    )
    if answer.status_code != 302:
        raise RuntimeError(f"{username}: sign-in answered {answer.status_code}")
    return {
        **PROXY,
        "Cookie": f"sessionid={answer.cookies['sessionid']}; csrftoken={csrf}",
        "X-CSRFToken": csrf,
        "Referer": f"{origin}/",
    }


SIGNED_IN: dict[str, dict[str, str]] = {}


@events.test_start.add_listener
def sign_everyone_in(environment, **_kwargs) -> None:
    """Sign-in is a deliberately slow password check (PBKDF2), done once a day by a real
    user: it happens before the measured minute, and its own time is printed apart."""
    wanted = {
        _next(cycle)
        for cycle in (_unit_heads, _members, _offices, _auditors)
        for _n in range(USERS)
    }
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=4) as pool:
        for username, headers in zip(
            wanted, pool.map(lambda u: _sign_in(environment.host, u), wanted), strict=True
        ):
            SIGNED_IN[username] = headers
    took = time.perf_counter() - started
    print(f"signed in {len(SIGNED_IN)} personas in {took:.1f} s ({took / len(wanted):.2f} s each)")


class Persona(HttpUser):
    abstract = True
    wait_time = between(2, 6)  # a person reading and typing; the API allows 120 calls a minute
    personas: itertools.cycle

    def on_start(self) -> None:
        self.username = _next(self.personas)
        self.web = self.api = SIGNED_IN[self.username]
        me = self.client.get("/api/v1/me/", headers=self.api, name="API me").json()
        self.role = me["roles"][0]

    def page(self, path: str, name: str) -> None:
        with self.client.get(path, headers=self.web, name=name, catch_response=True) as answer:
            if answer.status_code != 200:
                answer.failure(f"{answer.status_code} {answer.error or ''}")

    def api_get(self, path: str, name: str, **params) -> dict:
        with self.client.get(
            path, params=params, headers=self.api, name=name, catch_response=True
        ) as answer:
            if answer.status_code != 200:
                answer.failure(f"{answer.status_code} {answer.error or ''}")
                return {}
            return answer.json()

    def api_post(self, path: str, name: str, expected: int = 200, **kwargs) -> dict:
        with self.client.post(
            path, headers=self.api, name=name, catch_response=True, **kwargs
        ) as answer:
            if answer.status_code != expected:
                answer.failure(f"{answer.status_code}: {answer.text[:200]}")
                return {}
            return answer.json()


class UnitHead(Persona):
    weight = 30
    personas = _unit_heads

    def on_start(self) -> None:
        super().on_start()
        movements = self.api_get("/api/v1/movements/", "API movements")["results"]
        periods = [p for m in movements for p in m["periods"]]
        self.period = max(periods, key=lambda p: p["ends_on"])["id"]

    @task(3)
    def read_my_list_and_a_dossier(self) -> None:
        self.page("/accounts/", "page: home")
        listing = self.api_get("/api/v1/nominations/", "API nominations")
        if listing.get("results"):
            picked = random.choice(listing["results"])["id"]
            self.page(f"/nominations/{picked}/", "page: nomination")

    @task(2)
    def propose_and_submit(self) -> None:
        created = self.api_post(
            "/api/v1/nominations/",
            "API create nomination",
            expected=201,
            json={
                "award_type": "lao-dong-tien-tien",
                "unit": self.role["unit"],
                "period": self.period,
                "nominee": {
                    "kind": "individual",
                    "full_name": f"Người lao động {random.randrange(10**6)}",
                    "gender": random.choice(["female", "male"]),
                },
                "achievements": "Hoàn thành xuất sắc nhiệm vụ năm 2026.",
                # What the office's appraisal checks for an annual title (Luật TĐKT 2022 Đ24.1,
                # workflow/eligibility.py): the year's rating and the months served.
                "task_rating": "htt",
                "months_served": 12,
            },
        )
        if not created:
            return
        url = f"/api/v1/nominations/{created['id']}/"
        for paper in PAPERS:
            self.api_post(
                f"{url}attachments/",
                "API attach paper",
                expected=201,
                data={"document": paper},
                files={"file": (f"{paper}.pdf", PDF, "application/pdf")},
            )
        self.api_post(f"{url}actions/submit/", "API submit")


class StandingOffice(Persona):
    weight = 5
    personas = _offices

    @task(2)
    def work_the_queue(self) -> None:
        submitted = self.api_get(
            "/api/v1/nominations/",
            "API submitted nominations",
            state="submitted",
            authority=self.role["authority"],
        )
        if not submitted.get("results"):
            return
        picked = random.choice(submitted["results"])
        url = f"/api/v1/nominations/{picked['id']}/"
        self.api_get(url, "API nomination")
        if random.random() < 0.8:
            self.api_post(f"{url}actions/appraise/", "API appraise")
        else:
            self.api_post(f"{url}actions/return/", "API return", json={"reason": "Bổ sung chữ ký."})

    @task(1)
    def read_pages(self) -> None:
        self.page("/nominations/appraisal/", "page: appraisal queue")
        self.page("/nominations/", "page: nomination list")


class CouncilMember(Persona):
    weight = 10
    personas = _members

    @task
    def read_pages(self) -> None:
        self.page("/accounts/", "page: home")
        self.page("/nominations/", "page: nomination list")
        listing = self.api_get("/api/v1/nominations/", "API nominations")
        if listing.get("results"):
            picked = random.choice(listing["results"])["id"]
            self.page(f"/nominations/{picked}/", "page: nomination")


class Auditor(Persona):
    weight = 5
    personas = _auditors

    @task
    def read_the_log(self) -> None:
        self.page("/audit/events/", "page: audit search")
        events = self.api_get("/api/v1/audit/events/", "API audit events")
        nominations = [
            e["object_id"]
            for e in events.get("results", [])
            if e["object_type"] == "nominations.nomination"
        ]
        if nominations:
            self.page(f"/audit/nominations/{random.choice(nominations)}/", "page: audit timeline")
