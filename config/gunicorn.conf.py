"""gunicorn settings; every value can be overridden by its GUNICORN_* environment variable."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Seconds an idle keep-alive connection stays open. A client that sends on a connection the
# server is closing at that moment gets a reset (the load test's "status 0" errors, with
# users pausing 2-6 s against gunicorn's default of 2 s); nginx in front keeps its own.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
