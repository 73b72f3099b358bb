"""Export → import into an empty data dir → export again gives identical files."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Literal

import pytest
from hypothesis import HealthCheck, given, settings

from pht_desktop.services.data import DataService
from pht_desktop.store.db import open_database
from tests.data.helpers import database_rows, fake_clock, fill


def _service(folder: Path, template: Path) -> DataService:
    folder.mkdir()
    path = folder / "pht-desktop.sqlite3"
    shutil.copyfile(template, path)
    return DataService(open_database(path), fake_clock(), path)


@pytest.mark.timeout(240)  # 25 examples, each two databases: slow on a loaded machine
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=database_rows())
def test_round_trip_gives_identical_files(template_db: Path, rows: list[object]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        first = _service(root / "a", template_db)
        second = _service(root / "b", template_db)
        try:
            fill(first._sessions, rows)
            formats: tuple[Literal["csv", "json"], ...] = ("csv", "json")
            for fmt in formats:
                archive = root / f"export-{fmt}.zip"
                first.export_zip(archive, fmt)
                target = second if fmt == "csv" else _service(root / "c", template_db)
                report = target.import_file(archive)
                assert report.ok, report.lines()
                assert target.export_files(fmt) == first.export_files(fmt)
                # Importing again adds nothing.
                again = target.import_file(archive)
                assert again.ok
                assert all(c.new == 0 for c in again.counts.values())
                if target is not second:
                    target.engine.dispose()
        finally:
            first.engine.dispose()
            second.engine.dispose()
