#!/usr/bin/env bash
# Install everything and run the whole test suite (SQLite and PostgreSQL, a real NATS).
# PostgreSQL tests use the local server (MCR_TEST_POSTGRES overrides the address); without
# one they are skipped, except when CI or MCR_REQUIRE_POSTGRES is set, where that fails.
source "$(dirname "$0")/bootstrap.sh"
exec "${UV[@]}" run --locked pytest "$@"
