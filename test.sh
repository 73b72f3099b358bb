#!/usr/bin/env bash
# Set up (first time only) and run every check: ruff, mypy, the test suite, --smoke.
set -euo pipefail
source "$(dirname "$0")/.ci/bootstrap.sh"
export QT_QPA_PLATFORM=offscreen
echo "== ruff"; "$VENV_BIN/ruff" check . && "$VENV_BIN/ruff" format --check .
echo "== mypy"; "$VENV_BIN/mypy"
echo "== smoke"; "$VENV_BIN/python" -m pht_desktop --smoke --data-dir "$(mktemp -d)"
echo "== pytest"; "$VENV_BIN/python" -m pytest "$@"
