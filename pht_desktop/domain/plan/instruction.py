"""What the plan says: today's one instruction (:class:`Plan`), its items with their
exact doses, and the stage and sitting moves it proposes, with the words they are shown in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Final

from pht_desktop.domain.dose_ladder import Rung
from pht_desktop.domain.exercise import Load, LoadKind, SetEntry
from pht_desktop.domain.guidance import DEFAULT_PROGRESS_AFTER, DISCLAIMER
from pht_desktop.domain.plan.inputs import PlanExercise
from pht_desktop.domain.plural import counted

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


def plan_item(exercise: PlanExercise, rung: int, load: Load) -> PlanItem:
    """``exercise`` at ``rung`` of its ladder (-1: below the first) with ``load``, in words."""
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


def streak_words(streak: int, need: int) -> str:
    """ "4 of 6 tolerated load days", or past the need "8 tolerated load days in a row"
    (never "8 of 6")."""
    if streak >= need:
        return f"{counted(streak, 'tolerated load day')} in a row"
    return f"{streak} of {need} tolerated load days"


def rung_words(item: PlanItem) -> str:
    if item.rung < 0:
        return "below the first step"
    return f"step {item.rung + 1} of {item.rungs}"
