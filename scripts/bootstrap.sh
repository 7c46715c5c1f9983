# Sourced by up.sh and test.sh: finds uv, or installs it into the user's own ~/.local/bin, then
# installs the workspace from the lock file into the project's .venv. Nothing else on the
# machine changes: no system package, no system pip, nothing as root that a user would not do.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export UV_PYTHON_DOWNLOADS=never  # use this machine's Python 3.11+

if ! python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "MCR needs Python 3.11 or newer as python3 (found: $(python3 --version 2>&1))" >&2
  exit 1
fi
USER_BIN="${XDG_BIN_HOME:-$HOME/.local/bin}"
if command -v uv >/dev/null 2>&1; then
  UV=(uv)
elif [[ -x "$USER_BIN/uv" ]]; then
  UV=("$USER_BIN/uv")
elif python3 -m uv --version >/dev/null 2>&1; then
  UV=(python3 -m uv)
else
  echo "uv is missing: installing it into $USER_BIN (the binary of PyPI's uv wheel)" >&2
  python3 scripts/install_uv.py "$USER_BIN"
  UV=("$USER_BIN/uv")
fi
"${UV[@]}" sync --locked --all-packages --quiet
