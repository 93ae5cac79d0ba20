#!/bin/sh
# One-shot setup of Elasticsearch for the `logging` profile (the es-setup service of
# compose.yaml): waits for the cluster, sets the kibana_system password, creates the role and
# user Fluent Bit writes with, the index lifecycle policies (retention: logs 14 days, audit
# events 365 days) and the index templates that attach them. Idempotent. Passwords come from the
# secret files; nothing is printed of them.
set -eu

ES="${ES_URL:-http://elasticsearch:9200}"
DIR="$(cd "$(dirname "$0")" && pwd)"
ELASTIC_PASSWORD="$(cat "${ELASTIC_PASSWORD_FILE:-/run/secrets/elastic_password}")"
KIBANA_PASSWORD="$(cat "${KIBANA_PASSWORD_FILE:-/run/secrets/kibana_system_password}")"
FLUENT_BIT_PASSWORD="$(cat "${FLUENT_BIT_PASSWORD_FILE:-/run/secrets/fluent_bit_es_password}")"

say() { printf 'es-setup: %s\n' "$*" >&2; }

# The elastic user's credentials go to curl through a config file on stdin, not its arguments.
es() {
  method="$1"
  path="$2"
  shift 2
  printf 'user = "elastic:%s"\n' "$ELASTIC_PASSWORD" |
    curl --silent --show-error --fail-with-body --config - -X "$method" "$ES$path" \
      -H 'Content-Type: application/json' "$@"
  echo
}

json_password() {
  # A password as a JSON string (backslashes and quotes escaped).
  printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g'
}

tries=60
until es GET /_cluster/health >/dev/null 2>&1; do
  tries=$((tries - 1))
  [ "$tries" -gt 0 ] || { say "Elasticsearch did not answer at $ES"; exit 1; }
  sleep 5
done
say "Elasticsearch answers"

es POST /_security/user/kibana_system/_password -d "{\"password\":\"$(json_password "$KIBANA_PASSWORD")\"}" >/dev/null
es PUT /_security/role/ai_opencog_log_writer -d '{
  "cluster": ["monitor", "manage_index_templates", "manage_ilm"],
  "indices": [{ "names": ["ai-opencog-logs-*", "ai-opencog-audit-*"], "privileges": ["create_index", "create_doc", "write", "view_index_metadata"] }]
}' >/dev/null
es PUT /_security/user/fluent-bit -d "{\"password\":\"$(json_password "$FLUENT_BIT_PASSWORD")\",\"roles\":[\"ai_opencog_log_writer\"]}" >/dev/null
es PUT /_ilm/policy/ai-opencog-logs --data-binary "@$DIR/ilm-logs.json" >/dev/null
es PUT /_ilm/policy/ai-opencog-audit --data-binary "@$DIR/ilm-audit.json" >/dev/null
es PUT /_index_template/ai-opencog-logs --data-binary "@$DIR/template-logs.json" >/dev/null
es PUT /_index_template/ai-opencog-audit --data-binary "@$DIR/template-audit.json" >/dev/null
say "users, lifecycle policies and index templates are in place"
