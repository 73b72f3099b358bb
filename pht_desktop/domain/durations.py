"""One rounding rule and one short form for durations, on every screen and in the report.

Before issue 17, 3570 s read "1 h 0 min", "1 h 00 min" and "0 h 59 min" on three
screens. Now a duration is always rounded to the nearest whole minute (half a minute up)
by :func:`whole_minutes`, and shown short by :func:`short_duration`; the UI passes its
translated templates, the (English) report the defaults.
"""

from __future__ import annotations

import math

HOURS_MINUTES = "{hours} h {minutes} min"
MINUTES = "{minutes} min"


def whole_minutes(seconds: float) -> int:
    """Nearest whole minute, half a minute up (never negative): 3570 s → 60, 89 s → 1."""
    return max(0, math.floor(seconds / 60 + 0.5))


def hours_and_minutes(seconds: float) -> tuple[int, int]:
    """(hours, minutes) of the rounded duration: 3570 s → (1, 0)."""
    hours, minutes = divmod(whole_minutes(seconds), 60)
    return hours, minutes


def short_duration(
    seconds: float, hours_minutes: str = HOURS_MINUTES, minutes_only: str = MINUTES
) -> str:
    """'25 min', '1 h 0 min', '4 h 10 min' — the one short form (templates translatable)."""
    hours, minutes = hours_and_minutes(seconds)
    if hours:
        return hours_minutes.format(hours=hours, minutes=minutes)
    return minutes_only.format(minutes=minutes)
