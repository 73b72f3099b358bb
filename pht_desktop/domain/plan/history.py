"""An exercise's history on its ladder: each logged day before today matched to the
rung it reached (its best of the day), and the streak of tolerated load days at the
current rung (R2.9, R3.5)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pht_desktop.domain.dose_ladder import Ladder
from pht_desktop.domain.exercise import Load
from pht_desktop.domain.plan.inputs import PlanExercise, PlanInputs
from pht_desktop.domain.verdicts import Outcome, Verdict


@dataclass(frozen=True, slots=True)
class LoggedDay:
    """A day an exercise was done: the best rung reached and the load it was done with."""

    day: date
    rung: int
    load: Load


@dataclass(slots=True)
class ExerciseState:
    """An exercise with its ladder and its logged days before today, oldest first."""

    exercise: PlanExercise
    ladder: Ladder
    days: list[LoggedDay]

    @property
    def current(self) -> int:
        return self.days[-1].rung if self.days else self.ladder.entry


def exercise_states(
    inputs: PlanInputs, exercises: dict[int, PlanExercise]
) -> dict[int, ExerciseState]:
    """Each exercise's logged days before today, its best rung per day."""
    states: dict[int, ExerciseState] = {}
    for done in sorted(inputs.done, key=lambda d: d.day):
        exercise = exercises.get(done.exercise_id)
        if exercise is None or done.day >= inputs.today:
            continue
        state = states.setdefault(exercise.id, ExerciseState(exercise, exercise.ladder, []))
        rung = state.ladder.rung_of(done.performed)
        if state.days and state.days[-1].day == done.day:
            if rung > state.days[-1].rung:
                state.days[-1] = LoggedDay(done.day, rung, done.load)
        else:
            state.days.append(LoggedDay(done.day, rung, done.load))
    return states


@dataclass(frozen=True, slots=True)
class Streak:
    """How many tolerated load days in a row, and which (the R3.8/R3.9 window)."""

    count: int
    window: tuple[date, ...]


def tolerated_streak(
    state: ExerciseState, verdicts: dict[date, Verdict], since: date | None
) -> Streak:
    """Tolerated load days in a row at (or above) the current rung (R2.9, R3.5).

    Unknown days neither count nor break it (R3.2: never guessed); an exceeded day or a
    lower rung ends it; with ``since`` only days from then on count (the stage's start).
    """
    counted: list[date] = []
    current = state.current
    # The tendon answers the day's whole load: any exceeded day ends every streak.
    exceeded = [d for d, v in verdicts.items() if v.outcome is Outcome.EXCEEDED]
    floor = max(exceeded, default=None)
    for day in reversed(state.days):
        verdict = verdicts.get(day.day)
        if (since is not None and day.day < since) or (floor is not None and day.day <= floor):
            break
        if day.rung < current:
            break
        if verdict is None or verdict.outcome is Outcome.UNKNOWN:
            continue
        if verdict.outcome is Outcome.EXCEEDED:
            break
        counted.append(day.day)
    return Streak(len(counted), tuple(reversed(counted)))


def last_decided(
    state: ExerciseState, verdicts: dict[date, Verdict]
) -> tuple[LoggedDay, Verdict] | None:
    """The latest day whose verdict is known: what the go-back rule (R3.5) reads."""
    for day in reversed(state.days):
        verdict = verdicts.get(day.day)
        if verdict is not None and verdict.outcome is not Outcome.UNKNOWN:
            return day, verdict
    return None
