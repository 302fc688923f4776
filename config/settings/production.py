"""Production: PostgreSQL, Redis as the Celery broker, gunicorn behind a TLS-terminating proxy.

Configured only by environment variables; the required ones have no default, so a missing
one stops the process at start-up instead of running insecurely.
"""

from django.core.exceptions import ImproperlyConfigured

from config.env import database, redis_socket_options
from config.settings.base import *  # noqa: F403
from config.settings.base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
DATABASES = {"default": database(env("DATABASE_URL"), conn_max_age=60)}  # required here
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

CELERY_BROKER_URL = env("CELERY_BROKER_URL")
CELERY_TASK_ALWAYS_EAGER = False
CELERY_TASK_EAGER_PROPAGATES = False

# Archives hold every password hash and dossier: a folder only the service user reads, ideally
# on another disk, copied off the server (docs/deploy.md, "Backups and restore").
BACKUP_DIR = env.path("BACKUP_DIR", default="/var/backups/thidua")
BACKUP_KEEP = env.int("BACKUP_KEEP", default=14)

# The audit checkpoints' signing key is given, never made here: a key generated afresh after
# the folder was lost would vouch for a rewritten log (docs/deploy.md, "Audit checkpoints").
AUDIT_CHECKPOINT_KEY_GENERATE = False
if not (env("AUDIT_CHECKPOINT_KEY", default="") or env("AUDIT_CHECKPOINT_KEY_FILE", default="")):
    raise ImproperlyConfigured(
        "Set AUDIT_CHECKPOINT_KEY_FILE (or AUDIT_CHECKPOINT_KEY): the audit checkpoints' "
        "signing key (manage.py audit_checkpoint --new-key FILE makes one)."
    )

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Our nginx appends the client's address to X-Forwarded-For: lock-outs and API rates count it.
NUM_PROXIES = env.int("NUM_PROXIES", default=1)
REST_FRAMEWORK = {**REST_FRAMEWORK, "NUM_PROXIES": NUM_PROXIES}  # noqa: F405

# TLS ends at the reverse proxy, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

if env("REDIS_CACHE_URL", default=""):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("REDIS_CACHE_URL"),
            "OPTIONS": redis_socket_options(),
        }
    }

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)

# One JSON object per log line (config/logging.py); LOG_FORMAT=text for plain lines.
if env("LOG_FORMAT", default="json") == "json":
    LOGGING = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": {"()": "config.logging.JsonFormatter"}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
        "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    }
