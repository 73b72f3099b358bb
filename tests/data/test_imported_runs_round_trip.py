"""Export/import keeps what an imported run is: its file, hash, climbing and flag reasons
(issue 14 review F1). Without them a re-read watched folder asks "you typed this?"."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

import pytest

from pht_desktop.domain.clock import FakeClock
from pht_desktop.services.registry import Services
from tests.data.helpers import export_document, fresh_services, import_document
from tests.runs import runfiles as rf

DAY = datetime(2026, 2, 24, 7, 0, tzinfo=UTC)  # the conftest clock is 2026-03-02
FIELDS = (
    "source",
    "source_name",
    "elevation_gain_m",
    "best_km_s",
    "flag_note",
    "hills",
    "speed",
)


def _runs(services: Services) -> list[str]:
    return sorted(repr(tuple(getattr(r, f) for f in FIELDS)) for r in services.exercises.runs())


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_imported_runs_survive_export_and_import_and_are_recognised_again(
    services: Services,
    tmp_path: Path,
    template_db: Path,
    clock: FakeClock,
    fmt: Literal["csv", "json"],
) -> None:
    files = [
        ("flat.gpx", rf.gpx_bytes(rf.flat_easy(DAY))),
        ("hilly.fit", rf.fit_bytes(rf.hilly(DAY.replace(day=25)))),
        ("intervals.tcx", rf.tcx_bytes(rf.intervals(DAY.replace(day=26)))),
    ]
    report = services.run_import.import_files(files)
    assert [o.status for o in report.outcomes] == ["imported"] * 3
    archive = services.data.export_zip(tmp_path / f"export-{fmt}.zip", fmt)

    fresh = fresh_services(tmp_path, template_db, clock, "fresh")
    try:
        assert fresh.data.import_file(archive).ok
        assert _runs(fresh) == _runs(services)
        assert fresh.run_import.known_hashes() == services.run_import.known_hashes()
        assert {r.source for r in fresh.exercises.runs()} == {"gpx", "fit", "tcx"}
        again = fresh.run_import.import_files(files)
        assert [o.status for o in again.outcomes] == ["duplicate"] * 3
        assert all("already imported" in o.message for o in again.outcomes)
    finally:
        fresh.close()


NEW_FIELDS = (
    "source",
    "source_name",
    "source_sha256",
    "elapsed_s",
    "elevation_gain_m",
    "best_km_s",
    "fastest_pace_s_km",
    "steepest_grade",
    "flag_note",
)


def _document(services: Services) -> Any:
    """The JSON export of ``services`` with one imported run in it."""
    services.run_import.import_files([("flat.gpx", rf.gpx_bytes(rf.flat_easy(DAY)))])
    return export_document(services)


def _import(
    tmp_path: Path, template_db: Path, clock: FakeClock, document: object
) -> tuple[list[str], list[object]]:
    fresh, report = import_document(tmp_path, template_db, clock, document)
    try:
        return (report.lines() if not report.ok else []), list(fresh.exercises.runs())
    finally:
        fresh.close()


def test_an_export_from_before_the_run_fields_still_imports(
    services: Services, tmp_path: Path, template_db: Path, clock: FakeClock
) -> None:
    """The new columns are optional: a file without them gives typed runs."""
    document = _document(services)
    [row] = document["tables"]["runs"]
    for name in NEW_FIELDS:
        del row[name]
    problems, runs = _import(tmp_path, template_db, clock, document)
    assert problems == []
    [run] = runs
    assert (run.source, run.source_name, run.flag_note) == ("manual", None, "")  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("field", "value", "why"),
    [
        ("source", "strava", "The run's source"),
        ("source_sha256", "abc", "64 lower-case hex"),
        ("elevation_gain_m", 20_000, "10000"),
        ("steepest_grade", 3.0, "between"),
        ("source", "manual", "typed by hand"),  # a typed run naming a file
    ],
)
def test_the_run_fields_are_validated(
    services: Services,
    tmp_path: Path,
    template_db: Path,
    clock: FakeClock,
    field: str,
    value: object,
    why: str,
) -> None:
    document = _document(services)
    [row] = document["tables"]["runs"]
    row[field] = value
    problems, runs = _import(tmp_path, template_db, clock, document)
    assert why in "\n".join(problems)
    assert runs == []
