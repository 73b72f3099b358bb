"""Reading everything for an export and writing an import, with de-duplication.

Records are the typed dicts of :mod:`pht_desktop.domain.interchange`; column names equal
model attributes except where a link is written as a natural key (an exercise's ``ref``,
a session's ``(performed_at, exercise)``, a prompt's ``fired_at``), because database ids
mean nothing in another data folder. The caller owns the transaction: an import is all
or nothing, and a dry run is the same import rolled back.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    insert,
    select,
)
from sqlalchemy.orm import Session, selectinload

from pht_desktop.domain.interchange import (
    KINDS_BY_NAME,
    Kind,
    KindCount,
    Record,
    exercise_refs,
)
from pht_desktop.store import settings_repo

if TYPE_CHECKING:
    from pht_desktop.store.import_stage import ImportStage
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
            before = self.find(spec, existing, key)
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

    @staticmethod
    def find(
        spec: Kind, existing: Mapping[tuple[Any, ...], Record], key: tuple[Any, ...]
    ) -> Record | None:
        """The stored record with this key; a moment missing from the file matches any."""
        found = existing.get(key)
        loose = [i for i, name in enumerate(spec.key) if name in _DEFAULT_NOW and key[i] is None]
        if found is not None or not loose:
            return found
        fixed = [i for i in range(len(key)) if i not in loose]
        for other, record in existing.items():
            if all(other[i] == key[i] for i in fixed):
                return record
        return None


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
