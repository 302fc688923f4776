"""Settings shared by every environment; everything that varies comes from the environment."""

import datetime
import warnings
from pathlib import Path

from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from config.env import BASE_DIR, database, env, redis_socket_options

DEBUG = env.bool("DEBUG", default=False)
# Only a development default: production.py refuses to start without SECRET_KEY.
SECRET_KEY = env("SECRET_KEY", default="django-insecure-dev-only-not-for-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "accounts.admin_apps.AdminConfig",  # the admin site asks device owners for their TOTP code
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "config.apps.StaticFiles",  # django.contrib.staticfiles, see config/apps.py
    "django_filters",
    "django_htmx",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "guardian",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "simple_history",
    "viewflow",  # label viewflow_base: fsm, forms, jsonstore
    "accounts",
    "councils",
    "nominations",
    "workflow",
    "audit",
    "outbox",
    "backups",
    "reports",  # statistics, the award register, movement results; beside the API
    "api",  # the REST API, above every app; owns IdempotentRequest
    # On top of the domain apps, which never import them: the demo data and the benchmarks.
    "demo",
    "bench",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # After htmx's: it answers an htmx request that needs signing in with HX-Redirect.
    "accounts.web.idle.IdleSessionMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # viewflow appends these two itself when they are missing; listed so the order is explicit.
    "viewflow.middleware.SiteMiddleware",
    "viewflow.middleware.HotwireTurboMiddleware",
    # Last, as django-axes asks: it turns a lock-out noticed during the view into its answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.web.context_processors.nav",
                "accounts.web.idle.kept_form",
            ],
        },
    },
]

# SQLite in the project folder unless DATABASE_URL names another database.
DATABASES = {"default": database(f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite ignores SELECT … FOR UPDATE; taking the write lock when a transaction begins is
    # what stops two requests from both reading "awaiting decision" and both approving.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses even to check the password of a locked-out username from that address.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": env.int("PASSWORD_MIN_LENGTH", default=10)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
# How long after a period ends its units may still propose [U: no text found; the office
# collects a year's proposals in its first weeks]. Older periods are not offered.
PROPOSAL_DAYS_AFTER_PERIOD = env.int("PROPOSAL_DAYS_AFTER_PERIOD", default=90)
# A session unused this long is signed out (accounts/web/idle.py); none lasts beyond the cap.
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=30)
SESSION_COOKIE_AGE = env.int("SESSION_MAX_HOURS", default=12) * 3600
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sign-in lock-out (django-axes): after LOGIN_FAILURE_LIMIT failures for one username from one
# address, that pair is refused for LOGIN_LOCKOUT_SECONDS; the page and the token endpoint alike.
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(seconds=env.int("LOGIN_LOCKOUT_SECONDS", default=15 * 60))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Attempts while locked out do not push the end of the lock-out further away.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "accounts.web.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "core.requests.client_address"
# How many proxies of our own append to X-Forwarded-For (nginx: 1 in production); the client's
# address is the entry they added. 0: REMOTE_ADDR, as under runserver.
NUM_PROXIES = env.int("NUM_PROXIES", default=0)
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are in the audit log already
AXES_VERBOSE = False

# Optional second factor (django-otp, TOTP) for chairmen and administrators.
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Thi đua - Khen thưởng")

# Content-Security-Policy (django-csp): scripts and styles only from our own static files,
# never inline; pictures may be data: URIs (the enrolment QR code).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

# django-guardian: no "AnonymousUser" row; anonymous visitors get no object permissions.
ANONYMOUS_USER_NAME = None

# Vietnamese first, English second; dates dd/mm/yyyy (config/formats/).
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("Tiếng Anh"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# A history row keeps the whole reason a person typed (a return, a hold, a refusal); the
# default varchar(100) made a longer reason fail the transition on PostgreSQL.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Celery: with no broker configured, tasks run inline (eagerly) so `make run` needs no Redis.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A broker that accepts connections but never answers must not hang a request or the sweep:
# each send gives up after REDIS_TIMEOUT_SECONDS (the row waits in the outbox for the sweep).
CELERY_BROKER_CONNECTION_TIMEOUT = env.float("REDIS_TIMEOUT_SECONDS", default=2.0)
CELERY_BROKER_TRANSPORT_OPTIONS = {**redis_socket_options(), "max_retries": 1}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = redis_socket_options()["socket_connect_timeout"]
CELERY_REDIS_SOCKET_TIMEOUT = redis_socket_options()["socket_timeout"]
# /healthz answers within this many seconds whatever hangs (config/health.py).
HEALTHZ_TIMEOUT_SECONDS = env.float("HEALTHZ_TIMEOUT_SECONDS", default=1.5)
CELERY_BEAT_SCHEDULE = {
    "workflow-close-posting-windows": {
        "task": "workflow.tasks.close_posting_windows",
        "schedule": crontab(hour=0, minute=15),
    },
    "workflow-apply-successions": {
        "task": "workflow.tasks.apply_successions",
        "schedule": crontab(hour=0, minute=5),
    },
    "audit-checkpoint": {
        "task": "audit.tasks.audit_checkpoint_task",
        "schedule": crontab(minute=5),  # hourly
    },
    "audit-verify-chain": {
        "task": "workflow.tasks.verify_audit_chain",
        "schedule": crontab(hour=1, minute=30),
    },
    "outbox-sweep": {
        "task": "outbox.tasks.sweep_outbox",
        "schedule": 60.0,
    },
    "workflow-notify-overdue": {
        "task": "workflow.tasks.notify_overdue_deadlines",
        "schedule": crontab(hour=7, minute=0),
    },
    "backups-nightly": {
        "task": "backups.tasks.backup_nightly",
        "schedule": crontab(hour=env.int("BACKUP_HOUR", default=2), minute=0),
    },
}
# The outbox (outbox/): the sweep queues again rows still undelivered this many
# seconds after they were written or last tried; after OUTBOX_MAX_ATTEMPTS tries a row waits
# for an administrator (Django admin, "Việc chờ gửi").
OUTBOX_SWEEP_AFTER_SECONDS = env.int("OUTBOX_SWEEP_AFTER_SECONDS", default=10)
OUTBOX_RETRY_AFTER_SECONDS = env.int("OUTBOX_RETRY_AFTER_SECONDS", default=60)
OUTBOX_MAX_ATTEMPTS = env.int("OUTBOX_MAX_ATTEMPTS", default=10)

# Backups (manage.py backup / restore, docs/deploy.md): where archives go, how many are kept,
# and, when the server's PostgreSQL is newer than the packaged client, where pg_dump lives.
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "backup-archives")
BACKUP_KEEP = env.int("BACKUP_KEEP", default=7)
BACKUP_PG_BINDIR = env("BACKUP_PG_BINDIR", default="")

# Signed checkpoints of the audit chain (audit/checkpoints.py), kept outside the database:
# a folder beside the media files, signed with an Ed25519 key the database never holds (a
# base64 seed or PEM in AUDIT_CHECKPOINT_KEY, or a PEM file). Development generates a key in
# the folder on first use; production refuses to start without one.
AUDIT_CHECKPOINT_DIR = env(
    "AUDIT_CHECKPOINT_DIR", default=str(Path(str(MEDIA_ROOT)).parent / "audit-checkpoints")
)
AUDIT_CHECKPOINT_KEY = env("AUDIT_CHECKPOINT_KEY", default="")
AUDIT_CHECKPOINT_KEY_FILE = env("AUDIT_CHECKPOINT_KEY_FILE", default="")
AUDIT_CHECKPOINT_KEY_GENERATE = True
# Public keys (base64 of the raw 32 bytes) of earlier signing keys, kept after a rotation.
AUDIT_CHECKPOINT_PUBLIC_KEYS = env.list("AUDIT_CHECKPOINT_PUBLIC_KEYS", default=[])

# Deadlines with no legal source yet (domain.md §2.6, §2.7): configurable defaults.
WORKFLOW_RESUBMIT_WORKING_DAYS = env.int("WORKFLOW_RESUBMIT_WORKING_DAYS", default=10)
WORKFLOW_DECISION_WORKING_DAYS = env.int("WORKFLOW_DECISION_WORKING_DAYS", default=10)
# A meeting is planned at most this far ahead, or recorded at most this long after it was
# held (no legal source: sanity bounds against typing errors, configurable).
MEETING_PLAN_DAYS_AHEAD = env.int("MEETING_PLAN_DAYS_AHEAD", default=366)
MEETING_PLAN_DAYS_BACK = env.int("MEETING_PLAN_DAYS_BACK", default=90)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="thiduakhenthuong@localhost")

# The one password of every demo account (`manage.py load_demo`).
DEMO_PASSWORD = env("DEMO_PASSWORD", default="demo12345")

# Evidence uploads (nominations/uploads.py): the name, the declared type and the file's own
# bytes must agree on one of these kinds; stored under MEDIA_ROOT, served only by the views.
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=10 * 1024 * 1024)
UPLOAD_ALLOWED_TYPES = env.list(
    "UPLOAD_ALLOWED_TYPES", default=["pdf", "jpg", "png", "docx", "xlsx", "odt", "ods"]
)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Official papers: an authority's own DOCX templates, by authority code; LibreOffice prints
# them to PDF.
DOCUMENT_TEMPLATES_DIR = env.path("DOCUMENT_TEMPLATES_DIR", default=BASE_DIR / "document-templates")
LIBREOFFICE_BINARY = env("LIBREOFFICE_BINARY", default="soffice")
# Liberation Serif 2 (Debian fonts-liberation2): certificates printed on blanks embed it.
DOCUMENT_FONT_DIR = env.path("DOCUMENT_FONT_DIR", default="/usr/share/fonts/truetype/liberation2")
# Digital signatures (nominations/documents/signatures.py): the roots a signature must chain to
# (a PEM bundle of the national CA roots), a RFC 3161 timestamp server for PAdES B-T, and a
# PKCS#11 module with the token and key labels for signing with a token or HSM the server
# reaches. Empty: B-B signatures from PKCS#12 files, verified for integrity only.
SIGNING_TRUST_ROOTS = env("SIGNING_TRUST_ROOTS", default="")
# pyHanko imports cryptography's DSA types (for verifying old DSA signatures): not ours to fix.
warnings.filterwarnings("ignore", message="DSA is deprecated")
SIGNING_TSA_URL = env("SIGNING_TSA_URL", default="")
SIGNING_PKCS11_MODULE = env("SIGNING_PKCS11_MODULE", default="")
SIGNING_PKCS11_TOKEN = env("SIGNING_PKCS11_TOKEN", default="")
SIGNING_PKCS11_KEY_LABEL = env("SIGNING_PKCS11_KEY_LABEL", default="")

# The REST API (/api/v1/): the same services and permission predicates as the pages.
REST_FRAMEWORK = {
    # Token first, so an unauthenticated call answers 401 with WWW-Authenticate: Token.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # Per user (or per address for anonymous calls); rates from API_USER_RATE / API_ANON_RATE.
    "DEFAULT_THROTTLE_CLASSES": ["api.base.UserThrottle", "api.base.AnonThrottle"],
    "NUM_PROXIES": NUM_PROXIES,
    "DEFAULT_PAGINATION_CLASS": "api.base.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "api.base.exception_handler",
    "DATE_FORMAT": "%Y-%m-%d",  # ISO dates in JSON; the pages show dd/mm/yyyy
    "DATE_INPUT_FORMATS": ["iso-8601", "%d/%m/%Y"],
}
API_USER_RATE = env("API_USER_RATE", default="120/minute")
API_ANON_RATE = env("API_ANON_RATE", default="30/minute")
SPECTACULAR_SETTINGS = {
    "TITLE": "Thi đua - Khen thưởng API",
    "DESCRIPTION": "Đề nghị, thẩm định, biểu quyết, quyết định khen thưởng và nhật ký kiểm tra.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",  # served from static files: commune LANs have no internet
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.document_errors",  # the error answers every operation shares
    ],
    # Two models have a `state`: name their enums rather than let a hash do it.
    "ENUM_NAME_OVERRIDES": {
        "NominationStateEnum": "nominations.models.nomination.NominationState",
        "MeetingStateEnum": "councils.models.meetings.Meeting.State",
        "UnitKindEnum": "councils.models.organisation.Unit.Kind",
        "MovementKindEnum": "nominations.models.movements.Movement.Kind",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
}
