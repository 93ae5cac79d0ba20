#!/bin/bash
# Starts Kibana as its image does, with the kibana_system password read from the secret file.
set -euo pipefail
ELASTICSEARCH_PASSWORD="$(cat "${ELASTICSEARCH_PASSWORD_FILE:-/run/secrets/kibana_system_password}")"
export ELASTICSEARCH_PASSWORD
exec /bin/tini -- /usr/local/bin/kibana-docker
