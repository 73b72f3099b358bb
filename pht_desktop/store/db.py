"""Opening the database: private file, PRAGMAs, migrations at start-up.

Habits from vorta/qutebrowser: WAL, foreign keys on, a backup before migrating,
and refusing a database written by a newer version of the app (never "repair"
what we do not understand).
"""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

# The newest migration's revision id. Checked against Alembic's own head by a
# test, so start-up can skip importing Alembic when nothing needs migrating.
SCHEMA_HEAD = "0003"

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


class DatabaseError(Exception):
    """A database the app must not touch; ``message`` tells the user why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NewerDatabaseError(DatabaseError):
    pass


class CorruptDatabaseError(DatabaseError):
    pass


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: a committed entry survives a power cut too, not just a killed process.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def create_private_file(path: Path) -> None:
    """Create an empty file readable by the user only (0600 on POSIX)."""
    if not path.exists():
        fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
        os.close(fd)
    if sys.platform != "win32":
        path.chmod(0o600)


def make_engine(path: Path) -> Engine:
    create_private_file(path)
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _set_pragmas)
    return engine


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(path: Path) -> str | None:
    """The schema revision stored in the file, read without Alembic (fast)."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        row = (
            conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if has_table
            else None
        )
    conn.close()
    return None if row is None else str(row[0])


def check_integrity(path: Path) -> None:
    """Refuse a file that is not a healthy SQLite database."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            row = conn.execute("PRAGMA quick_check").fetchone()
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(f"{path.name} is not a readable database ({exc}).") from exc
    if row is None or row[0] != "ok":
        raise CorruptDatabaseError(f"{path.name} is damaged: {row[0] if row else 'no answer'}.")


def backup_database(source: Path, target: Path) -> Path:
    """A consistent copy through SQLite's online backup API."""
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    create_private_file(target)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)
    dst.close()
    src.close()
    return target


def migrate(engine: Engine, path: Path) -> None:
    """Bring the schema to head; back up first if there was an older schema."""
    current = current_revision(path)
    if current == SCHEMA_HEAD:
        return
    from alembic import command
    from alembic.script import ScriptDirectory

    head = head_revision()
    script = ScriptDirectory.from_config(alembic_config())
    if current is not None:
        try:
            script.get_revision(current)
        except Exception as exc:
            raise NewerDatabaseError(
                "This database was written by a newer version of PHT Desktop "
                f"(schema {current}). Update the app; your data has not been changed."
            ) from exc
        stamp = datetime.now(UTC).astimezone().strftime("%Y%m%d-%H%M%S")
        backup_database(
            path, path.parent / "backups" / f"before-migration-{current}-{stamp}.sqlite3"
        )
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
    log.info("database migrated from %s to %s", current, head)


def open_database(path: Path) -> sessionmaker[Session]:
    """Open (creating if needed) and migrate; returns a session factory."""
    check_integrity(path)
    engine = make_engine(path)
    migrate(engine, path)
    return sessionmaker(engine, expire_on_commit=False)
