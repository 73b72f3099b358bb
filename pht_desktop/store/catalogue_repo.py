"""The exercise catalogue (R2): built-in and the user's own exercises, their dose ladders.

Exercises with history are archived, never deleted (the log must keep its names); one
without history may be deleted. Returns plain values (:class:`ExerciseInfo`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from pht_desktop.domain.dose_ladder import DEFAULT_STEPS, CustomLadder, LadderSteps
from pht_desktop.store.models import Exercise, ExerciseSession


@dataclass(frozen=True, slots=True)
class ExerciseInfo:
    """One exercise, built-in or the user's own, with the flags R2.1/R2.2/R2.6 need."""

    id: int
    slug: str | None
    name: str
    stage: int
    how_to: str
    dose_type: str
    default_sets: int
    default_reps: int
    default_hold_s: int | None
    default_rest_s: int
    compressive: bool
    avoid_early: bool
    hsr: bool
    builtin: bool
    archived: bool
    steps: LadderSteps = DEFAULT_STEPS
    """How a user's own exercise's ladder climbs (R2.9)."""


@dataclass(frozen=True, slots=True)
class NewExercise:
    """A user's own exercise, already validated by the caller."""

    name: str
    stage: int
    dose_type: str
    how_to: str
    default_sets: int
    default_reps: int
    default_hold_s: int | None
    default_rest_s: int
    compressive: bool


def _exercise_info(row: Exercise) -> ExerciseInfo:
    return ExerciseInfo(
        id=row.id,
        slug=row.slug,
        name=row.name,
        stage=row.stage,
        how_to=row.how_to,
        dose_type=row.dose_type,
        default_sets=row.default_sets,
        default_reps=row.default_reps,
        default_hold_s=row.default_hold_s,
        default_rest_s=row.default_rest_s,
        compressive=row.compressive,
        avoid_early=row.avoid_early,
        hsr=row.hsr,
        builtin=row.builtin,
        archived=row.archived,
        steps=_steps(row),
    )


def _steps(row: Exercise) -> LadderSteps:
    if row.ladder_rungs is None:
        return DEFAULT_STEPS
    return LadderSteps(row.ladder_rungs, row.ladder_step, row.ladder_load_step_kg or 0.0)


def set_ladder(session: Session, exercise_id: int, ladder: CustomLadder) -> None:
    """Store a user's own exercise's ladder: its first rung is its default dose."""
    row = session.get_one(Exercise, exercise_id)
    row.default_sets = ladder.sets
    row.default_reps = ladder.reps
    row.default_hold_s = ladder.hold_s
    row.default_rest_s = ladder.rest_s
    row.ladder_rungs = ladder.steps.rungs
    row.ladder_step = ladder.steps.step
    row.ladder_load_step_kg = ladder.steps.load_step_kg


def list_exercises(session: Session, include_archived: bool = False) -> list[ExerciseInfo]:
    """All exercises by stage, built-in ones in catalogue (seed) order, then the user's own."""
    query = select(Exercise).order_by(Exercise.stage, Exercise.builtin.desc(), Exercise.id)
    if not include_archived:
        query = query.where(Exercise.archived.is_(False))
    return [_exercise_info(row) for row in session.scalars(query)]


def get_exercise(session: Session, exercise_id: int) -> ExerciseInfo | None:
    row = session.get(Exercise, exercise_id)
    return None if row is None else _exercise_info(row)


def add_exercise(session: Session, new: NewExercise) -> int:
    row = Exercise(
        slug=None,
        name=new.name,
        stage=new.stage,
        how_to=new.how_to,
        dose_type=new.dose_type,
        default_sets=new.default_sets,
        default_reps=new.default_reps,
        default_hold_s=new.default_hold_s,
        default_rest_s=new.default_rest_s,
        compressive=new.compressive,
        avoid_early=False,
        hsr=False,
        builtin=False,
        archived=False,
    )
    session.add(row)
    session.flush()
    return row.id


def rename_exercise(session: Session, exercise_id: int, name: str) -> None:
    session.get_one(Exercise, exercise_id).name = name


def set_archived(session: Session, exercise_id: int, archived: bool) -> None:
    session.get_one(Exercise, exercise_id).archived = archived


def has_history(session: Session, exercise_id: int) -> bool:
    """Any session at all, deleted ones included: an undo must still find its exercise."""
    query = select(exists().where(ExerciseSession.exercise_id == exercise_id))
    return bool(session.scalar(query))


def delete_unused_exercise(session: Session, exercise_id: int) -> None:
    """Delete a user's exercise that has no history; refuses otherwise (ValueError)."""
    row = session.get_one(Exercise, exercise_id)
    if row.builtin or has_history(session, exercise_id):
        raise ValueError("only a user's own exercise without history can be deleted")
    session.delete(row)


# --- sessions -------------------------------------------------------------------------------
