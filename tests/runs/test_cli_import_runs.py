"""``pht-desktop import-runs FILE…``: one line per file, the exit code says if all went in."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pht_desktop import cli_runs
from tests.runs import runfiles as rf


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")

    def add_common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--data-dir", default=argparse.SUPPRESS)

    cli_runs.register(sub, add_common)
    args = parser.parse_args(argv)
    result = args.handler(args)
    assert isinstance(result, int)
    return result


def test_import_runs_reports_each_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The CLI uses the real clock: the runs are last week.
    last_week = datetime.now(UTC).replace(microsecond=0) - timedelta(days=7)
    easy = tmp_path / "easy.fit"
    easy.write_bytes(rf.fit_bytes(rf.flat_easy(last_week)))
    ride = tmp_path / "ride.gpx"
    ride.write_bytes(rf.gpx_bytes(rf.ride(last_week + timedelta(days=1)), "cycling"))
    cut = tmp_path / "cut.tcx"
    cut.write_bytes(rf.tcx_bytes(rf.hilly(last_week))[:300])
    data = ["--data-dir", str(tmp_path / "data")]

    assert _run("import-runs", str(easy), str(ride), str(cut), *data) == 1  # one refused
    captured = capsys.readouterr()
    assert "easy.fit: imported (FIT)" in captured.out
    assert "ride.gpx: A cycling activity, not a run." in captured.out
    assert "cut.tcx: The TCX file is damaged or cut short" in captured.err
    assert "1 imported, 1 skipped, 1 refused." in captured.out

    assert _run("import-runs", str(easy), *data) == 0
    assert "already imported" in capsys.readouterr().out
