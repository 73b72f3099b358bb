"""The user's rehab stage (R2, 1–5) and pathology stage (R4), as dated events."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pht_desktop.domain import validation
from pht_desktop.domain.errors import ValidationError

STAGE_NAMES: dict[int, str] = {
    1: "Isometric",
    2: "Isotonic (heavy slow resistance)",
    3: "Kinetic chain",
    4: "Compressive load",
    5: "Energy storage",
}

PATHOLOGY_STAGES: tuple[str, ...] = ("reactive", "dysrepair", "degenerative", "unknown")

PATHOLOGY_IN_PLAIN_WORDS: dict[str, str] = {
    "reactive": "Reactive: new or recently flared up, easily irritated from day to day; the "
    "plan starts at the easiest dose and steps up more slowly, from stage 1: if you are "
    "further on, the app offers to go back there.",
    "dysrepair": "Dysrepair: painful for months, settling down and flaring up with load; the "
    "plan starts at the usual dose.",
    "degenerative": "Degenerative: long-standing, more stiff than irritable; the plan starts "
    "at the usual dose.",
    "unknown": "Not sure: the plan starts at the usual dose; ask your clinician which fits you.",
}
"""R4 (Cook & Purdam 2009) in one plain sentence each, with what it changes in the plan.
The app records the stage the user or clinician chose; it does not diagnose."""

PATHOLOGY_PLAN_EFFECT = (
    "In the plan: a reactive tendon starts at the easiest doses, waits 3 more tolerated "
    "days before each step up and gets still holds (isometrics) on sore mornings; the "
    "others start at the usual dose. Choosing reactive while above stage 1 offers to go "
    "back to stage 1; you decide, and can undo it the same day."
)
"""R4: what the stage of pathology changes, said wherever it is chosen."""


@dataclass(frozen=True)
class StageEvent:
    effective_date: date
    stage: int
    note: str = ""

    @classmethod
    def create(cls, effective_date: date, stage: int, today: date, note: str = "") -> StageEvent:
        """Validated constructor: stage 1–5, date not in the future."""
        return cls(
            validation.date_not_future(effective_date, today, "stage_date"),
            validation.int_in_range(stage, 1, 5, "stage", "Rehab stage"),
            validation.short_text(note, "stage_note", "Note"),
        )


@dataclass(frozen=True)
class PathologyStageEvent:
    effective_date: date
    pathology_stage: str

    @classmethod
    def create(cls, effective_date: date, pathology_stage: str, today: date) -> PathologyStageEvent:
        if pathology_stage not in PATHOLOGY_STAGES:
            raise ValidationError(
                "pathology_stage",
                f"Tendon condition must be one of: {', '.join(PATHOLOGY_STAGES)}.",
            )
        return cls(
            validation.date_not_future(effective_date, today, "pathology_date"), pathology_stage
        )


def stage_on(history: list[StageEvent], day: date, default: int = 1) -> int:
    """The stage in force on ``day``: the latest event on or before it."""
    current = default
    for event in sorted(history, key=lambda e: e.effective_date):
        if event.effective_date <= day:
            current = event.stage
    return current
