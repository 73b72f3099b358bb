"""Durations in words and countdown digits, the same on every screen (docs/ux.md), and
the counted words that screens share ("1 day", "2 days").

Counted words go through Qt's plural forms: ``self.tr("%n day(s)", "", n)``, with the
English forms in ``resources/translations/pht-desktop_en.ts`` (docs/translating.md).
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QCoreApplication, QObject

from pht_desktop.domain.durations import hours_and_minutes, short_duration, whole_minutes


class Counted(QObject):
    """Counted words shared by several screens, in Qt's plural forms.

    They live in a class because lupdate marks a text as plural (numerus) only on
    ``self.tr(text, "", n)``, not on ``QCoreApplication.translate`` with a variable.
    """

    def minutes(self, n: int) -> str:
        return self.tr("%n minute(s)", "", n)

    def hours(self, n: int) -> str:
        return self.tr("%n hour(s)", "", n)

    def days(self, n: int) -> str:
        return self.tr("%n day(s)", "", n)

    def prompts(self, n: int) -> str:
        return self.tr("%n prompt(s)", "", n)

    def long_bouts(self, n: int) -> str:
        return self.tr("%n bout(s) over 40 min", "", n)


@cache
def counted() -> Counted:
    """The one :class:`Counted` (made on first use, once Qt is there)."""
    return Counted()


def _minutes_words(minutes: int) -> str:
    return counted().minutes(minutes)


def _hours_words(hours: int) -> str:
    return counted().hours(hours)


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
