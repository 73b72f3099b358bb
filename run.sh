#!/usr/bin/env bash
# Set up (first time only) and launch PHT Desktop. Extra arguments go to the app,
# e.g. ./run.sh --data-dir /tmp/try   or   ./run.sh demo --data-dir /tmp/try
set -euo pipefail
source "$(dirname "$0")/.ci/bootstrap.sh"
exec "$VENV_BIN/python" -m pht_desktop "$@"
