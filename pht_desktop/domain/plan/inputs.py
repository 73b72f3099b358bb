"""What the plan is derived from: the exercises as it reads them, what was done, the
settings of the day. Plain values, no store: the services and the simulations build them
the same way (:func:`plan_exercise`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Final, Protocol

from pht_desktop.domain.catalogue import COMPRESSIVE_FROM_STAGE as COMPRESSIVE_STAGE
from pht_desktop.domain.catalogue import STANDING_SLUGS
from pht_desktop.domain.dose_ladder import DEFAULT_STEPS, Ladder, LadderSteps, Performed, ladder_for
from pht_desktop.domain.exercise import Load, SetEntry, plan_sets
from pht_desktop.domain.guidance import DEFAULT_PROGRESS_AFTER
from pht_desktop.domain.morning import BaselineChange, MorningEntry
from pht_desktop.domain.verdicts import Verdict

RUN_ID: Final = 0
"""Runs are logged without an exercise row; the plan treats them as one exercise."""


@dataclass(frozen=True, slots=True)
class PlanExercise:
    """What the plan needs to know of an exercise (built-in or the user's own)."""

    id: int
    name: str
    stage: int
    dose_type: str
    slug: str | None = None
    hsr: bool = False
    compressive: bool = False
    avoid_early: bool = False
    standing: bool = False
    default_sets: int = 3
    default_reps: int = 10
    default_hold_s: int | None = None
    default_rest_s: int = 120
    steps: LadderSteps = DEFAULT_STEPS
    """A user's own exercise: how its ladder climbs (R2.9); built-ins ignore it."""

    @property
    def ladder(self) -> Ladder:
        return ladder_for(
            self.slug,
            self.stage,
            self.dose_type,
            avoid_early=self.avoid_early,
            sets=self.default_sets,
            reps=self.default_reps,
            hold_s=self.default_hold_s,
            rest_s=self.default_rest_s,
            steps=self.steps,
        )


class ExerciseRow(Protocol):
    """What :func:`plan_exercise` reads of an exercise: a stored row or a catalogue entry."""

    @property
    def name(self) -> str: ...
    @property
    def stage(self) -> int: ...
    @property
    def dose_type(self) -> str: ...
    @property
    def slug(self) -> str | None: ...
    @property
    def hsr(self) -> bool: ...
    @property
    def compressive(self) -> bool: ...
    @property
    def avoid_early(self) -> bool: ...
    @property
    def default_sets(self) -> int: ...
    @property
    def default_reps(self) -> int: ...
    @property
    def default_hold_s(self) -> int | None: ...
    @property
    def default_rest_s(self) -> int: ...


def plan_exercise(
    exercise_id: int, row: ExerciseRow, steps: LadderSteps = DEFAULT_STEPS
) -> PlanExercise:
    """An exercise as the plan reads it: the one constructor the services and the
    simulations share, so both hand the plan the same thing."""
    return PlanExercise(
        id=exercise_id,
        name=row.name,
        stage=row.stage,
        dose_type=row.dose_type,
        slug=row.slug,
        hsr=row.hsr,
        compressive=row.compressive,
        avoid_early=row.avoid_early,
        standing=row.slug in STANDING_SLUGS,
        default_sets=row.default_sets,
        default_reps=row.default_reps,
        default_hold_s=row.default_hold_s,
        default_rest_s=row.default_rest_s,
        steps=steps,
    )


def start_rung(ladder: Ladder, pathology: str) -> int:
    """Where an exercise starts (R2.3, R4): its ladder's entry rung, the lowest rung for a
    reactive tendon. The plan's first day and a dose picked by hand both start here."""
    return ladder.low if pathology == "reactive" else ladder.entry


def hand_picked_sets(exercise: PlanExercise, stage: int, pathology: str) -> tuple[SetEntry, ...]:
    """The dose the log form shows when the user picks ``exercise`` by hand.

    The same starting rung as the plan (one source: the ladder, R2.9), so picking an
    exercise and following the plan agree. A stretch to avoid early gets no dose before
    stage 4 (R2.2: the plan never offers it then either); a run keeps its catalogue dose.
    """
    if exercise.avoid_early and stage < COMPRESSIVE_STAGE:
        return ()
    ladder = exercise.ladder
    sets = ladder.rung(start_rung(ladder, pathology)).set_entries()
    if sets:
        return sets
    return plan_sets(
        exercise.default_sets,
        exercise.default_reps,
        exercise.default_hold_s,
        exercise.default_rest_s,
    )


RUN_EXERCISE: Final = PlanExercise(RUN_ID, "Run-walk", 5, "run", slug="run")


def with_one_run(exercises: Iterable[PlanExercise]) -> tuple[PlanExercise, ...]:
    """The plan's exercises: runs are logged on the run form, not as sessions, so the
    plan has one run exercise instead of the catalogue's run rows."""
    return (*(e for e in exercises if e.dose_type != "run"), RUN_EXERCISE)


@dataclass(frozen=True, slots=True)
class Done:
    """One logged session or run, as the plan reads it."""

    exercise_id: int
    day: date
    performed: Performed
    load: Load = field(default_factory=Load.bodyweight)


@dataclass(frozen=True, slots=True)
class PlanInputs:
    """Everything the plan is derived from: plain values, no store."""

    today: date
    verdicts: Sequence[Verdict]
    done: Sequence[Done]
    exercises: Sequence[PlanExercise]
    mornings: Sequence[MorningEntry] = ()
    baselines: Sequence[BaselineChange] = ()
    stage: int = 1
    stage_since: date | None = None
    pathology: str = "unknown"
    progress_after: int = DEFAULT_PROGRESS_AFTER
    sitting_interval_min: int = 30
    sitting_reviewed_through: date | None = None
