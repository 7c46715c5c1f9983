#!/usr/bin/env bash
# What the contract's client-generation tests need (tests/test_proto_portability.py) and
# nothing else does: Debian's protoc with its Java and C# generators, and Go's generators. As
# root with apt-get (CI, a container) it says what it installs, then installs it; otherwise it
# says what is missing, and those tests skip (fail in CI).
set -euo pipefail
missing=()
[[ -x /usr/bin/protoc ]] || missing+=(protobuf-compiler)
[[ -x /usr/bin/protoc-gen-go ]] || missing+=(protoc-gen-go)
[[ -x /usr/bin/protoc-gen-go-grpc ]] || missing+=(protoc-gen-go-grpc)
((${#missing[@]})) || exit 0
if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
  echo "client generation tests: installing Debian packages ${missing[*]} (apt-get, system-wide)" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "client generation tests: ${missing[*]} missing; they skip until you install them" \
    "(e.g. sudo apt-get install ${missing[*]})" >&2
fi
