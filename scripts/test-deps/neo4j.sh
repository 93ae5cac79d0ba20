#!/usr/bin/env bash
# A real Neo4j 5.26 community server for the tests (packages/storage's Neo4j backend), built from
# Maven Central artifacts by scripts/neo4j (an embedded DatabaseManagementService with Bolt).
#
#   scripts/test-deps/neo4j.sh [start]  build the launcher if needed, start the server in the
#                                       background, wait until Bolt answers, print its URL on stdout
#   scripts/test-deps/neo4j.sh stop     stop it cleanly (SIGTERM; SIGKILL after NEO4J_STOP_TIMEOUT)
#   scripts/test-deps/neo4j.sh status   print the URL and exit 0 if it runs, exit 3 if not
#   scripts/test-deps/neo4j.sh build    only build the launcher (idempotent)
#   scripts/test-deps/neo4j.sh reset    stop it and delete its data
#
# Typical use:  export TEST_NEO4J_URL=$(scripts/test-deps/neo4j.sh)     (as postgres.sh and redis.sh)
#
# Environment (all optional):
#   AI_OPENCOG_TEST_DEPS_DIR  state folder; this server uses $AI_OPENCOG_TEST_DEPS_DIR/neo4j
#                             (default /tmp/ai-opencog-test-deps/neo4j): neo4j.pid, neo4j.log,
#                             ready, data/ (Neo4j home: databases, transactions, logs/debug.log)
#   NEO4J_PORT                Bolt port on 127.0.0.1 (default 57687)
#   NEO4J_PASSWORD            empty (default): authentication disabled, any credentials accepted;
#                             else (>= 8 chars) user neo4j with this password
#   NEO4J_HEAP                JVM heap (default 512m)
#   NEO4J_PAGECACHE           Neo4j page cache (default 128m)
#   NEO4J_START_TIMEOUT       seconds to wait for Bolt (default 180)
#   NEO4J_STOP_TIMEOUT        seconds to wait for a clean stop (default 60)
#   JAVA                      java binary (default: java on PATH; Java 17+)
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$(cd "$here/../neo4j" && pwd)"
jar="$project/target/neo4j-test-server.jar"
state="${AI_OPENCOG_TEST_DEPS_DIR:-/tmp/ai-opencog-test-deps}/neo4j"
pidfile="$state/neo4j.pid"
logfile="$state/neo4j.log"
readyfile="$state/ready"
datadir="$state/data"
port="${NEO4J_PORT:-57687}"
host=127.0.0.1
url="bolt://$host:$port"
java_bin="${JAVA:-java}"

say() { printf 'neo4j.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

running_pid() {
  # The pid in the pidfile, if that process is alive and is our launcher.
  [[ -f "$pidfile" ]] || return 1
  local pid
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'neo4j-test-server.jar' || return 1
  echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; }

bolt_answers() {
  # A Bolt handshake: the magic 0x6060B017 and four version proposals (5.0-5.8, 4.4, 4.3);
  # a Bolt server answers with the 4-byte version it chose (non-zero).
  local reply
  reply="$(
    {
      exec 3<>"/dev/tcp/$host/$port" || exit 1
      printf '\x60\x60\xb0\x17\x00\x00\x08\x05\x00\x00\x00\x04\x00\x00\x00\x04\x00\x00\x00\x03' >&3
      timeout 5 head -c 4 <&3 | od -An -tx1 | tr -d ' \n'
    } 2>/dev/null
  )" || return 1
  [[ -n "$reply" && "$reply" != "00000000" ]]
}

cypher_check() {
  # RETURN 1 through neo4j-driver when the repository's node_modules has it; else the launcher's
  # ready file (written after its own RETURN 1) and the Bolt handshake are the check.
  local repo
  repo="$(cd "$here/../.." && pwd)"
  command -v node >/dev/null 2>&1 || return 0
  [[ -d "$repo/node_modules/neo4j-driver" ]] || return 0
  NEO4J_CHECK_URL="$url" NEO4J_CHECK_PASSWORD="${NEO4J_PASSWORD:-}" \
    timeout 60 node -e '
      const neo4j = require(process.argv[1]);
      const pw = process.env.NEO4J_CHECK_PASSWORD;
      const driver = neo4j.driver(process.env.NEO4J_CHECK_URL, pw ? neo4j.auth.basic("neo4j", pw) : undefined);
      driver.executeQuery("RETURN 1 AS one")
        .then(r => { if (r.records[0].get("one").toNumber() !== 1) throw new Error("RETURN 1 failed"); })
        .then(() => driver.close(), e => driver.close().then(() => { console.error(String(e)); process.exit(1); }));
    ' "$repo/node_modules/neo4j-driver"
}

needs_build() {
  [[ -f "$jar" && -d "$project/target/lib" ]] || return 0
  [[ -n "$(find "$project/pom.xml" "$project/src" -newer "$jar" -type f 2>/dev/null | head -1)" ]]
}

build() {
  command -v mvn >/dev/null 2>&1 || die "mvn is not installed (apt-get install maven)"
  mkdir -p "$state"
  # One build at a time (two test runs may start together).
  exec 8>"$state/build.lock"
  flock 8
  if needs_build; then
    say "building $jar (the first build downloads Neo4j's jars from Maven Central) ..."
    local t0=$SECONDS
    # (Maven 3.8 prints colour resets even with -B: strip them.)
    (cd "$project" && mvn -q -B package 2>&1) | sed 's/\x1b\[[0-9;]*m//g' >&2 || die "maven build failed"
    touch "$jar"
    say "built in $((SECONDS - t0)) s"
  fi
  flock -u 8
}

start() {
  local pid
  if pid="$(running_pid)"; then
    if bolt_answers; then
      say "already running (pid $pid)"
      echo "$url"
      return 0
    fi
    die "pid $pid runs but Bolt does not answer on $url; see $logfile (or: $0 stop)"
  fi
  build
  if port_open; then
    die "port $port is already in use by another process (set NEO4J_PORT)"
  fi
  mkdir -p "$state" "$datadir"
  rm -f "$readyfile" "$pidfile"
  command -v "$java_bin" >/dev/null 2>&1 || die "java not found (Java 17+ needed)"
  local t0=$SECONDS
  # setsid: the server outlives this script and its caller's process group.
  NEO4J_PASSWORD="${NEO4J_PASSWORD:-}" setsid "$java_bin" \
    -Xms"${NEO4J_HEAP:-512m}" -Xmx"${NEO4J_HEAP:-512m}" -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError \
    -Djdk.nio.maxCachedBufferSize=1024 -Dlog4j2.disable.jmx=true \
    --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
    -jar "$jar" --host "$host" --port "$port" --data "$datadir" \
    --pagecache "${NEO4J_PAGECACHE:-128m}" --ready-file "$readyfile" \
    </dev/null >>"$logfile" 2>&1 &
  pid=$!
  echo "$pid" >"$pidfile"
  local deadline=$((SECONDS + ${NEO4J_START_TIMEOUT:-180}))
  until [[ -f "$readyfile" ]] && bolt_answers; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pidfile"
      say "Neo4j exited during start; last lines of $logfile:"
      tail -n 30 "$logfile" >&2 || true
      exit 1
    fi
    if ((SECONDS >= deadline)); then
      say "Neo4j did not answer on $url within ${NEO4J_START_TIMEOUT:-180} s; stopping it. Log: $logfile"
      tail -n 30 "$logfile" >&2 || true
      stop || true
      exit 1
    fi
    sleep 0.5
  done
  cypher_check || { stop || true; die "Bolt answers but RETURN 1 through neo4j-driver failed"; }
  say "started (pid $pid) in $((SECONDS - t0)) s; data $datadir; log $logfile"
  echo "$url"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$pidfile" "$readyfile"
    say "not running"
    return 0
  fi
  kill -TERM "$pid"
  local deadline=$((SECONDS + ${NEO4J_STOP_TIMEOUT:-60}))
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS >= deadline)); then
      say "no clean stop within ${NEO4J_STOP_TIMEOUT:-60} s; killing pid $pid"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
  rm -f "$pidfile" "$readyfile"
  say "stopped (pid $pid)"
}

status() {
  local pid
  if pid="$(running_pid)" && bolt_answers; then
    say "running (pid $pid); data $datadir; log $logfile"
    echo "$url"
    return 0
  fi
  say "not running"
  return 3
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  build) build ;;
  restart) stop; start ;;
  reset) stop; rm -rf "$datadir" "$logfile"; say "data removed" ;;
  *) echo "usage: $0 start|stop|status|build|restart|reset" >&2; exit 2 ;;
esac
