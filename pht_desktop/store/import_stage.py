"""Staging an import's big kinds in TEMP tables, then merging them in SQL (issue 12).

A temporary table lives in SQLite's temporary database of one connection, so filling it
takes no lock on the user's database and no memory beyond SQLite's cache; the natural
keys that are new are then inserted by ``INSERT … SELECT`` inside the one transaction
of :func:`pht_desktop.store.interchange_repo.import_tables`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy.exc
from sqlalchemy import (
    Column,
    Engine,
    Integer,
    MetaData,
    Table,
    and_,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import Session

from pht_desktop.domain.interchange import (
    KINDS_BY_NAME,
    MAX_PROBLEMS,
    Kind,
    KindCount,
    Problem,
    Record,
    duplicate_keys,
)
from pht_desktop.store.interchange_repo import (
    _DEFAULT_NOW,
    _FLAT,
    exercise_ref_ids,
    import_tables,
)
from pht_desktop.store.models import Base


class ImportStage:
    """Validated rows of the big kinds, held in TEMP tables of one connection.

    A temporary table lives in SQLite's temporary database of that connection, so
    filling it takes no lock on the user's database and no memory beyond SQLite's
    cache: the running app keeps writing while a 700k-row file is read and checked.
    :meth:`apply` then merges everything in one short ``BEGIN IMMEDIATE`` transaction
    (all or nothing). The tables are dropped on :meth:`close`.
    """

    kinds: frozenset[str] = frozenset(_FLAT)

    def __init__(self, engine: Engine) -> None:
        self.connection = engine.connect()
        self.tables: dict[str, Table] = {}
        self._metadata = MetaData()

    def _table(self, kind: str) -> Table:
        table = self.tables.get(kind)
        if table is None:
            target = _table_of(_FLAT[kind])
            columns = [Column(n, target.c[n].type) for n in KINDS_BY_NAME[kind].column_names]
            table = Table(
                f"pht_import_{kind}",
                self._metadata,
                Column("line", Integer, primary_key=True),
                *columns,
                prefixes=["TEMPORARY"],
            )
            table.create(self.connection)
            self.tables[kind] = table
        return table

    def add(self, kind: Kind, records: list[tuple[int, Record]]) -> None:
        table = self._table(kind.name)
        self.connection.execute(insert(table), [{"line": n} | r for n, r in records])

    def duplicates(self, kind: Kind, where: str) -> list[Problem]:
        """Rows whose natural key is on another row of the file, as the domain words them."""
        table = self._table(kind.name)
        keys = [table.c[k] for k in kind.key]
        repeats = func.count().over(partition_by=keys).label("repeats")
        inner = select(table.c.line, *keys, repeats).subquery()
        query = (
            select(inner.c.line, *(inner.c[k] for k in kind.key))
            .where(inner.c.repeats > 1)
            .order_by(inner.c.line)
            .limit(MAX_PROBLEMS)
        )
        rows = [
            (row[0], dict(zip(kind.key, row[1:], strict=True)))
            for row in self.connection.execute(query)
        ]
        return duplicate_keys(kind, where, rows)

    def prompt_times(self, wanted: set[datetime]) -> set[datetime]:
        """Which of ``wanted`` are the fired_at of a staged break prompt."""
        if "break_prompts" not in self.tables or not wanted:
            return set()
        table = self.tables["break_prompts"]
        times = sorted(wanted)
        found: set[datetime] = set()
        for start in range(0, len(times), 500):
            chunk = times[start : start + 500]
            query = select(table.c.fired_at).where(table.c.fired_at.in_(chunk))
            found.update(self.connection.execute(query).scalars())
        return found

    def merge_into(
        self, session: Session, kind: str, model: type[Base], now: datetime
    ) -> KindCount:
        """Insert the staged rows whose natural key is new; count the rest (SQL only)."""
        staged = self.tables[kind]
        target = _table_of(model)
        names = KINDS_BY_NAME[kind].column_names
        match = and_(*(_same_key(target.c[k], staged.c[k]) for k in KINDS_BY_NAME[kind].key))
        same = and_(match, *(_same_cell(target.c[n], staged.c[n]) for n in names))
        total, known, identical = session.execute(
            select(
                func.count(),
                func.count().filter(exists().where(match)),
                func.count().filter(exists().where(same)),
            ).select_from(staged)
        ).one()
        values = [
            func.coalesce(staged.c[n], literal(now, target.c[n].type))
            if n in _DEFAULT_NOW
            else staged.c[n]
            for n in names
        ]
        rows = select(*values).where(~exists().where(match)).order_by(staged.c.line)
        session.execute(insert(target).from_select(list(names), rows))
        return KindCount(new=total - known, duplicate=identical, conflict=known - identical)

    def exercise_refs(self) -> dict[str, int]:
        with Session(bind=self.connection) as session:
            return exercise_ref_ids(session)

    def apply(
        self,
        tables: Mapping[str, Sequence[Record]],
        now: datetime,
        commit: bool,
        before_commit: Callable[[], None] | None = None,
    ) -> dict[str, KindCount]:
        """Merge everything in one ``BEGIN IMMEDIATE`` transaction: committed whole, or
        rolled back (a dry run, or ``before_commit`` raising: a cancel)."""
        self.connection.commit()  # the staging transaction: temporary tables only
        self.connection.exec_driver_sql("BEGIN IMMEDIATE")
        with Session(bind=self.connection) as session:
            counts = import_tables(session, tables, now, staged=self)
        if before_commit is not None:
            before_commit()
        if commit:
            self.connection.commit()
        else:
            self.connection.rollback()
        return counts

    def close(self) -> None:
        """Roll back anything unfinished and drop the staging tables; a connection whose
        tables cannot be dropped is discarded, so no pooled connection keeps them."""
        try:
            self.connection.rollback()
            for table in self.tables.values():
                self.connection.exec_driver_sql(f"DROP TABLE IF EXISTS temp.{table.name}")
            self.connection.commit()
        except sqlalchemy.exc.DBAPIError:
            self.connection.invalidate()
        finally:
            self.connection.close()


def _table_of(model: type[Base]) -> Table:
    table = model.__table__
    assert isinstance(table, Table)
    return table


def _same_key(stored: Any, staged: Any) -> Any:
    """SQL for one key column: equal, or (a moment) not given in the file, which then
    matches any (``_Merger.find``)."""
    if stored.name in _DEFAULT_NOW:
        return or_(staged.is_(None), stored == staged)
    return stored == staged


def _same_cell(stored: Any, staged: Any) -> Any:
    """SQL for ``_same``: equal (NULLs too), or not given in the file (filled at import)."""
    if stored.name in _DEFAULT_NOW:
        return or_(staged.is_(None), stored.is_not_distinct_from(staged))
    return stored.is_not_distinct_from(staged)
