#!/usr/bin/env bash
# Install everything and run the whole platform on this machine with demo data (Ctrl-C stops).
source "$(dirname "$0")/bootstrap.sh"
exec "${UV[@]}" run --locked mcr up --demo "$@"
