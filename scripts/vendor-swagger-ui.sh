#!/usr/bin/env bash
# Vendor Swagger UI, the browsable page of the OpenAPI document (`make vendor`).
#
# Downloads the pinned swagger-ui-dist tarball with `npm pack` (no install, so
# no dependency and no install script runs), compares it with the sha512
# integrity pinned below, and copies the few files the page needs, with the
# licence texts, into server/nukg/web/static/vendor/swagger-ui/. SHA256SUMS
# in that folder must vouch for every copied file.
#
#   scripts/vendor-swagger-ui.sh            fetch, check, copy, verify
#   scripts/vendor-swagger-ui.sh --update   rewrite SHA256SUMS first (only after changing the pins)
#
# Another version: set VERSION and INTEGRITY together (the integrity is
# `npm view swagger-ui-dist@<version> dist.integrity`), run with --update, and
# review the diff and README.md before committing.
set -euo pipefail

VERSION="5.35.0"
INTEGRITY="sha512-U06rpMtW9V3XPGOBeamTUSr0Z09jMX4IJuANpE/EZbAhw0G8CgwrzU4YmXkn/h0wCDNsXdGarTNNHC3sU8yVUQ=="
# The page loads the first two; the others are the licence texts that go with them.
FILES=(swagger-ui-bundle.js swagger-ui.css swagger-ui-bundle.js.LICENSE.txt LICENSE NOTICE)

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/server/nukg/web/static/vendor/swagger-ui"

update=0
case "${1:-}" in
    "") ;;
    --update) update=1 ;;
    *) echo "usage: $0 [--update]" >&2; exit 2 ;;
esac

fail() { echo "vendor-swagger-ui: $*" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "vendor-swagger-ui: fetching swagger-ui-dist@$VERSION"
tarball="$(cd "$tmp" && npm pack --silent "swagger-ui-dist@$VERSION")"
[[ -f "$tmp/$tarball" ]] || fail "npm pack left no tarball"

# npm already compares the download with the registry's metadata; comparing it
# with the value pinned here also catches a release republished under the same version.
actual="sha512-$(openssl dgst -sha512 -binary "$tmp/$tarball" | base64 | tr -d '\n')"
[[ "$actual" == "$INTEGRITY" ]] || fail "integrity mismatch for $tarball: expected $INTEGRITY, got $actual"

tar -xzf "$tmp/$tarball" -C "$tmp"
src="$tmp/package"
for f in "${FILES[@]}"; do
    [[ -f "$src/$f" ]] || fail "the tarball has no $f"
done

if (( update )); then
    mkdir -p "$dest"
    (cd "$src" && sha256sum "${FILES[@]}") > "$dest/SHA256SUMS"
    echo "vendor-swagger-ui: rewrote SHA256SUMS"
fi

# The fresh files are checked before they replace anything, and the copies once in place.
[[ -f "$dest/SHA256SUMS" ]] || fail "no $dest/SHA256SUMS (run with --update to create it)"
(cd "$src" && sha256sum --check --strict --quiet "$dest/SHA256SUMS") \
    || fail "the files of swagger-ui-dist@$VERSION differ from SHA256SUMS"
for f in "${FILES[@]}"; do
    install -m 0644 "$src/$f" "$dest/$f"
done
(cd "$dest" && sha256sum --check --strict --quiet SHA256SUMS) \
    || fail "the vendored files differ from SHA256SUMS after copying"

echo "vendor-swagger-ui: swagger-ui-dist@$VERSION is in ${dest#"$root"/}"
