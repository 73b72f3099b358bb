#!/usr/bin/env bash
# Set up (first time only) and run every check: ruff, mypy, the test suite, --smoke.
set -euo pipefail
source "$(dirname "$0")/.ci/bootstrap.sh"
export QT_QPA_PLATFORM=offscreen
echo "== ruff"; .venv/bin/ruff check . && .venv/bin/ruff format --check .
echo "== mypy"; .venv/bin/mypy
echo "== smoke"; .venv/bin/python -m pht_desktop --smoke --data-dir "$(mktemp -d)"
echo "== pytest"; .venv/bin/python -m pytest "$@"
