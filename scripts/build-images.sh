#!/usr/bin/env bash
# Builds the images of AI-OpenCog from the repository root, one per deployable, each from its
# Dockerfile in docker/<name>/, with the OCI labels (source, version, revision, created):
#
#   scripts/build-images.sh [NAME...]          theia, cognitive, knowledge (default: all three)
#
# Environment (all optional):
#   REGISTRY    image name prefix, e.g. ghcr.io/OWNER: images are REGISTRY/ai-opencog-NAME
#               (default: none, local names ai-opencog/NAME)
#   TAG         the tag (default: the git revision, 12 hex digits; "dev" outside a git work tree)
#   EXTRA_TAGS  more tags for the same images, space-separated (e.g. "0.1.0 latest")
#   VERSION     the version label (default: the root package.json's version)
#   SOURCE      the source label (default: the git remote "origin" as an https URL, or the
#               project's public address when origin is a local path)
#   PLATFORM    e.g. linux/amd64 (default: the builder's)
#   DOCKER      the docker command (default: docker); DRY_RUN=1 prints the commands instead
# Prints one line per image built on stdout: NAME IMAGE:TAG. push-images.sh sources this file
# for the naming rules (then nothing is built).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

ALL_IMAGES=(theia cognitive knowledge)

say() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; }
die() {
  say "$*"
  exit 1
}

check_image_name() {
  local known
  for known in "${ALL_IMAGES[@]}"; do [ "$1" = "$known" ] && return 0; done
  die "unknown image '$1' (known: ${ALL_IMAGES[*]})"
}

git_source() {
  local url
  url="$(git -C "$root" remote get-url origin 2>/dev/null || true)"
  case "$url" in
    git@*:*)
      url="https://${url#git@}"
      url="${url/://}"
      ;;
    https://*) ;;
    # A local path or file:// clone (a CI checkout) says nothing public: the project's address.
    *) url="" ;;
  esac
  url="${url%.git}"
  echo "${url:-https://github.com/ai-opencog/ai-opencog}"
}

REGISTRY="${REGISTRY:-}"
REVISION="$(git -C "$root" rev-parse HEAD 2>/dev/null || echo unknown)"
TAG="${TAG:-$(git -C "$root" rev-parse --short=12 HEAD 2>/dev/null || echo dev)}"
VERSION="${VERSION:-$(node -p "require('$root/package.json').version" 2>/dev/null || echo 0.0.0-dev)}"
SOURCE="${SOURCE:-$(git_source)}"
EXTRA_TAGS="${EXTRA_TAGS:-}"

for tag in "$TAG" $EXTRA_TAGS; do
  [[ "$tag" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || die "'$tag' is not a valid image tag"
done

# REGISTRY/ai-opencog-NAME:TAG, or ai-opencog/NAME:TAG without a registry.
image_ref() {
  if [ -n "$REGISTRY" ]; then
    echo "${REGISTRY%/}/ai-opencog-$1:$2"
  else
    echo "ai-opencog/$1:$2"
  fi
}

run_docker() {
  if [ "${DRY_RUN:-0}" = 1 ]; then
    echo "${DOCKER:-docker} $*"
  else
    "${DOCKER:-docker}" "$@" >&2
  fi
}

build_images() {
  local images=("$@") name ref created extra
  [ "${#images[@]}" -gt 0 ] || images=("${ALL_IMAGES[@]}")
  for name in "${images[@]}"; do check_image_name "$name"; done
  created="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  cd "$root"
  for name in "${images[@]}"; do
    ref="$(image_ref "$name" "$TAG")"
    local args=(build --file "docker/$name/Dockerfile" --tag "$ref"
      --build-arg "VERSION=$VERSION" --build-arg "REVISION=$REVISION"
      --build-arg "SOURCE=$SOURCE" --build-arg "CREATED=$created")
    for extra in $EXTRA_TAGS; do args+=(--tag "$(image_ref "$name" "$extra")"); done
    [ -z "${PLATFORM:-}" ] || args+=(--platform "$PLATFORM")
    say "building $ref (docker/$name/Dockerfile)"
    run_docker "${args[@]}" .
    echo "$name $ref"
  done
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  build_images "$@"
fi
