"""What the Progress pane plots, as pure aggregation over plain records (R1.3, R3).

The store hands over flat records (one per session, run, bout, prompt, stand); this
module turns them into per-day series, verdicts (via :func:`judge`, never a
second copy of R3.2), a summary for a date range and the sitting-vs-next-morning pairs.
Everything is keyed by local calendar date, so charts and verdicts bucket days alike.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from enum import StrEnum
from typing import Literal, TypeVar

from pht_desktop.domain import scheduler
from pht_desktop.domain.guidance import streak_at_current_dose
from pht_desktop.domain.morning import (
    BaselineChange,
    BaselineMode,
    MorningEntry,
    TestChange,
    baseline_in_force,
    morning_test_in_force,
)
from pht_desktop.domain.plural import counted
from pht_desktop.domain.profile import StageEvent
from pht_desktop.domain.verdicts import (
    PAIN_DURING_CEILING,
    Outcome,
    Verdict,
    VerdictInputs,
    judge,
    local_date,
    weekly_means,
)

ROLLING_DAYS = 7
"""Window of the rolling mean on the sitting-vs-morning panel (one week)."""


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


# --- input records ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class LoadItem:
    """Load logged on one day: a session, a run, or a day already summed by the store."""

    day: date
    seconds_held: int = 0
    sets: int = 0
    run_seconds: int = 0
    max_pain_during: int | None = None
    hilly: bool = False
    """A run that day was hilly / fast (R2.4; typed, or found in a watch file)."""
    fast: bool = False


@dataclass(frozen=True, slots=True)
class BoutItem:
    """A sitting bout: measured at the computer or added by hand (``manual``)."""

    started_at: datetime
    seconds: int
    manual: bool = False


@dataclass(frozen=True, slots=True)
class SittingDayItem:
    """Bouts within one local day, summed by the store (none crossing midnight)."""

    day: date
    total_s: int
    longest_s: int
    manual_s: int


@dataclass(frozen=True, slots=True)
class ProgressSource:
    """Everything the charts need, as read from the store (R1.3, R3).

    ``verdict_inputs`` are the one reader's (mornings, baselines, tests, mode and the load
    days the verdicts judge); ``loads`` add the per-day amounts the load chart draws.
    """

    verdict_inputs: VerdictInputs = field(default_factory=VerdictInputs)
    stages: Sequence[StageEvent] = ()
    loads: Sequence[LoadItem] = ()
    bouts: Sequence[BoutItem] = ()
    prompt_times: Sequence[datetime] = ()
    stand_times: Sequence[datetime] = ()
    sitting_days: Sequence[SittingDayItem] = ()
    prompt_counts: Sequence[tuple[date, int]] = ()
    stand_counts: Sequence[tuple[date, int]] = ()
    """Already summed per local day by the store (its fast path); merged with the above."""


# --- output records --------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DayLoad:
    """One load day's totals (R3.2) and its worst pain during (R3.8)."""

    day: date
    seconds_held: int
    sets: int
    run_seconds: int
    max_pain_during: int | None
    hilly: bool = False
    fast: bool = False

    @property
    def run_minutes(self) -> float:
        return self.run_seconds / 60

    @property
    def over_ceiling(self) -> bool:
        """Pain during reached 6/10 or more: flagged whatever the next morning says (R3.8)."""
        return self.max_pain_during is not None and self.max_pain_during >= PAIN_DURING_CEILING


@dataclass(frozen=True, slots=True)
class DaySitting:
    """One day's sitting exposure (R1.3); ``total_s`` includes the manual part."""

    day: date
    total_s: int
    longest_s: int
    manual_s: int
    breaks: int
    prompts: int


@dataclass(frozen=True, slots=True)
class EventMark:
    """A dated change the charts mark with a labelled vertical line (R2.7, R3.7)."""

    day: date
    kind: Literal["stage", "test"]
    label: str


@dataclass(frozen=True, slots=True)
class ProgressData:
    """Per-day series for the charts, oldest first; slices share these tuples' types."""

    mornings: tuple[MorningEntry, ...] = ()
    baselines: tuple[BaselineChange, ...] = ()
    verdicts: tuple[Verdict, ...] = ()
    loads: tuple[DayLoad, ...] = ()
    sitting: tuple[DaySitting, ...] = ()
    events: tuple[EventMark, ...] = ()
    tests: tuple[TestChange, ...] = ()
    mode: BaselineMode = BaselineMode.FIXED

    @property
    def first_day(self) -> date | None:
        """The earliest day with anything recorded (for the "all" range)."""
        firsts = [s[0].day for s in (self.mornings, self.loads, self.sitting) if s]
        return min(firsts) if firsts else None

    @property
    def is_empty(self) -> bool:
        return not (self.mornings or self.loads or self.sitting)

    def baseline_on(self, day: date) -> int | None:
        """The baseline in force on ``day`` (R3.1)."""
        change = baseline_in_force(self.baselines, day)
        return None if change is None else change.pain

    def between(self, start: date, end: date) -> ProgressData:
        """The days from ``start`` to ``end`` inclusive; baselines and tests stay whole."""
        return ProgressData(
            mornings=_slice(self.mornings, start, end),
            baselines=self.baselines,
            verdicts=_slice(self.verdicts, start, end),
            loads=_slice(self.loads, start, end),
            sitting=_slice(self.sitting, start, end),
            events=_slice(self.events, start, end),
            tests=self.tests,
            mode=self.mode,
        )


_Dated = TypeVar("_Dated", MorningEntry, Verdict, DayLoad, DaySitting, EventMark)


def _slice(items: tuple[_Dated, ...], start: date, end: date) -> tuple[_Dated, ...]:
    """Binary search on the sorted days: cheap even for ten years of data."""
    days = [item.day for item in items]
    return items[bisect.bisect_left(days, start) : bisect.bisect_right(days, end)]


# --- aggregation -----------------------------------------------------------------------------
def daily_loads(items: Iterable[LoadItem]) -> list[DayLoad]:
    """Sum sessions and runs per day; the worst pain during wins (R3.2, R3.8)."""
    by_day: dict[date, list[LoadItem]] = {}
    for item in items:
        by_day.setdefault(item.day, []).append(item)
    result = []
    for day in sorted(by_day):
        group = by_day[day]
        pains = [i.max_pain_during for i in group if i.max_pain_during is not None]
        result.append(
            DayLoad(
                day=day,
                seconds_held=sum(i.seconds_held for i in group),
                sets=sum(i.sets for i in group),
                run_seconds=sum(i.run_seconds for i in group),
                max_pain_during=max(pains) if pains else None,
                hilly=any(i.hilly for i in group),
                fast=any(i.fast for i in group),
            )
        )
    return result


def split_by_day(started_at: datetime, seconds: int, tz: tzinfo) -> list[tuple[date, int]]:
    """A bout's seconds per local calendar day: one crossing midnight counts on both.

    The end is found in UTC (wall arithmetic in a DST zone would be an hour off), then the
    scheduler's one splitting rule cuts it at each local midnight.
    """
    start = started_at.astimezone(tz)
    if seconds <= 0:
        return [(start.date(), 0)]
    end = (started_at.astimezone(UTC) + timedelta(seconds=seconds)).astimezone(tz)
    return [(day, round(part)) for day, part in scheduler.split_by_day(start, end)]


def daily_sitting(
    bouts: Iterable[BoutItem],
    prompt_times: Iterable[datetime] = (),
    stand_times: Iterable[datetime] = (),
    tz: tzinfo = UTC,
    *,
    summed_days: Iterable[SittingDayItem] = (),
    prompt_counts: Iterable[tuple[date, int]] = (),
    stand_counts: Iterable[tuple[date, int]] = (),
) -> list[DaySitting]:
    """Total, longest bout, manual part, breaks and prompts per local day (R1.3).

    Bouts crossing midnight are split, so each day holds only its own seconds, and the
    longest bout of a day is the longest part it holds. Hand-entered sitting counts too.
    Breaks are stands of any kind (prompted, self-started, confirmed after idle).
    ``summed_days`` and the counts are days the store already summed; they add up with
    the raw records.
    """
    total: dict[date, int] = {}
    longest: dict[date, int] = {}
    manual: dict[date, int] = {}
    for part in summed_days:
        total[part.day] = total.get(part.day, 0) + part.total_s
        longest[part.day] = max(longest.get(part.day, 0), part.longest_s)
        manual[part.day] = manual.get(part.day, 0) + part.manual_s
    for bout in bouts:
        for day, seconds in split_by_day(bout.started_at, bout.seconds, tz):
            total[day] = total.get(day, 0) + seconds
            longest[day] = max(longest.get(day, 0), seconds)
            if bout.manual:
                manual[day] = manual.get(day, 0) + seconds
    breaks = _count_by_day(stand_times, tz, stand_counts)
    prompts = _count_by_day(prompt_times, tz, prompt_counts)
    days = sorted(set(total) | set(breaks) | set(prompts))
    return [
        DaySitting(
            day=day,
            total_s=total.get(day, 0),
            longest_s=longest.get(day, 0),
            manual_s=manual.get(day, 0),
            breaks=breaks.get(day, 0),
            prompts=prompts.get(day, 0),
        )
        for day in days
    ]


def _count_by_day(
    moments: Iterable[datetime], tz: tzinfo, summed: Iterable[tuple[date, int]]
) -> dict[date, int]:
    counts: dict[date, int] = {}
    for day, count in summed:
        counts[day] = counts.get(day, 0) + count
    for moment in moments:
        day = local_date(moment, tz)
        counts[day] = counts.get(day, 0) + 1
    return counts


def event_marks(stages: Iterable[StageEvent], tests: Iterable[TestChange]) -> list[EventMark]:
    """Stage and morning-test changes as chart marks, oldest first (R2.7, R3.7)."""
    marks = [EventMark(s.effective_date, "stage", f"Stage {s.stage}") for s in stages]
    marks += [EventMark(t.effective_date, "test", f"Test: {_test_label(t.test)}") for t in tests]
    return sorted(marks, key=lambda m: (m.day, m.kind))


def _test_label(key: str) -> str:
    return key.replace("_", " ")


def build_progress(source: ProgressSource, tz: tzinfo) -> ProgressData:
    """All chart series from the stored records; verdicts via :func:`judge`, as everywhere."""
    inputs = source.verdict_inputs
    mornings = tuple(sorted(inputs.mornings, key=lambda e: e.day))
    baselines = tuple(sorted(inputs.baselines, key=lambda b: b.effective_date))
    tests = tuple(sorted(inputs.tests, key=lambda t: t.effective_date))
    loads = tuple(daily_loads(source.loads))
    verdicts = tuple(judge(inputs))
    return ProgressData(
        mornings=mornings,
        baselines=baselines,
        verdicts=verdicts,
        loads=loads,
        sitting=tuple(
            daily_sitting(
                source.bouts,
                source.prompt_times,
                source.stand_times,
                tz,
                summed_days=source.sitting_days,
                prompt_counts=source.prompt_counts,
                stand_counts=source.stand_counts,
            )
        ),
        # The implicit default test (date.min) is no change to mark (R3.7).
        events=tuple(event_marks(source.stages, [t for t in tests if t.effective_date > date.min])),
        tests=tests,
        mode=inputs.mode,
    )


# --- summary ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Summary:
    """The line above the charts, for one range (R3.2, R3.5, R3.9)."""

    load_days: int
    tolerated: int
    exceeded: int
    unknown: int
    first_week_mean: float | None
    last_week_mean: float | None
    streak: int

    @property
    def tolerated_percent(self) -> float | None:
        """Share of decided load days that were tolerated; unknown days are left out."""
        decided = self.tolerated + self.exceeded
        return None if decided == 0 else 100 * self.tolerated / decided

    def sentence(self) -> str:
        """Plain words for one range, zero figures left out (issue 13), e.g.
        "24 load days: 20 tolerated, 4 exceeded. Morning pain went from 3.1/10 in the
        first week to 2.0/10 in the last."."""
        if self.load_days == 0 and self.first_week_mean is None:
            return "Nothing recorded in this range."
        sentences: list[str] = []
        days = counted(self.load_days, "load day")
        judged = [
            f"{count} {word}"
            for count, word in (
                (self.tolerated, "tolerated"),
                (self.exceeded, "exceeded"),
                (self.unknown, "unknown"),
            )
            if count
        ]
        if self.load_days == 0:
            sentences.append("No load days in this range.")
        elif self.tolerated + self.exceeded == 0:
            sentences.append(f"{days}, none with a verdict yet.")
        else:
            sentences.append(f"{days}: {', '.join(judged)}.")
        first, last = self.first_week_mean, self.last_week_mean
        if first is not None and last is not None and first != last:
            sentences.append(
                f"Morning pain went from {first:.1f}/10 in the first week to {last:.1f}/10 "
                "in the last."
            )
        elif last is not None:
            sentences.append(f"Morning pain averaged {last:.1f}/10.")
        # Any load, in the range; the Today pane counts the streak at one dose instead.
        if self.streak >= 2:
            sentences.append(f"The last {self.streak} load days were all tolerated.")
        return " ".join(sentences)


def summarize(data: ProgressData, start: date, end: date) -> Summary:
    """Counts and means for the days ``start``..``end``; the streak runs up to ``end``.

    The streak is the guidance's rule (R3.5): tolerated days in a row, unknown days
    skipped, an exceeded day ends it.
    """
    part = data.between(start, end)
    outcomes = [v.outcome for v in part.verdicts]
    means = weekly_means(part.mornings)
    streak, _dose = streak_at_current_dose(part.verdicts)
    return Summary(
        load_days=len(part.verdicts),
        tolerated=outcomes.count(Outcome.TOLERATED),
        exceeded=outcomes.count(Outcome.EXCEEDED),
        unknown=outcomes.count(Outcome.UNKNOWN),
        first_week_mean=means[0][1] if means else None,
        last_week_mean=means[-1][1] if means else None,
        streak=streak,
    )


# --- sitting vs next morning -----------------------------------------------------------------
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
