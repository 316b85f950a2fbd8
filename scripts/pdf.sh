#!/usr/bin/env bash
# Build the book as a PDF, from a clean state: _build/latex/<name>.pdf (the name is set in _config.yml), and
# beside it a PDF of each translated edition published (unsigned_peace/language.py: PUBLISHED_EDITIONS), named
# after its language: _build/latex/<name>-ja.pdf, <name>-ru.pdf.
# Prepares the Python environment, installs the TeX packages it needs (as root) when missing, checks the
# data, executes every notebook, typesets (xelatex; lualatex with LuaTeX-ja for Japanese), then fails if a
# LaTeX log reports a missing character, an undefined reference or a language without hyphenation patterns
# (the engines themselves exit 0 on those), or if words print over words or outside the type area.
#
# Usage: scripts/pdf.sh [BOOK_DIR]   BOOK_DIR defaults to this repository; the tests pass a copy.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BOOK=$(cd "${1:-$ROOT}" && pwd)
started=$SECONDS

scripts/setup.sh

# TeX for the PDF (about 400 MB, 1 min), listed in scripts/apt-pdf.txt; for each published edition, what its
# language needs besides, in scripts/apt-pdf-<language>.txt.
editions=$(cd "$BOOK" && "$ROOT/.venv/bin/python" -m unsigned_peace editions list)
mapfile -t TEX_PACKAGES < <(grep -hv '^#' "$ROOT/scripts/apt-pdf.txt")
for language in $editions; do
  mapfile -t -O "${#TEX_PACKAGES[@]}" TEX_PACKAGES < <(grep -hv '^#' "$ROOT/scripts/apt-pdf-$language.txt")
done
"$ROOT/scripts/debian-packages.sh" "the PDF" "${TEX_PACKAGES[@]}"

cd "$BOOK"
"$ROOT/.venv/bin/python" -m unsigned_peace check-pdf-setup
"$ROOT/.venv/bin/python" -m unsigned_peace validate
rm -rf _build/latex _build/jupyter_execute _build/.doctrees
# nonstopmode: a LaTeX error ends the run instead of waiting for input; a wide log keeps each message on one line.
export LATEXOPTS="-interaction=nonstopmode -halt-on-error" max_print_line=10000
if [ -n "$editions" ]; then
  # Every message of each published edition translated, none fuzzy: one line per one that is not. Then the
  # editions' PDFs, each in its own build folder, while the English one is built.
  "$ROOT/.venv/bin/python" -m unsigned_peace editions check
  "$ROOT/.venv/bin/python" -m unsigned_peace editions pdf &
  editions_pdf=$!
  trap 'kill "$editions_pdf" 2>/dev/null || true' EXIT
fi
english=0
english_started=$SECONDS
# latexmk's xelatex mode, as Sphinx's LaTeX Makefile suggests: the passes that settle the page numbers write
# no PDF, and xdvipdfmx makes it once, at the end (the same PDF, a tenth less CPU time). The English edition
# alone: the Japanese one is typeset with LuaLaTeX.
LATEXMKOPTS="-xelatex" "$ROOT/.venv/bin/jupyter-book" build . --builder pdflatex -W -n --keep-going || english=$?
[ "$english" -eq 0 ] && echo "English PDF built in $((SECONDS - english_started)) s"
translated=0
if [ -n "$editions" ]; then
  wait "$editions_pdf" || translated=$?
  trap - EXIT
fi
if [ "$english" -ne 0 ] || [ "$translated" -ne 0 ]; then
  exit 1
fi
"$ROOT/.venv/bin/python" -m unsigned_peace check-pdf
echo "PDF built in $((SECONDS - started)) s"
