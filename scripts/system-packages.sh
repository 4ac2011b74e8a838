#!/usr/bin/env bash
# The Debian packages the test suite needs, installed only when missing:
# chromium, the browser the browser tests drive (never a browser downloaded by a test tool);
# nginx, the cache in front of the replicas that tests/deploy runs unprivileged on loopback
# (the tests start their own nginx with deploy/'s configuration, never the system's service).
# With the argument `bench`: also wrk, the load generator of `make bench`.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ "${1:-}" = bench ]; then
    command -v wrk >/dev/null 2>&1 || missing+=(wrk)
fi
if ((${#missing[@]})); then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    echo "installing ${missing[*]} from Debian's packages" >&2
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
