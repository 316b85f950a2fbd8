#!/usr/bin/env bash
# Install the Debian packages named as arguments that are missing, as root; without root, name them
# and the apt-get line to run, and fail. Usage: scripts/debian-packages.sh "what they are for" PACKAGE...
set -euo pipefail
purpose=$1
shift
missing=()
for package in "$@"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "error: $purpose needs Debian packages that are missing: install them with: sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages for $purpose: ${missing[*]}"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
