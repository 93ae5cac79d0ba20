#!/bin/sh
# Starts Redis with the password from the secret file: written into a configuration file in the
# container's tmpfs (never on the command line, where `ps` would show it), then included.
set -eu
umask 077
conf=/tmp/redis-auth.conf
printf 'requirepass "%s"\n' "$(cat "${REDIS_PASSWORD_FILE:-/run/secrets/redis_password}")" >"$conf"
exec redis-server /usr/local/etc/redis/redis.conf --include "$conf"
