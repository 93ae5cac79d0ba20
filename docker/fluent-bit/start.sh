#!/bin/sh
# Starts Fluent Bit with the password of its Elasticsearch user read from the secret file
# (Fluent Bit reads ${ES_PASSWORD} from its environment; the secret never goes into a file here).
set -eu
ES_PASSWORD="$(cat "${ES_PASSWORD_FILE:-/run/secrets/fluent_bit_es_password}")"
export ES_PASSWORD
exec /fluent-bit/bin/fluent-bit --config=/fluent-bit/etc/fluent-bit.yaml
