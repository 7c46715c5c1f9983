#!/usr/bin/env bash
# What the deployment tests (tests/deploy) need besides the workspace: promtool, from Debian's
# prometheus package, to check and unit-test the alert rules; and the custom resources'
# schemas, from npm into the project (tests/deploy/crd-schemas/node_modules, locked). As root
# with apt-get (CI, a container) it says what it installs, then installs it; otherwise it says
# what is missing, and those tests skip (fail in CI).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! command -v promtool >/dev/null; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "deployment tests: installing Debian package prometheus for promtool (apt-get, system-wide)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends prometheus >/dev/null
  else
    echo "deployment tests: promtool missing; the alert rule tests skip until you install it" \
      "(e.g. sudo apt-get install --no-install-recommends prometheus)" >&2
  fi
fi
if command -v npm >/dev/null; then
  (cd tests/deploy/crd-schemas && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
else
  echo "deployment tests: npm missing; the custom resources' schema checks skip" >&2
fi
