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
from sqlalchemy.orm import Session

from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.exercise import RunStyle, dose_label
from pht_desktop.domain.verdicts import LoadDay
from pht_desktop.store import exercises_repo
from pht_desktop.store.exercises_repo import LoggedRun, LoggedSession
from pht_desktop.store.read_cache import cached
from pht_desktop.store.tables import exercise_sessions, runs

BODYWEIGHT_SUFFIX = ", bodyweight"
DOSE_JOINER = " + "


def session_label(logged: LoggedSession) -> str:
    """ "<exercise> <dose>": bodyweight goes unsaid, a band colour or kg is kept (R3.5)."""
    try:
        dose = dose_label(logged.sets, logged.load).removesuffix(BODYWEIGHT_SUFFIX)
    except ValidationError:
        return logged.exercise_name  # a row the domain would not accept today still counts
    return f"{logged.exercise_name} {dose}"


def run_label(run: LoggedRun) -> str:
    """ "Run-walk 20 min, 3 km, hills": what a run's dose is compared by (R2.4, R3.5)."""
    minutes, seconds = divmod(run.duration_s, 60)
    head = "Run-walk" if run.style == RunStyle.RUN_WALK else "Run"
    parts = [f"{head} {minutes} min" + (f" {seconds} s" if seconds else "")]
    if run.distance_km is not None:
        parts.append(f"{run.distance_km:g} km")
    parts += [flag for flag, on in (("hills", run.hills), ("speed", run.speed)) if on]
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
    With labels, the days come from the exercise log's own session and run lists (the
    plan reads the same lists, so start-up reads each once).
    """
    if not with_labels:
        return _bare_load_days(session, start, end)
    if start is None and end is None:
        return list(cached(session, "load_days", LOG_TABLES, lambda: tuple(_labelled(session))))
    return _labelled(session, start, end)


LOG_TABLES = ("exercise_sessions", "session_sets", "exercises", "runs")


def _labelled(
    session: Session, start: date | None = None, end: date | None = None
) -> list[LoadDay]:
    labels: dict[date, list[str]] = defaultdict(list)
    pains: dict[date, list[int]] = defaultdict(list)
    for logged in exercises_repo.list_sessions(session, start=start, end=end):
        labels[logged.local_date].append(session_label(logged))
        if logged.pain_during is not None:
            pains[logged.local_date].append(logged.pain_during)
    for run in exercises_repo.list_runs(session, start, end):
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
    for table in (exercise_sessions, runs):
        load = table.c
        query = (
            select(load.local_date, func.max(load.pain_during))
            .where(load.deleted_at.is_(None))
            .group_by(load.local_date)
        )
        if start is not None:
            query = query.where(load.local_date >= start)
        if end is not None:
            query = query.where(load.local_date <= end)
        for day, pain in session.execute(query):
            before = worst.get(day)
            worst[day] = pain if before is None else before if pain is None else max(before, pain)
    return [LoadDay(day, pain) for day, pain in sorted(worst.items())]
