import base64
import datetime
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import formats, translation

from config import celery_app

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "DATABASE"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "k3y-" + "x7Qp9vLm2Rt8Wz4Nb6Yc1Hd5Jf0Gs3Ka" * 2,
    "ALLOWED_HOSTS": "thiduakhenthuong.example.vn",
    "DATABASE_URL": "sqlite:////tmp/check-deploy.sqlite3",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "AUDIT_CHECKPOINT_KEY": base64.b64encode(secrets.token_bytes(32)).decode(),
}


def test_check_deploy_is_clean_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_celery_runs_eagerly_only_without_a_broker():
    code = "from django.conf import settings as s; print(s.CELERY_TASK_ALWAYS_EAGER)"
    without = _manage("shell", "-c", code, env={"DJANGO_SETTINGS_MODULE": "config.settings.base"})
    with_broker = _manage(
        "shell",
        "-c",
        code,
        env={
            "DJANGO_SETTINGS_MODULE": "config.settings.base",
            "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
        },
    )
    assert without.stdout.strip().splitlines()[-1] == "True", without.stderr
    assert with_broker.stdout.strip().splitlines()[-1] == "False", with_broker.stderr
    assert celery_app.conf.task_always_eager is True


def test_vietnamese_first_in_asia_ho_chi_minh_time():
    assert settings.LANGUAGE_CODE == "vi"
    assert [code for code, _ in settings.LANGUAGES] == ["vi", "en"]
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert settings.USE_TZ
    assert settings.AUTH_USER_MODEL == "accounts.User"


@pytest.mark.parametrize("language", ["vi", "en"])
def test_dates_are_written_dd_mm_yyyy(language):
    with translation.override(language):
        assert formats.date_format(datetime.date(2025, 12, 1), "SHORT_DATE_FORMAT") == "01/12/2025"
        assert formats.date_format(datetime.date(2025, 12, 1)) == "01/12/2025"


@pytest.mark.django_db
def test_no_model_change_is_missing_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_production_refuses_to_start_without_a_checkpoint_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "AUDIT_CHECKPOINT_KEY"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "AUDIT_CHECKPOINT_KEY_FILE" in result.stderr
