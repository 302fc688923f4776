"""/healthz against the real database and a real Redis broker, and against servers that hang;
the deadlines on every database and Redis call; JSON log lines."""

from __future__ import annotations

import json
import logging
import socket
import sys
import threading
import time
from unittest import mock

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections

from config import health
from config.env import database
from config.logging import JsonFormatter

pytestmark = pytest.mark.django_db


def test_healthy_with_the_database_and_no_broker_configured(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "not configured"}
    assert "no-cache" in response["Cache-Control"]


def test_the_broker_is_checked_for_real(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/15"  # the machine's Redis
    assert client.get("/healthz").json()["broker"] == "ok"
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "down", "database": "ok", "broker": "down"}


def _postgres_at(port: int) -> dict:
    """The default database's settings pointed at a PostgreSQL on `port` of this machine."""
    given = connections.settings[DEFAULT_DB_ALIAS]
    return {
        **given,
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "thidua",
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": "127.0.0.1",
        "PORT": port,
        "OPTIONS": {"connect_timeout": 6},  # past both calls of the hang test
    }


@pytest.fixture
def silent_server():
    """A TCP port that accepts connections (the kernel does) and never answers: what a
    stopped (SIGSTOP) or wedged server looks like to a client."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(16)
        yield server.getsockname()[1]


@pytest.fixture(autouse=True)
def no_probe_left_in_flight():
    """A probe that hangs gives up on its own (connect timeout); the next test must not find
    it still in flight and share it."""
    yield
    for future in list(health._in_flight.values()):
        future.result(timeout=15)


def _timed_get(client, path):
    started = time.monotonic()
    response = client.get(path)
    return response, time.monotonic() - started


def test_a_database_that_refuses_connections_is_reported(client):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]  # nothing listens once the socket is closed
    with mock.patch.dict(connections.settings, {DEFAULT_DB_ALIAS: _postgres_at(closed_port)}):
        response = client.get("/healthz")
    assert (response.status_code, response.json()["database"]) == (503, "down")


def test_a_database_that_hangs_is_reported_within_two_seconds(client, silent_server):
    hung = _postgres_at(silent_server)
    with mock.patch.dict(connections.settings, {DEFAULT_DB_ALIAS: hung}):
        first, first_took = _timed_get(client, "/healthz")
        # A second caller while the first probe still hangs: answered as fast, and the
        # hanging probe is shared, not repeated (one waiting thread per part).
        probes_before = len(threading.enumerate())
        second, second_took = _timed_get(client, "/healthz")
        assert len(threading.enumerate()) <= probes_before
    for response, took in ((first, first_took), (second, second_took)):
        assert response.status_code == 503
        assert response.json() == {
            "status": "down",
            "database": "timeout",
            "broker": "not configured",
        }
        assert took < 2.0


def test_a_broker_that_hangs_is_reported_within_two_seconds(client, settings, silent_server):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{silent_server}/0"
    response, took = _timed_get(client, "/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "down", "database": "ok", "broker": "timeout"}
    assert took < 2.0


def test_every_postgresql_connection_has_deadlines(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://app@db.example:5432/thidua")
    monkeypatch.setenv("DB_STATEMENT_TIMEOUT_MS", "15000")
    monkeypatch.delenv("DB_IDLE_IN_TRANSACTION_TIMEOUT_MS")  # the test settings turn it off
    options = database()["OPTIONS"]
    assert options["connect_timeout"] == 5
    assert options["keepalives"] == 1
    assert options["options"].split(" -c ") == [
        "-c statement_timeout=15000",
        "lock_timeout=10000",
        "idle_in_transaction_session_timeout=60000",
    ]


def test_prepared_statements_are_on_unless_a_pooler_needs_them_off(monkeypatch):
    """core.prepared.plan_kept_cursor prepares only when psycopg is given a threshold;
    DB_PREPARED_STATEMENTS=false (PgBouncer in transaction mode) leaves it unset."""
    monkeypatch.setenv("DATABASE_URL", "postgres://app@db.example:5432/thidua")
    monkeypatch.delenv("DB_PREPARED_STATEMENTS", raising=False)
    assert database()["OPTIONS"]["prepare_threshold"] == 1
    monkeypatch.setenv("DB_PREPARED_STATEMENTS", "false")
    assert "prepare_threshold" not in database()["OPTIONS"]
    monkeypatch.setenv("DATABASE_URL", "sqlite:////tmp/x.sqlite3")
    monkeypatch.delenv("DB_PREPARED_STATEMENTS")
    assert "prepare_threshold" not in database().get("OPTIONS", {})


def test_the_deadlines_reach_the_server():
    if connection.vendor != "postgresql":
        # SQLite has no server: its deadline is the busy timeout for the write lock.
        assert connection.settings_dict["OPTIONS"]["timeout"] == 20
        return
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        statement = cursor.fetchone()[0]
        cursor.execute("SHOW lock_timeout")
        lock = cursor.fetchone()[0]
    assert (statement, lock) == ("30s", "10s")


def test_redis_clients_have_socket_timeouts(settings):
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    assert (options["socket_timeout"], options["socket_connect_timeout"]) == (2.0, 2.0)
    assert settings.CELERY_REDIS_SOCKET_TIMEOUT == 2.0


def test_log_lines_are_json_with_extras_and_exceptions():
    record = logging.makeLogRecord(
        {
            "name": "thidua",
            "levelname": "WARNING",
            "msg": "Hồ sơ %s quá hạn",
            "args": (7,),
            "nomination": 7,
        }
    )
    try:
        raise ValueError("sai")
    except ValueError:
        record.exc_info = sys.exc_info()
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "Hồ sơ 7 quá hạn"
    assert (line["level"], line["logger"], line["nomination"]) == ("WARNING", "thidua", 7)
    assert "ValueError: sai" in line["exception"]
    assert line["time"].endswith("+00:00")
