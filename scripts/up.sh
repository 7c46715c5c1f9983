#!/usr/bin/env bash
# Install the workspace (scripts/bootstrap.sh: uv if missing into ~/.local/bin, the packages
# into .venv) and run the whole platform on this machine with demo data (Ctrl-C stops).
source "$(dirname "$0")/bootstrap.sh"
exec "${UV[@]}" run --locked mcr up --demo "$@"
