"""The range buttons above the charts and the days each one shows."""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum


class RangePreset(StrEnum):
    """The range buttons above the charts."""

    TWO_WEEKS = "2w"
    SIX_WEEKS = "6w"
    THREE_MONTHS = "3m"
    ONE_YEAR = "1y"
    ALL = "all"

    @property
    def label(self) -> str:
        return _PRESET_LABELS[self]

    @property
    def days(self) -> int | None:
        """Calendar days shown, today included; None: the whole history."""
        return _PRESET_DAYS[self]


_PRESET_LABELS = {
    RangePreset.TWO_WEEKS: "2 weeks",
    RangePreset.SIX_WEEKS: "6 weeks",
    RangePreset.THREE_MONTHS: "3 months",
    RangePreset.ONE_YEAR: "1 year",
    RangePreset.ALL: "All",
}
_PRESET_DAYS: dict[RangePreset, int | None] = {
    RangePreset.TWO_WEEKS: 14,
    RangePreset.SIX_WEEKS: 42,
    RangePreset.THREE_MONTHS: 91,
    RangePreset.ONE_YEAR: 365,
    RangePreset.ALL: None,
}


def preset_bounds(preset: RangePreset, today: date, first_day: date | None) -> tuple[date, date]:
    """First and last day shown for ``preset``; "all" starts at the first recorded day."""
    days = preset.days
    if days is None:
        start = first_day if first_day is not None and first_day < today else today
        return start, today
    return today - timedelta(days=days - 1), today
