"""What the report says, gathered once: :func:`gather_report` reads the services once
per kind of record for the whole range, never once per day, into a :class:`ReportData`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from pht_desktop.domain.measures import Measure, Reading, readings
from pht_desktop.domain.morning import (
    BaselineChange,
    BaselineMode,
    baseline_in_force,
    morning_test_in_force,
    with_default_test,
)
from pht_desktop.domain.plan import Plan
from pht_desktop.domain.profile import StageEvent, stage_on
from pht_desktop.domain.progress import ProgressData, RangePreset, Summary, summarize
from pht_desktop.domain.verdicts import Verdict, week_start
from pht_desktop.services.morning import BaselineRecord, TestRecord

if TYPE_CHECKING:
    from pht_desktop.services.registry import Services


REPORT_DAYS = RangePreset.THREE_MONTHS.days or 91
"""Days a report covers unless told: the Progress pane's 3-month range."""


@dataclass(frozen=True, slots=True)
class WeekSitting:
    """One calendar week of sitting and break figures (R1.3)."""

    start: date
    days: int
    prompts: int
    taken: int
    stands: int
    longest_s: int
    total_s: int

    @property
    def adherence(self) -> float | None:
        """Breaks taken ÷ prompts (R1.3); None in a week without prompts."""
        return None if self.prompts == 0 else self.taken / self.prompts


@dataclass(frozen=True)
class ReportData:
    """Everything the report shows, read once from the services."""

    start: date
    end: date
    generated: date
    history: ProgressData
    verdicts: tuple[Verdict, ...] = ()
    """Load days in the range, with dose labels, in the mode in use (R3.6)."""
    mode: BaselineMode = BaselineMode.FIXED
    stages: tuple[StageEvent, ...] = ()
    baselines: tuple[BaselineRecord, ...] = ()
    tests: tuple[TestRecord, ...] = ()
    taken: Mapping[date, int] = field(default_factory=dict)
    """Prompts answered "stood" per day (adherence's numerator, R1.3)."""
    pathology: str = "unknown"
    measures: tuple[Measure, ...] = ()
    """Outcome measures up to the report's end (issue 15); the table shows the range."""
    readings: tuple[Reading, ...] = ()
    """Each measure as one number per day up to the end (pain-free running included)."""
    plan: Plan | None = None
    """Today's plan (issue 11), the same one Today and Ctrl+T show; only when the range
    ends today, because a plan is for one day."""

    @property
    def part(self) -> ProgressData:
        return self.history.between(self.start, self.end)

    @property
    def summary(self) -> Summary:
        return summarize(self.history, self.start, self.end)

    @property
    def stage(self) -> int:
        return stage_on(list(self.stages), self.end)

    @property
    def baseline(self) -> BaselineChange | None:
        return baseline_in_force([r.change for r in self.baselines], self.end)

    @property
    def test(self) -> str:
        changes = with_default_test([record.change for record in self.tests])
        return morning_test_in_force(changes, self.end) or changes[0].test


def default_range(services: Services, end: date | None = None) -> tuple[date, date]:
    """Three months up to ``end`` (default today), starting no earlier than the first record."""
    end = end or services.clock.now().date()
    start = end - timedelta(days=REPORT_DAYS - 1)
    first = services.progress.history().first_day
    if first is not None and start < first <= end:
        start = first
    return start, end


def gather_report(services: Services, start: date, end: date) -> ReportData:
    """Read what the report needs for ``start``..``end``: one read per kind of record."""
    history = services.progress.history()
    mode = services.morning.baseline_mode()
    every_verdict = services.morning.verdicts(mode)
    verdicts = tuple(v for v in every_verdict if start <= v.day <= end)
    measures = tuple(services.measures.measures(end=end))
    running = services.measures.pain_free_runs(every_verdict)
    return ReportData(
        start=start,
        end=end,
        generated=services.clock.now().date(),
        history=history,
        verdicts=verdicts,
        mode=mode,
        stages=tuple(services.profile.stage_history()),
        baselines=tuple(services.morning.baseline_history()),
        tests=tuple(services.morning.test_history()),
        taken=services.breaks.stood_by_day(start, end),
        pathology=services.profile.current_pathology_stage(),
        measures=measures,
        readings=tuple(r for r in readings(measures, running) if r.day <= end),
        plan=services.plan.today_plan() if end == services.clock.now().date() else None,
    )


def sitting_weeks(data: ReportData) -> list[WeekSitting]:
    weeks: dict[date, list[tuple[int, int, int, int, int]]] = {}
    for day in data.part.sitting:
        figures = (day.prompts, data.taken.get(day.day, 0), day.breaks, day.longest_s, day.total_s)
        weeks.setdefault(week_start(day.day), []).append(figures)
    return [
        WeekSitting(
            start=start,
            days=sum(1 for d in days if d[4] > 0),
            prompts=sum(d[0] for d in days),
            taken=sum(d[1] for d in days),
            stands=sum(d[2] for d in days),
            longest_s=max(d[3] for d in days),
            total_s=sum(d[4] for d in days),
        )
        for start, days in sorted(weeks.items())
    ]
