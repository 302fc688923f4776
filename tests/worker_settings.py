"""Settings of the real Celery worker the outbox tests start (tests/celery_worker.py): the
test settings, on the test process's own database, a real Redis broker, and e-mail written
to files the test counts."""

import os

from config.settings.test import *  # noqa: F403

DATABASES["default"]["NAME"] = os.environ["OUTBOX_TEST_DATABASE_NAME"]  # noqa: F405
CELERY_BROKER_URL = os.environ["CELERY_BROKER_URL"]
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_EAGER_PROPAGATES = False
EMAIL_BACKEND = "tests.mail_backend.RecordingBackend"
OUTBOX_TEST_MAIL_DIR = os.environ["OUTBOX_TEST_MAIL_DIR"]
