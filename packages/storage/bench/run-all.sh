#!/usr/bin/env bash
# Runs each storage workload in its own node process (so memory figures do not mix) and prints one
# JSON line per workload. PGlite always; PostgreSQL (and the raw COPY reference) when
# BENCH_DATABASE_URL or TEST_DATABASE_URL is set; Neo4j when TEST_NEO4J_URL is set.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsc -p tsconfig.bench.json
run() { node --expose-gc --max-old-space-size=8192 lib-bench/storage-bench.js "$1"; }
run pglite
if [ -n "${BENCH_DATABASE_URL:-${TEST_DATABASE_URL:-}}" ]; then
  run postgres
  run postgres-copy
else
  echo '{"op":"postgres import","skipped":"set BENCH_DATABASE_URL or TEST_DATABASE_URL"}'
fi
if [ -n "${TEST_NEO4J_URL:-}" ]; then run neo4j; fi
