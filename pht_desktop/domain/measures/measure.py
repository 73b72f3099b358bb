"""One dated outcome measure, validated for its kind so a stored row means one thing,
and its reading in words."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pht_desktop.domain import validation
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.measures.kinds import (
    BRIDGE_MAX_REPS,
    SITTING_CAP_MIN,
    STORED_KINDS,
    TEMPO_RANGE,
    VISA_H_RANGE,
    MeasureKind,
)
from pht_desktop.domain.measures.symmetry import Side, Symmetry, limb_symmetry
from pht_desktop.domain.morning import calendar_date


@dataclass(frozen=True, slots=True)
class Measure:
    """One dated, validated outcome measure.

    ``value`` is minutes for sitting tolerance (0–30; ``reached_cap`` when the 30 min
    passed without pain) and the total score for VISA-H (0–100). A bridge has reps per
    side, the tempo in seconds per rep and the painful side. ``id`` is the store's.
    """

    kind: MeasureKind
    day: date
    value: float | None = None
    reached_cap: bool = False
    left_reps: int | None = None
    right_reps: int | None = None
    painful_side: Side | None = None
    tempo_s: int | None = None
    note: str = ""
    id: int | None = None

    def __post_init__(self) -> None:
        kind = _kind(self.kind)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "day", calendar_date(self.day, "day"))
        object.__setattr__(self, "note", validation.short_text(self.note, "note", "The note"))
        if kind is MeasureKind.SITTING:
            self._check_sitting()
        elif kind is MeasureKind.BRIDGE:
            self._check_bridge()
        else:
            self._check_visa()

    def _only(self, *fields: str) -> None:
        """Fields of other kinds stay empty, so a stored row means one thing."""
        extra = {
            "value": self.value is not None,
            "reached_cap": self.reached_cap,
            "left_reps": self.left_reps is not None,
            "right_reps": self.right_reps is not None,
            "painful_side": self.painful_side is not None,
            "tempo_s": self.tempo_s is not None,
        }
        for name, present in extra.items():
            if present and name not in fields:
                raise ValidationError(name, f"{self.kind.label} has no {name.replace('_', ' ')}.")

    def _check_sitting(self) -> None:
        self._only("value", "reached_cap")
        minutes = validation.non_negative_number(
            self.value, "value", "Sitting tolerance", float(SITTING_CAP_MIN)
        )
        if minutes > SITTING_CAP_MIN:
            raise ValidationError("value", f"The sitting test stops at {SITTING_CAP_MIN} min.")
        if self.reached_cap and minutes < SITTING_CAP_MIN:
            raise ValidationError(
                "reached_cap",
                f"'Reached {SITTING_CAP_MIN} min without pain' needs {SITTING_CAP_MIN} min.",
            )
        object.__setattr__(self, "value", round(minutes, 1))
        object.__setattr__(self, "reached_cap", bool(self.reached_cap))

    def _check_bridge(self) -> None:
        self._only("left_reps", "right_reps", "painful_side", "tempo_s")
        left = validation.int_in_range(
            self.left_reps, 0, BRIDGE_MAX_REPS, "left_reps", "Left-side repetitions"
        )
        right = validation.int_in_range(
            self.right_reps, 0, BRIDGE_MAX_REPS, "right_reps", "Right-side repetitions"
        )
        if left == 0 and right == 0:
            raise ValidationError("left_reps", "Enter the repetitions of at least one side.")
        tempo = validation.int_in_range(
            self.tempo_s, *TEMPO_RANGE, "tempo_s", "The tempo", "seconds per repetition"
        )
        if self.painful_side not in tuple(Side):
            raise ValidationError("painful_side", "Say which side is painful: left, right or both.")
        object.__setattr__(self, "painful_side", Side(self.painful_side))
        object.__setattr__(self, "tempo_s", tempo)

    def _check_visa(self) -> None:
        self._only("value")
        value = self.value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        score = validation.int_in_range(value, *VISA_H_RANGE, "value", "The VISA-H total")
        object.__setattr__(self, "value", float(score))

    def not_in_future(self, today: date) -> Measure:
        """User input: also refuse a date after ``today`` (a stored value need not)."""
        validation.date_not_future(self.day, today, "day")
        return self

    @property
    def symmetry(self) -> Symmetry | None:
        if self.kind is not MeasureKind.BRIDGE:
            return None
        assert self.left_reps is not None
        assert self.right_reps is not None
        assert self.painful_side is not None
        return limb_symmetry(self.left_reps, self.right_reps, self.painful_side)

    def value_text(self) -> str:
        """The reading in words with its unit: "25 min", "30 min (no pain)", "68/100"."""
        if self.kind is MeasureKind.SITTING:
            assert self.value is not None
            cap = " (no pain)" if self.reached_cap else ""
            return f"{minutes_text(self.value)} min{cap}"
        if self.kind is MeasureKind.VISA_H:
            assert self.value is not None
            return f"{self.value:.0f}/100"
        sym = self.symmetry
        reps = f"left {self.left_reps}, right {self.right_reps} reps at {self.tempo_s} s/rep"
        if sym is None:  # the comparison side did nothing: say so rather than show nothing
            zero = "left" if self.left_reps == 0 else "right"
            return f"{reps}; symmetry not available (0 reps on the {zero})"
        return f"{reps}; symmetry {sym.percent:.0f} %"


def _kind(value: object) -> MeasureKind:
    if value not in STORED_KINDS:
        names = ", ".join(k.value for k in STORED_KINDS)
        raise ValidationError("kind", f"A measure is one of: {names}.")
    return MeasureKind(str(value))


def minutes_text(minutes: float) -> str:
    """Whole minutes plain, others to one decimal ("12", "12.5")."""
    rounded = round(minutes, 1)
    return f"{rounded:.0f}" if rounded.is_integer() else f"{rounded:.1f}"
