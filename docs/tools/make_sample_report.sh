#!/usr/bin/env bash
# Regenerate docs/sample-report.pdf from the 12-week demo story, and a PNG of each of its
# pages in docs/screenshots/ (issue 7: "a sample report PDF made from demo data").
# Needs: pdftoppm (Debian: apt-get install poppler-utils). Usage: docs/tools/make_sample_report.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v pdftoppm >/dev/null || { echo "install pdftoppm first (apt-get install poppler-utils)"; exit 1; }
story_end=2026-03-02   # a fixed last day, so the sample reads the same every time
data_dir=$(mktemp -d)
trap 'rm -rf "$data_dir"' EXIT
.venv/bin/python -c "
from datetime import date
from pathlib import Path
from pht_desktop.demo import write_demo
write_demo(Path('$data_dir') / 'data', today=date.fromisoformat('$story_end'))
"
PYTHONPATH=. .venv/bin/python -m pht_desktop report --out docs/sample-report.pdf \
    --to "$story_end" --data-dir "$data_dir/data"
mkdir -p docs/screenshots
rm -f docs/screenshots/report-page*.png
pages=$(pdfinfo docs/sample-report.pdf 2>/dev/null | awk '/^Pages:/ {print $2}')
for page in $(seq 1 "${pages:-2}"); do
    pdftoppm -png -r 110 -f "$page" -l "$page" -singlefile docs/sample-report.pdf \
        "docs/screenshots/report-page$page"
done
echo "Wrote docs/sample-report.pdf and docs/screenshots/report-page1..${pages:-2}.png"
