#!/usr/bin/env bash
# Regenerate docs/screenshots/: real windows under Xvfb, filled with demo data.
# Every shot at 1024x700 and 1600x1000, light and dark; Today and Progress also at
# 2560x1440 (on a screen of its own, large enough for that window).
# Needs: xvfb (Debian). Usage: docs/tools/screenshots.sh [shot names…]
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v Xvfb >/dev/null || { echo "install xvfb first (apt-get install xvfb xauth)"; exit 1; }

shoot() {  # shoot SCREEN [screenshots.py arguments…]
    local screen=$1 display=:97
    shift
    Xvfb "$display" -screen 0 "${screen}x24" -nolisten tcp >/dev/null 2>&1 &
    local xvfb=$!
    sleep 1
    PYTHONPATH="$PWD" DISPLAY=$display QT_QPA_PLATFORM=xcb .venv/bin/python docs/tools/screenshots.py "$@" \
        || { kill "$xvfb"; return 1; }
    kill "$xvfb"
    wait "$xvfb" 2>/dev/null || true
}

shoot 1700x1100 "$@"
shoot 2600x1500 --size 2560x1440 "$@"
