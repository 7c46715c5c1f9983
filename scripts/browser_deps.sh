#!/usr/bin/env bash
# What the console's browser tests need and nothing else does: Debian's chromium, and a CJK
# font for the Chinese pages. As root with apt-get (CI, a container) it says what it installs,
# then installs it; otherwise it says what is missing, and the browser tests skip (fail in CI).
set -euo pipefail
missing=()
[[ -x ${MCR_CHROMIUM:-/usr/bin/chromium} ]] || missing+=(chromium)
[[ -d /usr/share/fonts/opentype/noto ]] || missing+=(fonts-noto-cjk)
((${#missing[@]})) || exit 0
if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
  echo "browser tests: installing Debian packages ${missing[*]} (apt-get, system-wide)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "browser tests: ${missing[*]} missing; they skip until you install them" \
    "(e.g. sudo apt-get install ${missing[*]})" >&2
fi
