#!/usr/bin/env bash
# Run every test: unit tests, the build tests, the browser check and nbval over every chapter notebook.
set -euo pipefail
cd "$(dirname "$0")/.."
# --lab: JupyterLab too, in .venv-lab, for the test that runs chapters in it (tests/test_lab.py).
scripts/setup.sh --lab
.venv/bin/python -m pytest "$@"
