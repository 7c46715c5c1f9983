#!/usr/bin/env bash
# The region drill as CI runs it: podman and its tools from Debian's packages (as root, when
# missing), the images (deploy/images/build.sh, cached), then deploy/podman/drill.py for one
# overlay. Which overlay: the argument, or by the commit's parity (cn-south on even commit
# hashes, eu-west on odd ones), so both are drilled on alternate runs; `all` runs both side by side.
set -euo pipefail
cd "$(dirname "$0")/.."
# promtool (Debian's prometheus package): the drill evaluates the region's alert rules with it.
if ! command -v podman >/dev/null || ! command -v runc >/dev/null || ! command -v debootstrap >/dev/null \
    || ! command -v promtool >/dev/null; then
  [[ $(id -u) == 0 ]] || { echo "podman, runc, debootstrap and promtool are needed (Debian packages)" >&2; exit 1; }
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq podman runc debootstrap >/dev/null
  apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi
source scripts/bootstrap.sh  # finds uv where the install put it (~/.local/bin is not on CI's PATH)
region="${1:-}"
if [[ -z "$region" ]]; then
  last=$(git rev-parse HEAD | cut -c40)
  (( 16#$last % 2 == 0 )) && region=cn-south || region=eu-west
fi
started=$SECONDS
tag="$(deploy/images/build.sh)"
echo "[drill] images $tag built in $((SECONDS - started)) s"
nats_tag="$(.venv/bin/nats-server --version | sed 's/.* v//')"
# `all`: both regions side by side, feeding the one roll-up hub (deploy/podman/drill.py).
"${UV[@]}" run --locked python deploy/podman/drill.py --region "$region" --tag "$tag" --nats-tag "$nats_tag"
echo "[drill] images and drill took $((SECONDS - started)) s"
