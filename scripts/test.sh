#!/usr/bin/env bash
# Run every test: unit tests, the build tests, the browser check and nbval over every chapter notebook.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/python -m pytest "$@"
