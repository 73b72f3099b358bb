"""The four measures: what each is called, its unit and limits, what it shows and how to
repeat it the same way (issue 15), and the sentence that no reading is a diagnosis (R5)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

SITTING_CAP_MIN: Final = 30
"""The sitting test stops at 30 min: "reached 30 min without pain" (issue 15)."""
BRIDGE_MAX_REPS: Final = 200
TEMPO_RANGE: Final = (1, 6)
"""Seconds per repetition the counter beeps (up and down in one beat)."""
DEFAULT_TEMPO_S: Final = 2
VISA_H_RANGE: Final = (0, 100)


NOTE_MAX: Final = 500

NOT_A_DIAGNOSIS: Final = (
    "A single measure is one reading, not a diagnosis: look at the trend over weeks, "
    "with your clinician."
)


class MeasureKind(StrEnum):
    """What was measured; ``RUNNING`` is computed from runs and verdicts, never stored."""

    SITTING = "sitting_tolerance"
    BRIDGE = "bridge"
    VISA_H = "visa_h"
    RUNNING = "pain_free_running"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def unit(self) -> str:
        return _UNITS[self]


_LABELS: Final = {
    MeasureKind.SITTING: "Sitting tolerance",
    MeasureKind.BRIDGE: "Single-leg bridge",
    MeasureKind.VISA_H: "VISA-H",
    MeasureKind.RUNNING: "Pain-free running",
}
_UNITS: Final = {
    MeasureKind.SITTING: "min",
    MeasureKind.BRIDGE: "reps",
    MeasureKind.VISA_H: "/100",
    MeasureKind.RUNNING: "min",
}

STORED_KINDS: Final = (MeasureKind.SITTING, MeasureKind.BRIDGE, MeasureKind.VISA_H)
REMINDED_KINDS: Final = (MeasureKind.SITTING, MeasureKind.BRIDGE)
"""The ones the user takes alone with the app's stopwatch and counter; VISA-H is entered
when taken with the clinician or on paper, and running is computed."""


@dataclass(frozen=True, slots=True)
class MeasureGuide:
    """One sentence on what a measure shows, one on doing it the same way each time."""

    shows: str
    how: str


GUIDES: Final[Mapping[MeasureKind, MeasureGuide]] = {
    MeasureKind.SITTING: MeasureGuide(
        shows="How long your tendon tolerates being compressed on a seat, which is what "
        "the sitting breaks protect.",
        how="Sit on the same firm chair at about the same time of day, start the stopwatch "
        "as you sit and stop it at the first sitting-bone pain (it stops by itself at 30 "
        "min).",
    ),
    MeasureKind.BRIDGE: MeasureGuide(
        shows="The strength and endurance of each side's hip extensors, and how even the "
        "two sides are (the symmetry, painful side ÷ other side).",
        how="Lie on your back with the same knee bend each time, lift and lower your hips "
        "once per beep until you cannot keep the tempo, then rest and do the other side "
        "at the same tempo.",
    ),
    MeasureKind.RUNNING: MeasureGuide(
        shows="The longest run your tendon handled: the next morning's pain was at or "
        "below your baseline.",
        how="Worked out from the runs you log or import and the next morning's check-in, "
        "so keep the morning test the same.",
    ),
    MeasureKind.VISA_H: MeasureGuide(
        shows="Symptoms and function on the VISA-H questionnaire (a standard hamstring "
        "tendon score), "
        "0–100, where 100 means no symptoms.",
        how="Take the same version of the questionnaire on paper or with your clinician "
        "and enter its total score and the date you took it.",
    ),
}
