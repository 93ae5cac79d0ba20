#!/usr/bin/env bash
# Creates the secret files compose.yaml reads (./secrets/*.txt at the repository root, a folder
# only its owner can enter), each with a new random value; existing files are kept, so it is safe
# to run again. Nothing is printed but the file names. For Kubernetes, see k8s/README.md.
#
#   docker/generate-secrets.sh [DIR]        (default DIR: ./secrets)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:-$root/secrets}"
umask 077
mkdir -p "$dir"
chmod 0700 "$dir"

random() { od -An -N24 -tx1 /dev/urandom | tr -d ' \n'; }

put() {
  local name="$1" value="$2"
  if [ -s "$dir/$name.txt" ]; then
    echo "kept    $dir/$name.txt"
    return
  fi
  printf '%s\n' "$value" >"$dir/$name.txt"
  # Read by the containers' own users (uid 1000 "node", postgres, grafana ...) through the bind
  # mount: readable files inside a folder nobody else can enter.
  chmod 0644 "$dir/$name.txt"
  echo "created $dir/$name.txt"
}

put postgres_password "$(random)"
put redis_password "$(random)"
put neo4j_auth "neo4j/$(random)"
put grafana_admin_password "$(random)"
put elastic_password "$(random)"
put kibana_system_password "$(random)"
put fluent_bit_es_password "$(random)"
put alertmanager_slack_webhook "https://hooks.slack.invalid/set-me"

# The services' bearer tokens: one per caller, and the list the services accept (name:token:role).
put ide_token "ide-$(random)"
put cognitive_token "cognitive-$(random)"
put backup_token "backup-$(random)"
put admin_token "admin-$(random)"
if [ ! -s "$dir/api_tokens.txt" ]; then
  {
    echo "# name:token:role on each line: the tokens the cognitive and knowledge services accept (API_TOKENS_FILE)"
    echo "ide:$(head -n1 "$dir/ide_token.txt"):write"
    echo "cognitive:$(head -n1 "$dir/cognitive_token.txt"):admin"
    echo "backup:$(head -n1 "$dir/backup_token.txt"):admin"
    echo "operator:$(head -n1 "$dir/admin_token.txt"):admin"
  } >"$dir/api_tokens.txt"
  chmod 0644 "$dir/api_tokens.txt"
  echo "created $dir/api_tokens.txt"
else
  echo "kept    $dir/api_tokens.txt"
fi
