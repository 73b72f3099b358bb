"""Dose ladders: the rungs each exercise climbs inside its stage (R2.9, R2.3, R2.6, R2.4).

A ladder is a short list of doses, easiest first. The plan (``domain/plan/``) moves a
user one rung at a time, after N tolerated load days at the current rung (R2.7), and back
to the last tolerated rung after an exceeded day (R3.5). The *top dose* of a stage is the
top rung of its exercises' ladders: derived here, never assumed (R2.9).

* Isometric holds climb by hold time (30 → 45 s), effort (≈ 50 → 70 → 80 % of maximal)
  and number of holds (R2.3; Rio et al. 2015).
* Heavy slow resistance climbs by reps and load, from ≈ 15RM toward 6–8RM (R2.6). A rung
  names the repetition maximum (``rm``): the load at which that many reps is all you can
  do. The kg themselves are the user's: the plan carries the last tolerated load forward
  and adds ``LOAD_STEP_KG`` when a rung asks for a heavier repetition maximum.
* Run-walk climbs by run minutes per block and total time, then continuous running, and
  only at the very end strides and hills (``Rung.extra``, R2.4). Issue 14's run-file
  import can mark a run's strides or hills; :func:`run_rung_of` matches those flags.

Matching what was logged to a rung is the ladder's job too (:meth:`Ladder.rung_of`): the
highest rung whose dose the session met, so a user who logs a little more or less than
the plan is still placed honestly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from pht_desktop.domain import validation
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.exercise import (
    HOLD_SECONDS_RANGE,
    MAX_SETS,
    REPS_RANGE,
    REST_SECONDS_RANGE,
    RunStyle,
    SetEntry,
)

LOAD_STEP_KG: Final = 2.5
"""The smallest plate step most gyms offer: added when a rung asks for a heavier RM."""

CUSTOM_HOLD_STEP_S: Final = 5
CUSTOM_REPS_STEP: Final = 2
CUSTOM_RUNGS: Final = 4
"""A custom exercise's ladder: its own dose, then three small steps (R2.9)."""
CUSTOM_RUNGS_RANGE: Final = (1, 10)
CUSTOM_HOLD_STEP_RANGE: Final = (0, 60)
CUSTOM_REPS_STEP_RANGE: Final = (0, 20)
CUSTOM_LOAD_STEP_MAX_KG: Final = 20.0
"""What a user may set for their own exercise's ladder (R2.9): a handful of small steps."""


class LadderKind(StrEnum):
    """How a ladder's rungs are compared with what was logged."""

    HOLD = "hold"
    REPS = "reps"
    RUN = "run"


@dataclass(frozen=True, slots=True)
class Rung:
    """One dose on a ladder.

    ``sets`` × ``reps`` for rep exercises; ``sets`` holds of ``hold_s`` for holds (one
    hold per set, as the catalogue logs them); ``effort_pct`` the target share of a
    maximal effort (holds); ``rm`` the repetition maximum the load should match (HSR).
    Runs: ``run_min``/``walk_min`` per block and ``total_min``; ``continuous`` for a run
    without walk breaks; ``extra`` is "strides" or "hills", the last rungs (R2.4).
    ``cue`` is a short how-to for this rung (depth, tempo).
    """

    sets: int = 1
    reps: int = 1
    hold_s: int | None = None
    rest_s: int = 0
    effort_pct: int | None = None
    rm: int | None = None
    run_min: int | None = None
    walk_min: int | None = None
    total_min: int | None = None
    continuous: bool = False
    extra: str | None = None
    cue: str = ""

    def set_entries(self) -> tuple[SetEntry, ...]:
        """The rung as the log form's sets (holds: one hold per set)."""
        if self.run_min is not None or self.total_min is not None:
            return ()
        return tuple(SetEntry(self.reps, self.hold_s, self.rest_s) for _ in range(self.sets))

    def words(self) -> str:
        """The rung in words: "5 × 45 s at about 80 % effort", "3 × 12 at your 12-rep max"."""
        if self.total_min is not None:
            if self.continuous:
                text = f"easy continuous run, {self.total_min} min"
            else:
                blocks = self.total_min // ((self.run_min or 1) + (self.walk_min or 0))
                text = (
                    f"run {self.run_min} min / walk {self.walk_min} min × {blocks} "
                    f"({self.total_min} min)"
                )
            if self.extra == "strides":
                text += ", then 4 relaxed strides on the flat"
            elif self.extra == "hills":
                text += ", with 4 short gentle hill efforts"
            return text
        if self.hold_s is not None:
            text = f"{self.sets} × {self.hold_s} s"
            if self.effort_pct is not None:
                text += f" at about {self.effort_pct} % effort"
            return text
        text = f"{self.sets} × {self.reps}"
        if self.rm is not None:
            text += f" at your {self.rm}-rep max"
        return text


@dataclass(frozen=True, slots=True)
class Performed:
    """What one session (or run) actually did, in the terms a ladder compares."""

    sets: int
    reps: int
    hold_s: int | None = None
    effort_pct: int | None = None
    kg: float | None = None
    run_total_min: float | None = None
    continuous: bool = False
    hills: bool = False
    speed: bool = False

    @classmethod
    def from_sets(
        cls, sets: Sequence[SetEntry], effort_pct: int | None = None, kg: float | None = None
    ) -> Performed:
        """A logged session: its weakest set decides (a dose is met only when all sets are)."""
        holds = [s.hold_seconds for s in sets if s.hold_seconds is not None]
        return cls(
            sets=len(sets),
            reps=min((s.reps for s in sets), default=0),
            hold_s=min(holds) if holds else None,
            effort_pct=effort_pct,
            kg=kg,
        )

    @classmethod
    def from_run(cls, duration_s: int, style: RunStyle, hills: bool, speed: bool) -> Performed:
        """A logged or imported run: its total minutes, whether it ran throughout, its flags."""
        return cls(
            sets=1,
            reps=1,
            run_total_min=duration_s / 60,
            continuous=style is RunStyle.CONTINUOUS,
            hills=hills,
            speed=speed,
        )


@dataclass(frozen=True, slots=True)
class Ladder:
    """The rungs of one exercise, easiest first, with where users enter it.

    ``entry`` is the usual starting rung (R2.3 defaults); ``low`` the rung a reactive
    tendon starts on and a flare plan uses (R4, R3.10).
    """

    kind: LadderKind
    rungs: tuple[Rung, ...]
    entry: int = 0
    low: int = 0
    load_step_kg: float = 0.0
    """A user's own ladder: kg added to a kg load at each rung up (0: only the RM rule)."""

    def __post_init__(self) -> None:
        if not self.rungs:
            raise ValueError("a ladder needs at least one rung")
        if not 0 <= self.low <= self.entry < len(self.rungs):
            raise ValueError("low <= entry < number of rungs")

    @property
    def top(self) -> int:
        """The top rung's index: the stage's top dose for this exercise (R2.9)."""
        return len(self.rungs) - 1

    def rung(self, index: int) -> Rung:
        return self.rungs[max(0, min(index, self.top))]

    def rung_of(self, done: Performed) -> int:
        """The rung ``done`` reached, -1 when it is below the first rung.

        Holds and runs: the highest rung met. Reps: heavier rungs have *fewer* reps
        (15RM → 8RM), so among the rungs whose sets were done the one with the nearest
        reps is chosen, the higher on a tie (3 × 8 after 2 × 8 is the next rung).
        """
        if self.kind is LadderKind.REPS:
            fits = [i for i, r in enumerate(self.rungs) if done.sets >= r.sets and done.reps >= 1]
            if not fits:
                return -1
            return min(fits, key=lambda i: (abs(self.rungs[i].reps - done.reps), -i))
        best = -1
        for index, rung in enumerate(self.rungs):
            if _meets(self.kind, rung, done):
                best = index
        return best

    def below_first(self) -> Rung:
        """A dose under the first rung, for when even that was too much (R3.5: never the
        exceeded dose): one set fewer, or a shorter run."""
        first = self.rungs[0]
        if first.total_min is not None:
            return dataclasses.replace(first, total_min=max(5, first.total_min // 2))
        return dataclasses.replace(first, sets=max(1, first.sets - 1))


def _meets(kind: LadderKind, rung: Rung, done: Performed) -> bool:
    if kind is LadderKind.RUN:
        if done.run_total_min is None or rung.total_min is None:
            return False
        if rung.continuous and not done.continuous:
            return False
        if rung.extra == "strides" and not done.speed:
            return False
        if rung.extra == "hills" and not done.hills:
            return False
        # a minute of slack: a 19:40 run-walk met a 20-minute rung
        return done.run_total_min >= rung.total_min - 1
    effort_ok = (
        rung.effort_pct is None or done.effort_pct is None or done.effort_pct >= rung.effort_pct
    )
    return (
        done.sets >= rung.sets
        and done.hold_s is not None
        and rung.hold_s is not None
        and done.hold_s >= rung.hold_s
        and effort_ok
    )


ISOMETRIC_REST_S: Final = 120
ISOMETRIC_LADDER: Final = Ladder(
    LadderKind.HOLD,
    (
        Rung(sets=3, hold_s=30, rest_s=ISOMETRIC_REST_S, effort_pct=50),
        Rung(sets=4, hold_s=30, rest_s=ISOMETRIC_REST_S, effort_pct=50),
        Rung(sets=5, hold_s=30, rest_s=ISOMETRIC_REST_S, effort_pct=70),
        Rung(sets=5, hold_s=40, rest_s=ISOMETRIC_REST_S, effort_pct=70),
        Rung(sets=5, hold_s=45, rest_s=ISOMETRIC_REST_S, effort_pct=70),
        Rung(sets=5, hold_s=45, rest_s=ISOMETRIC_REST_S, effort_pct=80),
    ),
    entry=2,
    low=0,
)
"""Stage 1 (R2.3, R2.9): 3 × 30 s at 50 % (low, reactive) → 5 × 30 s at 70 % (the usual
start, Rio 2015) → 5 × 45 s at 80 % (top)."""

HSR_REST_S: Final = 150
HSR_LADDER: Final = Ladder(
    LadderKind.REPS,
    (
        Rung(sets=3, reps=15, rest_s=HSR_REST_S, rm=15, cue="about 3 s up, 3 s down"),
        Rung(sets=3, reps=12, rest_s=HSR_REST_S, rm=12, cue="about 3 s up, 3 s down"),
        Rung(sets=4, reps=10, rest_s=HSR_REST_S, rm=10, cue="about 3 s up, 3 s down"),
        Rung(sets=4, reps=8, rest_s=180, rm=8, cue="about 3 s up, 3 s down"),
    ),
)
"""Stage 2 heavy slow resistance (R2.6): 3 × 15 at 15RM → 4 × 8 at 8RM, slow reps."""

KINETIC_LADDER: Final = Ladder(
    LadderKind.REPS,
    (
        Rung(sets=3, reps=8, rest_s=120, cue="bodyweight or light, slow and controlled"),
        Rung(sets=3, reps=10, rest_s=120, rm=12),
        Rung(sets=4, reps=8, rest_s=120, rm=10),
    ),
)
"""Stage 3 kinetic chain (R2): control first, then load (toward 8–10RM)."""

COMPRESSIVE_LADDER: Final = Ladder(
    LadderKind.REPS,
    (
        Rung(sets=2, reps=8, rest_s=120, cue="part depth, bodyweight"),
        Rung(sets=3, reps=8, rest_s=120, cue="a little deeper, bodyweight"),
        Rung(sets=3, reps=10, rest_s=120, rm=12, cue="the depth you tolerate, light load"),
        Rung(sets=4, reps=8, rest_s=120, rm=10, cue="full depth you tolerate"),
    ),
)
"""Stage 4 (R2, R2.5): depth and load into hip flexion added a step at a time."""

RUN_LADDER: Final = Ladder(
    LadderKind.RUN,
    (
        Rung(run_min=1, walk_min=1, total_min=20),
        Rung(run_min=2, walk_min=1, total_min=21),
        Rung(run_min=3, walk_min=1, total_min=24),
        Rung(run_min=5, walk_min=1, total_min=30),
        Rung(total_min=20, continuous=True),
        Rung(total_min=30, continuous=True),
        Rung(total_min=30, continuous=True, extra="strides"),
        Rung(total_min=30, continuous=True, extra="hills"),
    ),
)
"""Stage 5 (R2.8, R2.4): run-walk blocks grow, then continuous running, strides and hills
last. ``extra`` rungs are where run flags (issue 14: strides, hills) land."""

RUN_EXTRAS: Final = ("strides", "hills")
"""The last rungs of the run ladder, in order (R2.4)."""

STRETCH_LADDER: Final = Ladder(
    LadderKind.HOLD, (Rung(sets=3, hold_s=30, rest_s=30),), entry=0, low=0
)
"""R2.2: seated stretches have one rung, offered only from stage 4 (see ``ladder_for``)."""

STAGE_LADDERS: Final = {
    1: ISOMETRIC_LADDER,
    2: HSR_LADDER,
    3: KINETIC_LADDER,
    4: COMPRESSIVE_LADDER,
}


@dataclass(frozen=True, slots=True)
class LadderSteps:
    """How a user's own exercise climbs from its default dose (R2.9): ``rungs`` rungs, each
    adding ``step`` (seconds per hold, or reps per set; None: the default step) and
    ``load_step_kg`` to a kg load. Stored with the exercise; editable by the user."""

    rungs: int = CUSTOM_RUNGS
    step: int | None = None
    load_step_kg: float = 0.0

    def step_for(self, dose_type: str) -> int:
        if self.step is not None:
            return self.step
        return CUSTOM_HOLD_STEP_S if dose_type == "hold" else CUSTOM_REPS_STEP


DEFAULT_STEPS: Final = LadderSteps()
"""A user's own exercise before they edit its ladder: four rungs, +5 s or +2 reps."""


@dataclass(frozen=True, slots=True)
class CustomLadder:
    """A user's own exercise's ladder as they edit it: the first rung and the steps."""

    dose_type: str
    sets: int
    reps: int
    hold_s: int | None
    rest_s: int
    steps: LadderSteps = DEFAULT_STEPS

    def ladder(self) -> Ladder:
        return custom_ladder(
            self.dose_type, self.sets, self.reps, self.hold_s, self.rest_s, self.steps
        )

    @property
    def step(self) -> int:
        return self.steps.step_for(self.dose_type)


def checked_custom_ladder(
    dose_type: str,
    sets: object,
    reps: object,
    hold_s: object,
    rest_s: object,
    steps: LadderSteps,
) -> CustomLadder:
    """The user's ladder, or a ValidationError naming the field and the allowed range.

    Each rung must ask more than the one before (a step of at least 1 when there is more
    than one rung), and the top rung must still be a dose the log form accepts."""
    if dose_type not in ("hold", "reps"):
        raise ValidationError("ladder", "Only hold and reps exercises have a ladder to edit.")
    hold = dose_type == "hold"
    first = (
        validation.int_in_range(hold_s, *HOLD_SECONDS_RANGE, "hold_seconds", "Hold", "s")
        if hold
        else validation.int_in_range(reps, *REPS_RANGE, "reps", "Reps")
    )
    step_range = CUSTOM_HOLD_STEP_RANGE if hold else CUSTOM_REPS_STEP_RANGE
    unit = "s" if hold else "reps"
    rungs = validation.int_in_range(steps.rungs, *CUSTOM_RUNGS_RANGE, "rungs", "Levels")
    step = validation.int_in_range(steps.step_for(dose_type), *step_range, "step", "Step", unit)
    if rungs > 1 and step == 0:
        least = "1 s" if hold else "1 rep"
        raise ValidationError(
            "step",
            f"Each level must ask a little more than the one before: add at least "
            f"{least}, or use one level.",
        )
    top = first + (rungs - 1) * step
    high = (HOLD_SECONDS_RANGE if hold else REPS_RANGE)[1]
    if top > high:
        raise ValidationError(
            "step",
            f"The top level would be {top} {unit}, more than {high}: fewer levels or smaller "
            "steps.",
        )
    load = validation.non_negative_number(
        steps.load_step_kg, "load_step", "Load step", CUSTOM_LOAD_STEP_MAX_KG
    )
    return CustomLadder(
        dose_type,
        validation.int_in_range(sets, 1, MAX_SETS, "sets", "Sets"),
        1 if hold else first,
        first if hold else None,
        validation.int_in_range(rest_s, *REST_SECONDS_RANGE, "rest", "Rest", "s"),
        LadderSteps(rungs, step, load),
    )


def custom_ladder(
    dose_type: str,
    sets: int,
    reps: int,
    hold_s: int | None,
    rest_s: int,
    steps: LadderSteps = DEFAULT_STEPS,
) -> Ladder:
    """A user's own exercise: its default dose, then ``steps`` (R2.9).

    Holds add the step in seconds per rung, reps the step in reps; a run grows by 5
    minutes. Its top rung is the top dose of that exercise, like any ladder's.
    """
    step = steps.step_for(dose_type)
    count = steps.rungs
    if dose_type == "hold":
        start = hold_s or 30
        holds = tuple(
            Rung(sets=sets, reps=reps, hold_s=start + i * step, rest_s=rest_s) for i in range(count)
        )
        return Ladder(LadderKind.HOLD, holds, load_step_kg=steps.load_step_kg)
    if dose_type == "run":
        runs = tuple(Rung(run_min=1, walk_min=1, total_min=20 + 5 * i) for i in range(count))
        return Ladder(LadderKind.RUN, runs)
    reps_rungs = tuple(Rung(sets=sets, reps=reps + i * step, rest_s=rest_s) for i in range(count))
    return Ladder(LadderKind.REPS, reps_rungs, load_step_kg=steps.load_step_kg)


def ladder_for(
    slug: str | None,
    stage: int,
    dose_type: str,
    *,
    avoid_early: bool = False,
    sets: int = 3,
    reps: int = 10,
    hold_s: int | None = None,
    rest_s: int = 120,
    steps: LadderSteps = DEFAULT_STEPS,
) -> Ladder:
    """The ladder of an exercise: built-in ones by stage and kind, a user's own from its
    default dose and its own ``steps`` (:func:`custom_ladder`)."""
    if slug is None:
        return custom_ladder(dose_type, sets, reps, hold_s, rest_s, steps)
    if avoid_early:
        return STRETCH_LADDER
    if dose_type == "run":
        return RUN_LADDER
    if stage == 1 and dose_type == "hold":
        return ISOMETRIC_LADDER
    if stage in STAGE_LADDERS and dose_type == "reps":
        return STAGE_LADDERS[stage]
    return custom_ladder(dose_type, sets, reps, hold_s, rest_s)
