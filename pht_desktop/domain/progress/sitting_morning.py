"""Does sitting show in the next morning's pain? Each sitting day paired with the next
morning against its baseline (R1.3, R3.7), a rolling mean, and long vs shorter days."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from pht_desktop.domain.morning import baseline_in_force, morning_test_in_force
from pht_desktop.domain.progress.records import DaySitting, ProgressData

ROLLING_DAYS = 7
"""Window of the rolling mean on the sitting-vs-morning panel (one week)."""


@dataclass(frozen=True, slots=True)
class SittingMorningPair:
    """A day's sitting and the next morning's pain above baseline, plus a weekly mean.

    ``rolling_delta`` is the mean ``delta`` of the pairs in the 7 days ending on ``day``.
    """

    day: date
    longest_s: int
    total_s: int
    next_pain: int
    baseline: int
    rolling_delta: float

    @property
    def delta(self) -> int:
        return self.next_pain - self.baseline


def sitting_vs_morning(data: ProgressData, window: int = ROLLING_DAYS) -> list[SittingMorningPair]:
    """Pair each sitting day with the next morning's pain minus the baseline then.

    Days without a next-morning entry or a baseline are skipped, and so are mornings on
    a test other than the baseline's: readings of two tests are never compared (R3.7).
    """
    by_day = {e.day: e for e in data.mornings}
    raw: list[tuple[DaySitting, int, int]] = []
    for sitting in data.sitting:
        if sitting.total_s <= 0:
            continue
        next_day = sitting.day + timedelta(days=1)
        morning = by_day.get(next_day)
        baseline = baseline_in_force(data.baselines, next_day)
        if morning is None or baseline is None:
            continue
        base_test = baseline.test or morning_test_in_force(data.tests, baseline.effective_date)
        if base_test is not None and base_test != morning.test:
            continue
        raw.append((sitting, morning.pain, baseline.pain))
    deltas = [pain - base for _s, pain, base in raw]
    means = rolling_means([s.day for s, _p, _b in raw], deltas, window)
    return [
        SittingMorningPair(s.day, s.longest_s, s.total_s, pain, base, mean)
        for (s, pain, base), mean in zip(raw, means, strict=True)
    ]


LONG_SITTING_S = 6 * 3600
"""Days with more sitting than this are "long" when comparing their next mornings."""


@dataclass(frozen=True, slots=True)
class SittingSplit:
    """Next-morning pain after long and after shorter sitting days (the means, /10)."""

    long_days: int
    long_mean: float | None
    short_days: int
    short_mean: float | None
    threshold_s: int = LONG_SITTING_S


def split_by_sitting(
    pairs: Sequence[SittingMorningPair], threshold_s: int = LONG_SITTING_S
) -> SittingSplit:
    """Mean next-morning pain after days with over ``threshold_s`` of sitting, and after
    the others: the one sentence the sitting chart needs (issue 13)."""
    long = [p.next_pain for p in pairs if p.total_s > threshold_s]
    short = [p.next_pain for p in pairs if p.total_s <= threshold_s]
    return SittingSplit(
        len(long),
        sum(long) / len(long) if long else None,
        len(short),
        sum(short) / len(short) if short else None,
        threshold_s,
    )


def rolling_means(days: Sequence[date], values: Sequence[float], window: int) -> list[float]:
    """Mean of the values dated within ``window`` calendar days ending on each day.

    Calendar days, not entries: a gap in the data shortens the window instead of
    reaching back further. ``days`` must be sorted.
    """
    result: list[float] = []
    total = 0.0
    first = 0
    for index, day in enumerate(days):
        total += values[index]
        while days[first] <= day - timedelta(days=window):
            total -= values[first]
            first += 1
        result.append(total / (index - first + 1))
    return result
