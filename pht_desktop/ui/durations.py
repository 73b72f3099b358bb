"""Durations in words and countdown digits, the same on every screen (docs/ux.md)."""

from __future__ import annotations


def minutes_text(seconds: float) -> str:
    """'1 minute', '32 minutes' — whole minutes, as the prompt speaks (docs/ux.md)."""
    minutes = max(0, round(seconds / 60))
    return f"{minutes} minute" if minutes == 1 else f"{minutes} minutes"


def clock_text(seconds: float) -> str:
    """A countdown as m:ss."""
    whole = max(0, int(seconds + 0.999))
    return f"{whole // 60}:{whole % 60:02d}"
