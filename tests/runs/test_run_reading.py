"""A big batch is read in worker processes, with the same outcome as read here (F3)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pht_desktop.services import run_reading
from pht_desktop.services.registry import Services
from tests.runs import runfiles as rf

LONDON = ZoneInfo("Europe/London")
DAY = datetime(2026, 2, 20, 7, 0, tzinfo=UTC)


def _folder(tmp_path: Path) -> list[tuple[str, bytes | Path]]:
    files = {
        "a.fit": rf.fit_bytes(rf.flat_easy(DAY)),
        "b.gpx": rf.gpx_bytes(rf.hilly(DAY + timedelta(days=1))),
        "c.tcx": rf.tcx_bytes(rf.intervals(DAY + timedelta(days=2))),
        "ride.fit": rf.fit_bytes(rf.ride(DAY + timedelta(days=3)), "cycling"),
        "cut.fit": rf.fit_bytes(rf.flat_easy(DAY))[:300],
    }
    items: list[tuple[str, bytes | Path]] = []
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
        items.append((name, tmp_path / name))
    return items


def test_the_pool_reads_what_this_process_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = _folder(tmp_path)
    known = frozenset({run_reading.sha256_of((tmp_path / "a.fit").read_bytes())})
    here = list(run_reading.read_all(items, LONDON, known))  # fewer than POOL_MIN_FILES
    monkeypatch.setattr(run_reading, "POOL_MIN_FILES", 2)
    pooled = list(run_reading.read_all(items, LONDON, known))
    assert pooled == here
    assert [(r.status, r.record is not None) for r in here] == [
        (None, False),  # known: hashed, not parsed again
        (None, True),
        (None, True),
        ("skipped", False),
        ("refused", False),
    ]


def test_a_big_batch_imports_through_the_pool(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(run_reading, "POOL_MIN_FILES", 2)
    paths = [p for _name, p in _folder(tmp_path) if isinstance(p, Path)]
    report = services.run_import.import_paths(paths)
    assert [o.status for o in report.outcomes] == [
        "imported",
        "imported",
        "imported",
        "skipped",
        "refused",
    ]
    assert len(services.exercises.runs()) == 3
