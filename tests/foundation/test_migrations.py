"""Schema comes only from Alembic migrations, and matches the models (no drift)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from pht_desktop.store import db, schema
from pht_desktop.store.models import Base
from tests.doc_tools import load_tool


def test_upgrade_from_empty_reaches_head(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    db.open_database(path)
    assert db.current_revision(path) == schema.head_revision()


ROOT = Path(__file__).resolve().parents[2]


def _migrated_dump() -> str:
    """What the migrations build from empty (docs/tools/head_schema.py, the regenerator)."""
    dump = load_tool("head_schema").migrated_dump()
    assert isinstance(dump, str)
    return dump


def test_head_sql_is_exactly_what_the_migrations_build() -> None:
    """A new file replays head.sql; it must be the migrated schema and built-in rows."""
    assert schema.HEAD_SQL.read_text(encoding="utf-8") == _migrated_dump(), (
        "head.sql is behind the migrations: run docs/tools/head_schema.py"
    )


def test_a_new_database_is_built_at_head_without_importing_alembic(tmp_path: Path) -> None:
    """The first start skips Alembic (a quarter of a second) and gets the same file."""
    path = tmp_path / "new.sqlite3"
    probe = (
        "import sys; from pathlib import Path; from pht_desktop.store import db; "
        f"db.open_database(Path({str(path)!r})); print(sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('alembic', 'mako')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.strip() == "[]"
    assert schema.dump_database(path) == _migrated_dump()


def test_schema_head_constant_matches_alembic() -> None:
    assert schema.head_revision() == schema.SCHEMA_HEAD


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


def test_model_annotations_are_objects_so_start_up_evaluates_none() -> None:
    """Issue 16: with string annotations SQLAlchemy eval()s each Mapped[...] at import."""
    strings = [
        f"{mapper.class_.__name__}.{name}"
        for mapper in Base.registry.mappers
        for name, annotation in vars(mapper.class_).get("__annotations__", {}).items()
        if isinstance(annotation, str)
    ]
    assert strings == []
