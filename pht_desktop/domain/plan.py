"""Today's plan: ONE instruction derived from the verdicts and the dose ladders.

Today's "What next" and "Today's plan", the tray, Ctrl+T, the hold-timer offer, the break
prompt's offer and the report all show what :func:`plan_today` returns, so the app can
never say two things at once. Rules, in the order they win:

1. **Flare** (R3.10): two exceeded load days in a row, or a morning at baseline + 2 or
   more → stage-1 isometrics at a low rung, a shorter sitting interval, and when to see a
   clinician; it lasts until two mornings at or below baseline.
2. **Go back** (R3.5): an exercise whose latest decided load day was exceeded goes back to
   its last tolerated rung (never the exceeded one); no run on a morning above baseline.
3. **Hold** (R3.8, R3.9): pain during ≥ 6 or a rising week inside the streak window.
4. **Progress** (R2.9, R2.7): N tolerated load days at a rung (default 6, minimum 3;
   N + 3 for a reactive tendon, R4) → the next rung of *that* exercise.
5. Otherwise the same dose again, or a rest day from heavy slow resistance (R2.6: 48 h).

Stage moves are proposed both ways (R2.10) and never made here: the user confirms
(R3.5). Only days before ``today`` are judged, so logging today's plan does not change it.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from typing import Final, Protocol

from pht_desktop.domain import validation
from pht_desktop.domain.catalogue import COMPRESSIVE_FROM_STAGE as COMPRESSIVE_STAGE
from pht_desktop.domain.catalogue import STANDING_SLUGS
from pht_desktop.domain.dose_ladder import (
    DEFAULT_STEPS,
    LOAD_STEP_KG,
    Ladder,
    LadderSteps,
    Performed,
    Rung,
    ladder_for,
)
from pht_desktop.domain.exercise import (
    RUNNING_READINESS_CHECKLIST,
    Load,
    LoadKind,
    SetEntry,
    plan_sets,
)
from pht_desktop.domain.guidance import DEFAULT_PROGRESS_AFTER, DISCLAIMER, MAX_STAGE
from pht_desktop.domain.morning import BaselineChange, MorningEntry, baseline_in_force
from pht_desktop.domain.plural import counted
from pht_desktop.domain.verdicts import Outcome, Verdict, week_start

PROGRESS_AFTER_RANGE: Final = (3, 30)
"""R2.7: tolerated load days at a rung before the next one; below 3 is noise, not a trend."""
REACTIVE_EXTRA_DAYS: Final = 3
"""R4: a reactive tendon waits N + 3 tolerated load days before each step."""

FLARE_MARGIN: Final = 2
"""R3.10: a morning at baseline + 2 or more is a flare."""
FLARE_CLEAR_MORNINGS: Final = 2
"""R3.10: the flare plan ends after two mornings at or below baseline."""
REPEATED_FLARES: Final = 2
REPEATED_FLARES_WINDOW: Final = timedelta(days=28)
"""R2.10: two flares within four weeks of one stage propose going back a stage."""

SITTING_STEP_MIN: Final = 5
SITTING_ADVICE_MAX_MIN: Final = 40
SITTING_FLARE_STEP_MIN: Final = 10
SITTING_MIN_MIN: Final = 15
SITTING_WEEK_MIN_MORNINGS: Final = 4
"""R1.5: a week with at least 4 mornings, all at or below baseline, grows sitting by 5 min
up to the 40 min of the advice (beyond only on request); a flare shortens it by 10."""

HSR_REST_DAYS: Final = 2
"""R2.6: heavy slow resistance (and runs) at least 48 h apart."""
ACTIVE_WINDOW: Final = timedelta(days=21)
MAX_ITEMS: Final = 3
BREAK_REST_S: Final = 60
"""Rest between holds inside a standing break: a short one, so the hold fits (issue 11)."""

RUN_ID: Final = 0
"""Runs are logged without an exercise row; the plan treats them as one exercise."""

CLINICIAN_TEXT: Final = (
    "See a physiotherapist or doctor if you have pain at night, pain that keeps rising for "
    "a week despite less load, numbness, pins and needles or weakness in the leg, or a "
    "sudden pop or bruising."
)
"""R3.10, in plain words."""


class PlanKind(StrEnum):
    """What kind of day today is; the headline's first words follow it."""

    START = "start"
    SAME = "same"
    PROGRESS = "progress"
    HOLD = "hold"
    GO_BACK = "go_back"
    FLARE = "flare"
    REST = "rest"


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


@dataclass(frozen=True, slots=True)
class PlanItem:
    """One exercise of today with its exact dose (sets, load, effort), ready for the form.

    ``rung`` is the ladder index (-1: below the first rung, after even that was too much).
    """

    exercise_id: int
    name: str
    dose_type: str
    rung: int
    rungs: int
    dose: Rung
    load: Load
    words: str

    @property
    def sets(self) -> tuple[SetEntry, ...]:
        return self.dose.set_entries()

    @property
    def timed(self) -> bool:
        return self.dose_type == "hold"

    @property
    def effort_pct(self) -> int | None:
        return self.dose.effort_pct


@dataclass(frozen=True, slots=True)
class StageMove:
    """A stage change to propose (R2.10); ``checklist`` are R2.8 items to tick first."""

    current: int
    proposed: int
    reason: str
    checklist: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SittingMove:
    """A sitting-interval change to propose (R1.5, R3.10); the user confirms.

    ``week`` is the date an answer closes the proposal through (the calm week's Monday,
    or the flare's first morning), so each is asked once.
    """

    current_min: int
    proposed_min: int
    reason: str
    week: date | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    """Today's one instruction: headline, one-sentence reason, the numbers behind it."""

    kind: PlanKind
    headline: str
    reason: str
    numbers: tuple[str, ...]
    items: tuple[PlanItem, ...]
    stage: int
    streak: int = 0
    needed: int = DEFAULT_PROGRESS_AFTER
    stage_move: StageMove | None = None
    sitting_move: SittingMove | None = None
    clinician: str | None = None
    disclaimer: str = DISCLAIMER

    @property
    def first(self) -> PlanItem | None:
        return self.items[0] if self.items else None


@dataclass(frozen=True, slots=True)
class BreakOffer:
    """One set of a standing isometric that fits inside the standing break (issue 11)."""

    exercise_id: int
    name: str
    holds: int
    hold_s: int
    rest_s: int
    effort_pct: int | None
    load: Load = field(default_factory=Load.bodyweight)

    @property
    def seconds(self) -> int:
        return self.holds * self.hold_s + (self.holds - 1) * self.rest_s

    def as_item(self) -> PlanItem:
        """The offer as a plan item, so the hold timer starts it like any planned dose."""
        dose = Rung(
            sets=self.holds, hold_s=self.hold_s, rest_s=self.rest_s, effort_pct=self.effort_pct
        )
        return PlanItem(
            self.exercise_id,
            self.name,
            "hold",
            0,
            1,
            dose,
            self.load,
            f"{self.name} {dose.words()}",
        )


# --- per-exercise state ------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Day:
    day: date
    rung: int
    load: Load


@dataclass(slots=True)
class _State:
    exercise: PlanExercise
    ladder: Ladder
    days: list[_Day]

    @property
    def current(self) -> int:
        return self.days[-1].rung if self.days else self.ladder.entry


def _states(inputs: PlanInputs, exercises: dict[int, PlanExercise]) -> dict[int, _State]:
    """Each exercise's logged days before today, its best rung per day."""
    states: dict[int, _State] = {}
    for done in sorted(inputs.done, key=lambda d: d.day):
        exercise = exercises.get(done.exercise_id)
        if exercise is None or done.day >= inputs.today:
            continue
        state = states.setdefault(exercise.id, _State(exercise, exercise.ladder, []))
        rung = state.ladder.rung_of(done.performed)
        if state.days and state.days[-1].day == done.day:
            if rung > state.days[-1].rung:
                state.days[-1] = _Day(done.day, rung, done.load)
        else:
            state.days.append(_Day(done.day, rung, done.load))
    return states


@dataclass(frozen=True, slots=True)
class _Streak:
    count: int
    window: tuple[date, ...]


def _streak(state: _State, verdicts: dict[date, Verdict], since: date | None) -> _Streak:
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
    return _Streak(len(counted), tuple(reversed(counted)))


def _last_decided(state: _State, verdicts: dict[date, Verdict]) -> tuple[_Day, Verdict] | None:
    for day in reversed(state.days):
        verdict = verdicts.get(day.day)
        if verdict is not None and verdict.outcome is not Outcome.UNKNOWN:
            return day, verdict
    return None


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


def _item(state_or_exercise: _State | PlanExercise, rung: int, load: Load) -> PlanItem:
    exercise = (
        state_or_exercise.exercise if isinstance(state_or_exercise, _State) else state_or_exercise
    )
    ladder = exercise.ladder
    dose = ladder.below_first() if rung < 0 else ladder.rung(rung)
    words = f"{exercise.name} {dose.words()}"
    if load.kind is not LoadKind.BODYWEIGHT:
        words += f", {load.label}"
    return PlanItem(
        exercise.id,
        exercise.name,
        exercise.dose_type,
        max(-1, min(rung, ladder.top)),
        len(ladder.rungs),
        dose,
        load,
        words,
    )


def _streak_words(streak: int, need: int) -> str:
    """ "4 of 6 tolerated load days", or past the need "8 tolerated load days in a row"
    (never "8 of 6")."""
    if streak >= need:
        return f"{counted(streak, 'tolerated load day')} in a row"
    return f"{streak} of {need} tolerated load days"


def _rung_words(item: PlanItem) -> str:
    if item.rung < 0:
        return "below the first step"
    return f"step {item.rung + 1} of {item.rungs}"


# --- mornings and flares -------------------------------------------------------------------
def _baseline(inputs: PlanInputs, entry: MorningEntry) -> int | None:
    """The baseline in force that morning, only when it is for the same test (R3.7)."""
    baseline = baseline_in_force(inputs.baselines, entry.day)
    if baseline is None or (baseline.test is not None and baseline.test != entry.test):
        return None
    return baseline.pain


def flare_onsets(inputs: PlanInputs) -> list[date]:
    """The mornings a flare began (R3.10), oldest first, up to today."""
    onsets: set[date] = set()
    for entry in inputs.mornings:
        reference = _baseline(inputs, entry)
        if (
            entry.day <= inputs.today
            and reference is not None
            and entry.pain >= reference + FLARE_MARGIN
        ):
            onsets.add(entry.day)
    decided = sorted(
        (v for v in inputs.verdicts if v.outcome is not Outcome.UNKNOWN and v.day < inputs.today),
        key=lambda v: v.day,
    )
    for earlier, later in itertools.pairwise(decided):
        if earlier.outcome is Outcome.EXCEEDED and later.outcome is Outcome.EXCEEDED:
            onsets.add(later.next_morning)
    return sorted(onsets)


def _active_flare(inputs: PlanInputs, onsets: list[date]) -> date | None:
    """The flare still in force today: fewer than two good mornings since it began."""
    if not onsets:
        return None
    onset = onsets[-1]
    good = 0
    for entry in inputs.mornings:
        if onset < entry.day <= inputs.today:
            reference = _baseline(inputs, entry)
            if reference is not None and entry.pain <= reference:
                good += 1
    return onset if good < FLARE_CLEAR_MORNINGS else None


def _morning_today(inputs: PlanInputs) -> tuple[int, int] | None:
    """This morning's pain and its baseline, when both are known."""
    for entry in inputs.mornings:
        if entry.day == inputs.today:
            reference = _baseline(inputs, entry)
            return None if reference is None else (entry.pain, reference)
    return None


# --- the plan -------------------------------------------------------------------------------
def _isometric(
    exercises: dict[int, PlanExercise], states: dict[int, _State]
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
    inputs: PlanInputs, exercises: dict[int, PlanExercise], states: dict[int, _State]
) -> list[_State]:
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


@dataclass(slots=True)
class _Decision:
    kind: PlanKind
    item: PlanItem
    reason: str
    streak: int = 0
    at_top: bool = False
    window: tuple[date, ...] = ()


def _decide(
    state: _State,
    verdicts: dict[date, Verdict],
    need: int,
    inputs: PlanInputs,
) -> _Decision:
    """One exercise's next dose (R2.9, R3.5, R3.8, R3.9)."""
    ladder = state.ladder
    last = state.days[-1]
    decided = _last_decided(state, verdicts)
    if decided is not None and decided[1].outcome is Outcome.EXCEEDED:
        bad_day, verdict = decided
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
            item = _item(state, back.rung, back.load)
            reason = (
                f"{state.exercise.name} was too much on {bad_day.day.isoformat()} "
                f"({verdict.next_morning_pain}/10 next morning, "
                f"{verdict.mode.reference_word} {verdict.reference}/10); back to the dose "
                f"last tolerated on {back.day.isoformat()}."
            )
        else:
            item = _item(state, bad_day.rung - 1, _lighter(bad_day.load, ladder))
            reason = (
                f"{state.exercise.name} was too much on {bad_day.day.isoformat()} "
                f"({verdict.next_morning_pain}/10 next morning, "
                f"{verdict.mode.reference_word} {verdict.reference}/10); one step lighter."
            )
        return _Decision(PlanKind.GO_BACK, item, reason)

    streak = _streak(state, verdicts, None)
    current = max(state.current, 0)
    window = streak.window[-need:]
    warning = _warning(verdicts, window, inputs.today)
    same = _item(state, current, last.load)
    if warning is not None:
        return _Decision(PlanKind.HOLD, same, warning, streak.count, False, window)
    if state.current < 0:  # a step up from below the first rung is the first rung
        item = _item(state, 0, last.load)
        reason = "The last session was below the first step; this is the first step."
        return _Decision(PlanKind.SAME, item, reason, streak.count, False, window)
    if streak.count >= need:
        if current < ladder.top:
            after = ladder.rung(current + 1)
            load = _heavier(last.load, ladder, ladder.rung(current), after)
            item = _item(state, current + 1, load)
            reason = (
                f"{streak.count} tolerated load days in a row at {same.words} "
                f"({need} needed): one step up."
            )
            return _Decision(PlanKind.PROGRESS, item, reason, streak.count, False, window)
        reason = f"Top dose of {state.exercise.name}, tolerated {streak.count} load days."
        return _Decision(PlanKind.SAME, same, reason, streak.count, True, window)
    reason = f"{streak.count} of {need} tolerated load days at this dose before the next step."
    return _Decision(PlanKind.SAME, same, reason, streak.count, False, window)


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


def _needed(inputs: PlanInputs) -> int:
    days = validation.int_in_range(
        inputs.progress_after,
        *PROGRESS_AFTER_RANGE,
        "progress_after",
        "Tolerated days before progressing",
    )
    return days + REACTIVE_EXTRA_DAYS if inputs.pathology == "reactive" else days


def _spaced_out(state: _State, today: date) -> bool:
    """R2.6: heavy slow resistance (and running) rests 48 h between sessions."""
    spaced = state.exercise.hsr or state.exercise.dose_type == "run"
    return spaced and bool(state.days) and (today - state.days[-1].day).days < HSR_REST_DAYS


@dataclass(frozen=True, slots=True)
class _Today:
    """What every branch of :func:`plan_today` reads, worked out once."""

    inputs: PlanInputs
    stage: int
    need: int
    exercises: dict[int, PlanExercise]
    states: dict[int, _State]
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
            sitting_move=_sitting_move(self.inputs),
        )


def plan_today(inputs: PlanInputs) -> Plan:
    """Today's one instruction (see the module docstring for the rules and their order)."""
    stage = validation.int_in_range(inputs.stage, 1, MAX_STAGE, "stage", "Stage")
    need = _needed(inputs)
    exercises = {e.id: e for e in inputs.exercises}
    states = _states(inputs, exercises)
    verdicts = {v.day: v for v in inputs.verdicts if v.day < inputs.today}
    onsets = flare_onsets(inputs)
    flare = _active_flare(inputs, onsets)
    back_move = _stage_back(inputs, onsets, stage)
    if flare is not None:
        return _flare_plan(inputs, exercises, states, flare, stage, need, back_move)

    today = _Today(inputs, stage, need, exercises, states, verdicts, _morning_today(inputs))
    active = _active(inputs, exercises, states)
    decisions = [_decide(s, verdicts, need, inputs) for s in active]
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
    stage_move = back_move or _stage_forward(inputs, stage, active, decisions, verdicts, need)
    return _dose_plan(today, kept, rest_note, stage_move)


def _kept_today(
    today: _Today, active: list[_State], decisions: list[_Decision]
) -> tuple[list[_Decision], str | None]:
    """The decisions done today, and why any were left out (R2.6 48 h, sore morning, R4)."""
    rest_note: str | None = None
    kept: list[_Decision] = []
    for state, decision in zip(active, decisions, strict=True):
        if decision.kind is not PlanKind.GO_BACK and _spaced_out(state, today.inputs.today):
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
    item = _item(starter, start_rung(starter.ladder, inputs.pathology), Load.bodyweight())
    why = (
        "A reactive tendon starts on the easiest step."
        if inputs.pathology == "reactive"
        else f"Stage {stage} starts here; the next step after {need} tolerated load days."
    )
    return today.plan(
        PlanKind.START, f"Start: {item.words}.", why, (*numbers, _rung_words(item)), (item,)
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
            return (_item(hold_state, low, hold_state.days[-1].load),)
        # its own rules: back after an exceeded day, up after a streak
        return (_decide(hold_state, today.verdicts, today.need, inputs).item,)
    return (_item(hold, low if low is not None else hold.ladder.entry, Load()),)


_HEADLINE_START: Final = {
    PlanKind.GO_BACK: "Go back to ",
    PlanKind.HOLD: "Hold this dose: ",
    PlanKind.PROGRESS: "Step up: ",
    PlanKind.SAME: "Same dose again: ",
}


def _dose_plan(
    today: _Today, kept: list[_Decision], rest_note: str | None, stage_move: StageMove | None
) -> Plan:
    """Today's doses: the overall decision first, its reason, the streak toward a step."""
    kind = _overall(kept)
    main = next(d for d in kept if d.kind is kind)
    items = tuple(d.item for d in sorted(kept, key=lambda d: d.kind is not kind))
    numbers = today.numbers()
    numbers.append(_rung_words(main.item))
    if kind is not PlanKind.GO_BACK:
        numbers.append(_streak_words(main.streak, today.need))
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


def _overall(decisions: list[_Decision]) -> PlanKind:
    for kind in (PlanKind.GO_BACK, PlanKind.HOLD, PlanKind.PROGRESS):
        if any(d.kind is kind for d in decisions):
            return kind
    return PlanKind.SAME


def _flare_plan(
    inputs: PlanInputs,
    exercises: dict[int, PlanExercise],
    states: dict[int, _State],
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
        items = (_item(hold, hold.ladder.low, load),)
    what = items[0].words if items else "gentle walking and standing breaks"
    shorter = max(SITTING_MIN_MIN, inputs.sitting_interval_min - SITTING_FLARE_STEP_MIN)
    sitting = (
        SittingMove(
            inputs.sitting_interval_min,
            shorter,
            "A flare: shorter spells of sitting take pressure off the tendon.",
            onset,
        )
        if shorter < inputs.sitting_interval_min
        and (inputs.sitting_reviewed_through is None or inputs.sitting_reviewed_through < onset)
        else None
    )
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
        sitting_move=sitting,
        clinician=CLINICIAN_TEXT,
    )


def _morning_words(inputs: PlanInputs) -> str | None:
    morning = _morning_today(inputs)
    return None if morning is None else f"this morning {morning[0]}/10, baseline {morning[1]}/10"


def _stage_forward(
    inputs: PlanInputs,
    stage: int,
    active: list[_State],
    decisions: list[_Decision],
    verdicts: dict[date, Verdict],
    need: int,
) -> StageMove | None:
    """R2.10: every key exercise at its top rung, tolerated N load days inside this stage,
    no R3.8/R3.9 warning; before stage 5 the R2.8 checklist comes with the proposal."""
    if stage >= MAX_STAGE or not active:
        return None
    for state, decision in zip(active, decisions, strict=True):
        if not decision.at_top or decision.kind is not PlanKind.SAME:
            return None
        in_stage = _streak(state, verdicts, inputs.stage_since)
        if in_stage.count < need:
            return None
    names = ", ".join(s.exercise.name for s in active)
    checklist = RUNNING_READINESS_CHECKLIST[:3] if stage + 1 == MAX_STAGE else ()
    return StageMove(
        stage,
        stage + 1,
        f"{names}: the top dose was tolerated for {need} load days, with no pain of 6 or more "
        "during exercise and no rise in weekly morning pain.",
        checklist,
    )


REACTIVE_RESET_REASON: Final = (  # R4, shown to the user: no rule code in it
    "You chose reactive: an irritable tendon starts again at stage 1, with isometric "
    "holds at the lowest rungs, and steps up more slowly."
)


def reactive_stage_move(stage: int, pathology: str) -> StageMove | None:
    """R4: choosing *reactive* above stage 1 proposes going back to stage 1 at once.

    The one stage move of more than one step: it has its reason, and the user confirms it
    like any other (recorded with its date, undone the same day)."""
    if pathology != "reactive" or stage <= 1:
        return None
    return StageMove(stage, 1, REACTIVE_RESET_REASON)


def allowed_stage_move(move: StageMove, stage: int, pathology: str) -> bool:
    """A move may be recorded when it still applies: one step from today's stage, or the
    reactive return to stage 1 (R4) while the tendon is still recorded as reactive."""
    if move.current != stage:
        return False
    return abs(move.proposed - stage) == 1 or move == reactive_stage_move(stage, pathology)


def _stage_back(inputs: PlanInputs, onsets: list[date], stage: int) -> StageMove | None:
    """R2.10: repeated flares inside one stage propose going back a stage."""
    if stage <= 1:
        return None
    since = inputs.today - REPEATED_FLARES_WINDOW
    if inputs.stage_since is not None:
        since = max(since, inputs.stage_since)
    recent = [d for d in onsets if since <= d <= inputs.today]
    if len(recent) < REPEATED_FLARES:
        return None
    return StageMove(
        stage,
        stage - 1,
        f"{len(recent)} flares since {recent[0].isoformat()} at stage {stage}.",
    )


def _sitting_move(inputs: PlanInputs) -> SittingMove | None:
    """R1.5: after a calendar week whose mornings were all at or below baseline; never
    on a morning above baseline (more sitting is not news for a sore day)."""
    if inputs.sitting_interval_min >= SITTING_ADVICE_MAX_MIN:
        return None
    morning = _morning_today(inputs)
    if morning is not None and morning[0] > morning[1]:
        return None
    last_week = week_start(inputs.today) - timedelta(days=7)
    if inputs.sitting_reviewed_through is not None and last_week <= inputs.sitting_reviewed_through:
        return None
    week = [e for e in inputs.mornings if last_week <= e.day < last_week + timedelta(days=7)]
    if len(week) < SITTING_WEEK_MIN_MORNINGS:
        return None
    references = [_baseline(inputs, e) for e in week]
    if any(r is None or e.pain > r for e, r in zip(week, references, strict=True)):
        return None
    proposed = min(SITTING_ADVICE_MAX_MIN, inputs.sitting_interval_min + SITTING_STEP_MIN)
    return SittingMove(
        inputs.sitting_interval_min,
        proposed,
        f"Every morning of the week of {last_week.isoformat()} was at or below baseline: "
        "sitting can grow a little.",
        last_week,
    )


def break_offer(plan: Plan, exercises: Sequence[PlanExercise], break_s: int) -> BreakOffer | None:
    """One set of the stage's standing isometric that fits inside the break, or None.

    Only where the plan is stage-1 holds (stage 1 or a flare): later stages have no
    standing option in the catalogue. The holds come from the plan's dose; the rest
    between them is shortened to ``BREAK_REST_S`` so the set fits.
    """
    if plan.stage != 1 and plan.kind is not PlanKind.FLARE:
        return None
    standing = [e for e in exercises if e.stage == 1 and e.standing and e.dose_type == "hold"]
    if not standing:
        return None
    exercise = standing[0]
    planned = next((i for i in plan.items if i.exercise_id == exercise.id), None)
    rung = planned.dose if planned is not None else exercise.ladder.rung(exercise.ladder.entry)
    hold_s = rung.hold_s or 30
    holds = 0
    for n in range(1, rung.sets + 1):
        if n * hold_s + (n - 1) * BREAK_REST_S <= break_s:
            holds = n
    if holds == 0:
        return None
    load = planned.load if planned is not None else Load.bodyweight()
    return BreakOffer(
        exercise.id, exercise.name, holds, hold_s, BREAK_REST_S, rung.effort_pct, load
    )


def with_stage(inputs: PlanInputs, stage: int, since: date) -> PlanInputs:
    """The same inputs after a confirmed stage move (tests and simulations)."""
    return dataclasses.replace(inputs, stage=stage, stage_since=since)
