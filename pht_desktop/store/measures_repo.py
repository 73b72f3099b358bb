"""Outcome measures (issue 15) stored and read back as domain values.

Callers validate in the domain first (:class:`~pht_desktop.domain.measures.Measure`);
this module only stores and reads. Entries are soft-deleted (``deleted_at``) so a delete
can be undone; reads return live entries only. Runs are read here too, as the plain
items pain-free running needs, so the service asks one repository. Core statements
only: Today's due line reads the measures at start-up, before the ORM is mapped.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from pht_desktop.domain.measures import Measure, MeasureKind, RunItem, Side
from pht_desktop.domain.stored_values import as_stored
from pht_desktop.store import exercises_repo
from pht_desktop.store.rows import inserted_id, update_one
from pht_desktop.store.tables import measures

_entry = measures.c


def _measure(row: Any) -> Measure:
    """The stored measure, read as stored even where today's limits would refuse it."""
    return as_stored(
        Measure,
        kind=MeasureKind(row.kind),
        day=row.taken_on,
        value=row.value,
        reached_cap=row.reached_cap,
        left_reps=row.left_reps,
        right_reps=row.right_reps,
        painful_side=None if row.painful_side is None else Side(row.painful_side),
        tempo_s=row.tempo_s,
        note=row.note,
        id=row.id,
    )


def _columns(measure: Measure) -> dict[str, Any]:
    return {
        "kind": measure.kind.value,
        "taken_on": measure.day,
        "value": measure.value,
        "reached_cap": measure.reached_cap,
        "left_reps": measure.left_reps,
        "right_reps": measure.right_reps,
        "painful_side": None if measure.painful_side is None else measure.painful_side.value,
        "tempo_s": measure.tempo_s,
        "note": measure.note,
    }


def add_measure(session: Session, measure: Measure, created_at: datetime) -> int:
    added = insert(measures).values(created_at=created_at, deleted_at=None, **_columns(measure))
    return inserted_id(session, added)


def update_measure(session: Session, measure_id: int, measure: Measure) -> None:
    update_one(session, measures, measure_id, **_columns(measure))


def set_deleted(session: Session, measure_id: int, when: datetime | None) -> None:
    update_one(session, measures, measure_id, deleted_at=when)


def get_measure(session: Session, measure_id: int) -> tuple[Measure, bool] | None:
    """The entry and whether it is deleted (None: no such id)."""
    row = session.execute(select(measures).where(_entry.id == measure_id)).first()
    return None if row is None else (_measure(row), row.deleted_at is not None)


def live_on(session: Session, kind: MeasureKind, day: date) -> Measure | None:
    """The live entry of ``kind`` on ``day``, if any (one per kind and date)."""
    row = session.execute(
        select(measures).where(
            _entry.kind == kind.value, _entry.taken_on == day, _entry.deleted_at.is_(None)
        )
    ).first()
    return None if row is None else _measure(row)


def list_measures(
    session: Session,
    start: date | None = None,
    end: date | None = None,
    kind: MeasureKind | None = None,
) -> list[Measure]:
    """Live entries oldest first (by date, then kind), within an optional range."""
    query = select(measures).where(_entry.deleted_at.is_(None))
    if start is not None:
        query = query.where(_entry.taken_on >= start)
    if end is not None:
        query = query.where(_entry.taken_on <= end)
    if kind is not None:
        query = query.where(_entry.kind == kind.value)
    query = query.order_by(_entry.taken_on, _entry.kind, _entry.id)
    return [_measure(row) for row in session.execute(query)]


def run_items(session: Session) -> list[RunItem]:
    """Every live run (typed or imported) as pain-free running needs it, by day and time:
    the run log's own list (one read of the runs for the report and the plan)."""
    runs = sorted(exercises_repo.list_runs(session), key=lambda r: (r.local_date, r.performed_at))
    return [RunItem(r.local_date, r.duration_s, r.pain_during) for r in runs]
