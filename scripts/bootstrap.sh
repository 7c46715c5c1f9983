# Sourced by the other scripts: finds or installs uv, then installs the workspace from the lock.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export UV_PYTHON_DOWNLOADS=never  # use this machine's Python 3.11+
if command -v uv >/dev/null 2>&1; then
  UV=(uv)
else
  python3 -m uv --version >/dev/null 2>&1 || python3 -m pip install --quiet "uv>=0.9,<1"
  UV=(python3 -m uv)
fi
"${UV[@]}" sync --locked --all-packages --quiet

# The console's browser tests drive Debian's Chromium; Chinese pages need a CJK font.
if [[ ! -x /usr/bin/chromium || ! -d /usr/share/fonts/opentype/noto ]] && command -v apt-get >/dev/null \
    && [[ $(id -u) == 0 ]]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
fi

# The deployment tests: promtool (Debian's prometheus package) checks and unit-tests the alert
# rules; the custom resources' schemas come from npm (tests/deploy/crd-schemas, locked).
if ! command -v promtool >/dev/null && command -v apt-get >/dev/null && [[ $(id -u) == 0 ]]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends prometheus >/dev/null
fi
if command -v npm >/dev/null; then
  (cd tests/deploy/crd-schemas && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
fi
