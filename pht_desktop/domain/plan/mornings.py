"""Mornings and flares (R3.7, R3.10): a morning's baseline, when flares began, whether
one is still in force, and this morning's pain against its baseline."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Final

from pht_desktop.domain.morning import MorningEntry, baseline_in_force
from pht_desktop.domain.plan.inputs import PlanInputs
from pht_desktop.domain.verdicts import Outcome

FLARE_MARGIN: Final = 2
"""R3.10: a morning at baseline + 2 or more is a flare."""
FLARE_CLEAR_MORNINGS: Final = 2
"""R3.10: the flare plan ends after two mornings at or below baseline."""


def baseline_for(inputs: PlanInputs, entry: MorningEntry) -> int | None:
    """The baseline in force that morning, only when it is for the same test (R3.7)."""
    baseline = baseline_in_force(inputs.baselines, entry.day)
    if baseline is None or (baseline.test is not None and baseline.test != entry.test):
        return None
    return baseline.pain


def flare_onsets(inputs: PlanInputs) -> list[date]:
    """The mornings a flare began (R3.10), oldest first, up to today."""
    onsets: set[date] = set()
    for entry in inputs.mornings:
        reference = baseline_for(inputs, entry)
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


def active_flare(inputs: PlanInputs, onsets: list[date]) -> date | None:
    """The flare still in force today: fewer than two good mornings since it began."""
    if not onsets:
        return None
    onset = onsets[-1]
    good = 0
    for entry in inputs.mornings:
        if onset < entry.day <= inputs.today:
            reference = baseline_for(inputs, entry)
            if reference is not None and entry.pain <= reference:
                good += 1
    return onset if good < FLARE_CLEAR_MORNINGS else None


def morning_today(inputs: PlanInputs) -> tuple[int, int] | None:
    """This morning's pain and its baseline, when both are known."""
    for entry in inputs.mornings:
        if entry.day == inputs.today:
            reference = baseline_for(inputs, entry)
            return None if reference is None else (entry.pain, reference)
    return None
