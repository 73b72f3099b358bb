"""A synthetic user who follows the plan every day: histories for the plan's tests.

Each simulated day records a morning (baseline 3/10 on the sitting test unless the story
says otherwise), computes the verdicts from scratch, asks :func:`plan_today`, accepts a
proposed stage move (ticking the R2.8 checklist) and logs exactly the plan's items.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from pht_desktop.domain.catalogue import CATALOGUE
from pht_desktop.domain.dose_ladder import Performed
from pht_desktop.domain.morning import BaselineChange, MorningEntry
from pht_desktop.domain.plan import (
    Done,
    Plan,
    PlanExercise,
    PlanInputs,
    PlanItem,
    plan_exercise,
    plan_today,
    with_one_run,
)
from pht_desktop.domain.verdicts import LoadDay, Verdict, compute_verdicts

START = date(2026, 1, 5)  # a Monday
BASELINE = 3
TEST = "sitting"


def catalogue_exercises() -> tuple[PlanExercise, ...]:
    """The built-in catalogue as the services hand it to the plan (runs as one exercise)."""
    return with_one_run(plan_exercise(i, e) for i, e in enumerate(CATALOGUE, start=1))


def performed(item: PlanItem) -> Performed:
    """What logging the plan item exactly would record."""
    dose = item.dose
    if dose.total_min is not None:
        return Performed(
            sets=1,
            reps=1,
            run_total_min=dose.total_min,
            continuous=dose.continuous,
            hills=dose.extra == "hills",
            speed=dose.extra == "strides",
        )
    return Performed(dose.sets, dose.reps, dose.hold_s, dose.effort_pct, item.load.kg)


Morning = Callable[[date, "Sim"], int | None]
"""The story: this morning's pain (None: not recorded)."""


def calm(_day: date, _sim: Sim) -> int | None:
    return BASELINE


@dataclass
class Sim:
    pathology: str = "unknown"
    progress_after: int = 6
    stage: int = 1
    morning: Morning = calm
    pain_during: Callable[[date], int | None] = lambda _day: None
    accept_moves: bool = True
    today: date = START
    stage_since: date = START
    mornings: list[MorningEntry] = field(default_factory=list)
    done: list[Done] = field(default_factory=list)
    during: dict[date, int] = field(default_factory=dict)
    plans: dict[date, Plan] = field(default_factory=dict)
    stages: dict[date, int] = field(default_factory=dict)
    exercises: tuple[PlanExercise, ...] = field(default_factory=catalogue_exercises)
    baselines: tuple[BaselineChange, ...] = (BaselineChange(START - timedelta(days=7), BASELINE),)

    def verdicts(self) -> list[Verdict]:
        days = sorted({d.day for d in self.done})
        load_days = [LoadDay(day, self.during.get(day)) for day in days]
        return compute_verdicts(load_days, self.mornings, self.baselines)

    def inputs(self) -> PlanInputs:
        return PlanInputs(
            today=self.today,
            verdicts=self.verdicts(),
            done=tuple(self.done),
            exercises=self.exercises,
            mornings=tuple(self.mornings),
            baselines=self.baselines,
            stage=self.stage,
            stage_since=self.stage_since,
            pathology=self.pathology,
            progress_after=self.progress_after,
        )

    def plan(self) -> Plan:
        return plan_today(self.inputs())

    def day(self) -> Plan:
        """One simulated day: morning, plan (stage move accepted), log the items."""
        pain = self.morning(self.today, self)
        if pain is not None:
            self.mornings.append(MorningEntry(self.today, pain, TEST))
        plan = self.plan()
        move = plan.stage_move
        if move is not None and self.accept_moves:
            self.stage, self.stage_since = move.proposed, self.today
            plan = self.plan()
        self.plans[self.today] = plan
        self.stages[self.today] = self.stage
        for item in plan.items:
            self.done.append(Done(item.exercise_id, self.today, performed(item), item.load))
        during = self.pain_during(self.today)
        if during is not None and plan.items:
            self.during[self.today] = during
        self.today += timedelta(days=1)
        return plan

    def run(self, days: int) -> Sim:
        for _ in range(days):
            self.day()
        return self

    def first_day_at(self, stage: int) -> date | None:
        return next((d for d, s in sorted(self.stages.items()) if s >= stage), None)
