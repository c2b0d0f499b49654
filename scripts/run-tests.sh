#!/usr/bin/env bash
# Runs the whole pytest suite. When gnome-keyring and D-Bus are present, the run happens inside a
# private D-Bus session with a real, unlocked Secret Service, so the keyring_real tests use it for real.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
if [[ -z ${EXPOSURE_CHECK_INNER:-} ]] && command -v dbus-run-session >/dev/null \
   && command -v gnome-keyring-daemon >/dev/null; then
  export EXPOSURE_CHECK_INNER=1
  exec dbus-run-session -- bash "$0" "$@" 2> >(grep -v 'Failed to set fd limit' >&2)
fi
if [[ -n ${EXPOSURE_CHECK_INNER:-} ]]; then
  kr_home=$(mktemp -d)
  trap 'rm -rf "$kr_home"' EXIT
  export EXPOSURE_CHECK_TEST_KEYRING_HOME=$kr_home
  # gnome-keyring keeps its keyring files under XDG_DATA_HOME; the tests' own data dirs are temp dirs.
  export XDG_DATA_HOME=$kr_home/.local/share
  mkdir -p "$XDG_DATA_HOME/keyrings"
  eval "$(printf 'test-keyring-pass' | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"
  export GNOME_KEYRING_CONTROL EXPOSURE_CHECK_REAL_SECRET_SERVICE=1
fi
exec "$PY" -m pytest --cov=exposure_check --cov-report=term:skip-covered "$@"
