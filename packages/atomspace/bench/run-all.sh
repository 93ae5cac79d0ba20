#!/usr/bin/env bash
# Runs every kernel benchmark in its own node process (so memory figures do not mix) and
# prints one JSON line per workload.
set -euo pipefail
cd "$(dirname "$0")/.."
npx tsc -p tsconfig.bench.json
for b in store-bench query-bench load-bench; do
  node --expose-gc "lib-bench/$b.js"
done
