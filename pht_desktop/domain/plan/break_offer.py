"""The break prompt's offer (issue 11): one set of the stage's standing isometric that
fits inside the standing break."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from pht_desktop.domain.dose_ladder import Rung
from pht_desktop.domain.exercise import Load
from pht_desktop.domain.plan.inputs import PlanExercise
from pht_desktop.domain.plan.instruction import Plan, PlanItem, PlanKind

BREAK_REST_S: Final = 60
"""Rest between holds inside a standing break: a short one, so the hold fits (issue 11)."""


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
