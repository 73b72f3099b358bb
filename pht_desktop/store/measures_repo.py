"""Outcome measures (issue 15) stored and read back as domain values.

Callers validate in the domain first (:class:`~pht_desktop.domain.measures.Measure`);
this module only stores and reads. Entries are soft-deleted (``deleted_at``) so a delete
can be undone; reads return live entries only. Runs are read here too, as the plain
items pain-free running needs, so the service asks one repository.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pht_desktop.domain.measures import Measure, MeasureKind, RunItem, Side
from pht_desktop.domain.stored_values import as_stored
from pht_desktop.store import exercises_repo
from pht_desktop.store.models import MeasureEntry


def _measure(row: MeasureEntry) -> Measure:
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


def _fill(row: MeasureEntry, measure: Measure) -> None:
    row.kind = measure.kind.value
    row.taken_on = measure.day
    row.value = measure.value
    row.reached_cap = measure.reached_cap
    row.left_reps = measure.left_reps
    row.right_reps = measure.right_reps
    row.painful_side = None if measure.painful_side is None else measure.painful_side.value
    row.tempo_s = measure.tempo_s
    row.note = measure.note


def add_measure(session: Session, measure: Measure, created_at: datetime) -> int:
    row = MeasureEntry(created_at=created_at, deleted_at=None)
    _fill(row, measure)
    session.add(row)
    session.flush()
    return row.id


def update_measure(session: Session, measure_id: int, measure: Measure) -> None:
    _fill(session.get_one(MeasureEntry, measure_id), measure)
    session.flush()


def set_deleted(session: Session, measure_id: int, when: datetime | None) -> None:
    session.get_one(MeasureEntry, measure_id).deleted_at = when
    session.flush()


def get_measure(session: Session, measure_id: int) -> tuple[Measure, bool] | None:
    """The entry and whether it is deleted (None: no such id)."""
    row = session.get(MeasureEntry, measure_id)
    return None if row is None else (_measure(row), row.deleted_at is not None)


def live_on(session: Session, kind: MeasureKind, day: date) -> Measure | None:
    """The live entry of ``kind`` on ``day``, if any (one per kind and date)."""
    row = session.scalar(
        select(MeasureEntry).where(
            MeasureEntry.kind == kind.value,
            MeasureEntry.taken_on == day,
            MeasureEntry.deleted_at.is_(None),
        )
    )
    return None if row is None else _measure(row)


def list_measures(
    session: Session,
    start: date | None = None,
    end: date | None = None,
    kind: MeasureKind | None = None,
) -> list[Measure]:
    """Live entries oldest first (by date, then kind), within an optional range."""
    query = select(MeasureEntry).where(MeasureEntry.deleted_at.is_(None))
    if start is not None:
        query = query.where(MeasureEntry.taken_on >= start)
    if end is not None:
        query = query.where(MeasureEntry.taken_on <= end)
    if kind is not None:
        query = query.where(MeasureEntry.kind == kind.value)
    query = query.order_by(MeasureEntry.taken_on, MeasureEntry.kind, MeasureEntry.id)
    return [_measure(row) for row in session.scalars(query)]


def run_items(session: Session) -> list[RunItem]:
    """Every live run (typed or imported) as pain-free running needs it, by day and time:
    the run log's own list (one read of the runs for the report and the plan)."""
    runs = sorted(exercises_repo.list_runs(session), key=lambda r: (r.local_date, r.performed_at))
    return [RunItem(r.local_date, r.duration_s, r.pain_during) for r in runs]
