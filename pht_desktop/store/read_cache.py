"""Whole-table reads kept until one of their tables is written (issue 16).

Today's cards, the plan and the report ask for the same few whole tables (settings,
mornings, baselines, tests, the session and run logs) many times over; each ask was a
query, and each first query of a kind an ORM compile. A read cached here is keyed by
its tables' write counts on the engine: every INSERT, UPDATE or DELETE through the
engine (any session, any service, an import, a restore) counts against the tables it
names, again at its commit or rollback, so a read is never older than the last write.
A session with its own uncommitted writes reads through and keeps nothing.

Another process (the command line importing runs while the app is open) writes past the
engine, so each cached read, and each transaction after its first write, compares the
size and modification time of the database file and its write-ahead log with what this
engine's own last commit left: a difference is another writer's commit, and every table
is read again. (A commit by another process in the microseconds between this engine's
commit and its connection's return would be taken for this engine's own, until the
next write.) Cached values must be immutable (tuples of frozen rows); callers copy
before handing out a list.
"""

from __future__ import annotations

import os
import re
import weakref
from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from typing import Any, TypeVar

from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

T = TypeVar("T")

EVERY_TABLE = "*"
"""What an unrecognised statement (DDL, a script) counts against: everything."""

_WRITE = re.compile(
    r"\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|REPLACE\s+INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM)"
    r"\s+[\"`\[]?(\w+)",
    re.IGNORECASE,
)
_READ = re.compile(r"\s*(?:SELECT|PRAGMA|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)\b", re.I)
_PENDING = "pht_tables_written"
"""Key in a DBAPI connection's ``info``: tables written in its open transaction."""
_WROTE = "pht_wrote"
"""Key in a DBAPI connection's ``info``: it wrote since it was checked out."""
_LOOKED = "pht_looked"
"""Key in a DBAPI connection's ``info``: its transaction looked at the files before
its first write (SQLite's write lock held)."""


def written_table(statement: str) -> str | None:
    """The table a statement writes, EVERY_TABLE when it cannot tell, None for a read."""
    found = _WRITE.match(statement)
    if found is not None:
        return found.group(1).lower()
    return None if _READ.match(statement) else EVERY_TABLE


def _changed_nothing(statement: str, cursor: Any) -> bool:
    """An UPDATE or DELETE that matched no row (the restart's sweep of unanswered prompts,
    on most starts). With RETURNING, SQLite counts rows only once they are fetched (the
    ORM's inserts), and -1 is "not known": both count as a change."""
    return cursor.rowcount == 0 and "RETURNING" not in statement.upper()


def database_files(engine: Engine) -> tuple[str, ...]:
    """The database file and its write-ahead log (none for an in-memory database)."""
    name = engine.url.database or ""
    if name.startswith("file:"):  # a read-only URI: file:/path?mode=ro
        name = name.removeprefix("file:").split("?", 1)[0]
    if not name or name == ":memory:":
        return ()
    return (name, f"{name}-wal")


def _file_stamps(paths: tuple[str, ...]) -> tuple[int, ...]:
    """Size and modification time of each file (0, 0 for one that is not there)."""
    stamps: list[int] = []
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            stamps += (0, 0)
        else:
            stamps += (info.st_size, info.st_mtime_ns)
    return tuple(stamps)


class TableVersions:
    """Write counts per table of one engine, and the reads cached against them."""

    def __init__(self, engine: Engine) -> None:
        self.files = database_files(engine)
        self.stamps = _file_stamps(self.files)
        """The files as this engine last left them: any other change is another writer's."""
        self.counts: Counter[str] = Counter()
        self.values: dict[Hashable, tuple[tuple[Hashable, ...], object]] = {}
        event.listen(engine, "after_cursor_execute", self._executed)
        event.listen(engine, "begin", self._began)
        event.listen(engine, "commit", self._ended)
        event.listen(engine, "rollback", self._ended)
        event.listen(engine, "checkin", self._checked_in)
        event.listen(engine, "engine_disposed", self._disposed)

    def key(self, tables: Iterable[str]) -> tuple[int, ...]:
        self._notice_other_writers()
        return (self.counts[EVERY_TABLE], *(self.counts[t] for t in tables))

    def _notice_other_writers(self) -> None:
        """Another process committed since this engine last looked: nothing read holds."""
        stamps = _file_stamps(self.files)
        if stamps != self.stamps:
            self.stamps = stamps
            self._bump((EVERY_TABLE,))

    def _bump(self, tables: Iterable[str]) -> None:
        self.counts.update(tables)

    def _executed(self, conn: Any, cursor: Any, statement: str, *_rest: Any) -> None:
        table = written_table(statement)
        if table is not None and not _changed_nothing(statement, cursor):
            self._bump((table,))
            conn.info.setdefault(_PENDING, set()).add(table)
        if table is not None:
            conn.info[_WROTE] = True  # even "nothing changed" may touch the log
            self._look_once(conn)

    def _look_once(self, conn: Any) -> None:
        """After a transaction's first write, which holds SQLite's write lock (waiting
        for another writer's commit if need be), another writer's commit since the last
        look is counted: this transaction's commit would take those files for its own."""
        if not conn.info.get(_LOOKED):
            conn.info[_LOOKED] = True
            self._notice_other_writers()

    def _ended(self, conn: Any) -> None:
        """The commit event comes just before SQLite's commit: a read on another thread
        in between sees the old rows, so the tables are counted again once it is done
        (the connection's next transaction, or its return to the pool)."""
        self._bump(conn.info.get(_PENDING, ()))

    def _began(self, conn: Any) -> None:
        """The connection's previous transaction, if any, has finished."""
        self._bump(conn.info.pop(_PENDING, ()))
        conn.info.pop(_LOOKED, None)

    def _checked_in(self, _dbapi_connection: Any, record: Any) -> None:
        self._bump(record.info.pop(_PENDING, ()))
        record.info.pop(_LOOKED, None)
        if record.info.pop(_WROTE, False):
            # This engine's own commit changed the files (after the commit event, so
            # here, once the connection is back): not another writer's.
            self.stamps = _file_stamps(self.files)

    def _disposed(self, _engine: Any) -> None:
        """A restore swaps the file under the engine: nothing read before holds."""
        self._bump((EVERY_TABLE,))


_VERSIONS: weakref.WeakKeyDictionary[Engine, TableVersions] = weakref.WeakKeyDictionary()


def versions_of(engine: Engine) -> TableVersions:
    """The engine's write counts, listening from the first use on."""
    versions = _VERSIONS.get(engine)
    if versions is None:
        versions = _VERSIONS[engine] = TableVersions(engine)
    return versions


def cached(
    session: Session,
    name: Hashable,
    tables: Iterable[str],
    load: Callable[[], T],
    args: Hashable = (),
) -> T:
    """``load()``'s value, read again only after a write to one of ``tables`` or when
    asked with other ``args`` (one slot per ``name``: a day's reads keep only that day)."""
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine  # a session on a connection
    connection = session.connection()
    if connection.info.get(_PENDING) or session.new or session.dirty or session.deleted:
        return load()  # this transaction's own writes: read through, keep nothing
    versions = _VERSIONS.get(engine)
    if versions is None:  # not listening until now: earlier writes were not counted
        versions_of(engine)
        return load()
    key = (args, *versions.key(tables))
    hit = versions.values.get(name)
    if hit is not None and hit[0] == key:
        return hit[1]  # type: ignore[return-value]
    value = load()
    versions.values[name] = (key, value)
    return value
