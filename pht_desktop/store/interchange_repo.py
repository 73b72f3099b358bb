"""Reading everything for an export and writing an import, with de-duplication.

Records are the typed dicts of :mod:`pht_desktop.domain.interchange`; column names equal
model attributes except where a link is written as a natural key (an exercise's ``ref``,
a session's ``(performed_at, exercise)``, a prompt's ``fired_at``), because database ids
mean nothing in another data folder. The caller owns the transaction: an import is all
or nothing, and a dry run is the same import rolled back.
"""

from __future__ import annotations

from collections import defaultdict
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
from sqlalchemy.orm import Session, selectinload

from pht_desktop.domain.interchange import (
    KINDS_BY_NAME,
    MAX_PROBLEMS,
    Kind,
    KindCount,
    Problem,
    Record,
    duplicate_keys,
    exercise_refs,
)
from pht_desktop.store import settings_repo
from pht_desktop.store.models import (
    AwayPeriod,
    Base,
    BaselineChange,
    BreakPrompt,
    Exercise,
    ExerciseSession,
    MeasureEntry,
    MorningPain,
    PathologyStageChange,
    PromptDeferral,
    Run,
    SessionSet,
    Setting,
    SittingBout,
    StageChange,
    Stand,
    TestChange,
)

# Kinds whose columns are exactly model attributes, with their natural-key order.
_FLAT: dict[str, type[Base]] = {
    "stage_changes": StageChange,
    "pathology_stage_changes": PathologyStageChange,
    "baseline_changes": BaselineChange,
    "test_changes": TestChange,
    "morning_pain": MorningPain,
    "runs": Run,
    "sitting_bouts": SittingBout,
    "break_prompts": BreakPrompt,
    "away_periods": AwayPeriod,
}

_DEFAULT_NOW = ("created_at", "recorded_at")
"""Optional in a file; filled with the import time because the database requires them."""


def _flat_record(kind: str, row: Any) -> Record:
    return {name: getattr(row, name) for name in KINDS_BY_NAME[kind].column_names}


def _rows(session: Session, model: type[Base], kind: str) -> list[Any]:
    """All rows ordered by natural key, then id, so exports are deterministic."""
    order = [getattr(model, name) for name in KINDS_BY_NAME[kind].key]
    return list(session.scalars(select(model).order_by(*order, model.id)))  # type: ignore[attr-defined]


def exercise_ref_ids(session: Session) -> dict[str, int]:
    """Every exercise's file reference (slug or ``custom:<name>``) → its id."""
    rows = list(
        session.execute(select(Exercise.id, Exercise.slug, Exercise.name).order_by(Exercise.id))
    )
    refs = exercise_refs([(slug, name) for _id, slug, name in rows])
    return {ref: row[0] for ref, row in zip(refs, rows, strict=True)}


def _prompt_times(session: Session) -> dict[int, datetime]:
    rows = session.execute(select(BreakPrompt.id, BreakPrompt.fired_at))
    return dict(rows.all())


Tables = dict[str, list[Record]]


def export_tables(session: Session) -> Tables:
    """Every kind except verdicts, as records in a stable order."""
    tables: Tables = {"settings": _settings(session)}
    for kind, model in _FLAT.items():
        tables[kind] = [_flat_record(kind, row) for row in _rows(session, model, kind)]
    tables["measures"] = _live_measures(session)
    refs = {ex_id: ref for ref, ex_id in exercise_ref_ids(session).items()}
    tables["exercises"] = _custom_exercises(session, refs)
    tables["sessions"], tables["session_sets"] = _session_tables(session, refs)
    tables.update(_prompt_linked(session))
    return tables


def _settings(session: Session) -> list[Record]:
    return [
        {"key": row.key, "value": settings_repo.load_setting(session, row.key)}
        for row in session.scalars(select(Setting).order_by(Setting.key))
    ]


def _custom_exercises(session: Session, refs: Mapping[int, str]) -> list[Record]:
    return [
        {"ref": refs[row.id]} | _exercise_fields(row)
        for row in session.scalars(
            select(Exercise).where(Exercise.builtin.is_(False)).order_by(Exercise.id)
        )
    ]


def _session_tables(session: Session, refs: Mapping[int, str]) -> tuple[list[Record], list[Record]]:
    """Sessions and their sets, sessions in (time, exercise) order."""
    sessions = list(
        session.scalars(select(ExerciseSession).options(selectinload(ExerciseSession.sets)))
    )
    sessions.sort(key=lambda s: (s.performed_at, refs[s.exercise_id], s.id))
    records: list[Record] = []
    sets: list[Record] = []
    for row in sessions:
        record = _flat_record_except(row, "sessions", "exercise")
        record["exercise"] = refs[row.exercise_id]
        records.append(record)
        sets += [
            {
                "session_performed_at": row.performed_at,
                "session_exercise": record["exercise"],
                "position": s.position,
                "reps": s.reps,
                "hold_seconds": s.hold_seconds,
                "rest_seconds": s.rest_seconds,
            }
            for s in row.sets
        ]
    return records, sets


def _prompt_linked(session: Session) -> Tables:
    """Deferrals and stands, each pointing at its prompt by ``prompt_fired_at``."""
    fired = _prompt_times(session)
    tables: Tables = {}
    for kind, model in (("prompt_deferrals", PromptDeferral), ("stands", Stand)):
        tables[kind] = []
        for row in _rows(session, model, kind):
            record = _flat_record_except(row, kind, "prompt_fired_at")
            record["prompt_fired_at"] = None if row.prompt_id is None else fired[row.prompt_id]
            tables[kind].append(record)
    return tables


def _live_measures(session: Session) -> list[Record]:
    """Outcome measures (issue 15), live ones only: a deleted entry may share its
    (kind, date) key with the live one that replaced it, and undo is not exported."""
    query = (
        select(MeasureEntry)
        .where(MeasureEntry.deleted_at.is_(None))
        .order_by(MeasureEntry.kind, MeasureEntry.taken_on, MeasureEntry.id)
    )
    return [_flat_record("measures", row) for row in session.scalars(query)]


def _exercise_fields(row: Exercise) -> Record:
    return _flat_record_except(row, "exercises", "ref")


def _flat_record_except(row: Any, kind: str, *skip: str) -> Record:
    return {n: getattr(row, n) for n in KINDS_BY_NAME[kind].column_names if n not in skip}


class _Merger:
    """Adds file records that are not there yet; counts duplicates and conflicts."""

    def __init__(self, session: Session, now: datetime) -> None:
        self.session = session
        self.now = now
        self.counts: dict[str, KindCount] = {}

    def existing(self, kind: str, records: Sequence[Record]) -> dict[tuple[Any, ...], Record]:
        spec = KINDS_BY_NAME[kind]
        return {spec.key_of(r): r for r in records}

    def merge(
        self, kind: str, records: Sequence[Record], existing: dict[tuple[Any, ...], Record]
    ) -> list[Record]:
        """The records to insert; a key already in the database is counted, not added.

        A key twice in ``records`` is refused before this (``interchange.duplicate_keys``):
        which of the two would be kept is a guess, so it is never resolved silently here.
        """
        spec = KINDS_BY_NAME[kind]
        count = self.counts.setdefault(kind, KindCount())
        fresh: list[Record] = []
        seen: set[tuple[Any, ...]] = set()
        for record in records:
            key = spec.key_of(record)
            if key in seen:
                raise ValueError(f"{kind}: {key!r} twice in one import; validate it first")
            seen.add(key)
            before = existing.get(key)
            if before is None:
                full = record  # parsed for this import only: no copy of 700k rows
                for name in _DEFAULT_NOW:
                    if name in full and full[name] is None:
                        full[name] = self.now
                existing[key] = full
                fresh.append(full)
                count.new += 1
            elif _same(before, record):
                count.duplicate += 1
            else:
                count.conflict += 1
        return fresh


def _same(before: Record, record: Record) -> bool:
    return all(before.get(k) == v or (k in _DEFAULT_NOW and v is None) for k, v in record.items())


INSERT_CHUNK = 5000
"""Rows per executemany: a 700k-row import never builds 700k ORM objects."""


def _bulk_insert(session: Session, model: type[Base], records: Sequence[Record]) -> None:
    """Plain rows in chunks through the ORM's bulk INSERT (same types, no identity map)."""
    for start in range(0, len(records), INSERT_CHUNK):
        session.execute(insert(model), list(records[start : start + INSERT_CHUNK]))


def import_tables(
    session: Session,
    tables: Mapping[str, Sequence[Record]],
    now: datetime,
    staged: ImportStage | None = None,
) -> dict[str, KindCount]:
    """Insert what is new in one session (the caller commits or rolls back).

    Kinds in ``staged`` are merged from its tables in SQL; the others from ``tables``.
    """
    merger = _Merger(session, now)
    current = _linked_tables(session)
    _import_settings(session, merger, tables, current)
    ref_ids = _import_exercises(session, merger, tables, current)
    for kind, model in _FLAT.items():
        if staged is not None and kind in staged.tables:
            merger.counts[kind] = staged.merge_into(session, kind, model, now)
            continue
        existing = merger.existing(
            kind, [_flat_record(kind, r) for r in _rows(session, model, kind)]
        )
        _bulk_insert(session, model, merger.merge(kind, tables.get(kind, ()), existing))
    fresh = merger.merge(
        "measures", tables.get("measures", ()), merger.existing("measures", current["measures"])
    )
    session.add_all(MeasureEntry(deleted_at=None, **record) for record in fresh)
    session.flush()
    _import_sessions(session, merger, tables, current, ref_ids)
    _import_prompt_links(session, merger, tables, current)
    session.flush()
    return merger.counts


def _linked_tables(session: Session) -> dict[str, list[Record]]:
    """What is already there of the kinds merged in memory (the small ones)."""
    refs = {ex_id: ref for ref, ex_id in exercise_ref_ids(session).items()}
    tables = {"settings": _settings(session), "measures": _live_measures(session)}
    tables["exercises"] = _custom_exercises(session, refs)
    tables["sessions"], _sets = _session_tables(session, refs)
    tables.update(_prompt_linked(session))
    return tables


def _import_settings(
    session: Session, merger: _Merger, tables: Mapping[str, Sequence[Record]], current: Tables
) -> None:
    existing = merger.existing("settings", current["settings"])
    for record in merger.merge("settings", tables.get("settings", ()), existing):
        settings_repo.save_setting(session, record["key"], record["value"])


def _import_exercises(
    session: Session, merger: _Merger, tables: Mapping[str, Sequence[Record]], current: Tables
) -> dict[str, int]:
    ref_ids = exercise_ref_ids(session)
    known = merger.existing("exercises", current["exercises"])
    for ref in ref_ids:  # built-in ones: a file may only point at them
        known.setdefault((ref,), {"ref": ref})
    for record in merger.merge("exercises", tables.get("exercises", ()), known):
        exercise = Exercise(builtin=False, **{k: v for k, v in record.items() if k != "ref"})
        session.add(exercise)
        session.flush()
        ref_ids[record["ref"]] = exercise.id
    return ref_ids


def _import_sessions(
    session: Session,
    merger: _Merger,
    tables: Mapping[str, Sequence[Record]],
    current: Tables,
    ref_ids: dict[str, int],
) -> None:
    sets_by_session: dict[tuple[Any, ...], list[Record]] = defaultdict(list)
    for record in tables.get("session_sets", ()):
        sets_by_session[(record["session_performed_at"], record["session_exercise"])].append(record)
    existing_sessions = merger.existing("sessions", current["sessions"])
    new_sets = 0
    for record in merger.merge("sessions", tables.get("sessions", ()), existing_sessions):
        key = (record["performed_at"], record["exercise"])
        fields = {k: v for k, v in record.items() if k != "exercise"}
        row = ExerciseSession(exercise_id=ref_ids[record["exercise"]], **fields)
        row.sets = [
            SessionSet(
                position=s["position"],
                reps=s["reps"],
                hold_seconds=s["hold_seconds"],
                rest_seconds=s["rest_seconds"],
            )
            for s in sorted(sets_by_session.pop(key, []), key=lambda s: s["position"])
        ]
        new_sets += len(row.sets)
        session.add(row)
    merger.counts["session_sets"] = KindCount(
        new=new_sets, duplicate=len(tables.get("session_sets", ())) - new_sets
    )


def _import_prompt_links(
    session: Session, merger: _Merger, tables: Mapping[str, Sequence[Record]], current: Tables
) -> None:
    wanted = {
        r["prompt_fired_at"]
        for kind in ("prompt_deferrals", "stands")
        for r in tables.get(kind, ())
        if r["prompt_fired_at"] is not None
    }
    prompt_ids = _prompt_ids(session, wanted)
    for kind, model in (("prompt_deferrals", PromptDeferral), ("stands", Stand)):
        existing = merger.existing(kind, current[kind])
        for record in merger.merge(kind, tables.get(kind, ()), existing):
            fired = record["prompt_fired_at"]
            fields = {k: v for k, v in record.items() if k != "prompt_fired_at"}
            session.add(model(prompt_id=None if fired is None else prompt_ids[fired], **fields))


def _prompt_ids(session: Session, wanted: set[datetime]) -> dict[datetime, int]:
    """The ids of the prompts fired at ``wanted`` times (asked in chunks, not all read)."""
    found: dict[datetime, int] = {}
    times = sorted(wanted)
    for start in range(0, len(times), 500):
        chunk = times[start : start + 500]
        query = select(BreakPrompt.fired_at, BreakPrompt.id).where(BreakPrompt.fired_at.in_(chunk))
        found.update((fired, pid) for fired, pid in session.execute(query))
    return found


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
        match = and_(*(target.c[k] == staged.c[k] for k in KINDS_BY_NAME[kind].key))
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


def _same_cell(stored: Any, staged: Any) -> Any:
    """SQL for ``_same``: equal (NULLs too), or not given in the file (filled at import)."""
    if stored.name in _DEFAULT_NOW:
        return or_(staged.is_(None), stored.is_not_distinct_from(staged))
    return stored.is_not_distinct_from(staged)
