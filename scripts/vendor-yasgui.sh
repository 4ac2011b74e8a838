#!/usr/bin/env bash
# Vendor the YASGUI editor bundle (`make vendor`).
#
# Fetches the pinned @zazuko/yasgui tarball from the npm registry, checks it
# against the pinned integrity, and copies its two built files into
# server/nukg/web/static/vendor/yasgui/, where SHA256SUMS must vouch for them.
#
#   scripts/vendor-yasgui.sh            fetch, check, copy, verify (the normal run)
#   scripts/vendor-yasgui.sh --update   same, but rewrite SHA256SUMS (after changing the pins)
#
# To move to another version: change VERSION and INTEGRITY together (the
# integrity is `npm view @zazuko/yasgui@<version> dist.integrity`), run with
# --update, review the diff, and re-check README.md and THIRD-PARTY-NOTICES.
set -euo pipefail

VERSION="4.6.2"
INTEGRITY="sha512-Zw45KdPoAE1KRaAoxIHdQqeJxvaVG1oQdntw0hy0ktX35Zu8ZccuOLrXCLwR+GU+0xMzLw8Mjw6BkSZV2vUuQw=="
FILES=(yasgui.min.js yasgui.min.css)

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$root/server/nukg/web/static/vendor/yasgui"

update=0
case "${1:-}" in
    "") ;;
    --update) update=1 ;;
    *) echo "usage: $0 [--update]" >&2; exit 2 ;;
esac

fail() { echo "vendor-yasgui: $*" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

echo "vendor-yasgui: fetching @zazuko/yasgui@$VERSION"
tarball="$(cd "$tmp" && npm pack --silent "@zazuko/yasgui@$VERSION")"
[[ -f "$tmp/$tarball" ]] || fail "npm pack left no tarball"

# npm checks the tarball against the registry's own metadata; this checks it
# against the integrity pinned here, so a changed release cannot slip in.
actual="sha512-$(openssl dgst -sha512 -binary "$tmp/$tarball" | base64 | tr -d '\n')"
[[ "$actual" == "$INTEGRITY" ]] || fail "integrity mismatch for $tarball: expected $INTEGRITY, got $actual"

tar -xzf "$tmp/$tarball" -C "$tmp"
for f in "${FILES[@]}"; do
    [[ -f "$tmp/package/build/$f" ]] || fail "the tarball has no build/$f"
done

if (( update )); then
    (cd "$tmp/package/build" && sha256sum "${FILES[@]}") > "$tmp/SHA256SUMS"
    mkdir -p "$dest"
    cp "$tmp/SHA256SUMS" "$dest/SHA256SUMS"
    echo "vendor-yasgui: rewrote SHA256SUMS"
fi

# Check the fresh files before they replace anything, then the copies in place.
[[ -f "$dest/SHA256SUMS" ]] || fail "no $dest/SHA256SUMS (run with --update to create it)"
(cd "$tmp/package/build" && sha256sum --check --strict --quiet "$dest/SHA256SUMS") \
    || fail "the files of @zazuko/yasgui@$VERSION differ from SHA256SUMS"
for f in "${FILES[@]}"; do
    install -m 0644 "$tmp/package/build/$f" "$dest/$f"
done
(cd "$dest" && sha256sum --check --strict --quiet SHA256SUMS) \
    || fail "the vendored files differ from SHA256SUMS after copying"

echo "vendor-yasgui: @zazuko/yasgui@$VERSION is in ${dest#"$root"/}"
