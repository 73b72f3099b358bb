"""The records Progress works on: what the store hands over (one per session, run, bout,
prompt, stand, or a day it already summed) and the per-day series the charts plot, keyed
by local calendar date so charts and verdicts bucket days alike."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal, TypeVar

from pht_desktop.domain.morning import (
    BaselineChange,
    BaselineMode,
    MorningEntry,
    TestChange,
    baseline_in_force,
)
from pht_desktop.domain.profile import StageEvent
from pht_desktop.domain.verdicts import PAIN_DURING_CEILING, Verdict, VerdictInputs


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
