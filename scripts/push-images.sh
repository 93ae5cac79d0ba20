#!/usr/bin/env bash
# Pushes the images that scripts/build-images.sh built to the registry REGISTRY names:
#
#   scripts/push-images.sh [NAME...]           theia, cognitive, knowledge (default: all three)
#
# Environment: REGISTRY (required here, e.g. ghcr.io/OWNER), TAG (default: the git revision),
# EXTRA_TAGS (pushed too), DOCKER and DRY_RUN, as in build-images.sh (whose naming rules this
# script uses). Log in first (`docker login ghcr.io`), or set REGISTRY_USER and
# REGISTRY_PASSWORD: the password is read from the environment and given to
# `docker login --password-stdin`, never put on a command line.
# Prints one line per pushed reference on stdout: NAME IMAGE:TAG.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

# shellcheck source=build-images.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/build-images.sh"

[ -n "$REGISTRY" ] || die "set REGISTRY to the registry and namespace to push to, e.g. REGISTRY=ghcr.io/OWNER"

images=("$@")
[ "${#images[@]}" -gt 0 ] || images=("${ALL_IMAGES[@]}")
for name in "${images[@]}"; do check_image_name "$name"; done

if [ -n "${REGISTRY_USER:-}" ] && [ -n "${REGISTRY_PASSWORD:-}" ]; then
  host="${REGISTRY%%/*}"
  say "logging in to $host as $REGISTRY_USER"
  if [ "${DRY_RUN:-0}" = 1 ]; then
    echo "${DOCKER:-docker} login $host --username $REGISTRY_USER --password-stdin"
  else
    printf '%s' "$REGISTRY_PASSWORD" | "${DOCKER:-docker}" login "$host" --username "$REGISTRY_USER" --password-stdin >&2
  fi
fi

for name in "${images[@]}"; do
  for tag in "$TAG" $EXTRA_TAGS; do
    ref="$(image_ref "$name" "$tag")"
    say "pushing $ref"
    run_docker push "$ref"
    echo "$name $ref"
  done
done
