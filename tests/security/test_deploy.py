"""A production installation passes Django's deployment checks, and the repository holds no
secret (the sample files carry placeholders only)."""

from __future__ import annotations

import base64
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _production_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="thiduakhenthuong.example.vn",
        DATABASE_URL="postgres://thidua@127.0.0.1:5432/thidua",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
        AUDIT_CHECKPOINT_KEY=base64.b64encode(secrets.token_bytes(32)).decode(),
    )
    return env


def test_check_deploy_is_clean_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_cookies_and_headers_are_secure():
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS >= 31536000, s.X_FRAME_OPTIONS,"
        " s.SECURE_PROXY_SSL_HEADER, s.DEBUG)"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", code],
        cwd=ROOT,
        env=_production_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip() == (
        "True True True True True DENY ('HTTP_X_FORWARDED_PROTO', 'https') False"
    ), result.stderr


# What a leaked secret looks like. Each pattern is built from pieces so this file does not
# match itself.
SECRET_PATTERNS = {
    "private key": re.compile("-----BEGIN [A-Z ]*" + "PRIVATE KEY-----"),
    "AWS key": re.compile("AKIA" + r"[0-9A-Z]{16}"),
    "GitHub token": re.compile("gh[pousr]_" + r"[A-Za-z0-9]{36}"),
    "Slack token": re.compile("xox[baprs]-" + r"[A-Za-z0-9-]{10,}"),
    # SECRET_KEY = "…" / PASSWORD = '…' with a literal value (a call to env() is fine).
    "literal secret setting": re.compile(
        r"""^\s*[A-Z_]*(SECRET|PASSWORD|TOKEN|API_KEY)[A-Z_]*\s*=\s*["'][^"']+["']""", re.M
    ),
    # user:password@ in a URL.
    "password in a URL": re.compile(r"[a-z+]+://[^\s:/@\"']+:([^\s@/\"']+)@"),
}
# KEY=value lines of env files, compose files and units.
ENV_LINE = re.compile(r"^\s*-?\s*[A-Z_]*(SECRET_KEY|PASSWORD)\s*[=:]\s*(\S+)\s*$", re.M)
ENV_FILES = {".example", ".env", ".yaml", ".yml", ".service", ".conf", ".ini", ".toml"}
# The tests sign their own throwaway accounts in with literal passwords; only key-shaped
# secrets are looked for there.
KEY_SHAPED = ("private key", "AWS key", "GitHub token", "Slack token")
# Placeholders of the sample files, and the demo password, which is public by design
# (README, Makefile) and only ever set by `manage.py load_demo`.
PLACEHOLDERS = re.compile(r"change-me|example|user:pass@|\$\{|\$\(|<[^>]+>|demo12345|\{\{")


def _tracked_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return [ROOT / name for name in listed.stdout.split("\0") if name]


def test_no_secret_is_in_the_repository():
    leaks = []
    for path in _tracked_files():
        if path.suffix in {".docx", ".xlsx", ".png", ".pdf", ".mo", ".sqlite3"}:
            continue
        try:
            text = path.read_text()
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue
        patterns = dict(SECRET_PATTERNS)
        if path.relative_to(ROOT).parts[0] == "tests":
            patterns = {what: patterns[what] for what in KEY_SHAPED}
        if path.suffix in ENV_FILES or path.name.startswith(".env"):
            patterns["secret in an env file"] = ENV_LINE
        for what, pattern in patterns.items():
            for match in pattern.finditer(text):
                if PLACEHOLDERS.search(match.group(0)):
                    continue
                line = text.count("\n", 0, match.start()) + 1
                leaks.append(f"{path.relative_to(ROOT)}:{line}: {what}: {match.group(0)[:80]}")
    assert leaks == [], "\n".join(leaks)


def test_the_scanner_finds_what_it_looks_for():
    key = 'SECRET_KEY = "' + "k" * 50 + '"'
    url = "postgres://thidua:" + "hunter2" + "@db:5432/thidua"
    assert SECRET_PATTERNS["literal secret setting"].search(key)
    assert SECRET_PATTERNS["password in a URL"].search(url)
    assert not PLACEHOLDERS.search(url)
    assert ENV_LINE.search("POSTGRES_PASSWORD=" + "s3cr3t-value")
    assert PLACEHOLDERS.search("postgres://thidua:change-me@127.0.0.1/thidua")
