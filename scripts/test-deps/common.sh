#!/usr/bin/env bash
# Shared by postgres.sh and redis.sh: where test servers keep their data, logging, installing
# Debian packages, and running a server as its own system user when started as root.
set -euo pipefail

# Every server keeps its data and logs under this folder.
AI_OPENCOG_TEST_DEPS_DIR="${AI_OPENCOG_TEST_DEPS_DIR:-/tmp/ai-opencog-test-deps}"

# Messages go to stderr; stdout carries only the URL, so `URL=$(script)` works.
log() { echo "[$(basename "$0")] $*" >&2; }
die() { log "error: $*"; exit 1; }

# apt_install PACKAGE...: installs the packages that are missing (apt-get update first).
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || die "missing ${missing[*]}: run as root, or install them yourself (apt-get install ${missing[*]})"
  log "installing ${missing[*]}"
  apt-get update >&2
  # No init system here: package scripts must not try to start the distribution's own instance.
  DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 apt-get install -y --no-install-recommends "${missing[@]}" >&2
}

# as_user USER COMMAND...: runs the command as USER when we are root, else as ourselves.
as_user() {
  local user="$1"
  shift
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "$user" -- "$@"
  else
    "$@"
  fi
}

# own_dir USER DIR: creates DIR (and the deps folder) and gives it to USER when we are root.
own_dir() {
  local user="$1" dir="$2"
  mkdir -p "$dir"
  chmod 755 "$AI_OPENCOG_TEST_DEPS_DIR"
  if [ "$(id -u)" -eq 0 ]; then chown -R "$user" "$dir"; fi
  chmod 700 "$dir"
}

# wait_until SECONDS WHAT COMMAND...: retries COMMAND every 0.2 s until it succeeds.
wait_until() {
  local seconds="$1" what="$2"
  shift 2
  local tries=$((seconds * 5))
  until "$@" >/dev/null 2>&1; do
    tries=$((tries - 1))
    [ "$tries" -gt 0 ] || die "$what not ready after ${seconds}s"
    sleep 0.2
  done
}
