#!/usr/bin/env bash
# Installs the Debian packages the tests need, when we can (root or passwordless sudo).
# Missing packages are listed; without root we say so and carry on, and the tests that need them skip.
set -euo pipefail
missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
  echo "sysdeps: not root and no sudo; missing: ${missing[*]} (tests that need them will skip)" >&2
  exit 0
fi
echo "sysdeps: installing ${missing[*]}" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
