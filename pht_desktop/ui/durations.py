"""Durations in words and countdown digits, the same on every screen (docs/ux.md)."""

from __future__ import annotations


def minutes_text(seconds: float) -> str:
    """'1 minute', '32 minutes', '2 hours 20 minutes' — as the prompt speaks (docs/ux.md)."""
    minutes = max(0, round(seconds / 60))
    if minutes < 60:
        return f"{minutes} minute" if minutes == 1 else f"{minutes} minutes"
    hours, rest = divmod(minutes, 60)
    hour_words = f"{hours} hour" if hours == 1 else f"{hours} hours"
    if rest == 0:
        return hour_words
    return f"{hour_words} {rest} minute" if rest == 1 else f"{hour_words} {rest} minutes"


def clock_text(seconds: float) -> str:
    """A countdown as m:ss."""
    whole = max(0, int(seconds + 0.999))
    return f"{whole // 60}:{whole % 60:02d}"
