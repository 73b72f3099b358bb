"""Start-up never touches a file that is not ours, and never ends silently (issue 12).

Finding 2 (foreign files, a missing version table), 5 (leftovers), 7 (permissions,
read-only places) and the headless one-line-and-exit-code rule.
"""

from __future__ import annotations

import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pht_desktop.paths import ensure_private_dir
from pht_desktop.services.data import list_backups
from pht_desktop.startup_errors import EXIT_LOCATION, EXIT_REFUSED
from pht_desktop.store import db, schema

ROOT = Path(__file__).resolve().parents[2]


def _sqlite_file(path: Path, *statements: str) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return path.read_bytes()


def _tables(path: Path) -> set[str]:
    return db.table_names(path)


@pytest.mark.parametrize(
    "statements",
    [
        # another program's file with a table name the app also uses
        (
            "CREATE TABLE settings (name TEXT, colour TEXT)",
            "INSERT INTO settings VALUES ('a', 'b')",
        ),
        # an empty table of the same name is still another program's schema
        ("CREATE TABLE settings (name TEXT, colour TEXT)",),
        # another program's file with nothing in common: must not get 16 tables added
        ("CREATE TABLE photos (id INTEGER PRIMARY KEY, path TEXT)",),
        # our tables with entries but no alembic_version: not ours to guess about
        (
            "CREATE TABLE morning_pain (id INTEGER PRIMARY KEY, pain INTEGER)",
            "INSERT INTO morning_pain VALUES (1, 3)",
        ),
    ],
    ids=["clashing-table", "clashing-empty-table", "no-clash", "no-version-table-with-data"],
)
def test_a_file_that_is_not_ours_is_refused_untouched(
    tmp_path: Path, statements: tuple[str, ...]
) -> None:
    path = tmp_path / "data" / "pht-desktop.sqlite3"
    before = _sqlite_file(path, *statements)
    tables = _tables(path)
    with pytest.raises(db.ForeignDatabaseError, match="did not make"):
        db.open_database(path)
    assert path.read_bytes() == before
    assert _tables(path) == tables


def test_an_unfinished_first_start_of_an_older_app_is_rebuilt(tmp_path: Path) -> None:
    """Empty app tables and no version row: what the old non-transactional DDL left."""
    path = tmp_path / "pht-desktop.sqlite3"
    db.open_database(path).kw["bind"].dispose()
    _sqlite_file(
        path,
        "DROP TABLE alembic_version",
        "DROP TABLE session_sets",
        "DROP TABLE exercise_sessions",
        "DROP TABLE exercises",  # seeded by 0002, so not empty
    )
    db.open_database(path).kw["bind"].dispose()
    assert db.current_revision(path) == schema.SCHEMA_HEAD
    assert "exercises" in _tables(path)


def test_a_kill_leftover_backup_is_removed_and_never_offered(db_path: Path) -> None:
    backups = db_path.parent / "backups"
    backups.mkdir()
    (backups / "before-migration-0001-20260101-000000.sqlite3.partial").write_bytes(b"x" * 100)
    (backups / "pht-desktop-2026-01-01.sqlite3").write_bytes(b"SQLite format 3\0" + b"\0" * 84)
    (db_path.parent / f".{db_path.name}.abc123.tmp").write_bytes(b"half")
    (db_path.parent / "users-own.tmp").write_bytes(b"keep")
    db.open_database(db_path).kw["bind"].dispose()
    assert sorted(p.name for p in backups.iterdir()) == ["pht-desktop-2026-01-01.sqlite3"]
    assert list_backups(db_path) == []  # 0 tables: not a restorable backup
    assert not (db_path.parent / f".{db_path.name}.abc123.tmp").exists()
    assert (db_path.parent / "users-own.tmp").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_read_only_database_opens_read_only_and_keeps_its_mode(db_path: Path) -> None:
    db_path.chmod(0o400)
    sessions = db.open_database(db_path)
    engine = sessions.kw["bind"]
    assert db.is_read_only(engine)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT count(*) FROM settings").scalar() == 0
        with pytest.raises(Exception, match=r"readonly|read-only|attempt to write"):
            connection.exec_driver_sql("INSERT INTO settings (key, value) VALUES ('a', '1')")
    engine.dispose()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o400


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_an_existing_folder_keeps_its_permissions(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    ensure_private_dir(shared)
    db.open_database(shared / "pht-desktop.sqlite3").kw["bind"].dispose()
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert stat.S_IMODE((shared / "pht-desktop.sqlite3").stat().st_mode) == 0o600
    made = ensure_private_dir(tmp_path / "new" / "data")
    assert stat.S_IMODE(made.stat().st_mode) == 0o700


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pht_desktop", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(ROOT)},
    )


def test_headless_refusal_is_one_line_and_a_distinct_exit_code(tmp_path: Path) -> None:
    data = tmp_path / "data"
    _sqlite_file(data / "pht-desktop.sqlite3", "CREATE TABLE photos (id INTEGER)")
    export = _run("export", "--out", str(tmp_path / "x.zip"), "--data-dir", str(data))
    smoke = _run("--smoke", "--data-dir", str(data))
    for done in (export, smoke):
        assert done.returncode == EXIT_REFUSED, done.stderr
        lines = [line for line in done.stderr.splitlines() if line.startswith("pht-desktop")]
        assert len(lines) == 1
        assert "did not make" in lines[0]
        assert "Traceback" not in done.stderr


def test_a_data_folder_that_is_a_file_is_one_line_not_a_traceback(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    done = _run("export", "--out", str(tmp_path / "x.zip"), "--data-dir", str(blocker / "data"))
    assert done.returncode == EXIT_LOCATION, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().count("\n") == 0


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_preview_of_an_import_into_a_read_only_database_is_a_plain_refusal(
    db_path: Path, tmp_path: Path
) -> None:
    """Issue 12: a dry run stages its rows, which a read-only file cannot: the banner's
    words, never an OperationalError (a real import raises ReadOnlyError, as writes do)."""
    from pht_desktop.domain.clock import FakeClock
    from pht_desktop.services.data import DataService

    writable = DataService(db.open_database(db_path), FakeClock(), db_path)
    archive = writable.export_zip(tmp_path / "export.zip")
    writable.engine.dispose()
    db_path.chmod(0o400)
    data = DataService(db.open_database(db_path), FakeClock(), db_path)
    report = data.import_file(archive, dry_run=True)
    data.engine.dispose()
    assert report.lines() == [
        "Nothing was imported: 1 problem(s) found.",
        f"{db_path.name}: Read-only: changes cannot be saved",
    ]
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o400
