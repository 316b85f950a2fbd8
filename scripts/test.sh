#!/usr/bin/env bash
# Run every test: unit tests, the build tests, the browser check and nbval over every chapter notebook.
# When every test passes, the book they built and checked is left where the README's commands leave it
# (scripts/build.sh, pdf.sh, epub.sh): _build/html, _build/latex/unsigned-peace.pdf,
# _build/epub/unsigned-peace.epub. CI publishes that book; it does not build it again.
set -euo pipefail
cd "$(dirname "$0")/.."
# --lab: JupyterLab too, in .venv-lab, for the test that runs chapters in it (tests/test_lab.py).
scripts/setup.sh --lab
UNSIGNED_PEACE_PUBLISH_TESTED_BOOK="$(pwd)/_build" .venv/bin/python -m pytest "$@"
