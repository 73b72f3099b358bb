"""Migration 0005 corrects step-up height and single-leg RDL depth (R2.5), keeping data."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import text

from pht_desktop.domain.catalogue import by_slug
from pht_desktop.store import db

PREVIOUS = "0004"


def _upgrade(path: Path, revision: str) -> None:
    engine = db.make_engine(path)
    config = db.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    engine.dispose()


def _query(path: Path, sql: str) -> list[tuple[object, ...]]:
    engine = db.make_engine(path)
    with engine.connect() as connection:
        rows = [tuple(r) for r in connection.execute(text(sql)).all()]
    engine.dispose()
    return rows


def _database_with_data(path: Path) -> None:
    """A database at the previous head with logs on step-up and a custom exercise."""
    _upgrade(path, PREVIOUS)
    engine = db.make_engine(path)
    with engine.begin() as connection:
        step_up = connection.execute(text("SELECT id FROM exercises WHERE slug = 'step-up'")).one()
        connection.execute(
            text(
                "INSERT INTO exercises (id, slug, name, stage, how_to, dose_type, default_sets,"
                " default_reps, default_hold_s, default_rest_s, compressive, avoid_early, hsr,"
                " builtin, archived) VALUES (500, NULL, 'My box step', 3, 'knee-height box',"
                " 'reps', 3, 10, NULL, 90, 0, 0, 0, 0, 0)"
            )
        )
        for session_id, exercise_id in ((1, step_up[0]), (2, 500)):
            connection.execute(
                text(
                    "INSERT INTO exercise_sessions (id, exercise_id, performed_at, local_date,"
                    " load_kind, load_kg, effort_kind, effort_value, pain_during, note, source,"
                    " created_at) VALUES (:id, :ex, '2026-03-01 08:00:00', '2026-03-01', 'kg',"
                    " 12.5, 'rpe', 6, 2, 'fine', 'form', '2026-03-01 08:05:00')"
                ),
                {"id": session_id, "ex": exercise_id},
            )
            connection.execute(
                text(
                    "INSERT INTO session_sets (session_id, position, reps, hold_seconds,"
                    " rest_seconds) VALUES (:id, 0, 10, NULL, 90)"
                ),
                {"id": session_id},
            )
        connection.execute(
            text(
                "INSERT INTO morning_pain (entry_date, pain, test_kind, test_name, recorded_at,"
                " note) VALUES ('2026-03-02', 3, 'sitting', '', '2026-03-02 07:00:00', '')"
            )
        )
    engine.dispose()


def test_upgrade_corrects_the_positions_and_keeps_logs_and_custom_exercises(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.sqlite3"
    _database_with_data(path)
    before = _query(path, "SELECT id, exercise_id, load_kg, note FROM exercise_sessions")
    sets_before = _query(path, "SELECT session_id, reps, rest_seconds FROM session_sets")
    _upgrade(path, "0005")
    assert _query(path, "SELECT id, exercise_id, load_kg, note FROM exercise_sessions") == before
    assert _query(path, "SELECT session_id, reps, rest_seconds FROM session_sets") == sets_before
    assert _query(path, "SELECT name, how_to FROM exercises WHERE id = 500") == [
        ("My box step", "knee-height box")  # the user's own words stay theirs
    ]
    assert _query(path, "SELECT count(*) FROM morning_pain") == [(1,)]
    for slug in ("step-up", "single-leg-rdl"):
        ((how_to,),) = _query(path, f"SELECT how_to FROM exercises WHERE slug = '{slug}'")
        assert how_to == by_slug(slug).how_to
        assert "90°" in str(how_to)


def test_downgrade_restores_the_old_words(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    _upgrade(path, "0005")
    engine = db.make_engine(path)
    config = db.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, PREVIOUS)
    engine.dispose()
    ((how_to,),) = _query(path, "SELECT how_to FROM exercises WHERE slug = 'step-up'")
    assert "knee-height box" in str(how_to)
