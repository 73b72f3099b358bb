"""A kill at any moment of the first start or of an upgrade never bricks the folder.

Done-when of issue 12: after each kill the next start opens the data (at the schema
head, the user's entries kept), or refuses it with a clear DatabaseError leaving the
file byte for byte as it was; the restore list never offers a half-written backup.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from pht_desktop.services.data import list_backups
from pht_desktop.store import db, schema
from tests.exercises.test_catalogue_migration import _database_at_0001 as database_at_0001

DRIVER = Path(__file__).with_name("fault_start.py")
ROOT = Path(__file__).resolve().parents[2]
KILLS = 24
USER_ROWS = 3000


def _old_database(path: Path) -> None:
    """A database at the first schema, holding entries (the upgrade has data to keep)."""
    database_at_0001(path)
    engine = db.make_engine(path)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO sitting_bouts (started_at, ended_at, seconds, source)"
                " VALUES (:s, :s, 60, 'auto')"
            ),
            [
                {"s": f"2026-01-01 {n // 3600:02d}:{n // 60 % 60:02d}:{n % 60:02d}"}
                for n in range(USER_ROWS)
            ],
        )
    engine.dispose()


def _kill_runs(mode: str, base: Path, template: Path | None) -> list[Path]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    args = [sys.executable, str(DRIVER), mode, str(base), str(KILLS), "12"]
    if template is not None:
        args.append(str(template))
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=120, check=True)
    return [Path(f) for f in json.loads(done.stdout)["folders"]]


def _next_start(folder: Path, rows: int) -> str:
    """What the next start does with the folder: 'opened' or 'refused' (file untouched)."""
    path = folder / "pht-desktop.sqlite3"
    before = path.read_bytes() if path.exists() else None
    try:
        sessions = db.open_database(path)
    except db.DatabaseError:
        assert (path.read_bytes() if path.exists() else None) == before
        return "refused"
    engine = sessions.kw["bind"]
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT count(*) FROM sitting_bouts")).scalar()
    engine.dispose()
    assert db.current_revision(path) == schema.SCHEMA_HEAD
    assert stored == rows
    for backup in list_backups(path):
        assert db.current_revision(backup.path) is not None, backup
    return "opened"


@pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL are POSIX")
@pytest.mark.timeout(240)  # many interpreter starts: slow on a loaded machine
def test_killed_first_start_never_bricks_the_folder(tmp_path: Path) -> None:
    folders = _kill_runs("first", tmp_path, None)
    outcomes = [_next_start(f, 0) for f in folders]
    assert outcomes == ["opened"] * KILLS


@pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL are POSIX")
@pytest.mark.timeout(240)  # many interpreter starts: slow on a loaded machine
def test_killed_upgrade_never_bricks_the_folder_nor_loses_entries(tmp_path: Path) -> None:
    template = tmp_path / "old.sqlite3"
    _old_database(template)
    folders = _kill_runs("upgrade", tmp_path / "runs", template)
    outcomes = [_next_start(f, USER_ROWS) for f in folders]
    assert outcomes == ["opened"] * KILLS
    for folder in folders:
        with sqlite3.connect(folder / "pht-desktop.sqlite3") as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
