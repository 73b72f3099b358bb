"""The exercise catalogue (R2): built-in and the user's own exercises, their dose ladders.

Exercises with history are archived, never deleted (the log must keep its names); one
without history may be deleted. Returns plain values (:class:`ExerciseInfo`), from Core
statements: the plan reads the catalogue at start-up, before the ORM is mapped (issue 16).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, exists, insert, select
from sqlalchemy.exc import NoResultFound
from sqlalchemy.orm import Session

from pht_desktop.domain.dose_ladder import DEFAULT_STEPS, CustomLadder, LadderSteps
from pht_desktop.store.rows import inserted_id, update_one
from pht_desktop.store.tables import exercise_sessions, exercises


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


_exercise = exercises.c


def _exercise_info(row: Any) -> ExerciseInfo:
    """An exercise from its row (a Core row or an ORM object: the same column names)."""
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


def _steps(row: Any) -> LadderSteps:
    if row.ladder_rungs is None:
        return DEFAULT_STEPS
    return LadderSteps(row.ladder_rungs, row.ladder_step, row.ladder_load_step_kg or 0.0)


def set_ladder(session: Session, exercise_id: int, ladder: CustomLadder) -> None:
    """Store a user's own exercise's ladder: its first rung is its default dose."""
    update_one(
        session,
        exercises,
        exercise_id,
        default_sets=ladder.sets,
        default_reps=ladder.reps,
        default_hold_s=ladder.hold_s,
        default_rest_s=ladder.rest_s,
        ladder_rungs=ladder.steps.rungs,
        ladder_step=ladder.steps.step,
        ladder_load_step_kg=ladder.steps.load_step_kg,
    )


def list_exercises(session: Session, include_archived: bool = False) -> list[ExerciseInfo]:
    """All exercises by stage, built-in ones in catalogue (seed) order, then the user's own."""
    query = select(exercises).order_by(_exercise.stage, _exercise.builtin.desc(), _exercise.id)
    if not include_archived:
        query = query.where(_exercise.archived.is_(False))
    return [_exercise_info(row) for row in session.execute(query)]


def get_exercise(session: Session, exercise_id: int) -> ExerciseInfo | None:
    row = session.execute(select(exercises).where(_exercise.id == exercise_id)).first()
    return None if row is None else _exercise_info(row)


def add_exercise(session: Session, new: NewExercise) -> int:
    return inserted_id(
        session,
        insert(exercises).values(
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
        ),
    )


def rename_exercise(session: Session, exercise_id: int, name: str) -> None:
    update_one(session, exercises, exercise_id, name=name)


def set_archived(session: Session, exercise_id: int, archived: bool) -> None:
    update_one(session, exercises, exercise_id, archived=archived)


def has_history(session: Session, exercise_id: int) -> bool:
    """Any session at all, deleted ones included: an undo must still find its exercise."""
    query = select(exists().where(exercise_sessions.c.exercise_id == exercise_id))
    return bool(session.scalar(query))


def delete_unused_exercise(session: Session, exercise_id: int) -> None:
    """Delete a user's exercise that has no history; refuses otherwise (ValueError)."""
    builtin = session.scalar(select(_exercise.builtin).where(_exercise.id == exercise_id))
    if builtin is None:
        raise NoResultFound(f"no row {exercise_id} in exercises")
    if builtin or has_history(session, exercise_id):
        raise ValueError("only a user's own exercise without history can be deleted")
    session.execute(delete(exercises).where(_exercise.id == exercise_id))
