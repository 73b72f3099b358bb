"""Sitting-interval moves the plan proposes (R1.5, R3.10): a little longer after a calm
week, shorter in a flare. The user confirms each; an answer closes it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Final

from pht_desktop.domain.plan.inputs import PlanInputs
from pht_desktop.domain.plan.instruction import SittingMove
from pht_desktop.domain.plan.mornings import baseline_for, morning_today
from pht_desktop.domain.verdicts import week_start

SITTING_STEP_MIN: Final = 5
SITTING_ADVICE_MAX_MIN: Final = 40
SITTING_FLARE_STEP_MIN: Final = 10
SITTING_MIN_MIN: Final = 15
SITTING_WEEK_MIN_MORNINGS: Final = 4
"""R1.5: a week with at least 4 mornings, all at or below baseline, grows sitting by 5 min
up to the 40 min of the advice (beyond only on request); a flare shortens it by 10."""


def sitting_move(inputs: PlanInputs) -> SittingMove | None:
    """R1.5: after a calendar week whose mornings were all at or below baseline; never
    on a morning above baseline (more sitting is not news for a sore day)."""
    if inputs.sitting_interval_min >= SITTING_ADVICE_MAX_MIN:
        return None
    morning = morning_today(inputs)
    if morning is not None and morning[0] > morning[1]:
        return None
    last_week = week_start(inputs.today) - timedelta(days=7)
    if inputs.sitting_reviewed_through is not None and last_week <= inputs.sitting_reviewed_through:
        return None
    week = [e for e in inputs.mornings if last_week <= e.day < last_week + timedelta(days=7)]
    if len(week) < SITTING_WEEK_MIN_MORNINGS:
        return None
    references = [baseline_for(inputs, e) for e in week]
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


def flare_sitting_move(inputs: PlanInputs, onset: date) -> SittingMove | None:
    """R3.10: a flare shortens sitting by 10 min (not below 15), asked once per flare."""
    shorter = max(SITTING_MIN_MIN, inputs.sitting_interval_min - SITTING_FLARE_STEP_MIN)
    if shorter >= inputs.sitting_interval_min:
        return None
    if inputs.sitting_reviewed_through is not None and inputs.sitting_reviewed_through >= onset:
        return None
    return SittingMove(
        inputs.sitting_interval_min,
        shorter,
        "A flare: shorter spells of sitting take pressure off the tendon.",
        onset,
    )
