"""From the store's flat records to the per-day series (R1.3, R3): load and sitting
summed per local day, chart marks, and the verdicts via :func:`judge` (never a second
copy of R3.2)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta, tzinfo

from pht_desktop.domain import scheduler
from pht_desktop.domain.morning import TestChange
from pht_desktop.domain.profile import StageEvent
from pht_desktop.domain.progress.records import (
    BoutItem,
    DayLoad,
    DaySitting,
    EventMark,
    LoadItem,
    ProgressData,
    ProgressSource,
    SittingDayItem,
)
from pht_desktop.domain.verdicts import judge, local_date


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
