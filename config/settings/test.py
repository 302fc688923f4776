"""Settings for the test suite: fast hashing, tasks inline, whatever DATABASE_URL names."""

import os

# A test transaction may sit idle while a browser or LibreOffice works; the server must not end
# it (production keeps the 60 s limit that frees locks held by a hung worker).
os.environ.setdefault("DB_IDLE_IN_TRANSACTION_TIMEOUT_MS", "0")

from config.settings.base import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CELERY_BROKER_URL = ""
CELERY_TASK_ALWAYS_EAGER = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# One media folder per pytest-xdist worker: tests that check "nothing was stored" count files.
_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
MEDIA_ROOT = BASE_DIR / (f".test-media-{_WORKER}" if _WORKER else ".test-media")  # noqa: F405
WHITENOISE_AUTOREFRESH = True  # no collectstatic before tests: serve from the finders
# pytest-django's live server serves static files only when the app is listed under the name
# "django.contrib.staticfiles"; since config.apps.StaticFiles replaces it, WhiteNoise does.
WHITENOISE_USE_FINDERS = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not shared-cache memory: threads in the concurrency tests then wait for the
    # write lock (busy timeout) as real requests do, instead of failing at once.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / ".test-db.sqlite3")}  # noqa: F405
# Fuzzing and lifecycle tests make many calls as one user; the throttle tests set low rates.
API_USER_RATE = "100000/minute"
API_ANON_RATE = "100000/minute"
