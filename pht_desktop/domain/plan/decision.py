"""One exercise's next dose, the progression verdict: back after an exceeded day (R3.5),
hold on a warning (R3.8, R3.9), a step up after N tolerated load days (R2.7, R2.9, R4),
else the same dose; and whether it rests today (R2.6)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from pht_desktop.domain import validation
from pht_desktop.domain.dose_ladder import LOAD_STEP_KG, Ladder, Rung
from pht_desktop.domain.exercise import Load, LoadKind
from pht_desktop.domain.plan.history import (
    ExerciseState,
    LoggedDay,
    last_decided,
    tolerated_streak,
)
from pht_desktop.domain.plan.inputs import PlanInputs
from pht_desktop.domain.plan.instruction import PlanItem, PlanKind, plan_item
from pht_desktop.domain.verdicts import Outcome, Verdict

PROGRESS_AFTER_RANGE: Final = (3, 30)
"""R2.7: tolerated load days at a rung before the next one; below 3 is noise, not a trend."""
REACTIVE_EXTRA_DAYS: Final = 3
"""R4: a reactive tendon waits N + 3 tolerated load days before each step."""
HSR_REST_DAYS: Final = 2
"""R2.6: heavy slow resistance (and runs) at least 48 h apart."""


def _heavier(load: Load, ladder: Ladder, before: Rung, after: Rung) -> Load:
    """A rung up adds weight (kg loads only): the user's own load step on their own
    ladder, else one plate step when the rung asks for a heavier repetition maximum."""
    if load.kind is not LoadKind.KG or load.kg is None:
        return load
    if ladder.load_step_kg > 0:
        return Load.weight(load.kg + ladder.load_step_kg)
    if after.rm is not None and (before.rm is None or after.rm < before.rm):
        return Load.weight(load.kg + LOAD_STEP_KG)
    return load


def _lighter(load: Load, ladder: Ladder) -> Load:
    if load.kind is LoadKind.KG and load.kg is not None:
        return Load.weight(max(0.0, load.kg - (ladder.load_step_kg or LOAD_STEP_KG)))
    return load


@dataclass(slots=True)
class Decision:
    """One exercise's next dose with its reason; ``at_top`` feeds the stage move (R2.10)."""

    kind: PlanKind
    item: PlanItem
    reason: str
    streak: int = 0
    at_top: bool = False
    window: tuple[date, ...] = ()


def decide(
    state: ExerciseState,
    verdicts: dict[date, Verdict],
    need: int,
    inputs: PlanInputs,
) -> Decision:
    """One exercise's next dose (R2.9, R3.5, R3.8, R3.9)."""
    ladder = state.ladder
    last = state.days[-1]
    decided = last_decided(state, verdicts)
    if decided is not None and decided[1].outcome is Outcome.EXCEEDED:
        return _go_back(state, verdicts, *decided)

    streak = tolerated_streak(state, verdicts, None)
    current = max(state.current, 0)
    window = streak.window[-need:]
    warning = _warning(verdicts, window, inputs.today)
    same = plan_item(state.exercise, current, last.load)
    if warning is not None:
        return Decision(PlanKind.HOLD, same, warning, streak.count, False, window)
    if state.current < 0:  # a step up from below the first rung is the first rung
        item = plan_item(state.exercise, 0, last.load)
        reason = "The last session was below the first step; this is the first step."
        return Decision(PlanKind.SAME, item, reason, streak.count, False, window)
    if streak.count >= need:
        if current < ladder.top:
            after = ladder.rung(current + 1)
            load = _heavier(last.load, ladder, ladder.rung(current), after)
            item = plan_item(state.exercise, current + 1, load)
            reason = (
                f"{streak.count} tolerated load days in a row at {same.words} "
                f"({need} needed): one step up."
            )
            return Decision(PlanKind.PROGRESS, item, reason, streak.count, False, window)
        reason = f"Top dose of {state.exercise.name}, tolerated {streak.count} load days."
        return Decision(PlanKind.SAME, same, reason, streak.count, True, window)
    reason = f"{streak.count} of {need} tolerated load days at this dose before the next step."
    return Decision(PlanKind.SAME, same, reason, streak.count, False, window)


def _go_back(
    state: ExerciseState, verdicts: dict[date, Verdict], bad_day: LoggedDay, verdict: Verdict
) -> Decision:
    """R3.5: after an exceeded day, the highest rung below it that was tolerated before
    it (never the exceeded one), else one step lighter than the exceeded day."""
    too_much = (
        f"{state.exercise.name} was too much on {bad_day.day.isoformat()} "
        f"({verdict.next_morning_pain}/10 next morning, "
        f"{verdict.mode.reference_word} {verdict.reference}/10)"
    )
    before = [
        d
        for d in state.days
        if d.day < bad_day.day
        and d.rung < bad_day.rung
        and (v := verdicts.get(d.day)) is not None
        and v.outcome is Outcome.TOLERATED
    ]
    if before:
        back = max(before, key=lambda d: (d.rung, d.day))
        item = plan_item(state.exercise, back.rung, back.load)
        reason = f"{too_much}; back to the dose last tolerated on {back.day.isoformat()}."
    else:
        lighter = _lighter(bad_day.load, state.ladder)
        item = plan_item(state.exercise, bad_day.rung - 1, lighter)
        reason = f"{too_much}; one step lighter."
    return Decision(PlanKind.GO_BACK, item, reason)


def _warning(verdicts: dict[date, Verdict], window: tuple[date, ...], today: date) -> str | None:
    """R3.8 / R3.9 inside the streak window (and yesterday) block progress."""
    days = set(window)
    days.add(today - timedelta(days=1))
    if window:
        first = window[0]
        days.update(d for d in verdicts if first <= d < today)
    for day in sorted(days, reverse=True):
        verdict = verdicts.get(day)
        if verdict is None:
            continue
        if verdict.pain_during_over_ceiling:
            return (
                f"Pain during reached {verdict.load_day.max_pain_during}/10 on "
                f"{day.isoformat()}; 6 or more is too much: hold the dose, do not "
                "step up."
            )
        if verdict.week_rose:
            return (
                "Your average morning pain rose from last week to the week of "
                f"{day.isoformat()}: hold the dose, do not step up."
            )
    return None


def needed(inputs: PlanInputs) -> int:
    """Tolerated load days before a step up (R2.7), three more for a reactive tendon (R4)."""
    days = validation.int_in_range(
        inputs.progress_after,
        *PROGRESS_AFTER_RANGE,
        "progress_after",
        "Tolerated days before progressing",
    )
    return days + REACTIVE_EXTRA_DAYS if inputs.pathology == "reactive" else days


def spaced_out(state: ExerciseState, today: date) -> bool:
    """R2.6: heavy slow resistance (and running) rests 48 h between sessions."""
    spaced = state.exercise.hsr or state.exercise.dose_type == "run"
    return spaced and bool(state.days) and (today - state.days[-1].day).days < HSR_REST_DAYS
