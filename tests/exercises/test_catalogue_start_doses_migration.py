"""Migration 0006: built-in stored defaults become their ladders' entry rungs (R2.9),
keeping logs and the users' own exercises."""

from __future__ import annotations

from pathlib import Path

from pht_desktop.domain.catalogue import CATALOGUE, by_slug
from pht_desktop.store import db
from tests.migrations import (
    MORNING,
    custom_exercise,
    downgrade,
    execute,
    logged_session,
    query,
    upgrade,
)

PREVIOUS = "0005"
REVISION = "0006"
DOSE = "SELECT default_sets, default_reps, default_hold_s, default_rest_s FROM exercises"


def _database_with_data(path: Path) -> int:
    """A database at 0005: logs on a built-in hold, a custom hold at the old 5 × 40 s, a
    built-in the user never touched, and a morning. Returns the built-in hold's id."""
    upgrade(path, PREVIOUS)
    ((prone,),) = query(path, "SELECT id FROM exercises WHERE slug = 'prone-hip-extension-hold'")
    assert isinstance(prone, int)
    custom = custom_exercise(500, "My wall press", 1, "hold")
    old_dose = "UPDATE exercises SET default_hold_s = 40 WHERE id = 500"
    sessions = [*logged_session(1, prone, 1, 40), *logged_session(2, 500, 1, 40)]
    execute(path, [custom, old_dose, *sessions, MORNING])
    return prone


def test_upgrade_moves_builtin_defaults_and_keeps_logs_and_custom_exercises(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite3"
    prone = _database_with_data(path)
    sessions = "SELECT id, exercise_id, load_kg, pain_during, note FROM exercise_sessions"
    sets = "SELECT session_id, reps, hold_seconds, rest_seconds FROM session_sets"
    logs_before = (query(path, sessions), query(path, sets))
    assert query(path, f"{DOSE} WHERE id = :id", id=prone) == [(5, 1, 40, 120)]

    upgrade(path, REVISION)

    assert (query(path, sessions), query(path, sets)) == logs_before
    assert query(path, f"{DOSE} WHERE id = 500") == [(5, 1, 40, 60)]  # the user's own
    assert query(path, "SELECT count(*) FROM morning_pain") == [(1,)]
    for exercise in CATALOGUE:
        stored = query(path, f"{DOSE} WHERE slug = :slug", slug=exercise.slug)
        expected = (
            exercise.default_sets,
            exercise.default_reps,
            exercise.default_hold_s,
            exercise.default_rest_s,
        )
        assert stored == [expected], exercise.slug


def test_a_builtin_row_not_at_the_old_default_is_left_alone(tmp_path: Path) -> None:
    """Only rows still at the frozen old dose move; anything else is not ours to guess."""
    path = tmp_path / "db.sqlite3"
    _database_with_data(path)
    execute(path, ["UPDATE exercises SET default_reps = 9 WHERE slug = 'step-up'"])
    upgrade(path, REVISION)
    assert query(path, f"{DOSE} WHERE slug = 'step-up'") == [(3, 9, None, 90)]


def test_downgrade_restores_the_old_defaults(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    upgrade(path, REVISION)
    downgrade(path, PREVIOUS)
    assert query(path, f"{DOSE} WHERE slug = 'wall-hamstring-isometric'") == [(5, 1, 40, 120)]
    assert by_slug("wall-hamstring-isometric").default_hold_s == 30
    assert db.current_revision(path) == PREVIOUS
