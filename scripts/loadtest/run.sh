#!/usr/bin/env bash
# make loadtest: the production stack on this machine — gunicorn (config/gunicorn.conf.py),
# PostgreSQL, Redis as the broker, one Celery worker — loaded with the demo, then 50 users
# for 60 seconds (scripts/loadtest/locustfile.py). Figures go to docs/bench/loadtest.json;
# any failed request fails the run.
set -euo pipefail
cd "$(dirname "$0")/../.."

export LOAD_USERS="${LOAD_USERS:-50}"
USERS="$LOAD_USERS"
DURATION="${LOAD_DURATION:-60s}"
PORT="${LOAD_PORT:-8765}"
OUT="${LOAD_FIGURES:-docs/bench/loadtest.json}"
PG_DB="thidua_load_$$"
PG=(-h 127.0.0.1 -p 5432 -U postgres)
WORK="$(mktemp -d /tmp/thidua-load.XXXXXX)"

export DJANGO_SETTINGS_MODULE=config.settings.production
SECRET_KEY="$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(50))')"
export SECRET_KEY
# Production settings require the audit checkpoints' signing key: a throwaway one here.
AUDIT_CHECKPOINT_KEY="$(.venv/bin/python -c 'import base64, secrets; print(base64.b64encode(secrets.token_bytes(32)).decode())')"
export AUDIT_CHECKPOINT_KEY
export ALLOWED_HOSTS=127.0.0.1,localhost
export DATABASE_URL="postgres://postgres@127.0.0.1:5432/$PG_DB"
export CELERY_BROKER_URL="${LOAD_BROKER:-redis://127.0.0.1:6379/7}"
export MEDIA_ROOT="$WORK/media" STATIC_ROOT="$WORK/static"
export EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend
export LOG_LEVEL=WARNING
export GUNICORN_BIND="127.0.0.1:$PORT" GUNICORN_WORKERS="${LOAD_WEB_WORKERS:-4}"
# The simulated people pause 2-6 s between requests and reuse their connection, as a proxy
# does: keep it open longer than any pause, so no request races the server's close.
export GUNICORN_KEEPALIVE="${GUNICORN_KEEPALIVE:-75}"
export DEMO_PASSWORD="${DEMO_PASSWORD:-demo12345}"

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  dropdb "${PG[@]}" --if-exists "$PG_DB" || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== database, demo and static files ($PG_DB)"
createdb "${PG[@]}" "$PG_DB"
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py load_demo -v0 > /dev/null
# Every demo person gets an address, so each notification is also an e-mail for the worker
# to send through the outbox (the dummy backend drops it).
.venv/bin/python manage.py shell -v0 -c '
from django.db.models import F, Value
from django.db.models.functions import Concat
from accounts.models import User
User.objects.update(email=Concat(F("username"), Value("@example.invalid")))'
.venv/bin/python manage.py collectstatic --noinput -v0

echo "== gunicorn on 127.0.0.1:$PORT ($GUNICORN_WORKERS workers) and a Celery worker"
.venv/bin/gunicorn -c config/gunicorn.conf.py config.wsgi --access-logfile /dev/null \
  > "$WORK/gunicorn.log" 2>&1 &
pids+=($!)
.venv/bin/celery -A config worker --concurrency 2 --loglevel WARNING > "$WORK/worker.log" 2>&1 &
pids+=($!)
for _ in $(seq 60); do
  curl -fs -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$PORT/healthz" > /dev/null && break
  sleep 1
done
curl -fs -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$PORT/healthz"; echo

echo "== locust: $USERS users for $DURATION"
.venv-load/bin/locust -f scripts/loadtest/locustfile.py --headless --only-summary \
  --users "$USERS" --spawn-rate 10 --run-time "$DURATION" \
  --host "http://127.0.0.1:$PORT" --csv "$WORK/locust" --exit-code-on-error 0

echo "== the worker's backlog: every notification the transitions recorded, delivered?"
OUTBOX="$(.venv/bin/python manage.py shell -v0 -c '
import json, time
from outbox.models import OutboxMessage
deadline = time.monotonic() + 60
while OutboxMessage.objects.filter(delivered_at__isnull=True).exists() and time.monotonic() < deadline:
    time.sleep(1)
print(json.dumps({
    "recorded": OutboxMessage.objects.count(),
    "delivered": OutboxMessage.objects.filter(delivered_at__isnull=False).count(),
    "retried": OutboxMessage.objects.filter(attempts__gt=1).count(),
}))')"
echo "$OUTBOX"

.venv/bin/python scripts/loadtest/figures.py "$WORK/locust_stats.csv" "$WORK/locust_failures.csv" \
  --users "$USERS" --duration "$DURATION" --web-workers "$GUNICORN_WORKERS" \
  --outbox "$OUTBOX" --output "$OUT"
