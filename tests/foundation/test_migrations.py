"""Schema comes only from Alembic migrations, and matches the models (no drift)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from pht_desktop.store import db
from pht_desktop.store.models import Base


def test_upgrade_from_empty_reaches_head(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    db.open_database(path)
    assert db.current_revision(path) == db.head_revision()


def test_schema_head_constant_matches_alembic() -> None:
    assert db.head_revision() == db.SCHEMA_HEAD


def test_migrated_schema_has_no_drift_from_models(tmp_path: Path) -> None:
    path = tmp_path / "drift.sqlite3"
    db.open_database(path)
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_pragmas_wal_and_foreign_keys(tmp_path: Path) -> None:
    sessions = db.open_database(tmp_path / "p.sqlite3")
    with sessions() as session:
        connection = session.connection()
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_database_from_newer_app_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite3"
    db.open_database(path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(db.NewerDatabaseError, match="newer version"):
        db.open_database(path)
    assert path.read_bytes() == before


def test_corrupt_file_is_refused_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "corrupt.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(db.CorruptDatabaseError):
        db.open_database(path)
    assert path.read_bytes() == b"this is not a database" * 100
