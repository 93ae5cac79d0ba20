#!/usr/bin/env bash
# Local PostgreSQL for the storage tests: installs Debian's postgresql if missing, initialises a
# cluster under $AI_OPENCOG_TEST_DEPS_DIR/postgres (default /tmp/ai-opencog-test-deps), starts it
# on 127.0.0.1 only, creates role and database `aiopencog` (password `aiopencog`) with pg_trgm,
# waits until it answers and prints its URL:
#
#   export TEST_DATABASE_URL=$(scripts/test-deps/postgres.sh)
#   scripts/test-deps/postgres.sh stop
#
# Idempotent: a running server is left running. Port: AI_OPENCOG_PG_PORT (default 55432).
source "$(dirname "$0")/common.sh"

PORT="${AI_OPENCOG_PG_PORT:-55432}"
BASE="$AI_OPENCOG_TEST_DEPS_DIR/postgres"
DATA="$BASE/data"
USER_NAME=postgres
[ "$(id -u)" -eq 0 ] || USER_NAME="$(id -un)"
URL="postgres://aiopencog:aiopencog@127.0.0.1:$PORT/aiopencog"

bin_dir() {
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$d" ] || die "no PostgreSQL binaries under /usr/lib/postgresql"
  echo "$d"
}

pg() { as_user "$USER_NAME" "$(bin_dir)/$1" "${@:2}"; }

running() { [ -f "$DATA/PG_VERSION" ] && pg pg_ctl -D "$DATA" status >/dev/null 2>&1; }

psql_super() { pg psql -h "$BASE" -p "$PORT" -U postgres -v ON_ERROR_STOP=1 -qtA "$@"; }

start() {
  apt_install postgresql
  if running; then
    log "already running on 127.0.0.1:$PORT (data $DATA)"
  else
    own_dir "$USER_NAME" "$BASE"
    if [ ! -f "$DATA/PG_VERSION" ]; then
      log "initialising $DATA"
      pg initdb -D "$DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >&2
    fi
    log "starting on 127.0.0.1:$PORT"
    pg pg_ctl -D "$DATA" -l "$BASE/postgres.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$BASE -c max_connections=200" start >&2 \
      || { tail -n 30 "$BASE/postgres.log" >&2; die "PostgreSQL did not start"; }
  fi
  wait_until 60 "PostgreSQL on 127.0.0.1:$PORT" pg pg_isready -h 127.0.0.1 -p "$PORT"
  psql_super -d postgres -c "DO \$\$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'aiopencog') THEN
        CREATE ROLE aiopencog LOGIN PASSWORD 'aiopencog';
      END IF;
    END \$\$;" >&2
  if [ "$(psql_super -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'aiopencog'")" != 1 ]; then
    psql_super -d postgres -c 'CREATE DATABASE aiopencog OWNER aiopencog' >&2
  fi
  psql_super -d aiopencog -c 'CREATE EXTENSION IF NOT EXISTS pg_trgm' >&2
  echo "$URL"
}

stop() {
  if running; then
    log "stopping"
    pg pg_ctl -D "$DATA" -m fast -w stop >&2
  else
    log "not running"
  fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  url) echo "$URL" ;;
  *) die "usage: $0 [start|stop|url]" ;;
esac
