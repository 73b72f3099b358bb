"""Load days (R3.2) read from logged sessions and runs: read-only, grouped by local date.

A load day is a local calendar date with at least one live (not soft-deleted) exercise
session or run. The stored ``local_date`` is used as is, so a day never moves after a
timezone or DST change. Each day carries the highest pain during (R3.8) and a dose label
the guidance compares for equality (R3.5), e.g. "Prone hip-extension hold 5 × 40 s".
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.exercise import RunStyle, SetEntry, dose_label
from pht_desktop.domain.verdicts import LoadDay
from pht_desktop.store.exercises_repo import stored_load
from pht_desktop.store.models import ExerciseSession, Run

BODYWEIGHT_SUFFIX = ", bodyweight"
DOSE_JOINER = " + "


def session_label(row: ExerciseSession) -> str:
    """ "<exercise> <dose>": bodyweight goes unsaid, a band colour or kg is kept (R3.5)."""
    name = row.exercise.name
    try:
        load = stored_load(row)
        sets = [SetEntry(s.reps, s.hold_seconds, s.rest_seconds) for s in row.sets]
        dose = dose_label(sets, load).removesuffix(BODYWEIGHT_SUFFIX)
    except ValidationError:
        return name  # a row the domain would not accept today still counts as load
    return f"{name} {dose}"


def run_label(row: Run) -> str:
    """ "Run-walk 20 min, 3 km, hills": what a run's dose is compared by (R2.4, R3.5)."""
    minutes, seconds = divmod(row.duration_s, 60)
    head = "Run-walk" if row.style == RunStyle.RUN_WALK else "Run"
    parts = [f"{head} {minutes} min" + (f" {seconds} s" if seconds else "")]
    if row.distance_km is not None:
        parts.append(f"{row.distance_km:g} km")
    parts += [flag for flag, on in (("hills", row.hills), ("speed", row.speed)) if on]
    return ", ".join(parts)


def load_days(
    session: Session,
    start: date | None = None,
    end: date | None = None,
    *,
    with_labels: bool = True,
) -> list[LoadDay]:
    """Load days oldest first, each with its max pain during and joined dose labels.

    Labels are sorted within a day so the same sessions in another order give the same
    dose (R3.5 compares labels for equality). ``with_labels=False`` leaves them out and sums in
    SQL: the same days and pains (a verdict needs nothing else), fast for ten years.
    """
    if not with_labels:
        return _bare_load_days(session, start, end)
    sessions = (
        select(ExerciseSession)
        .options(selectinload(ExerciseSession.sets), selectinload(ExerciseSession.exercise))
        .where(ExerciseSession.deleted_at.is_(None))
    )
    runs = select(Run).where(Run.deleted_at.is_(None))
    if start is not None:
        sessions = sessions.where(ExerciseSession.local_date >= start)
        runs = runs.where(Run.local_date >= start)
    if end is not None:
        sessions = sessions.where(ExerciseSession.local_date <= end)
        runs = runs.where(Run.local_date <= end)

    labels: dict[date, list[str]] = defaultdict(list)
    pains: dict[date, list[int]] = defaultdict(list)
    for row in session.scalars(sessions):
        labels[row.local_date].append(session_label(row))
        if row.pain_during is not None:
            pains[row.local_date].append(row.pain_during)
    for run in session.scalars(runs):
        labels[run.local_date].append(run_label(run))
        if run.pain_during is not None:
            pains[run.local_date].append(run.pain_during)
    return [
        LoadDay(
            day=day,
            max_pain_during=max(pains[day]) if pains[day] else None,
            dose=DOSE_JOINER.join(sorted(labels[day])),
            doses=tuple(sorted(set(labels[day]))),
        )
        for day in sorted(labels)
    ]


def _bare_load_days(session: Session, start: date | None, end: date | None) -> list[LoadDay]:
    """Days with live sessions or runs and their worst pain during, one grouped query each."""
    worst: dict[date, int | None] = {}
    for model in (ExerciseSession, Run):
        query = (
            select(model.local_date, func.max(model.pain_during))
            .where(model.deleted_at.is_(None))
            .group_by(model.local_date)
        )
        if start is not None:
            query = query.where(model.local_date >= start)
        if end is not None:
            query = query.where(model.local_date <= end)
        for day, pain in session.execute(query):
            before = worst.get(day)
            worst[day] = pain if before is None else before if pain is None else max(before, pain)
    return [LoadDay(day, pain) for day, pain in sorted(worst.items())]
