"""Today's plan: the rules of the package docstring applied in their order, each kind of
day (flare, start, rest, the doses) with its headline, reason and numbers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from pht_desktop.domain import validation
from pht_desktop.domain.catalogue import COMPRESSIVE_FROM_STAGE as COMPRESSIVE_STAGE
from pht_desktop.domain.exercise import Load
from pht_desktop.domain.guidance import MAX_STAGE
from pht_desktop.domain.plan.decision import Decision, decide, needed, spaced_out
from pht_desktop.domain.plan.history import ExerciseState, exercise_states
from pht_desktop.domain.plan.inputs import RUN_ID, PlanExercise, PlanInputs, start_rung
from pht_desktop.domain.plan.instruction import (
    CLINICIAN_TEXT,
    Plan,
    PlanItem,
    PlanKind,
    StageMove,
    plan_item,
    rung_words,
    streak_words,
)
from pht_desktop.domain.plan.mornings import (
    FLARE_CLEAR_MORNINGS,
    active_flare,
    flare_onsets,
    morning_today,
)
from pht_desktop.domain.plan.sitting import flare_sitting_move, sitting_move
from pht_desktop.domain.plan.stage_moves import stage_back, stage_forward
from pht_desktop.domain.verdicts import Outcome, Verdict

ACTIVE_WINDOW: Final = timedelta(days=21)
MAX_ITEMS: Final = 3


def _isometric(
    exercises: dict[int, PlanExercise], states: dict[int, ExerciseState]
) -> PlanExercise | None:
    """The stage-1 hold the user did last, else the first standing one, else any."""
    holds = [e for e in exercises.values() if e.stage == 1 and e.dose_type == "hold"]
    if not holds:
        return None
    done = [e for e in holds if e.id in states]
    if done:
        return max(done, key=lambda e: states[e.id].days[-1].day)
    return next((e for e in holds if e.standing), holds[0])


def _active(
    inputs: PlanInputs, exercises: dict[int, PlanExercise], states: dict[int, ExerciseState]
) -> list[ExerciseState]:
    """The current stage's exercises the user has been doing, latest first (at most 3)."""
    since = inputs.today - ACTIVE_WINDOW
    if inputs.stage_since is not None:
        since = max(since, inputs.stage_since)
    active = [
        s
        for s in states.values()
        if s.exercise.stage == inputs.stage
        and not s.exercise.avoid_early
        and s.days
        and s.days[-1].day >= since
    ]
    active.sort(key=lambda s: (s.days[-1].day, s.exercise.id), reverse=True)
    return active[:MAX_ITEMS]


def _starter(inputs: PlanInputs, exercises: dict[int, PlanExercise]) -> PlanExercise | None:
    """A stage without logged exercises starts with its first suitable one."""
    if inputs.stage == MAX_STAGE and RUN_ID in exercises:
        return exercises[RUN_ID]
    candidates = [
        e
        for e in exercises.values()
        if e.stage == inputs.stage and not e.avoid_early and e.dose_type != "run"
    ]
    # R2.1/R2.5: before stage 4 a compressive exercise is never the one the plan picks.
    gentle = [e for e in candidates if not (e.compressive and inputs.stage < COMPRESSIVE_STAGE)]
    pool = gentle or candidates
    return pool[0] if pool else None


@dataclass(frozen=True, slots=True)
class _Today:
    """What every branch of :func:`plan_today` reads, worked out once."""

    inputs: PlanInputs
    stage: int
    need: int
    exercises: dict[int, PlanExercise]
    states: dict[int, ExerciseState]
    verdicts: dict[date, Verdict]
    morning: tuple[int, int] | None
    """This morning's pain and the baseline in force, when recorded."""

    @property
    def sore(self) -> bool:
        return self.morning is not None and self.morning[0] > self.morning[1]

    def numbers(self) -> list[str]:
        if self.morning is None:
            return []
        return [f"this morning {self.morning[0]}/10, baseline {self.morning[1]}/10"]

    def plan(
        self,
        kind: PlanKind,
        headline: str,
        reason: str,
        numbers: Sequence[str],
        items: tuple[PlanItem, ...],
        *,
        streak: int = 0,
        stage_move: StageMove | None = None,
    ) -> Plan:
        """A Plan of today's stage and need, with the sitting move (R3.10) always asked."""
        return Plan(
            kind,
            headline,
            reason,
            tuple(numbers),
            items,
            self.stage,
            streak=streak,
            needed=self.need,
            stage_move=stage_move,
            sitting_move=sitting_move(self.inputs),
        )


def plan_today(inputs: PlanInputs) -> Plan:
    """Today's one instruction (see the module docstring for the rules and their order)."""
    stage = validation.int_in_range(inputs.stage, 1, MAX_STAGE, "stage", "Stage")
    need = needed(inputs)
    exercises = {e.id: e for e in inputs.exercises}
    states = exercise_states(inputs, exercises)
    verdicts = {v.day: v for v in inputs.verdicts if v.day < inputs.today}
    onsets = flare_onsets(inputs)
    flare = active_flare(inputs, onsets)
    back_move = stage_back(inputs, onsets, stage)
    if flare is not None:
        return _flare_plan(inputs, exercises, states, flare, stage, need, back_move)

    today = _Today(inputs, stage, need, exercises, states, verdicts, morning_today(inputs))
    active = _active(inputs, exercises, states)
    decisions = [decide(s, verdicts, need, inputs) for s in active]
    kept, rest_note = _kept_today(today, active, decisions)
    first_run_on_sore_morning = (
        not active and today.sore and stage == MAX_STAGE and RUN_ID in exercises
    )
    if first_run_on_sore_morning:  # the rest plan below offers a hold instead
        rest_note = "No run on a morning above your baseline."
    elif not active:
        return _start_plan(today)
    if not kept:
        return _rest_plan(today, rest_note)
    stage_move = back_move or stage_forward(inputs, stage, active, decisions, verdicts, need)
    return _dose_plan(today, kept, rest_note, stage_move)


def _kept_today(
    today: _Today, active: list[ExerciseState], decisions: list[Decision]
) -> tuple[list[Decision], str | None]:
    """The decisions done today, and why any were left out (R2.6 48 h, sore morning, R4)."""
    rest_note: str | None = None
    kept: list[Decision] = []
    for state, decision in zip(active, decisions, strict=True):
        if decision.kind is not PlanKind.GO_BACK and spaced_out(state, today.inputs.today):
            rest_note = f"{state.exercise.name} rests 48 h between sessions."
            continue
        if state.exercise.dose_type == "run" and today.sore:
            rest_note = "No run on a morning above your baseline."
            continue
        kept.append(decision)
    if today.sore and today.inputs.pathology == "reactive":
        rest_note = "A reactive tendon on a sore morning: only still holds (isometrics) today."
        kept = []
    return kept, rest_note


def _start_plan(today: _Today) -> Plan:
    """Nothing done yet at this stage: start the starter on its entry rung (R2.9, R4)."""
    inputs, stage, need = today.inputs, today.stage, today.need
    numbers = today.numbers()
    starter = _starter(inputs, today.exercises)
    if starter is None:
        return today.plan(
            PlanKind.START,
            "No exercise for your stage yet: add one in Exercises.",
            "The plan needs at least one exercise of your stage.",
            numbers,
            (),
        )
    item = plan_item(starter, start_rung(starter.ladder, inputs.pathology), Load.bodyweight())
    why = (
        "A reactive tendon starts on the easiest step."
        if inputs.pathology == "reactive"
        else f"Stage {stage} starts here; the next step after {need} tolerated load days."
    )
    return today.plan(
        PlanKind.START, f"Start: {item.words}.", why, (*numbers, rung_words(item)), (item,)
    )


def _rest_plan(today: _Today, rest_note: str | None) -> Plan:
    """A rest day from the stage's exercises, offering the isometric hold if there is one."""
    items = _rest_hold(today)
    stage = today.stage
    headline = (
        f"Rest day from your stage-{stage} exercises; if you like, {items[0].words}."
        if items
        else f"Rest day from your stage-{stage} exercises."
    )
    return today.plan(
        PlanKind.REST,
        headline,
        rest_note or "Rest between sessions.",
        today.numbers(),
        items,
    )


def _rest_hold(today: _Today) -> tuple[PlanItem, ...]:
    """The hold a rest day offers: the lowest rung for a reactive tendon on a sore
    morning (R4), else the hold's own rules, else its entry rung."""
    hold = _isometric(today.exercises, today.states)
    if hold is None:
        return ()
    inputs = today.inputs
    hold_state = today.states.get(hold.id)
    low = hold.ladder.low if inputs.pathology == "reactive" and today.sore else None
    if hold_state is not None and hold_state.days:
        if low is not None:
            return (plan_item(hold_state.exercise, low, hold_state.days[-1].load),)
        # its own rules: back after an exceeded day, up after a streak
        return (decide(hold_state, today.verdicts, today.need, inputs).item,)
    return (plan_item(hold, low if low is not None else hold.ladder.entry, Load()),)


_HEADLINE_START: Final = {
    PlanKind.GO_BACK: "Go back to ",
    PlanKind.HOLD: "Hold this dose: ",
    PlanKind.PROGRESS: "Step up: ",
    PlanKind.SAME: "Same dose again: ",
}


def _dose_plan(
    today: _Today, kept: list[Decision], rest_note: str | None, stage_move: StageMove | None
) -> Plan:
    """Today's doses: the overall decision first, its reason, the streak toward a step."""
    kind = _overall(kept)
    main = next(d for d in kept if d.kind is kind)
    items = tuple(d.item for d in sorted(kept, key=lambda d: d.kind is not kind))
    numbers = today.numbers()
    numbers.append(rung_words(main.item))
    if kind is not PlanKind.GO_BACK:
        numbers.append(streak_words(main.streak, today.need))
    headline = _HEADLINE_START[kind] + "; ".join(i.words for i in items) + "."
    reason = main.reason if rest_note is None else f"{main.reason} {rest_note}"
    yesterday = today.verdicts.get(today.inputs.today - timedelta(days=1))
    if (
        kind is not PlanKind.GO_BACK
        and yesterday is not None
        and yesterday.outcome is Outcome.EXCEEDED
    ):
        reason = (
            f"Yesterday's load was too much ({yesterday.next_morning_pain}/10 this "
            f"morning, {yesterday.mode.reference_word} {yesterday.reference}/10): no "
            f"step up today. {reason}"
        )
    return today.plan(
        kind,
        headline,
        reason,
        numbers,
        items,
        streak=main.streak,
        stage_move=stage_move,
    )


def _overall(decisions: list[Decision]) -> PlanKind:
    for kind in (PlanKind.GO_BACK, PlanKind.HOLD, PlanKind.PROGRESS):
        if any(d.kind is kind for d in decisions):
            return kind
    return PlanKind.SAME


def _flare_plan(
    inputs: PlanInputs,
    exercises: dict[int, PlanExercise],
    states: dict[int, ExerciseState],
    onset: date,
    stage: int,
    need: int,
    back_move: StageMove | None,
) -> Plan:
    """R3.10: stage-1 isometrics at a low rung, a shorter sitting interval, a clinician note."""
    hold = _isometric(exercises, states)
    items: tuple[PlanItem, ...] = ()
    if hold is not None:
        state = states.get(hold.id)
        load = state.days[-1].load if state is not None and state.days else Load()
        items = (plan_item(hold, hold.ladder.low, load),)
    what = items[0].words if items else "gentle walking and standing breaks"
    return Plan(
        PlanKind.FLARE,
        f"Flare: only {what} for now.",
        f"A flare began on {onset.isoformat()}; the plan resumes at your last "
        f"tolerated dose after {FLARE_CLEAR_MORNINGS} mornings at or below baseline.",
        tuple(f for f in (_morning_words(inputs),) if f),
        items,
        stage,
        needed=need,
        stage_move=back_move,
        sitting_move=flare_sitting_move(inputs, onset),
        clinician=CLINICIAN_TEXT,
    )


def _morning_words(inputs: PlanInputs) -> str | None:
    morning = morning_today(inputs)
    return None if morning is None else f"this morning {morning[0]}/10, baseline {morning[1]}/10"
