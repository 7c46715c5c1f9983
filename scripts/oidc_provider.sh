#!/usr/bin/env bash
# What the identity tests need and nothing else does: a real OpenID Connect provider, panva's
# oidc-provider from npm, installed from its lock file into tests/oidc/node_modules (inside the
# project; Node 20 or later). It says what it installs before it does; without npm it says what
# is missing, and the identity tests skip (fail in CI).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
lock=tests/oidc/package-lock.json installed=tests/oidc/node_modules/.package-lock.json
[[ -f $installed && ! $lock -nt $installed ]] && exit 0
if command -v npm >/dev/null; then
  echo "identity tests: installing the OIDC provider into tests/oidc/ (npm ci, from its lock)" >&2
  npm ci --prefix tests/oidc --no-audit --no-fund --loglevel=error >/dev/null
else
  echo "identity tests: npm (Node 20+) missing; they skip until you install it" >&2
fi
