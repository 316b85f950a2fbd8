#!/usr/bin/env bash
# Build the HTML book: prepare the environment, check the data, execute every notebook, build, then
# check every internal link offline (external ones are listed in _build/external-links.txt, not fetched).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/python -m unsigned_peace validate
rm -rf _build/html _build/jupyter_execute _build/.doctrees
.venv/bin/jupyter-book build . -W -n --keep-going
.venv/bin/python -m unsigned_peace links
echo "The book is at $(pwd)/_build/html/index.html"
