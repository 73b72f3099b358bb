"""Durations in words and countdown digits, the same on every screen (docs/ux.md)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pht_desktop.domain.durations import hours_and_minutes, short_duration, whole_minutes


def _minutes_words(minutes: int) -> str:
    # Singular and plural are separate texts (lupdate marks no numerus on translate()).
    if minutes == 1:
        return QCoreApplication.translate("Durations", "{count} minute").format(count=minutes)
    return QCoreApplication.translate("Durations", "{count} minutes").format(count=minutes)


def _hours_words(hours: int) -> str:
    if hours == 1:
        return QCoreApplication.translate("Durations", "{count} hour").format(count=hours)
    return QCoreApplication.translate("Durations", "{count} hours").format(count=hours)


def minutes_text(seconds: float) -> str:
    """'1 minute', '32 minutes', '2 hours 20 minutes' — as the prompt speaks (docs/ux.md)."""
    if whole_minutes(seconds) < 60:
        return _minutes_words(whole_minutes(seconds))
    hours, rest = hours_and_minutes(seconds)
    hour_words = _hours_words(hours)
    if rest == 0:
        return hour_words
    # Hours and minutes side by side, e.g. "2 hours 20 minutes".
    return QCoreApplication.translate("Durations", "{hours} {minutes}").format(
        hours=hour_words, minutes=_minutes_words(rest)
    )


def duration_text(seconds: float) -> str:
    """'25 min', '4 h 10 min' — the short form of every screen (one rounding rule)."""
    return short_duration(
        seconds,
        QCoreApplication.translate("Durations", "{hours} h {minutes} min"),
        QCoreApplication.translate("Durations", "{minutes} min"),
    )


def clock_text(seconds: float) -> str:
    """A countdown as m:ss."""
    whole = max(0, int(seconds + 0.999))
    return f"{whole // 60}:{whole % 60:02d}"
