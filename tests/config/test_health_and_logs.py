"""/healthz against the real database and a real Redis broker; JSON log lines."""

from __future__ import annotations

import json
import logging
import sys
from unittest import mock

import pytest
from django.db import connection

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


def test_a_database_that_does_not_answer_is_reported(client):
    with mock.patch.object(connection, "cursor", side_effect=RuntimeError("gone")):
        response = client.get("/healthz")
    assert (response.status_code, response.json()["database"]) == (503, "down")


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
