"""Measures in the export/import format and the backups (issue 15)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.measures import Measure, MeasureKind, Side
from pht_desktop.services.registry import Services, build_services
from tests.data.helpers import data_service

SIT, BRIDGE, VISA = MeasureKind.SITTING, MeasureKind.BRIDGE, MeasureKind.VISA_H


def _seed(services: Services) -> list[Measure]:
    m = services.measures
    m.record(Measure(SIT, date(2026, 2, 1), value=12.5, note="=firm chair"))
    m.record(Measure(SIT, date(2026, 2, 15), value=30, reached_cap=True))
    m.record(
        Measure(BRIDGE, date(2026, 2, 1), left_reps=20, right_reps=15, painful_side=Side.RIGHT,
                tempo_s=2)
    )  # fmt: skip
    gone = m.record(Measure(VISA, date(2026, 2, 10), value=50))
    assert gone.id is not None
    m.delete(gone.id)  # deleted: not exported
    m.record(Measure(VISA, date(2026, 2, 10), value=55))
    return m.measures()


def _plain(measures: list[Measure]) -> list[tuple[object, ...]]:
    return [
        (x.kind, x.day, x.value, x.reached_cap, x.left_reps, x.right_reps, x.painful_side,
         x.tempo_s, x.note)
        for x in measures
    ]  # fmt: skip


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_round_trip_with_measures(
    services: Services, template_db: Path, tmp_path: Path, clock: FakeClock, fmt: str
) -> None:
    before = _seed(services)
    archive = data_service(services).export_zip(tmp_path / f"out.{fmt}.zip", fmt)  # type: ignore[arg-type]
    target = tmp_path / "other.sqlite3"
    shutil.copyfile(template_db, target)
    other = build_services(target, clock)
    try:
        report = other.data.import_file(archive)
        assert report.ok, report.lines()
        assert report.counts["measures"].new == 4
        assert _plain(other.measures.measures()) == _plain(before)
        assert other.data.export_files(fmt) == data_service(services).export_files(fmt)  # type: ignore[arg-type]
        again = other.data.import_file(archive)
        assert again.counts["measures"].new == 0
        assert again.counts["measures"].duplicate == 4
    finally:
        other.close()


def test_export_has_a_measures_file_with_the_neutralised_note(services: Services) -> None:
    _seed(services)
    files = data_service(services).export_files("csv")
    text = files["measures.csv"].decode()
    assert text.splitlines()[0] == (
        "kind,taken_on,value,reached_cap,left_reps,right_reps,painful_side,tempo_s,note,created_at"
    )
    assert "'=firm chair" in text
    assert text.count("visa_h") == 1


def _import_rows(services: Services, rows: list[str]) -> list[str]:
    files = data_service(services).export_files("csv")
    header = files["measures.csv"].decode().splitlines()[0]
    files["measures.csv"] = ("\n".join([header, *rows]) + "\n").encode()
    report = services.data.import_files(files)
    return [str(p) for p in report.problems]


def test_bad_measure_rows_refuse_the_file_with_every_reason(services: Services) -> None:
    problems = _import_rows(
        services,
        [
            "sitting_tolerance,2026-02-01,20.0,true,,,,,,",  # cap without 30 min
            "visa_h,2026-02-01,101.0,false,,,,,,",  # over 100
            "bridge,2026-02-01,,false,10,10,up,2,,",  # no such side
            "sitting_tolerance,2028-01-01,10.0,false,,,,,,",  # over a year ahead
            "grip,2026-02-01,10.0,false,,,,,,",
        ],
    )
    assert len(problems) == 5, problems
    assert "line 2, reached_cap" in problems[0]
    assert services.measures.measures() == []


def test_backup_and_restore_keep_measures(services: Services) -> None:
    before = _plain(_seed(services))
    backup = services.data.backup_now()
    services.measures.record(Measure(VISA, date(2026, 3, 1), value=70))
    services.data.restore_backup(backup)
    assert _plain(services.measures.measures()) == before
