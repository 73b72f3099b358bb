#!/usr/bin/env bash
# Set up (first time only) and run every check: ruff, mypy, --smoke, the test suite with
# branch coverage of domain/ and services/ (floors enforced; arguments: only those tests).
set -euo pipefail
source "$(dirname "$0")/.ci/bootstrap.sh"
export QT_QPA_PLATFORM=offscreen
echo "== ruff"; "$VENV_BIN/ruff" check . && "$VENV_BIN/ruff" format --check .
echo "== mypy"; "$VENV_BIN/mypy"
echo "== smoke"; "$VENV_BIN/python" -m pht_desktop --smoke --data-dir "$(mktemp -d)"
echo "== pytest"
if [ $# -eq 0 ]; then
  # The whole suite, measuring branch coverage of the rules and the use cases: at least
  # 92 % combined (lines + branches), and at least 90 % of the branches of domain/ and of
  # services/, each counted on its own (tests/coverage_floor.py; figures in README).
  coverage_json="$(mktemp)"
  trap 'rm -f "$coverage_json"' EXIT
  "$VENV_BIN/python" -m pytest --cov=pht_desktop.domain --cov=pht_desktop.services \
    --cov-branch --cov-report=term:skip-covered --cov-report="json:$coverage_json" \
    --cov-fail-under=92
  echo "== branch coverage per package"
  "$VENV_BIN/python" -m tests.coverage_floor "$coverage_json" domain=90 services=90
else
  "$VENV_BIN/python" -m pytest "$@"   # a chosen part: no coverage floor
fi
