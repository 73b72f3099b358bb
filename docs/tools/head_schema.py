"""Rewrite pht_desktop/store/migrations/head.sql: what the migrations build, dumped.

Usage: .venv/bin/python docs/tools/head_schema.py   (after adding or changing a migration)

Runs every migration with Alembic on an empty file, exactly as an upgrade would, and
writes that file's schema and rows (``sqlite3`` ``iterdump``) to ``head.sql``, which a
new database replays at its first start. ``tests/foundation/test_migrations.py`` fails
while ``head.sql`` is behind the migrations.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from pht_desktop.store import db, schema  # noqa: E402


def migrated_dump() -> str:
    """The dump of a new file the migrations built (Alembic, from empty to head)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "head.sqlite3"
        with db.transactional_connection(path) as connection:
            schema.upgrade_with_alembic(connection)
        return schema.dump_database(path)


if __name__ == "__main__":
    schema.HEAD_SQL.write_text(migrated_dump(), encoding="utf-8")
    print(f"wrote {schema.HEAD_SQL.relative_to(ROOT)} at schema {schema.SCHEMA_HEAD}")
