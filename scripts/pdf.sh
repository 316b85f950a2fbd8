#!/usr/bin/env bash
# Build the book as a PDF, from a clean state: _build/latex/<name>.pdf (the name is set in _config.yml).
# Prepares the Python environment, installs the TeX packages it needs (as root) when missing, checks the
# data, executes every notebook, typesets with xelatex, then fails if the LaTeX log reports a missing
# character or an undefined reference (xelatex itself exits 0 on those).
#
# Usage: scripts/pdf.sh [BOOK_DIR]   BOOK_DIR defaults to this repository; the tests pass a copy.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BOOK=$(cd "${1:-$ROOT}" && pwd)
started=$SECONDS

scripts/setup.sh

# TeX for the PDF (about 400 MB, 1 min), listed in scripts/apt-pdf.txt.
mapfile -t TEX_PACKAGES < <(grep -v '^#' "$ROOT/scripts/apt-pdf.txt")
"$ROOT/scripts/debian-packages.sh" "the PDF" "${TEX_PACKAGES[@]}"

cd "$BOOK"
"$ROOT/.venv/bin/python" -m unsigned_peace check-pdf-setup
"$ROOT/.venv/bin/python" -m unsigned_peace validate
rm -rf _build/latex _build/jupyter_execute _build/.doctrees
# nonstopmode: a LaTeX error ends the run instead of waiting for input; a wide log keeps each message on one line.
export LATEXOPTS="-interaction=nonstopmode -halt-on-error" max_print_line=10000
# latexmk's xelatex mode, as Sphinx's LaTeX Makefile suggests: the passes that settle the page numbers write
# no PDF, and xdvipdfmx makes it once, at the end (the same PDF, a tenth less CPU time).
export LATEXMKOPTS="-xelatex"
"$ROOT/.venv/bin/jupyter-book" build . --builder pdflatex -W -n --keep-going
"$ROOT/.venv/bin/python" -m unsigned_peace check-pdf
echo "PDF built in $((SECONDS - started)) s"
