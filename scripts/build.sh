#!/usr/bin/env bash
# Build the HTML book: prepare the environment, check the data, then build. Notebooks whose code or
# data changed since the last build are executed again (in parallel); the rest come from the cache.
# Then check every internal link offline (external ones are listed in _build/external-links.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/python -m unsigned_peace validate
.venv/bin/jupyter-book build . -W -n --keep-going
.venv/bin/python -m unsigned_peace links
echo "The book is at $(pwd)/_build/html/index.html"
