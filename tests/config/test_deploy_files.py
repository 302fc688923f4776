"""The sample deployment files point at what the repository really has."""

from __future__ import annotations

import configparser
import json
import re
from pathlib import Path

import yaml
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from config import celery_app

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def _unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(DEPLOY / "systemd" / name)
    return parser


def test_the_systemd_units_start_the_real_entry_points():
    web = _unit("thidua-web.service")["Service"]["ExecStart"]
    assert "config.wsgi:application" in web
    assert (ROOT / "config" / "gunicorn.conf.py").is_file()
    assert (ROOT / "config" / "wsgi.py").is_file()
    assert "celery -A config worker" in _unit("thidua-worker.service")["Service"]["ExecStart"]
    assert "celery -A config beat" in _unit("thidua-beat.service")["Service"]["ExecStart"]
    assert celery_app.main == "config"
    for name in ("thidua-web.service", "thidua-worker.service", "thidua-beat.service"):
        service = _unit(name)["Service"]
        assert service["EnvironmentFile"] == "/etc/thidua/env"
        assert service["User"] == "thidua"


def test_the_compose_file_runs_one_beat_and_checks_health():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert {"db", "redis", "web", "worker", "beat"} <= set(services)
    assert "/healthz" in " ".join(services["web"]["healthcheck"]["test"])
    assert services["beat"].get("deploy", {}).get("replicas", 1) == 1
    assert (DEPLOY / services["web"]["build"]["dockerfile"].removeprefix("deploy/")).is_file()
    # The worker runs the nightly backup: it sees the media and a volume for the archives.
    assert "backups:/var/backups/thidua" in services["worker"]["volumes"]
    assert "postgresql-client" in (DEPLOY / "Dockerfile").read_text()


def test_the_worker_unit_may_write_the_backups():
    service = _unit("thidua-worker.service")["Service"]
    assert "/var/backups/thidua" in service["ReadWritePaths"].split()


def test_every_setting_the_production_file_reads_is_in_the_example():
    production = (ROOT / "config" / "settings" / "production.py").read_text()
    production += (ROOT / "config" / "env.py").read_text()  # the database and Redis deadlines
    read = set(re.findall(r'env(?:\.\w+)?\("([A-Z_]+)"', production))
    example = (DEPLOY / "env.example").read_text()
    missing = sorted(name for name in read if f"{name}=" not in example)
    assert {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "CELERY_BROKER_URL"} <= read
    assert {"BACKUP_DIR", "BACKUP_KEEP"} <= read
    assert {"DB_STATEMENT_TIMEOUT_MS", "REDIS_TIMEOUT_SECONDS"} <= read
    assert missing == []


def test_the_proxy_sends_everything_to_the_application():
    site = (DEPLOY / "nginx" / "thidua.conf").read_text()
    assert "proxy_pass http://thidua_web;" in site
    assert "X-Forwarded-Proto" in site
    assert "alias" not in site  # no media served from disk behind the permission checks


def test_collectstatic_succeeds_with_the_production_storage(tmp_path):
    """The deploy guide runs collectstatic; the fingerprinting storage refuses a stylesheet
    naming a missing file, as viewflow's bundled npm font package does."""
    production = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=production):
        call_command("collectstatic", interactive=False, verbosity=0)
    manifest = json.loads((tmp_path / "staticfiles.json").read_text())["paths"]
    assert re.fullmatch(r"app\.[0-9a-f]{12}\.css", manifest["app.css"])
    assert (tmp_path / manifest["app.css"]).with_suffix(".css.gz").exists()
    assert not any("node_modules" in name for name in manifest)
