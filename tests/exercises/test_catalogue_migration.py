"""Migration 0002 seeds the catalogue into databases created before it existed (R2)."""

from __future__ import annotations

from pathlib import Path

from pht_desktop.domain.catalogue import CATALOGUE
from pht_desktop.store import db, schema
from tests.migrations import (
    MORNING,
    custom_exercise,
    database_at,
    execute,
    logged_session,
    query,
)


def _database_at_0001(path: Path) -> None:
    """A database as an app without the catalogue left it, with some user data."""
    statements = [MORNING, custom_exercise(1, "My wall press", 1, "hold")]
    database_at(path, "0001", [*statements, *logged_session(1, 1, 5, 30)])


def _catalogue_rows(path: Path) -> dict[object, tuple[object, bool, bool, bool, bool]]:
    rows = query(
        path,
        "SELECT slug, stage, compressive, avoid_early, hsr, builtin FROM exercises"
        " WHERE slug IS NOT NULL",
    )
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

    assert db.current_revision(path) == schema.SCHEMA_HEAD
    assert len(_catalogue_rows(path)) == len(CATALOGUE)
    assert query(path, "SELECT entry_date, pain, note FROM morning_pain") == [
        ("2026-03-01", 3, "stiff")
    ]
    assert query(path, "SELECT id, name, builtin FROM exercises WHERE slug IS NULL") == [
        (1, "My wall press", 0)
    ]
    assert query(
        path, "SELECT exercise_id, effort_value, pain_during, note FROM exercise_sessions"
    ) == [(1, 6, 2, "fine")]
    assert query(path, "SELECT reps, hold_seconds, rest_seconds FROM session_sets") == [(5, 30, 60)]
    backups = list((tmp_path / "backups").glob("before-migration-0001-*.sqlite3"))
    assert len(backups) == 1
    assert db.current_revision(backups[0]) == "0001"


def test_seeding_skips_slugs_already_present(tmp_path: Path) -> None:
    """Insert-if-missing: a row with a catalogue slug is neither duplicated nor changed."""
    path = tmp_path / "partial.sqlite3"
    _database_at_0001(path)
    execute(
        path,
        [
            "INSERT INTO exercises (slug, name, stage, how_to, dose_type, default_sets,"
            " default_reps, default_hold_s, default_rest_s, compressive, avoid_early, hsr,"
            " builtin, archived) VALUES ('step-up', 'Renamed step-up', 3, '', 'reps', 3,"
            " 10, NULL, 90, 0, 0, 0, 1, 1)"
        ],
    )
    db.open_database(path).kw["bind"].dispose()
    rows = query(path, "SELECT name, archived FROM exercises WHERE slug = 'step-up'")
    assert rows == [("Renamed step-up", 1)]


def test_frozen_copy_matches_the_domain_catalogue(tmp_path: Path) -> None:
    path = tmp_path / "fresh.sqlite3"
    db.open_database(path).kw["bind"].dispose()
    stored = _catalogue_rows(path)
    expected = {e.slug: (e.stage, e.compressive, e.avoid_early, e.hsr, True) for e in CATALOGUE}
    assert stored == expected
