#!/usr/bin/env bash
# Build the platform's images with podman: the six targets of deploy/images/Containerfile, and
# for the drill a NATS image and a PostgreSQL image, on a base made from Debian's packages
# (deploy/images/base.sh).
#
#   deploy/images/build.sh                 # this checkout, tagged localhost/mcr/<name>:<revision>
#   deploy/images/build.sh --release REV   # an earlier commit's images (for the upgrade drill)
#
# Cached where the machine keeps podman's storage: the base is rebuilt only when base.sh
# changed, an image whose tag exists is not built again, and the build stages reuse their
# layers and uv's download cache. Prints the tag it built.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
export CONTAINERS_CONF="$root/deploy/podman/containers.conf"
BASE=docker.io/library/python:3.11-slim-bookworm
TARGETS=(archive insight planning contact satisfaction gateway)

log() { printf '[images] %s\n' "$*" >&2; }

ensure_base() {
  local want have
  want="$(sha256sum "$root/deploy/images/base.sh" | cut -c1-16)"
  have="$(podman image inspect --format '{{index .Labels "io.mcr.base-recipe"}}' "$BASE" 2>/dev/null || true)"
  if [[ "$have" != "$want" ]]; then
    log "base image $BASE from Debian packages (recipe $want)"
    bash "$root/deploy/images/base.sh" "$BASE" >&2
  fi
}

# This machine reaches PyPI through its own certificate authority: the build steps see the
# machine's bundle (mounted, never copied into an image).
ca_mount() {
  local bundle=/etc/ssl/certs/ca-certificates.crt
  [[ -f "$bundle" ]] && printf -- '--volume=%s:%s:ro' "$bundle" "$bundle"
}

build_images() {  # build_images CONTEXT REVISION TAG
  local context="$1" revision="$2" tag="$3" version target
  version="$(python3 -c 'import sys,tomllib;print(tomllib.load(open(sys.argv[1],"rb"))["project"]["version"])' "$context/pyproject.toml")"
  for target in "${TARGETS[@]}"; do
    if podman image exists "localhost/mcr/$target:$tag"; then
      log "localhost/mcr/$target:$tag exists"
      continue
    fi
    log "building localhost/mcr/$target:$tag"
    podman build --quiet --layers --format docker $(ca_mount) \
      -f "$context/deploy/images/Containerfile" --target "$target" \
      --build-arg "VERSION=$version" --build-arg "REVISION=$revision" \
      --build-arg "SOURCE=${MCR_IMAGE_SOURCE:-$(git -C "$root" config --get remote.origin.url || echo mcr-platform)}" \
      --label "org.opencontainers.image.version=$version" \
      --label "org.opencontainers.image.revision=$revision" \
      -t "localhost/mcr/$target:$tag" "$context" >&2
  done
}

build_nats() {
  local binary version context
  binary="$root/.venv/bin/nats-server"
  version="$("$binary" --version | sed 's/.* v//')"
  if podman image exists "localhost/mcr/nats:$version"; then
    log "localhost/mcr/nats:$version exists"
    return
  fi
  context="$(mktemp -d)"
  cp "$binary" "$context/nats-server"
  podman build --quiet -f "$root/deploy/images/nats.Containerfile" \
    --build-arg "VERSION=$version" -t "localhost/mcr/nats:$version" "$context" >&2
  rm -rf "$context"
}

build_postgres() {
  local tag
  tag="15-$(cat "$root"/deploy/images/postgres.* | sha256sum | cut -c1-8)"
  if ! podman image exists "localhost/mcr/postgres:$tag"; then
    log "building localhost/mcr/postgres:$tag"
    podman build --quiet --format docker -f "$root/deploy/images/postgres.Containerfile" \
      -t "localhost/mcr/postgres:$tag" "$root/deploy/images" >&2
  fi
  podman tag "localhost/mcr/postgres:$tag" localhost/mcr/postgres:15
}

main() {
  ensure_base
  build_nats
  build_postgres
  if [[ "${1:-}" == "--release" ]]; then
    local rev context
    rev="$(git -C "$root" rev-parse --short=12 "$2")"
    context="$(mktemp -d /var/tmp/mcr-release.XXXXXX)"
    trap 'rm -rf "$context"' RETURN
    git -C "$root" archive "$rev" | tar -x -C "$context"
    build_images "$context" "$(git -C "$root" rev-parse "$rev")" "$rev"
    echo "$rev"
  else
    local rev
    rev="$(git -C "$root" rev-parse --short=12 HEAD)"
    # Work not yet committed gets a tag of its own, so a stale image is never taken for it.
    if [[ -n "$(git -C "$root" status --porcelain -- . ':!deploy/podman' ':!tests' ':!bench')" ]]; then
      rev="$rev-dirty-$(git -C "$root" diff HEAD | sha256sum | cut -c1-8)"
    fi
    build_images "$root" "$(git -C "$root" rev-parse HEAD)" "$rev"
    echo "$rev"
  fi
}

main "$@"
