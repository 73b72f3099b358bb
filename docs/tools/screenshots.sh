#!/usr/bin/env bash
# Regenerate docs/screenshots/: real windows under Xvfb, filled with demo data.
# Needs: xvfb (Debian). Usage: docs/tools/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v Xvfb >/dev/null || { echo "install xvfb first (apt-get install xvfb xauth)"; exit 1; }
display=:97
Xvfb "$display" -screen 0 1700x1100x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
sleep 1
PYTHONPATH="$PWD" DISPLAY=$display QT_QPA_PLATFORM=xcb .venv/bin/python docs/tools/screenshots.py "$@"
