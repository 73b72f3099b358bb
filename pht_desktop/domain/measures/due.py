"""The reminder: which measures are due after the interval (1–4 weeks), in one sentence."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Final

from pht_desktop.domain import validation
from pht_desktop.domain.measures.kinds import REMINDED_KINDS, MeasureKind
from pht_desktop.domain.measures.measure import Measure
from pht_desktop.domain.plural import counted

INTERVAL_WEEKS_RANGE: Final = (1, 4)
DEFAULT_INTERVAL_WEEKS: Final = 2
"""Every 2 weeks unless set otherwise, 1–4 weeks (issue 15)."""


def check_interval_weeks(value: object) -> int:
    """The reminder interval, 1–4 weeks (default 2)."""
    return validation.int_in_range(
        value, *INTERVAL_WEEKS_RANGE, "interval_weeks", "The measure reminder", "weeks"
    )


def due_kinds(
    latest: Mapping[MeasureKind, date], today: date, interval_weeks: int = DEFAULT_INTERVAL_WEEKS
) -> list[MeasureKind]:
    """The reminded measures never taken, or last taken ``interval_weeks`` or more ago."""
    weeks = check_interval_weeks(interval_weeks)
    limit = today - timedelta(days=7 * weeks)
    return [k for k in REMINDED_KINDS if k not in latest or latest[k] <= limit]


def due_sentence(
    due: Sequence[MeasureKind], latest: Mapping[MeasureKind, date], today: date
) -> str:
    """The Today line: "Outcome measures due: sitting tolerance (last 15 days ago), …"."""
    if not due:
        return ""
    parts = []
    for kind in due:
        last = latest.get(kind)
        when = (
            "not taken yet" if last is None else f"last {counted((today - last).days, 'day')} ago"
        )
        parts.append(f"{kind.label.lower()} ({when})")
    return "Outcome measures due: " + ", ".join(parts) + ". Take them in Measures."


def latest_days(measures: Iterable[Measure]) -> dict[MeasureKind, date]:
    """The most recent date each kind was taken."""
    latest: dict[MeasureKind, date] = {}
    for m in measures:
        if m.kind not in latest or m.day > latest[m.kind]:
            latest[m.kind] = m.day
    return latest
