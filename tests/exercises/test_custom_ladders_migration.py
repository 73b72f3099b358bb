"""Migration 0007 gives exercises an editable ladder (R2.9), keeping logs and the users'
own exercises, whose ladder stays the default one until they edit it."""

from __future__ import annotations

from pathlib import Path

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.dose_ladder import DEFAULT_STEPS, LadderSteps
from pht_desktop.services.exercises import ExerciseService
from pht_desktop.store import catalogue_repo, db
from tests.conftest import START
from tests.migrations import (
    MORNING,
    custom_exercise,
    database_at,
    downgrade,
    logged_session,
    query,
    upgrade,
)

PREVIOUS = "0006"
REVISION = "0007"
SESSIONS = "SELECT id, exercise_id, load_kg, pain_during, note FROM exercise_sessions"
SETS = "SELECT session_id, reps, hold_seconds, rest_seconds FROM session_sets"


def _database_with_data(path: Path) -> None:
    """At 0006: a custom hold with a logged session, and a morning."""
    custom = custom_exercise(500, "My wall press", 1, "hold", how_to="heel into the wall")
    database_at(path, PREVIOUS, [custom, *logged_session(1, 500, 1, 30), MORNING])


def test_upgrade_keeps_logs_and_custom_exercises_on_the_default_ladder(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _database_with_data(path)
    logs = (query(path, SESSIONS), query(path, SETS))

    upgrade(path, REVISION)

    assert (query(path, SESSIONS), query(path, SETS)) == logs
    assert query(path, "SELECT count(*) FROM morning_pain") == [(1,)]
    sessions = db.open_database(path)
    try:
        with sessions() as session:
            info = catalogue_repo.get_exercise(session, 500)
        assert info is not None
        assert (info.name, info.how_to, info.default_hold_s) == (
            "My wall press",
            "heel into the wall",
            30,
        )
        assert info.steps == DEFAULT_STEPS
    finally:
        sessions.kw["bind"].dispose()


def test_the_new_columns_hold_an_edited_ladder(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _database_with_data(path)
    upgrade(path, REVISION)
    sessions = db.open_database(path)
    try:
        service = ExerciseService(sessions, FakeClock(START))
        service.save_ladder(500, 4, 20, 60, LadderSteps(rungs=3, step=10, load_step_kg=1.5))
    finally:
        sessions.kw["bind"].dispose()
    assert query(
        path,
        "SELECT default_sets, default_hold_s, ladder_rungs, ladder_step, ladder_load_step_kg"
        " FROM exercises WHERE id = 500",
    ) == [(4, 20, 3, 10, 1.5)]
    downgrade(path, PREVIOUS)
    assert query(path, "SELECT name, default_hold_s FROM exercises WHERE id = 500") == [
        ("My wall press", 20)
    ]
    assert query(path, SETS) == [(1, 1, 30, 60)]
