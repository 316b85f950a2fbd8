#!/usr/bin/env bash
# Re-make data/coastline_points.csv from Natural Earth 1:10m land (public domain), as shipped in the
# npm package world-atlas. Run it only to update the map's coastlines: the book reads the CSV and
# never fetches map data itself. Needs npm (Debian: apt-get install npm) and the book's .venv.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGE="world-atlas@2.0.2"   # Natural Earth vector data 4.1.0 as TopoJSON
INTEGRITY="sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ=="

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$PACKAGE" >/dev/null)
tarball=$(ls "$work"/*.tgz)
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [ "$actual" != "$INTEGRITY" ]; then
  echo "error: $PACKAGE does not match its pinned integrity hash" >&2
  exit 1
fi
tar -xzf "$tarball" -C "$work"
.venv/bin/python -m unsigned_peace.coastlines "$work/package/land-10m.json" data/coastline_points.csv
