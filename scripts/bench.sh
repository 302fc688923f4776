#!/usr/bin/env bash
# make bench: the speed figures (printed, and written to docs/bench/figures-<database>.json;
# never asserted). Each bench runs on a scratch database: a throwaway SQLite file by
# default, or, when DATABASE_URL names a PostgreSQL server, a database created on that
# server for the run and dropped after it. Nothing existing is touched.
# (The scratch names derive from this script's PID: `$(scratch …)` runs in a subshell.)
set -euo pipefail
cd "$(dirname "$0")/.."

PY=.venv/bin/python
# Building 100,000 nominations runs statements longer than a request may (config/env.py).
export DB_STATEMENT_TIMEOUT_MS="${DB_STATEMENT_TIMEOUT_MS:-0}"
export DB_IDLE_IN_TRANSACTION_TIMEOUT_MS="${DB_IDLE_IN_TRANSACTION_TIMEOUT_MS:-0}"
GIVEN="${DATABASE_URL:-}"
MEDIA="$(mktemp -d /tmp/thidua-bench-media.XXXXXX)"
STAGES=(audit peer province documents)

case "$GIVEN" in
  postgres://* | postgresql://* | pgsql://*)
    VENDOR=postgresql
    SERVER="${GIVEN%/*}"  # the URL without its database name
    scratch() {
      local name="thidua_bench_$$_$1"
      psql -q "$SERVER/postgres" -c "CREATE DATABASE $name" > /dev/null
      echo "$SERVER/$name"
    }
    cleanup() {
      for stage in "${STAGES[@]}"; do
        psql -q "$SERVER/postgres" -c "DROP DATABASE IF EXISTS thidua_bench_$$_$stage" 2> /dev/null
      done
      rm -rf "$MEDIA"
    }
    ;;
  *)
    VENDOR=sqlite
    scratch() {
      local file="/tmp/thidua-bench-$$-$1.sqlite3"
      rm -f "$file"
      echo "sqlite:///$file"
    }
    cleanup() {
      for stage in "${STAGES[@]}"; do rm -f "/tmp/thidua-bench-$$-$stage.sqlite3"; done
      rm -rf "$MEDIA"
    }
    ;;
esac
trap cleanup EXIT
FIGURES="${BENCH_FIGURES:-docs/bench/figures-$VENDOR.json}"

bench() {
  local url
  url="$(scratch "$1")"
  shift
  DATABASE_URL="$url" "$PY" manage.py migrate --noinput -v0
  DATABASE_URL="$url" MEDIA_ROOT="$MEDIA" "$PY" manage.py "$@"
}

echo "== $VENDOR: audit chain"
bench audit audit_bench --events 100000
echo "== $VENDOR: the peer (django-fsm-2 + simple-history, scripts/peer), same machine, same run"
if [ ! -f .venv-peer/.installed ] || [ requirements-peer.txt -nt .venv-peer/.installed ]; then
  python3 -m venv .venv-peer
  .venv-peer/bin/pip install --quiet -r requirements-peer.txt
  touch .venv-peer/.installed
fi
PEER_URL="$(scratch peer)"
if [ "$VENDOR" = sqlite ]; then
  PEER_COMMAND="env PEER_SQLITE=${PEER_URL#sqlite:///} .venv-peer/bin/python scripts/peer/peer.py ${PEER_LIFECYCLES:-100}"
else
  PEER_COMMAND="env DATABASE_URL=$PEER_URL .venv-peer/bin/python scripts/peer/peer.py ${PEER_LIFECYCLES:-100}"
fi
$PEER_COMMAND | grep -v '^PEER_JSON'
echo "== $VENDOR: a province (pages at two sizes, lifecycle, SQL floors, audit_verify);"
echo "   one user action, the peer and the floor timed in turn, five rounds"
bench province province_bench --json "$FIGURES" --peer-command "$PEER_COMMAND" ${PROVINCE_BENCH_ARGS:-}
echo "== $VENDOR: papers and Excel import"
bench documents documents_bench --awardees 500 --rows 5000 --figures "$FIGURES"
echo "Figures: $FIGURES"
