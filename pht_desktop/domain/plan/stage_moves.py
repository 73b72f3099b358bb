"""Stage moves the plan proposes, both ways (R2.10), and the reactive return to stage 1
(R4). Never made here: the user confirms each (R3.5)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

from pht_desktop.domain.exercise import RUNNING_READINESS_CHECKLIST
from pht_desktop.domain.guidance import MAX_STAGE
from pht_desktop.domain.plan.decision import Decision
from pht_desktop.domain.plan.history import ExerciseState, tolerated_streak
from pht_desktop.domain.plan.inputs import PlanInputs
from pht_desktop.domain.plan.instruction import PlanKind, StageMove
from pht_desktop.domain.verdicts import Verdict

REPEATED_FLARES: Final = 2
REPEATED_FLARES_WINDOW: Final = timedelta(days=28)
"""R2.10: two flares within four weeks of one stage propose going back a stage."""


def stage_forward(
    inputs: PlanInputs,
    stage: int,
    active: list[ExerciseState],
    decisions: list[Decision],
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
        in_stage = tolerated_streak(state, verdicts, inputs.stage_since)
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


def stage_back(inputs: PlanInputs, onsets: list[date], stage: int) -> StageMove | None:
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
