"""The one place where settings read the environment."""

from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A developer may keep a local .env; production sets real environment variables.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


def database(default_url: str | None = None, *, conn_max_age: int = 0) -> dict:
    """The DATABASES["default"] entry from DATABASE_URL, with a deadline on every call.

    A PostgreSQL that accepts the connection but never answers (stopped, a network partition)
    must not hold a request past gunicorn's timeout: libpq gives up connecting after
    DB_CONNECT_TIMEOUT, the server cancels a statement after DB_STATEMENT_TIMEOUT_MS and a wait
    for a row lock after DB_LOCK_TIMEOUT_MS, and TCP keepalives notice a peer that is gone.
    0 turns a server-side limit off (the bench and bulk imports set that).
    """
    url = env.str("DATABASE_URL", default=default_url)
    config = env.db_url_config(url)
    config["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=conn_max_age)
    if config["ENGINE"] == "django.db.backends.postgresql":
        options = config.setdefault("OPTIONS", {})
        options.setdefault("connect_timeout", env.int("DB_CONNECT_TIMEOUT", default=5))
        for key, value in (
            ("keepalives", 1),
            ("keepalives_idle", 30),
            ("keepalives_interval", 10),
            ("keepalives_count", 3),
        ):
            options.setdefault(key, value)  # fmt: skip
        if env.bool("DB_PREPARED_STATEMENTS", default=True):
            # The statements core.prepared.plan_kept_cursor sends are prepared on their
            # second run in a connection; Django's own cursors never prepare.
            options.setdefault("prepare_threshold", 1)
        limits = {
            "statement_timeout": env.int("DB_STATEMENT_TIMEOUT_MS", default=30_000),
            "lock_timeout": env.int("DB_LOCK_TIMEOUT_MS", default=10_000),
            "idle_in_transaction_session_timeout": env.int(
                "DB_IDLE_IN_TRANSACTION_TIMEOUT_MS", default=60_000
            ),
        }
        given = options.get("options", "")
        options["options"] = " ".join(
            [given, *(f"-c {name}={ms}" for name, ms in limits.items())]
        ).strip()
    return config


def redis_socket_options() -> dict:
    """Deadlines for redis-py (cache, broker, results): a Redis that accepts the connection
    but never answers (SIGSTOP, a full disk) fails the call in seconds instead of hanging."""
    seconds = env.float("REDIS_TIMEOUT_SECONDS", default=2.0)
    return {"socket_connect_timeout": seconds, "socket_timeout": seconds}
