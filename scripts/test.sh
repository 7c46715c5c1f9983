#!/usr/bin/env bash
# Install everything and run the whole test suite (SQLite and PostgreSQL, a real NATS).
# PostgreSQL tests use the local server (MCR_TEST_POSTGRES overrides the address); without
# one they are skipped, except when CI or MCR_REQUIRE_POSTGRES is set, where that fails.
# The console's browser tests need Debian's chromium and a CJK font: browser_deps.sh says
# what it installs before it does (as root), or what to install (otherwise); codegen_deps.sh
# does the same for the client generation tests (protoc, Go's generators), deploy_deps.sh for
# the deployment tests (promtool, the custom resources' schemas). The identity tests need a
# real OIDC provider from npm: oidc_provider.sh installs it into tests/oidc/.
source "$(dirname "$0")/bootstrap.sh"
bash scripts/browser_deps.sh
bash scripts/codegen_deps.sh
bash scripts/deploy_deps.sh
bash scripts/oidc_provider.sh
exec "${UV[@]}" run --locked pytest "$@"
