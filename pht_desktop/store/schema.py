"""The schema's versions: the head a new file is built at, and Alembic for upgrades.

A new database replays ``HEAD_SQL`` (the schema and built-in rows a migrated file holds
at ``SCHEMA_HEAD``) in the caller's transaction, so the first start neither imports
Alembic nor runs every migration: a quarter of a second of the first start. A test
proves ``HEAD_SQL`` equals what the migrations build, byte for byte. Alembic is imported
only when a file at an older revision is upgraded, or a revision must be looked up.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Final

from sqlalchemy import Connection

if TYPE_CHECKING:
    from alembic.config import Config

# The newest migration's revision id. Checked against Alembic's own head by a
# test, so start-up can skip importing Alembic when nothing needs migrating.
SCHEMA_HEAD = "0008"

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

HEAD_SQL = MIGRATIONS_DIR / "head.sql"
"""``SCHEMA_HEAD``'s tables, indexes and rows (regenerate: ``docs/tools/head_schema.py``)."""

_DUMP_FRAME: Final = ("BEGIN TRANSACTION;", "COMMIT;")


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """Alembic's own head (imports Alembic: tests and upgrades only)."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def is_known_revision(revision: str) -> bool:
    """A revision this app's migrations have; False for one a newer app wrote."""
    if revision == SCHEMA_HEAD:
        return True
    from alembic.script import ScriptDirectory

    try:
        ScriptDirectory.from_config(alembic_config()).get_revision(revision)
    except Exception:
        return False
    return True


def head_statements() -> list[str]:
    """``HEAD_SQL`` split into whole statements (a row's text may span lines)."""
    statements: list[str] = []
    pending = ""
    for line in HEAD_SQL.read_text(encoding="utf-8").splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError(f"{HEAD_SQL} ends inside a statement")
    return statements


def create_at_head(connection: Connection) -> None:
    """Build the head schema and its rows on an empty file, in ``connection``'s transaction."""
    for statement in head_statements():
        connection.exec_driver_sql(statement)


def upgrade_with_alembic(connection: Connection) -> None:
    """Run every migration from the file's revision (none: empty) to head."""
    from alembic import command

    config = alembic_config()
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


def dump_database(path: Path) -> str:
    """The file's schema and rows as SQL (sqlite3's ``iterdump``), as ``HEAD_SQL`` holds."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        lines = [line for line in conn.iterdump() if line not in _DUMP_FRAME]
    finally:
        conn.close()
    return "\n".join(lines) + "\n"
