"""Migration 0002 seeds the catalogue into databases created before it existed (R2)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import text

from pht_desktop.domain.catalogue import CATALOGUE
from pht_desktop.store import db


def _database_at_0001(path: Path) -> None:
    """A database as an app without the catalogue left it, with some user data."""
    engine = db.make_engine(path)
    config = db.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO morning_pain (entry_date, pain, test_kind, test_name, recorded_at,"
                " note) VALUES ('2026-03-01', 3, 'bridge', 'Single-leg bridge',"
                " '2026-03-01 07:00:00', 'stiff')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO exercises (id, slug, name, stage, how_to, dose_type, default_sets,"
                " default_reps, default_hold_s, default_rest_s, compressive, avoid_early, hsr,"
                " builtin, archived) VALUES (1, NULL, 'My wall press', 1, '', 'hold', 5, 1, 30,"
                " 60, 0, 0, 0, 0, 0)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO exercise_sessions (id, exercise_id, performed_at, local_date,"
                " load_kind, effort_kind, effort_value, pain_during, note, source, created_at)"
                " VALUES (1, 1, '2026-03-01 08:00:00', '2026-03-01', 'bodyweight', 'rpe', 6,"
                " 2, 'fine', 'form', '2026-03-01 08:05:00')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO session_sets (session_id, position, reps, hold_seconds,"
                " rest_seconds) VALUES (1, 0, 5, 30, 60)"
            )
        )
    engine.dispose()


def _catalogue_rows(path: Path) -> dict[str, tuple[int, bool, bool, bool, bool]]:
    engine = db.make_engine(path)
    with engine.connect() as connection:
        rows = connection.execute(
            text(
                "SELECT slug, stage, compressive, avoid_early, hsr, builtin FROM exercises"
                " WHERE slug IS NOT NULL"
            )
        ).all()
    engine.dispose()
    return {
        slug: (stage, bool(comp), bool(early), bool(hsr), bool(builtin))
        for slug, stage, comp, early, hsr, builtin in rows
    }


def test_old_database_gets_the_catalogue_and_keeps_user_data(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _database_at_0001(path)
    assert db.current_revision(path) == "0001"
    assert _catalogue_rows(path) == {}

    sessions = db.open_database(path)
    sessions.kw["bind"].dispose()

    assert db.current_revision(path) == db.SCHEMA_HEAD
    assert len(_catalogue_rows(path)) == len(CATALOGUE)
    engine = db.make_engine(path)
    with engine.connect() as connection:
        assert connection.execute(
            text("SELECT entry_date, pain, note FROM morning_pain")
        ).all() == [("2026-03-01", 3, "stiff")]
        assert connection.execute(
            text("SELECT id, name, builtin FROM exercises WHERE slug IS NULL")
        ).all() == [(1, "My wall press", 0)]
        assert connection.execute(
            text("SELECT exercise_id, effort_value, pain_during, note FROM exercise_sessions")
        ).all() == [(1, 6, 2, "fine")]
        assert connection.execute(
            text("SELECT reps, hold_seconds, rest_seconds FROM session_sets")
        ).all() == [(5, 30, 60)]
    engine.dispose()
    backups = list((tmp_path / "backups").glob("before-migration-0001-*.sqlite3"))
    assert len(backups) == 1
    assert db.current_revision(backups[0]) == "0001"


def test_seeding_skips_slugs_already_present(tmp_path: Path) -> None:
    """Insert-if-missing: a row with a catalogue slug is neither duplicated nor changed."""
    path = tmp_path / "partial.sqlite3"
    _database_at_0001(path)
    engine = db.make_engine(path)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO exercises (slug, name, stage, how_to, dose_type, default_sets,"
                " default_reps, default_hold_s, default_rest_s, compressive, avoid_early, hsr,"
                " builtin, archived) VALUES ('step-up', 'Renamed step-up', 3, '', 'reps', 3,"
                " 10, NULL, 90, 0, 0, 0, 1, 1)"
            )
        )
    engine.dispose()
    db.open_database(path).kw["bind"].dispose()
    engine = db.make_engine(path)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT name, archived FROM exercises WHERE slug = 'step-up'")
        ).all()
    engine.dispose()
    assert rows == [("Renamed step-up", 1)]


def test_frozen_copy_matches_the_domain_catalogue(tmp_path: Path) -> None:
    path = tmp_path / "fresh.sqlite3"
    db.open_database(path).kw["bind"].dispose()
    stored = _catalogue_rows(path)
    expected = {e.slug: (e.stage, e.compressive, e.avoid_early, e.hsr, True) for e in CATALOGUE}
    assert stored == expected
