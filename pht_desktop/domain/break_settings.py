"""Sitting-break settings (R1.1), declared once: typed, defaulted, validated.

The store keeps them as one JSON key/value (``to_dict`` / ``from_dict``); the UI edits
a copy with :func:`dataclasses.replace`, which re-runs the validation, so an invalid
value can never reach the scheduler.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.validation import int_in_range

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_HHMM = re.compile(r"^(\d{1,2}):(\d{2})$")
_DAY_S = 24 * 3600

#: field -> (lowest, highest, name shown to the user, unit); the UI reads its spin-box
#: ranges from here so the limits are declared once (R1.1).
INT_LIMITS: Mapping[str, tuple[int, int, str, str]] = MappingProxyType(
    {
        "sitting_interval_min": (15, 90, "Sitting interval", "minutes"),
        "break_length_min": (1, 15, "Standing break", "minutes"),
        "snooze_min": (1, 30, "Snooze", "minutes"),
        "max_snoozes_in_row": (0, 2, "Snoozes in a row", ""),
        "defer_ceiling_min": (0, 30, "Longest delay of a prompt", "minutes"),
        "were_you_up_timeout_s": (15, 600, "Time to answer 'were you up?'", "seconds"),
    }
)


class PauseKind(StrEnum):
    """How long the user pauses break prompts; every pause ends by itself."""

    MIN_30 = "30min"
    HOUR_1 = "1h"
    UNTIL_TOMORROW = "until_tomorrow"

    @property
    def duration_s(self) -> float | None:
        """Fixed length in seconds, or None for a pause that ends at local midnight."""
        return {PauseKind.MIN_30: 1800.0, PauseKind.HOUR_1: 3600.0}.get(self)

    def ends_at(self, wall: datetime) -> datetime:
        """When a pause started at ``wall`` ends (aware, in ``wall``'s zone)."""
        if self.duration_s is not None:
            return wall + timedelta(seconds=self.duration_s)
        return datetime.combine(wall.date() + timedelta(days=1), time(0), tzinfo=wall.tzinfo)


def _parse_hhmm(value: object, field_name: str, allow_24: bool) -> int:
    """``"HH:MM"`` to seconds after midnight; ``"24:00"`` only as an end time."""
    match = _HHMM.match(value.strip()) if isinstance(value, str) else None
    if match is None:
        raise ValidationError(field_name, f"Times must look like 09:00 (HH:MM), not {value!r}.")
    hours, minutes = int(match.group(1)), int(match.group(2))
    if allow_24 and (hours, minutes) == (24, 0):
        return _DAY_S
    if hours > 23 or minutes > 59:
        raise ValidationError(field_name, f"{value} is not a time of day (00:00 to 23:59).")
    return hours * 3600 + minutes * 60


def _format_hhmm(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


def _normalise_hours(value: object) -> Mapping[int, tuple[str, str]] | None:
    """Validate working hours into a read-only ``{weekday: ("HH:MM", "HH:MM")}``."""
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise ValidationError(
            "working_hours", "Working hours must list days with a start and end time."
        )
    clean: dict[int, tuple[str, str]] = {}
    for raw_day, span in value.items():
        day: object = raw_day
        if isinstance(raw_day, str) and raw_day.strip().isdigit():
            day = int(raw_day.strip())
        if isinstance(day, bool) or not isinstance(day, int) or not 0 <= day <= 6:
            raise ValidationError(
                "working_hours", f"Weekday must be 0 (Monday) to 6 (Sunday), not {raw_day!r}."
            )
        name = WEEKDAY_NAMES[day]
        if isinstance(span, str) or not isinstance(span, (tuple, list)) or len(span) != 2:
            raise ValidationError(
                "working_hours", f"{name}: give a start and an end time, like 09:00 and 17:00."
            )
        start = _parse_hhmm(span[0], "working_hours", allow_24=False)
        end = _parse_hhmm(span[1], "working_hours", allow_24=True)
        if end <= start:
            raise ValidationError(
                "working_hours",
                f"{name}: the end ({_format_hhmm(end)}) must be after the start "
                f"({_format_hhmm(start)}); hours past midnight are not supported.",
            )
        clean[day] = (_format_hhmm(start), _format_hhmm(end))
    if not clean:
        raise ValidationError(
            "working_hours",
            "Choose at least one working day, or turn working hours off to be reminded always.",
        )
    return MappingProxyType(dict(sorted(clean.items())))


@dataclass(frozen=True, slots=True)
class BreakSettings:
    """Everything the break scheduler may be told (R1.1 limits enforced here)."""

    sitting_interval_min: int = 30
    break_length_min: int = 3
    snooze_min: int = 5
    max_snoozes_in_row: int = 2
    #: weekday (0 = Monday) -> (start, end) as "HH:MM"; a missing day has no working
    #: hours (no prompts); None means "always".
    working_hours: Mapping[int, tuple[str, str]] | None = field(default=None, hash=False)
    defer_ceiling_min: int = 10
    away_unknown_counts_as_break: bool = False
    were_you_up_timeout_s: int = 60

    def __post_init__(self) -> None:
        for name, (low, high, what, unit) in INT_LIMITS.items():
            value = int_in_range(getattr(self, name), low, high, name, what, unit)
            object.__setattr__(self, name, value)
        if not isinstance(self.away_unknown_counts_as_break, bool):
            raise ValidationError(
                "away_unknown_counts_as_break",
                "'Count an unanswered absence as a break' must be on or off.",
            )
        object.__setattr__(self, "working_hours", _normalise_hours(self.working_hours))

    # Durations in seconds, so the scheduler never multiplies by 60 itself.
    @property
    def interval_s(self) -> float:
        return self.sitting_interval_min * 60.0

    @property
    def break_s(self) -> float:
        return self.break_length_min * 60.0

    @property
    def snooze_s(self) -> float:
        return self.snooze_min * 60.0

    @property
    def defer_ceiling_s(self) -> float:
        return self.defer_ceiling_min * 60.0

    def _day_span(self, day: date) -> tuple[int, int] | None:
        if self.working_hours is None:
            return None
        span = self.working_hours.get(day.weekday())
        if span is None:
            return None
        return (
            _parse_hhmm(span[0], "working_hours", allow_24=False),
            _parse_hhmm(span[1], "working_hours", allow_24=True),
        )

    def in_working_hours(self, wall: datetime) -> bool:
        """Whether prompts may fire at local time ``wall`` (start inclusive, end exclusive)."""
        if self.working_hours is None:
            return True
        span = self._day_span(wall.date())
        if span is None:
            return False
        second = wall.hour * 3600 + wall.minute * 60 + wall.second + wall.microsecond / 1e6
        return span[0] <= second < span[1]

    def seconds_until_hours_change(self, wall: datetime) -> float | None:
        """Seconds until working hours next start or end (None: always on)."""
        if self.working_hours is None:
            return None
        utc_now = wall.astimezone(UTC)
        best: float | None = None
        for offset in range(8):
            day = wall.date() + timedelta(days=offset)
            span = self._day_span(day)
            if span is None:
                continue
            midnight = datetime.combine(day, time(0), tzinfo=wall.tzinfo)
            for second in span:
                edge = (midnight + timedelta(seconds=second)).astimezone(UTC)
                delta = (edge - utc_now).total_seconds()
                if delta > 0 and (best is None or delta < best):
                    best = delta
            if best is not None:
                return best
        return best

    def to_dict(self) -> dict[str, Any]:
        """A JSON-friendly dict (string weekday keys, lists for time spans)."""
        out: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        if self.working_hours is not None:
            out["working_hours"] = {str(d): list(s) for d, s in self.working_hours.items()}
        return out

    @classmethod
    def from_dict(cls, data: object) -> BreakSettings:
        """Build from stored JSON; missing keys take defaults, unknown keys are ignored
        (an older app can read a newer store), bad values raise :class:`ValidationError`."""
        if not isinstance(data, Mapping):
            raise ValidationError("settings", "Break settings are damaged; please set them again.")
        names = {f.name for f in fields(cls)}
        kwargs: dict[str, Any] = {k: v for k, v in data.items() if k in names}
        return cls(**kwargs)


@dataclass(frozen=True, slots=True)
class BreakUiOptions:
    """How prompts are presented (not scheduling, so not in :class:`BreakSettings`)."""

    sound: bool = False
    #: A desktop notification a minute before the prompt (issue 3, item 5).
    notify_before: bool = False

    @classmethod
    def from_dict(cls, data: object) -> BreakUiOptions:
        """Stored options; unknown keys are ignored (a newer app's), non-booleans refused."""
        if not isinstance(data, Mapping):
            raise ValidationError("breaks.ui", "Prompt options must be a record of on/off.")
        names = {f.name for f in fields(cls)}
        known = {k: v for k, v in data.items() if k in names}
        if not all(isinstance(v, bool) for v in known.values()):
            raise ValidationError("breaks.ui", "Prompt options must each be on or off.")
        return cls(**known)

    def to_dict(self) -> dict[str, bool]:
        return {"sound": self.sound, "notify_before": self.notify_before}
