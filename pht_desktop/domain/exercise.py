"""Validated values for logging exercise and runs, and the pure R2 rule helpers.

Small values (:class:`Load`, :class:`SetEntry`) validate themselves on construction, so
an invalid one cannot exist; drafts (:class:`SessionDraft`, :class:`RunDraft`) need the
current time and validate through ``validate(now)``, which returns a clean copy. Every
:class:`ValidationError` names the field (the draft's attribute name, or ``band_colour``
/ ``load_kg`` for a load) so the UI can show the message beside it.

Rule helpers: :func:`compressive_warning` (R2.1), :func:`hsr_spacing_note` (R2.6),
:func:`run_stage_warning` (R2.4), :func:`nudge_dose` and :func:`dose_label` (the dose
the guidance names, R3.5), :data:`RUNNING_READINESS_CHECKLIST` (R2.8).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Final

from pht_desktop.domain import validation
from pht_desktop.domain.catalogue import COMPRESSIVE_FROM_STAGE, DOSE_TYPES
from pht_desktop.domain.errors import ValidationError

KG_MAX: Final = 500.0
BAND_COLOUR_MAX_LENGTH: Final = 32
REPS_RANGE: Final = (1, 200)
HOLD_SECONDS_RANGE: Final = (1, 600)
REST_SECONDS_RANGE: Final = (0, 1800)
MAX_SETS: Final = 30
NOTE_MAX_LENGTH: Final = 2000
RUN_MAX_S: Final = 8 * 3600
DISTANCE_MAX_KM: Final = 200.0
RPE_RANGE: Final = (1, 10)
PERCENT_RANGE: Final = (1, 100)

HSR_MIN_GAP: Final = timedelta(hours=48)
"""R2.6: heavy slow resistance sessions at least 48 h apart."""

HOLD_NUDGE_S: Final = 5
HOLD_MIN_S: Final = 5
REPS_NUDGE: Final = 1
REPS_MIN: Final = 1

RUNNING_STAGE: Final = 5
"""Running, hills and speed belong to stage 5, energy storage (R2, R2.4)."""


class LoadKind(StrEnum):
    """What the load was: the body alone, a band (by colour) or a weight in kg (R2.3)."""

    BODYWEIGHT = "bodyweight"
    BAND = "band"
    KG = "kg"


class EffortKind(StrEnum):
    """How perceived effort is scored: RPE 1–10 or percent of maximal effort 1–100 (R2.3)."""

    RPE = "rpe"
    PERCENT = "percent"


class RunStyle(StrEnum):
    """Run-walk comes before continuous running (R2.8)."""

    RUN_WALK = "run_walk"
    CONTINUOUS = "continuous"


@dataclass(frozen=True, slots=True)
class Load:
    """The external load of a session (R2.3); the fields that do not apply are None.

    A band needs its colour (the user's own bands differ, so the colour is the dose);
    a weight needs 0–500 kg. Build with :meth:`bodyweight`, :meth:`band`, :meth:`weight`.
    """

    kind: LoadKind = LoadKind.BODYWEIGHT
    band_colour: str | None = None
    kg: float | None = None

    def __post_init__(self) -> None:
        kind = LoadKind(validation.choice(self.kind, tuple(LoadKind), "load_kind", "Load"))
        object.__setattr__(self, "kind", kind)
        if kind is LoadKind.BAND:
            colour = validation.short_text(
                self.band_colour,
                "band_colour",
                "Band colour",
                max_length=BAND_COLOUR_MAX_LENGTH,
                required=True,
            )
            object.__setattr__(self, "band_colour", colour)
        elif self.band_colour is not None:
            raise ValidationError("band_colour", "A band colour only goes with a band load.")
        if kind is LoadKind.KG:
            if self.kg is None:
                raise ValidationError("load_kg", "Please give the weight in kg (0 to 500).")
            kg = validation.non_negative_number(self.kg, "load_kg", "Weight", KG_MAX)
            object.__setattr__(self, "kg", kg)
        elif self.kg is not None:
            raise ValidationError("load_kg", "A weight in kg only goes with a kg load.")

    @classmethod
    def bodyweight(cls) -> Load:
        return cls(LoadKind.BODYWEIGHT)

    @classmethod
    def band(cls, colour: str) -> Load:
        return cls(LoadKind.BAND, band_colour=colour)

    @classmethod
    def weight(cls, kg: float) -> Load:
        return cls(LoadKind.KG, kg=kg)

    @property
    def label(self) -> str:
        """Short words for the load: "bodyweight", "band: green", "20 kg"."""
        if self.kind is LoadKind.BAND:
            return f"band: {self.band_colour}"
        if self.kind is LoadKind.KG:
            return f"{self.kg:g} kg"
        return "bodyweight"


def effort_value(kind: object, value: object) -> int | None:
    """Perceived effort: RPE 1–10 or percent 1–100, or None when not recorded (R2.3)."""
    effort_kind = EffortKind(
        validation.choice(kind, tuple(EffortKind), "effort_kind", "Effort scale")
    )
    if value is None or value == "":
        return None
    if effort_kind is EffortKind.RPE:
        return validation.int_in_range(value, *RPE_RANGE, "effort_value", "RPE")
    return validation.int_in_range(value, *PERCENT_RANGE, "effort_value", "Effort", "%")


@dataclass(frozen=True, slots=True)
class SetEntry:
    """One set: reps (or number of holds), seconds per hold, rest after it (R2.3).

    ``hold_seconds`` is None for rep exercises; ``rest_seconds`` is None when unknown.
    """

    reps: int
    hold_seconds: int | None = None
    rest_seconds: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "reps", validation.int_in_range(self.reps, *REPS_RANGE, "reps", "Reps")
        )
        if self.hold_seconds is not None:
            hold = validation.int_in_range(
                self.hold_seconds, *HOLD_SECONDS_RANGE, "hold_seconds", "Hold", "seconds"
            )
            object.__setattr__(self, "hold_seconds", hold)
        if self.rest_seconds is not None:
            rest = validation.int_in_range(
                self.rest_seconds, *REST_SECONDS_RANGE, "rest_seconds", "Rest", "seconds"
            )
            object.__setattr__(self, "rest_seconds", rest)


def plan_sets(sets: int, reps: int, hold_s: int | None, rest_s: int | None) -> tuple[SetEntry, ...]:
    """A default dose (e.g. a catalogue entry's) as set entries to prefill the log form."""
    count = validation.int_in_range(sets, 1, MAX_SETS, "sets", "Sets")
    return tuple(SetEntry(reps, hold_s, rest_s) for _ in range(count))


def _validate_sets(sets: object) -> tuple[SetEntry, ...]:
    if not isinstance(sets, (tuple, list)) or not sets:
        raise ValidationError("sets", "Please log at least one set.")
    if len(sets) > MAX_SETS:
        raise ValidationError("sets", f"At most {MAX_SETS} sets can be logged in one session.")
    if not all(isinstance(s, SetEntry) for s in sets):
        raise ValidationError("sets", "Each set needs its reps (and hold seconds for holds).")
    return tuple(sets)


@dataclass(frozen=True, slots=True)
class SessionDraft:
    """An exercise session as the user entered it, before it is stored (R2.3, R3.2)."""

    exercise_id: int
    performed_at: datetime
    sets: tuple[SetEntry, ...]
    load: Load = dataclasses.field(default_factory=Load.bodyweight)
    effort_kind: EffortKind = EffortKind.RPE
    effort_value: int | None = None
    pain_during: int | None = None
    note: str = ""

    def validate(self, now: datetime) -> SessionDraft:
        """A clean copy, or :class:`ValidationError` naming the first bad field."""
        if isinstance(self.exercise_id, bool) or not isinstance(self.exercise_id, int):
            raise ValidationError("exercise_id", "Please choose an exercise.")
        if self.exercise_id < 1:
            raise ValidationError("exercise_id", "Please choose an exercise.")
        performed_at = validation.moment_not_future(self.performed_at, now, "performed_at")
        sets = _validate_sets(self.sets)
        if not isinstance(self.load, Load):
            raise ValidationError("load", "Please choose bodyweight, a band or a weight.")
        kind = EffortKind(
            validation.choice(self.effort_kind, tuple(EffortKind), "effort_kind", "Effort scale")
        )
        effort = effort_value(kind, self.effort_value)
        pain = validation.optional_pain(self.pain_during, "pain_during")
        note = validation.short_text(self.note, "note", "Note", max_length=NOTE_MAX_LENGTH)
        return dataclasses.replace(
            self,
            performed_at=performed_at,
            sets=sets,
            effort_kind=kind,
            effort_value=effort,
            pain_during=pain,
            note=note,
        )


@dataclass(frozen=True, slots=True)
class RunDraft:
    """A run as a load session (R2.4, stage 5), before it is stored."""

    performed_at: datetime
    duration_s: int
    distance_km: float | None = None
    style: RunStyle = RunStyle.RUN_WALK
    hills: bool = False
    speed: bool = False
    pain_during: int | None = None
    note: str = ""

    def validate(self, now: datetime) -> RunDraft:
        """A clean copy (duration in whole seconds), or :class:`ValidationError`."""
        performed_at = validation.moment_not_future(self.performed_at, now, "performed_at")
        seconds = validation.positive_seconds(
            self.duration_s, "duration_s", "Duration", maximum=RUN_MAX_S
        )
        distance = (
            None
            if self.distance_km is None
            else validation.non_negative_number(
                self.distance_km, "distance_km", "Distance", DISTANCE_MAX_KM
            )
        )
        style = RunStyle(validation.choice(self.style, tuple(RunStyle), "style", "Run style"))
        for name in ("hills", "speed"):
            if not isinstance(getattr(self, name), bool):
                raise ValidationError(name, f"'{name}' must be yes or no.")
        pain = validation.optional_pain(self.pain_during, "pain_during")
        note = validation.short_text(self.note, "note", "Note", max_length=NOTE_MAX_LENGTH)
        return dataclasses.replace(
            self,
            performed_at=performed_at,
            duration_s=max(1, round(seconds)),
            distance_km=distance,
            style=style,
            pain_during=pain,
            note=note,
        )


def _stage(current_stage: int) -> int:
    return validation.int_in_range(current_stage, 1, 5, "stage", "Stage")


def compressive_warning(exercise_compressive: bool, current_stage: int) -> str | None:
    """R2.1: a warning (never a refusal) for a compressive exercise before stage 4."""
    stage = _stage(current_stage)
    if not exercise_compressive or stage >= COMPRESSIVE_FROM_STAGE:
        return None
    return (
        "This exercise is compressive: it presses the tendon against the sitting bone "
        "(the hip bends to 90° or more under load or stretch). The plan adds such exercises "
        f"from stage {COMPRESSIVE_FROM_STAGE}; you are at stage {stage}. You can still log it — "
        "watch tomorrow morning's pain."
    )


def run_stage_warning(hills: bool, speed: bool, current_stage: int) -> str | None:
    """R2.4: hills and speed come last, after the earlier stages are well tolerated."""
    stage = _stage(current_stage)
    if stage >= RUNNING_STAGE or not (hills or speed):
        return None
    what = " and ".join(w for w, on in (("hills", hills), ("speed", speed)) if on)
    return (
        f"Running with {what} comes last, after the earlier stages are well tolerated; "
        f"you are at stage {stage}. You can still log it."
    )


def hsr_spacing_note(previous_hsr_times: Iterable[datetime], new_time: datetime) -> str | None:
    """R2.6: a gentle note when another HSR session is less than 48 h before or after.

    Times must be aware. Exactly 48 h apart is fine; the caller leaves out the session
    being edited itself.
    """
    gaps = [abs(new_time - t) for t in previous_hsr_times]
    close = [g for g in gaps if g < HSR_MIN_GAP]
    if not close:
        return None
    hours = int(min(close).total_seconds() // 3600)
    when = "less than an hour" if hours == 0 else f"{hours} h"
    return (
        f"Another heavy slow resistance session is {when} away from this one. Heavy slow "
        "resistance usually works best about 3 times a week, at least 48 h apart, so the "
        "tendon can respond in between."
    )


def nudge_dose(sets: Sequence[SetEntry], step: int, dose_type: str) -> tuple[SetEntry, ...]:
    """One step up or down of the dose: ±5 s per hold (min 5 s) or ±1 rep (min 1).

    A step down never raises a value already below the minimum; entries without hold
    seconds are left alone for holds. Runs have no sets to nudge (ValueError).
    """
    if step not in (1, -1):
        raise ValueError("step must be +1 or -1")
    if dose_type not in DOSE_TYPES or dose_type == "run":
        raise ValueError(f"cannot nudge a {dose_type!r} dose")
    result = []
    for entry in sets:
        if dose_type == "hold":
            if entry.hold_seconds is None:
                result.append(entry)
                continue
            hold = _bounded(
                entry.hold_seconds, step * HOLD_NUDGE_S, HOLD_MIN_S, HOLD_SECONDS_RANGE[1]
            )
            result.append(dataclasses.replace(entry, hold_seconds=hold))
        else:
            reps = _bounded(entry.reps, step * REPS_NUDGE, REPS_MIN, REPS_RANGE[1])
            result.append(dataclasses.replace(entry, reps=reps))
    return tuple(result)


def _bounded(value: int, delta: int, low: int, high: int) -> int:
    """``value + delta`` kept in [low, high], never moving against the step's direction."""
    moved = value + delta
    if delta < 0:
        return max(moved, min(value, low))
    return min(moved, max(value, high))


def _set_label(entry: SetEntry) -> str:
    if entry.hold_seconds is None:
        return str(entry.reps)
    if entry.reps == 1:
        return f"{entry.hold_seconds} s"
    return f"{entry.reps} × {entry.hold_seconds} s"


def dose_label(sets: Sequence[SetEntry], load: Load) -> str:
    """A short name for a dose, e.g. "5 × 40 s, band: green" or "3 × 12, 20 kg".

    Guidance compares these labels to find a run of days at the same load (R3.5), so
    equal doses always get equal labels. Rest is not part of the label. Unequal sets
    are listed one by one: "12 / 10 / 8, 20 kg".
    """
    if not sets:
        raise ValidationError("sets", "Please log at least one set.")
    first = sets[0]
    if all(s.reps == first.reps and s.hold_seconds == first.hold_seconds for s in sets):
        count = len(sets)
        if first.hold_seconds is None:
            dose = f"{count} × {first.reps}"
        elif first.reps == 1:
            dose = f"{count} × {first.hold_seconds} s"
        elif count == 1:
            dose = f"{first.reps} × {first.hold_seconds} s"
        else:
            dose = f"{count} sets × {first.reps} × {first.hold_seconds} s"
    else:
        dose = " / ".join(_set_label(s) for s in sets)
    return f"{dose}, {load.label}"


RUNNING_READINESS_CHECKLIST: Final[tuple[str, ...]] = (
    "No pain at rest.",
    "A drop lunge is pain-free.",
    "Prone hamstring-curl strength is similar on the left and the right.",
    "Start with run-walk, then continuous running; leave hills and speed until last.",
)
"""R2.8: shown before stage 5 (clinical summaries of return-to-run guidance; R2.4)."""
