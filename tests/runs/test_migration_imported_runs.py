"""Migration 0004 adds the imported-run columns and keeps every run already logged."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from pht_desktop.store import db, schema

PREVIOUS = "0003"


def _database_at_previous_head(path: Path) -> None:
    engine = db.make_engine(path)
    config = schema.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, PREVIOUS)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO runs (performed_at, local_date, duration_s, distance_km, style,"
                " hills, speed, pain_during, note, created_at) VALUES ('2026-03-01 07:00:00',"
                " '2026-03-01', 1500, 4.2, 'run_walk', 1, 0, 3, 'typed by hand',"
                " '2026-03-01 08:00:00')"
            )
        )
    engine.dispose()


def test_upgrade_keeps_runs_and_marks_them_typed_by_hand(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    _database_at_previous_head(path)
    db.open_database(path).kw["bind"].dispose()
    assert db.current_revision(path) == schema.head_revision()

    engine = db.make_engine(path)
    with engine.begin() as connection:
        rows = connection.execute(
            text(
                "SELECT local_date, duration_s, distance_km, hills, pain_during, note, source,"
                " source_sha256, flag_note FROM runs"
            )
        ).all()
        assert rows == [("2026-03-01", 1500, 4.2, 1, 3, "typed by hand", "manual", None, "")]
        insert = (
            "INSERT INTO runs (performed_at, local_date, duration_s, style, hills, speed,"
            " note, created_at, source, source_sha256, flag_note) VALUES ('2026-03-02"
            " 07:00:00', '2026-03-02', 1800, 'continuous', 0, 0, '', '2026-03-02 08:00:00',"
            " 'fit', 'abc', '')"
        )
        connection.execute(text(insert))
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(text(insert))  # the same file's hash twice: the table refuses
    engine.dispose()


def test_downgrade_returns_to_the_previous_head(tmp_path: Path) -> None:
    path = tmp_path / "down.sqlite3"
    _database_at_previous_head(path)
    db.open_database(path).kw["bind"].dispose()
    engine = db.make_engine(path)
    config = schema.alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, PREVIOUS)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT note FROM runs")).scalar() == "typed by hand"
    engine.dispose()
