#!/usr/bin/env bash
# The base image the Containerfile names (python:3.11-slim-bookworm), made from Debian's
# packages where no container registry is reachable: debootstrap a minimal bookworm with
# Python 3.11 and pip, import the tree with `podman import`, tag it as that base.
#
#   deploy/images/base.sh TAG
#
# build.sh runs this only when this file changed since the base was made (the image carries
# this file's hash as a label). The tree holds Debian's python3 in /usr/bin, as the official
# image holds its own in /usr/local/bin: `uv sync` finds either on PATH.
set -euo pipefail
tag="$1"
recipe_hash="$(sha256sum "$0" | cut -c1-16)"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
root="$(mktemp -d /var/tmp/mcr-base.XXXXXX)"
trap 'rm -rf "$root"' EXIT

debootstrap --variant=minbase --include=python3,python3-pip,ca-certificates \
  bookworm "$root" "$mirror"
# pip may install into the image's Python (the build stage installs uv with it), as in the
# official image; `python` names python3 there too.
rm -f "$root"/usr/lib/python3*/EXTERNALLY-MANAGED
ln -sf python3 "$root/usr/bin/python"
chroot "$root" apt-get clean
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/usr/share/doc/* \
  "$root"/usr/share/man/* "$root"/var/log/*

tar --numeric-owner -C "$root" -c . | podman import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'CMD ["python3"]' \
  --change "LABEL io.mcr.base-recipe=${recipe_hash}" \
  --change 'LABEL org.opencontainers.image.description=Debian bookworm minbase with python3 (debootstrap)' \
  - "$tag"
