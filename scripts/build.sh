#!/usr/bin/env bash
# Build the HTML book: prepare the environment, check the data, then build. Notebooks whose code or
# data changed since the last build are executed again (in parallel); the rest come from the cache.
# The translated editions published in unsigned_peace/language.py (PUBLISHED_EDITIONS, empty until their
# catalogs are complete) are checked, then built beside the English book (_build/html/<language>/) while
# it builds. Then check every internal link offline (external ones are listed in _build/external-links.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/python -m unsigned_peace validate
editions=$(.venv/bin/python -m unsigned_peace editions list)
if [ -z "$editions" ]; then
  .venv/bin/jupyter-book build . -W -n --keep-going
else
  # Every message of each published edition translated, none fuzzy: one line per one that is not.
  .venv/bin/python -m unsigned_peace editions check
  .venv/bin/python -m unsigned_peace editions build &
  editions_build=$!
  trap 'kill "$editions_build" 2>/dev/null || true' EXIT
  english=0
  .venv/bin/jupyter-book build . -W -n --keep-going || english=$?
  translated=0
  wait "$editions_build" || translated=$?
  trap - EXIT
  if [ "$english" -ne 0 ] || [ "$translated" -ne 0 ]; then
    exit 1
  fi
fi
.venv/bin/python -m unsigned_peace links
echo "The book is at $(pwd)/_build/html/index.html"
