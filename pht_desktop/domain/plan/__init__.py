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

One concept per module: :mod:`.inputs` (what the plan is derived from), :mod:`.instruction`
(what it says), :mod:`.history` (an exercise's days matched to its ladder's rungs, the
streak), :mod:`.decision` (one exercise's next dose), :mod:`.mornings` (baselines and
flares), :mod:`.sitting` and :mod:`.stage_moves` (the moves it proposes),
:mod:`.break_offer` (the break prompt's hold) and :mod:`.today` (:func:`plan_today`).
Callers import the package.
"""

from pht_desktop.domain.plan.break_offer import BreakOffer, break_offer
from pht_desktop.domain.plan.decision import PROGRESS_AFTER_RANGE
from pht_desktop.domain.plan.inputs import (
    RUN_EXERCISE,
    RUN_ID,
    Done,
    ExerciseRow,
    PlanExercise,
    PlanInputs,
    hand_picked_sets,
    plan_exercise,
    start_rung,
    with_one_run,
)
from pht_desktop.domain.plan.instruction import (
    CLINICIAN_TEXT,
    Plan,
    PlanItem,
    PlanKind,
    SittingMove,
    StageMove,
)
from pht_desktop.domain.plan.mornings import flare_onsets
from pht_desktop.domain.plan.stage_moves import (
    REACTIVE_RESET_REASON,
    allowed_stage_move,
    reactive_stage_move,
)
from pht_desktop.domain.plan.today import plan_today

__all__ = [
    "CLINICIAN_TEXT",
    "PROGRESS_AFTER_RANGE",
    "REACTIVE_RESET_REASON",
    "RUN_EXERCISE",
    "RUN_ID",
    "BreakOffer",
    "Done",
    "ExerciseRow",
    "Plan",
    "PlanExercise",
    "PlanInputs",
    "PlanItem",
    "PlanKind",
    "SittingMove",
    "StageMove",
    "allowed_stage_move",
    "break_offer",
    "flare_onsets",
    "hand_picked_sets",
    "plan_exercise",
    "plan_today",
    "reactive_stage_move",
    "start_rung",
    "with_one_run",
]
