"""Logged sessions and runs (R2): queries and writes, returning plain values.

Sessions and runs are soft-deleted (``deleted_at``) so a delete can be undone and history
stays honest (the exercises themselves: ``catalogue_repo``). Callers validate in the
domain first and pass clean drafts; this module only stores and reads them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from pht_desktop.domain.exercise import (
    EffortKind,
    Load,
    LoadKind,
    RunDraft,
    RunStyle,
    SessionDraft,
    SetEntry,
)
from pht_desktop.domain.run_figures import (
    FileMeasures,
    RunFigures,
    reasons_still_flagged,
    run_figures,
)
from pht_desktop.domain.stored_values import as_stored
from pht_desktop.store.read_cache import cached
from pht_desktop.store.tables import exercise_sessions, exercises, runs, session_sets

if TYPE_CHECKING:  # the ORM is mapped by the first write or filtered read, not at start
    from pht_desktop.store.models import ExerciseSession, Run, SessionSet


@dataclass(frozen=True, slots=True)
class LoggedSession:
    """A stored exercise session with its exercise's name and flags (for history, R3.2)."""

    id: int
    exercise_id: int
    exercise_name: str
    stage: int
    dose_type: str
    hsr: bool
    compressive: bool
    performed_at: datetime
    local_date: date
    sets: tuple[SetEntry, ...]
    load: Load
    effort_kind: EffortKind
    effort_value: int | None
    pain_during: int | None
    note: str
    source: str
    deleted: bool

    def as_draft(self) -> SessionDraft:
        """The values as a draft again (edit, repeat last)."""
        return SessionDraft(
            exercise_id=self.exercise_id,
            performed_at=self.performed_at,
            sets=self.sets,
            load=self.load,
            effort_kind=self.effort_kind,
            effort_value=self.effort_value,
            pain_during=self.pain_during,
            note=self.note,
        )


@dataclass(frozen=True, slots=True)
class LoggedRun:
    """A stored run (R2.4)."""

    id: int
    performed_at: datetime
    local_date: date
    duration_s: int
    distance_km: float | None
    style: RunStyle
    hills: bool
    speed: bool
    pain_during: int | None
    note: str
    deleted: bool
    source: str = "manual"
    """ "manual", or the format it was imported from: "gpx", "tcx", "fit" (issue 14)."""
    source_name: str | None = None
    elevation_gain_m: float | None = None
    best_km_s: float | None = None
    flag_note: str = ""
    file_moving_s: int | None = None
    """What the file measured, kept when the user edits the minutes or distance."""
    file_distance_km: float | None = None

    @property
    def file_measures(self) -> FileMeasures | None:
        """None for a run typed in; an export older than schema 0008 has no file
        measures, and its stored numbers are taken for the file's (as 0008 does)."""
        if self.source == "manual":
            return None
        if self.file_moving_s is None:
            return FileMeasures(self.duration_s, self.distance_km, self.best_km_s)
        return FileMeasures(self.file_moving_s, self.file_distance_km, self.best_km_s)

    @property
    def figures(self) -> RunFigures:
        """Its paces as every screen shows them (an edit away from the file drops the
        file's best km)."""
        return run_figures(self.duration_s, self.distance_km, self.file_measures)

    def as_draft(self) -> RunDraft:
        return RunDraft(
            performed_at=self.performed_at,
            duration_s=self.duration_s,
            distance_km=self.distance_km,
            style=self.style,
            hills=self.hills,
            speed=self.speed,
            pain_during=self.pain_during,
            note=self.note,
        )


# --- exercises ------------------------------------------------------------------------------
def free_instant(session: Session, row: ExerciseSession | Run, when: datetime) -> datetime:
    """``when``, or the first second after it that no other entry with the same key holds.

    An export names a session by its exercise and instant, and a run by its instant, so
    two entries logged at one typed minute (a deleted one too) would get the user's own
    export refused as a repeated key. Stored a second apart, each keeps its own key and
    still reads as the minute typed.
    """
    from pht_desktop.store.models import ExerciseSession

    model = type(row)
    others = select(model.id).where(model.id != row.id) if row.id is not None else None
    query = others if others is not None else select(model.id)
    if isinstance(row, ExerciseSession):
        query = query.where(ExerciseSession.exercise_id == row.exercise_id)
    while session.scalar(query.where(model.performed_at == when).limit(1)) is not None:
        when += timedelta(seconds=1)
    return when


def _fill_session(row: ExerciseSession, draft: SessionDraft, local_day: date) -> None:
    from pht_desktop.store.models import SessionSet

    row.exercise_id = draft.exercise_id
    row.performed_at = draft.performed_at
    row.local_date = local_day
    row.load_kind = draft.load.kind.value
    row.band_colour = draft.load.band_colour
    row.load_kg = draft.load.kg
    row.effort_kind = draft.effort_kind.value
    row.effort_value = draft.effort_value
    row.pain_during = draft.pain_during
    row.note = draft.note
    row.sets = [
        SessionSet(
            position=position,
            reps=entry.reps,
            hold_seconds=entry.hold_seconds,
            rest_seconds=entry.rest_seconds,
        )
        for position, entry in enumerate(draft.sets)
    ]


def add_session(
    session: Session, draft: SessionDraft, local_day: date, created_at: datetime, source: str
) -> int:
    """Store a validated draft with its sets; returns the new id."""
    from pht_desktop.store.models import ExerciseSession

    row = ExerciseSession(created_at=created_at, source=source, deleted_at=None)
    _fill_session(row, draft, local_day)
    row.performed_at = free_instant(session, row, row.performed_at)
    session.add(row)
    session.flush()
    return row.id


def update_session(session: Session, session_id: int, draft: SessionDraft, local_day: date) -> None:
    """Replace a session's values and sets (the sets are rewritten whole)."""
    from pht_desktop.store.models import ExerciseSession

    row = session.get_one(ExerciseSession, session_id)
    row.sets.clear()
    session.flush()  # the old positions must go before the new ones arrive
    _fill_session(row, draft, local_day)
    with session.no_autoflush:
        row.performed_at = free_instant(session, row, row.performed_at)


def set_session_deleted(session: Session, session_id: int, when: datetime | None) -> None:
    """Soft delete (``when``) or undo it (None)."""
    from pht_desktop.store.models import ExerciseSession

    session.get_one(ExerciseSession, session_id).deleted_at = when


def stored_load(row: ExerciseSession) -> Load:
    """The session's load as the domain value (band colour, kg or bodyweight), as stored
    even where today's limits would refuse it (``domain/stored_values.py``)."""
    if row.load_kind == LoadKind.BAND:
        return as_stored(Load, kind=LoadKind.BAND, band_colour=row.band_colour or "?")
    if row.load_kind == LoadKind.KG:
        return as_stored(Load, kind=LoadKind.KG, kg=row.load_kg or 0.0)
    return Load.bodyweight()


def _stored_set(row: SessionSet) -> SetEntry:
    return as_stored(
        SetEntry, reps=row.reps, hold_seconds=row.hold_seconds, rest_seconds=row.rest_seconds
    )


def _logged_session(row: Any, exercise: Any, sets: Iterable[Any]) -> LoggedSession:
    """A session from its row, its exercise's and its sets' (ORM objects or Core rows:
    the same column names), the one place a stored session becomes a domain value."""
    return LoggedSession(
        id=row.id,
        exercise_id=row.exercise_id,
        exercise_name=exercise.name,
        stage=exercise.stage,
        dose_type=exercise.dose_type,
        hsr=exercise.hsr,
        compressive=exercise.compressive,
        performed_at=row.performed_at,
        local_date=row.local_date,
        sets=tuple(_stored_set(s) for s in sets),
        load=stored_load(row),
        effort_kind=EffortKind(row.effort_kind),
        effort_value=row.effort_value,
        pain_during=row.pain_during,
        note=row.note,
        source=row.source,
        deleted=row.deleted_at is not None,
    )


def _from_orm(row: ExerciseSession) -> LoggedSession:
    return _logged_session(row, row.exercise, row.sets)


def _every_live_session(session: Session) -> tuple[LoggedSession, ...]:
    """All live sessions, newest first, in three plain reads (sessions, their sets, the
    exercises): a ten-year log is 4,000 sessions and 22,000 sets, which as ORM objects
    took most of a second of the start."""
    sessions, sets = exercise_sessions, session_sets
    live = (
        select(sessions)
        .where(sessions.c.deleted_at.is_(None))
        .order_by(sessions.c.performed_at.desc(), sessions.c.id.desc())
    )
    rows = session.execute(live).all()
    if not rows:
        return ()  # a new folder reads neither sets nor exercises
    names = select(
        exercises.c.id,
        exercises.c.name,
        exercises.c.stage,
        exercises.c.dose_type,
        exercises.c.hsr,
        exercises.c.compressive,
    )
    by_id = {row.id: row for row in session.execute(names)}
    kept: dict[int, list[Any]] = defaultdict(list)
    set_rows = select(
        sets.c.session_id, sets.c.reps, sets.c.hold_seconds, sets.c.rest_seconds
    ).order_by(sets.c.session_id, sets.c.position)
    for row in session.execute(set_rows):
        kept[row.session_id].append(row)
    return tuple(_logged_session(row, by_id[row.exercise_id], kept[row.id]) for row in rows)


def _session_query() -> Select[ExerciseSession]:
    from pht_desktop.store.models import ExerciseSession

    return select(ExerciseSession).options(
        selectinload(ExerciseSession.sets), selectinload(ExerciseSession.exercise)
    )


def get_session(session: Session, session_id: int) -> LoggedSession | None:
    from pht_desktop.store.models import ExerciseSession

    row = session.scalar(_session_query().where(ExerciseSession.id == session_id))
    return None if row is None else _from_orm(row)


def list_sessions(
    session: Session,
    exercise_id: int | None = None,
    stage: int | None = None,
    start: date | None = None,
    end: date | None = None,
) -> list[LoggedSession]:
    """Live sessions, newest first, filtered by exercise, its stage and local date range."""
    if (exercise_id, stage, start, end) == (None, None, None, None):
        # All of them: one read shared by the plan and the load days until a write.
        every = cached(
            session,
            "sessions",
            ("exercise_sessions", "session_sets", "exercises"),
            lambda: _every_live_session(session),
        )
        return list(every)
    from pht_desktop.store.models import Exercise, ExerciseSession

    query = _session_query().where(ExerciseSession.deleted_at.is_(None))
    if exercise_id is not None:
        query = query.where(ExerciseSession.exercise_id == exercise_id)
    if stage is not None:
        query = query.join(ExerciseSession.exercise).where(Exercise.stage == stage)
    if start is not None:
        query = query.where(ExerciseSession.local_date >= start)
    if end is not None:
        query = query.where(ExerciseSession.local_date <= end)
    query = query.order_by(ExerciseSession.performed_at.desc(), ExerciseSession.id.desc())
    return [_from_orm(row) for row in session.scalars(query)]


def last_session(session: Session, exercise_id: int) -> LoggedSession | None:
    """The newest live session of one exercise (Repeat last)."""
    from pht_desktop.store.models import ExerciseSession

    query = (
        _session_query()
        .where(ExerciseSession.exercise_id == exercise_id, ExerciseSession.deleted_at.is_(None))
        .order_by(ExerciseSession.performed_at.desc(), ExerciseSession.id.desc())
        .limit(1)
    )
    row = session.scalar(query)
    return None if row is None else _from_orm(row)


def hsr_session_times(session: Session, exclude_id: int | None = None) -> list[datetime]:
    """When live heavy-slow-resistance sessions happened (R2.6 spacing)."""
    sessions = exercise_sessions.c
    query = (
        select(sessions.performed_at)
        .join(exercises, exercises.c.id == sessions.exercise_id)
        .where(exercises.c.hsr.is_(True), sessions.deleted_at.is_(None))
    )
    if exclude_id is not None:
        query = query.where(sessions.id != exclude_id)
    return list(session.scalars(query))


# --- runs -----------------------------------------------------------------------------------
def _fill_run(row: Run, draft: RunDraft, local_day: date) -> None:
    row.performed_at = draft.performed_at
    row.local_date = local_day
    row.duration_s = draft.duration_s
    row.distance_km = draft.distance_km
    row.style = draft.style.value
    row.hills = draft.hills
    row.speed = draft.speed
    row.flag_note = reasons_still_flagged(row.flag_note or "", draft.hills, draft.speed)
    row.pain_during = draft.pain_during
    row.note = draft.note


def add_run(session: Session, draft: RunDraft, local_day: date, created_at: datetime) -> int:
    from pht_desktop.store.models import Run

    row = Run(created_at=created_at, deleted_at=None)
    _fill_run(row, draft, local_day)
    row.performed_at = free_instant(session, row, row.performed_at)
    session.add(row)
    session.flush()
    return row.id


def update_run(session: Session, run_id: int, draft: RunDraft, local_day: date) -> None:
    from pht_desktop.store.models import Run

    row = session.get_one(Run, run_id)
    _fill_run(row, draft, local_day)
    with session.no_autoflush:
        row.performed_at = free_instant(session, row, row.performed_at)


def set_run_deleted(session: Session, run_id: int, when: datetime | None) -> None:
    from pht_desktop.store.models import Run

    session.get_one(Run, run_id).deleted_at = when


def _logged_run(row: Any) -> LoggedRun:
    """A run from its row (a Core row or an ORM object: the same column names)."""
    return LoggedRun(
        id=row.id,
        performed_at=row.performed_at,
        local_date=row.local_date,
        duration_s=row.duration_s,
        distance_km=row.distance_km,
        style=RunStyle(row.style),
        hills=row.hills,
        speed=row.speed,
        pain_during=row.pain_during,
        note=row.note,
        deleted=row.deleted_at is not None,
        source=row.source,
        source_name=row.source_name,
        elevation_gain_m=row.elevation_gain_m,
        best_km_s=row.best_km_s,
        flag_note=row.flag_note,
        file_moving_s=row.file_moving_s,
        file_distance_km=row.file_distance_km,
    )


def get_run(session: Session, run_id: int) -> LoggedRun | None:
    row = session.execute(select(runs).where(runs.c.id == run_id)).first()
    return None if row is None else _logged_run(row)


def list_runs(
    session: Session, start: date | None = None, end: date | None = None
) -> list[LoggedRun]:
    """Live runs, newest first, within a local date range (all: read once until a write)."""
    run = runs.c
    query = select(runs).where(run.deleted_at.is_(None))
    if start is not None:
        query = query.where(run.local_date >= start)
    if end is not None:
        query = query.where(run.local_date <= end)
    query = query.order_by(run.performed_at.desc(), run.id.desc())
    if start is not None or end is not None:
        return [_logged_run(row) for row in session.execute(query)]
    every = cached(
        session, "runs", ("runs",), lambda: tuple(map(_logged_run, session.execute(query)))
    )
    return list(every)
