"""Migration 0005 corrects step-up height and single-leg RDL depth (R2.5), keeping data."""

from __future__ import annotations

from pathlib import Path

from pht_desktop.domain.catalogue import by_slug
from tests.migrations import (
    MORNING,
    custom_exercise,
    downgrade,
    execute,
    logged_session,
    query,
    upgrade,
)

PREVIOUS = "0004"


def _database_with_data(path: Path) -> None:
    """A database at the previous head with logs on step-up and a custom exercise."""
    upgrade(path, PREVIOUS)
    ((step_up,),) = query(path, "SELECT id FROM exercises WHERE slug = 'step-up'")
    assert isinstance(step_up, int)
    custom = custom_exercise(500, "My box step", 3, "reps", how_to="knee-height box")
    sessions = [*logged_session(1, step_up, 10, None), *logged_session(2, 500, 10, None)]
    morning = MORNING.replace("2026-03-01", "2026-03-02")
    execute(path, [custom, *sessions, morning])


def test_upgrade_corrects_the_positions_and_keeps_logs_and_custom_exercises(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite3"
    _database_with_data(path)
    before = query(path, "SELECT id, exercise_id, load_kg, note FROM exercise_sessions")
    sets_before = query(path, "SELECT session_id, reps, rest_seconds FROM session_sets")
    upgrade(path, "0005")
    assert query(path, "SELECT id, exercise_id, load_kg, note FROM exercise_sessions") == before
    assert query(path, "SELECT session_id, reps, rest_seconds FROM session_sets") == sets_before
    assert query(path, "SELECT name, how_to FROM exercises WHERE id = 500") == [
        ("My box step", "knee-height box")  # the user's own words stay theirs
    ]
    assert query(path, "SELECT count(*) FROM morning_pain") == [(1,)]
    for slug in ("step-up", "single-leg-rdl"):
        ((how_to,),) = query(path, f"SELECT how_to FROM exercises WHERE slug = '{slug}'")
        assert how_to == by_slug(slug).how_to
        assert "90°" in str(how_to)


def test_downgrade_restores_the_old_words(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    upgrade(path, "0005")
    downgrade(path, PREVIOUS)
    ((how_to,),) = query(path, "SELECT how_to FROM exercises WHERE slug = 'step-up'")
    assert "knee-height box" in str(how_to)
