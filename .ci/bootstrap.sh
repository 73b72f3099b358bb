# Sourced by run.sh and test.sh: make a fresh machine ready, then stay out of the way.
#  1. Debian/Ubuntu packages Qt needs (only those missing; only as root or with sudo).
#  2. A virtual environment in .venv with the app and its test/dev tools.
# Re-running is cheap: each step is skipped when already done.

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

QT_DEBS=(libgl1 libegl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3 libxkbcommon0
         libx11-6 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
         libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0 libxss1
         fonts-dejavu-core)

install_debs() {
  command -v dpkg-query >/dev/null 2>&1 || return 0   # not Debian/Ubuntu: nothing to do
  local missing=()
  for pkg in "${QT_DEBS[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  python3 -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if sudo -n true 2>/dev/null; then sudo="sudo"; else
      echo "Please install: ${missing[*]} (needs root)" >&2; return 0; fi
  fi
  echo "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

make_venv() {
  local py=${PYTHON:-}
  if [ -z "$py" ]; then
    if command -v python3 >/dev/null 2>&1; then py=python3; else py=python; fi
  fi
  "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    echo "Python 3.11 or newer is needed (found $("$py" --version 2>&1))." >&2; exit 1; }
  [ -d .venv ] || "$py" -m venv .venv
  # POSIX venvs keep their programs in bin/, Windows ones in Scripts/.
  if [ -d .venv/Scripts ]; then VENV_BIN=.venv/Scripts; else VENV_BIN=.venv/bin; fi
  export VENV_BIN
  local stamp=.venv/.installed-$(cksum pyproject.toml | cut -d' ' -f1)
  if [ ! -f "$stamp" ]; then
    echo "Installing Python packages into .venv ..."
    "$VENV_BIN/python" -m pip install -q --upgrade pip
    "$VENV_BIN/python" -m pip install -q -e '.[dev]'
    rm -f .venv/.installed-*; touch "$stamp"
  fi
}

install_debs
make_venv
