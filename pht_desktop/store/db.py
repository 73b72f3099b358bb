"""Opening the database: private file, PRAGMAs, migrations at start-up.

Habits from vorta/qutebrowser: WAL, foreign keys on, a backup before migrating,
and refusing a database written by a newer version of the app (never "repair"
what we do not understand).

Schema creation and upgrades cannot half-happen: every migration of one start runs in
a single SQLite transaction (SQLAlchemy's documented pysqlite recipe: the driver's own
transaction handling off, our ``BEGIN IMMEDIATE`` on begin), so a kill leaves either
the old file or the new one. A file that is not this app's (tables, but no Alembic
version) is never touched. A file the user made read-only is opened read-only, never
chmod-ed.
"""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import sqlalchemy.exc
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from pht_desktop.safe_files import TEMP_SUFFIX, fsync_dir, fsync_file
from pht_desktop.store.read_cache import versions_of
from pht_desktop.store.schema import (
    SCHEMA_HEAD,
    create_at_head,
    is_known_revision,
    upgrade_with_alembic,
)

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS: Final = 30_000
"""How long a write waits for another writer (an import in the CLI) before failing."""

PARTIAL_SUFFIX: Final = ".partial"
"""A file being written under a temporary name; renamed when complete (atomic)."""

Query = Callable[[str], list[Any]]
"""Runs one SQL statement and returns its rows (sqlite3 or SQLAlchemy underneath)."""


class DatabaseError(Exception):
    """A database the app must not touch; ``message`` tells the user why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NewerDatabaseError(DatabaseError):
    pass


class CorruptDatabaseError(DatabaseError):
    pass


class ForeignDatabaseError(DatabaseError):
    """An SQLite file of another program (or no app's): never modified."""


class UnusableLocationError(DatabaseError):
    """The data folder or file cannot be used: permissions, read-only, full disk."""


def is_disk_full(error: BaseException) -> bool:
    """An OS ENOSPC or SQLite's SQLITE_FULL ("database or disk is full")."""
    return getattr(error, "errno", None) == errno.ENOSPC or "disk is full" in str(error).lower()


def describe_os_error(error: BaseException, where: Path) -> str:
    """One plain sentence for an OS or SQLite error at ``where`` (no traceback)."""
    text = str(error).lower()
    code = getattr(error, "errno", None)
    if is_disk_full(error):
        return f"The disk holding {where} is full: free some space, then start again."
    if code == errno.EROFS or "read-only file system" in text:
        return f"{where} is on a read-only file system."
    if code in (errno.EACCES, errno.EPERM) or "permission denied" in text:
        return f"No permission to use {where} (check who owns it and its permissions)."
    if "readonly" in text or "read-only" in text:
        return f"{where} cannot be written (it is read-only)."
    if "unable to open" in text:
        return f"{where} cannot be opened (check the folder's permissions)."
    detail = getattr(error, "strerror", None) or error
    return f"{where} cannot be used ({detail})."


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: a committed entry survives a power cut too, not just a killed process.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _set_read_only_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def create_private_file(path: Path) -> None:
    """Create an empty file readable by the user only (0600 on POSIX).

    An existing file is left as it is: its permissions are the user's choice.
    """
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(fd)


def is_writable(path: Path) -> bool:
    """False for a file (or, when missing, folder) the user made read-only.

    Also checks the owner's write bit, so a 0400 file is read-only even for root.
    """
    target = path if path.exists() else path.parent
    if not os.access(target, os.W_OK):
        return False
    if sys.platform != "win32" and not target.stat().st_mode & 0o200:
        return False
    # SQLite needs the folder for its journal; without it every write fails.
    return not path.exists() or os.access(path.parent, os.W_OK | os.X_OK)


def make_engine(path: Path, read_only: bool = False) -> Engine:
    """The app's engine; SQL parameters (health data) never reach logs or errors."""
    if read_only:
        engine = create_engine(
            f"sqlite:///file:{path}?mode=ro&uri=true", future=True, hide_parameters=True
        )
        event.listen(engine, "connect", _set_read_only_pragmas)
        versions_of(engine)
        return engine
    create_private_file(path)
    engine = create_engine(f"sqlite:///{path}", future=True, hide_parameters=True)
    event.listen(engine, "connect", _set_pragmas)
    versions_of(engine)  # cached reads count every write from the first one on
    return engine


def is_read_only(engine: Engine) -> bool:
    return engine.url.query.get("mode") == "ro"


@contextmanager
def transactional_connection(path: Path) -> Iterator[Connection]:
    """One connection whose every statement, DDL included, is in one transaction.

    The pysqlite recipe from SQLAlchemy's docs ("Serializable isolation / Savepoints /
    Transactional DDL"): switch off the driver's own BEGIN handling and emit ours.
    IMMEDIATE takes the write lock first, so nobody writes between our checks and our
    changes. Foreign keys are off during a migration (SQLite's advice for table
    rebuilds) and checked before commit.
    """
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool, hide_parameters=True)

    def connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.execute("PRAGMA foreign_keys=OFF")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.close()

    def begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    event.listen(engine, "connect", connect)
    event.listen(engine, "begin", begin)
    try:
        with engine.begin() as connection:
            yield connection
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if broken:
                raise DatabaseError(
                    f"An upgrade would break links between entries ({len(broken)} found); "
                    "nothing was changed."
                )
    finally:
        engine.dispose()


def _read_only_connection(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True)


def current_revision(path: Path) -> str | None:
    """The schema revision stored in the file, read without Alembic (fast)."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    conn = _read_only_connection(path)
    try:
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
        ).fetchone()
        row = (
            conn.execute("SELECT version_num FROM alembic_version").fetchone()
            if has_table
            else None
        )
    finally:
        conn.close()
    return None if row is None else str(row[0])


def table_names(path: Path) -> set[str]:
    """The file's own tables (SQLite's internal ones left out)."""
    if not path.exists() or path.stat().st_size == 0:
        return set()
    conn = _read_only_connection(path)
    try:
        rows = conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
    finally:
        conn.close()
    return {str(r[0]) for r in rows}


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _app_columns() -> dict[str, set[str]]:
    from pht_desktop.store.tables import metadata

    columns = {name: {c.name for c in table.columns} for name, table in metadata.tables.items()}
    columns["alembic_version"] = {"version_num"}
    return columns


def looks_unfinished(query: Query) -> bool:
    """Only app tables, each with exactly the app's columns, all empty, no version row.

    That is what an older app's non-transactional first start left when killed; any
    other table, column or row means the file is not ours to rebuild.
    """
    names = {str(r[0]) for r in query(_TABLES_SQL)}
    if not names:
        return True
    expected = _app_columns()
    for name in names:
        if name not in expected:
            return False
        columns = {str(r[1]) for r in query(f"PRAGMA table_info({_quoted(name)})")}
        if columns != expected[name] or query(f"SELECT 1 FROM {_quoted(name)} LIMIT 1"):
            return False
    return True


_TABLES_SQL: Final = (
    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
)


def recognise(path: Path) -> None:
    """Refuse a file that is not this app's database; it is left exactly as it is.

    Ours: no tables yet (a new file), an Alembic version row, or what an older app's
    unfinished first start left (:func:`looks_unfinished`).
    """
    names = table_names(path)
    if not names or current_revision(path) is not None:
        return
    conn = _read_only_connection(path)
    try:
        unfinished = looks_unfinished(lambda sql: conn.execute(sql).fetchall())
    finally:
        conn.close()
    if unfinished:
        return
    shown = ", ".join(sorted(names)[:5]) + (" …" if len(names) > 5 else "")
    raise ForeignDatabaseError(
        f"{path.name} is an SQLite file that PHT Desktop did not make (it holds: {shown}). "
        "It has not been changed. Choose another data folder, or move the file away."
    )


def check_integrity(path: Path) -> None:
    """Refuse a file that is not a healthy SQLite database."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        conn = _read_only_connection(path)
        try:
            row = conn.execute("PRAGMA quick_check").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        text = str(exc).lower()
        if "disk is full" in text or "unable to open" in text or "readonly" in text:
            raise UnusableLocationError(describe_os_error(exc, path)) from exc
        raise CorruptDatabaseError(f"{path.name} is not a readable database ({exc}).") from exc
    if row is None or row[0] != "ok":
        raise CorruptDatabaseError(f"{path.name} is damaged: {row[0] if row else 'no answer'}.")


def partial_name(target: Path) -> Path:
    return target.with_name(target.name + PARTIAL_SUFFIX)


def backup_database(source: Path, target: Path) -> Path:
    """A consistent copy through SQLite's online backup API, renamed when complete.

    Written to ``<target>.partial`` first, so a kill never leaves a half backup under
    a name the restore list offers. The copy is switched out of WAL mode: a backup is
    one self-contained file, and checking it read-only then leaves no ``-wal``/``-shm``
    files beside it.
    """
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = partial_name(target)
    partial.unlink(missing_ok=True)
    try:
        create_private_file(partial)
        src = _read_only_connection(source)
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
            src.close()
        fsync_file(partial)
        os.replace(partial, target)
        fsync_dir(target.parent)
    finally:
        partial.unlink(missing_ok=True)
    return target


def remove_leftovers(database: Path) -> list[Path]:
    """Delete temporary files a killed write left beside ``database`` and in its backups.

    Only names the app itself makes are matched: the data folder may be one the user
    shares with other files.
    """
    patterns = {
        database.parent: (f".{database.name}.*{TEMP_SUFFIX}",),
        database.parent / "backups": (
            f"*{PARTIAL_SUFFIX}",
            f"*{PARTIAL_SUFFIX}-journal",
            f".*{TEMP_SUFFIX}",
        ),
    }
    removed: list[Path] = []
    for folder, globs in patterns.items():
        if not folder.is_dir():
            continue
        for pattern in globs:
            for path in folder.glob(pattern):
                if path.is_file() and not path.is_symlink():
                    try:
                        path.unlink()
                    except OSError:
                        continue
                    removed.append(path)
    if removed:
        log.info("removed %d leftover temporary file(s)", len(removed))
    return removed


def migrate(engine: Engine | None, path: Path) -> None:
    """Bring the schema to head in one transaction; back up first if there was data.

    A new file (or an older app's unfinished first start) is built at the head
    (``schema.create_at_head``); only an upgrade runs the migrations, with Alembic.
    ``engine`` is unused (kept for callers); the migration gets its own connection.
    """
    del engine
    current = current_revision(path)
    if current == SCHEMA_HEAD:
        return
    recognise(path)
    if current is not None:
        if not is_known_revision(current):
            raise NewerDatabaseError(
                "This database was written by a newer version of PHT Desktop "
                f"(schema {current}). Update the app; your data has not been changed."
            )
        stamp = datetime.now(UTC).astimezone().strftime("%Y%m%d-%H%M%S")
        backup_database(
            path, path.parent / "backups" / f"before-migration-{current}-{stamp}.sqlite3"
        )
    with transactional_connection(path) as connection:
        if current is None:
            _drop_unfinished_tables(connection)
            create_at_head(connection)
        else:
            upgrade_with_alembic(connection)
    log.info("database at schema %s (was %s)", SCHEMA_HEAD, current or "new")


def _drop_unfinished_tables(connection: Connection) -> None:
    """An older app's unfinished first start: empty app tables, no version; rebuilt."""

    def query(sql: str) -> list[Any]:
        return list(connection.exec_driver_sql(sql).fetchall())

    names = {str(r[0]) for r in query(_TABLES_SQL)}
    if not names:
        return
    if not looks_unfinished(query):
        raise ForeignDatabaseError("The database changed while it was being checked.")
    for name in names:
        connection.exec_driver_sql(f"DROP TABLE {_quoted(name)}")
    log.warning("rebuilt the tables of an unfinished first start (%s)", ", ".join(sorted(names)))


def recover_hot_journal(path: Path) -> None:
    """Let SQLite roll back what a killed write left in ``-journal`` (its own recovery).

    A read-only probe cannot do it ("readonly database"), so a writable file gets one
    ordinary connection first. A kill while a new file was switched to WAL leaves one.
    """
    journal = path.with_name(path.name + "-journal")
    if not journal.exists() or journal.stat().st_size == 0 or not is_writable(path):
        return
    try:
        conn = sqlite3.connect(path)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        log.warning("could not recover the journal of %s (%s)", path, exc)


def open_database(path: Path) -> sessionmaker[Session]:
    """Open (creating if needed) and migrate; returns a session factory.

    Read-only files open read-only (``is_read_only``); they cannot be upgraded.
    """
    recover_hot_journal(path)
    check_integrity(path)
    recognise(path)
    if path.exists() and not is_writable(path):
        if current_revision(path) != SCHEMA_HEAD:
            raise UnusableLocationError(
                f"{path.name} is read-only and needs an upgrade for this version of the app; "
                "make it writable, then start again."
            )
        engine = make_engine(path, read_only=True)
        log.warning("%s is read-only: opened read-only", path)
        return sessionmaker(engine, expire_on_commit=False)
    try:
        remove_leftovers(path)
        engine = make_engine(path)
        migrate(engine, path)
    except (OSError, sqlite3.OperationalError, sqlalchemy.exc.OperationalError) as exc:
        raise UnusableLocationError(describe_os_error(exc, path)) from exc
    return sessionmaker(engine, expire_on_commit=False)
