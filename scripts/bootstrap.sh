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

# The identity tests run a real OpenID Connect provider (panva's oidc-provider, from npm) as a
# Node process: install it from its lock file into tests/oidc/ when it is missing or stale.
if command -v npm >/dev/null 2>&1 \
    && [[ ! -f tests/oidc/node_modules/.package-lock.json \
          || tests/oidc/package-lock.json -nt tests/oidc/node_modules/.package-lock.json ]]; then
  npm ci --prefix tests/oidc --no-audit --no-fund --loglevel=error >/dev/null
fi
