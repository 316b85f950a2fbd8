#!/usr/bin/env bash
# Re-make data/coastline_points.csv from GSHHG 2.3.7 at full resolution (Wessel and Smith 1996, LGPL), as
# Debian's gmt-gshhg-full ships it. Run it only to update the map's coastlines: the book reads the committed
# CSV and never needs GMT or fetches map data itself. Installs gmt and gmt-gshhg-full as root
# (scripts/apt-coastlines.txt; without root it names the apt-get line); needs the book's .venv.
set -euo pipefail
cd "$(dirname "$0")/.."

mapfile -t PACKAGES < <(grep -v '^#' scripts/apt-coastlines.txt)
scripts/debian-packages.sh "the coastline cut (scripts/extract_coastlines.sh)" "${PACKAGES[@]}"

# The region of unsigned_peace.coastlines.REGION; -Df: full resolution; -A0/1/1: every shoreline between
# land and sea, whatever its area, and no lake shores (levels 2 and up).
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && gmt coast -R143.9/151.0/42.5/46.6 -Df -A0/1/1 -M -W > shorelines.txt)  # in $work: gmt leaves its gmt.history there
.venv/bin/python -m unsigned_peace.coastlines "$work/shorelines.txt" data/coastline_points.csv
