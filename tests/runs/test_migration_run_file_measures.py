"""Migration 0008 keeps every run and gives imported runs their file's measures (the
numbers stored at upgrade), so a later edit can be told from the file (issue 14)."""

from __future__ import annotations

from pathlib import Path

from pht_desktop.store import db, exercises_repo
from tests.migrations import MORNING, database_at, downgrade, query, upgrade

PREVIOUS = "0007"
REVISION = "0008"
RUN = (
    "INSERT INTO runs (id, performed_at, local_date, duration_s, distance_km, style, hills,"
    " speed, pain_during, note, created_at, source, source_name, source_sha256, best_km_s,"
    " flag_note) VALUES (:id, :at, '2026-03-01', :seconds, :km, 'continuous', 0, :speed, 2,"
    " :note, '2026-03-01 09:00:00', :source, :name, :sha, :best, :flag)"
)
TYPED = {"id": 1, "at": "2026-03-01 07:00:00", "seconds": 1500, "km": 4.2, "speed": 0}
TYPED |= {"note": "typed", "source": "manual", "name": None, "sha": None, "best": None, "flag": ""}
IMPORTED = TYPED | {"id": 2, "at": "2026-03-01 18:00:00", "seconds": 1843, "km": 5.023}
IMPORTED |= {"speed": 1, "note": "", "source": "fit", "name": "run.fit", "sha": "ab" * 32}
IMPORTED |= {"best": 350.0, "flag": "fast: 400 m at 4:50 /km"}
RUNS = "SELECT id, duration_s, distance_km, speed, note, source, best_km_s, flag_note FROM runs"


def _database_with_runs(path: Path) -> None:
    database_at(path, PREVIOUS, [(RUN, TYPED), (RUN, IMPORTED), MORNING])


def test_upgrade_keeps_runs_and_takes_the_stored_numbers_for_the_files(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _database_with_runs(path)
    before = query(path, RUNS)

    upgrade(path, REVISION)

    assert query(path, RUNS) == before
    assert query(path, "SELECT id, file_moving_s, file_distance_km FROM runs ORDER BY id") == [
        (1, None, None),
        (2, 1843, 5.023),
    ]
    assert query(path, "SELECT count(*) FROM morning_pain") == [(1,)]
    sessions = db.open_database(path)
    try:
        with sessions() as session:
            imported = exercises_repo.get_run(session, 2)
        assert imported is not None
        assert imported.figures.best_km_s == 350.0  # not edited: the file's best km shows
        assert not imported.figures.edited
    finally:
        sessions.kw["bind"].dispose()


def test_downgrade_returns_to_the_previous_head_with_the_runs(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _database_with_runs(path)
    before = query(path, RUNS)
    upgrade(path, REVISION)
    downgrade(path, PREVIOUS)
    assert query(path, RUNS) == before
