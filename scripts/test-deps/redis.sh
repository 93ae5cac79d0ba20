#!/usr/bin/env bash
# Local Redis for the storage tests: installs Debian's redis-server if missing, starts it on
# 127.0.0.1 only with its files under $AI_OPENCOG_TEST_DEPS_DIR/redis (default
# /tmp/ai-opencog-test-deps), no persistence, waits until it answers PING and prints its URL:
#
#   export TEST_REDIS_URL=$(scripts/test-deps/redis.sh)
#   scripts/test-deps/redis.sh stop
#
# Idempotent: a running server is left running. Port: AI_OPENCOG_REDIS_PORT (default 56379).
source "$(dirname "$0")/common.sh"

PORT="${AI_OPENCOG_REDIS_PORT:-56379}"
BASE="$AI_OPENCOG_TEST_DEPS_DIR/redis"
USER_NAME=redis
[ "$(id -u)" -eq 0 ] || USER_NAME="$(id -un)"
URL="redis://127.0.0.1:$PORT"

ping() { redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null | grep -q PONG; }

start() {
  apt_install redis-server
  if ping; then
    log "already running on 127.0.0.1:$PORT"
  else
    own_dir "$USER_NAME" "$BASE"
    log "starting on 127.0.0.1:$PORT"
    as_user "$USER_NAME" redis-server --bind 127.0.0.1 --port "$PORT" --protected-mode yes \
      --dir "$BASE" --daemonize yes --pidfile "$BASE/redis.pid" --logfile "$BASE/redis.log" \
      --save '' --appendonly no >&2
  fi
  wait_until 30 "Redis on 127.0.0.1:$PORT" ping
  echo "$URL"
}

stop() {
  if ping; then
    log "stopping"
    redis-cli -h 127.0.0.1 -p "$PORT" shutdown nosave >&2 || true
    wait_until 10 "Redis shutdown" bash -c "! redis-cli -h 127.0.0.1 -p $PORT ping 2>/dev/null | grep -q PONG"
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
