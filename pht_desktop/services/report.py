"""The clinician report as a use case (issue 7.4): what it says, gathered once, as tables.

:func:`gather_report` reads the services once per kind of record (history, verdicts,
stages, baselines, tests, prompts) for the whole range, never once per day. The rest of
this module turns a :class:`ReportData` into plain values — facts and :class:`Section`
tables of text — that any renderer can lay out; ``ui/charts/report.py`` makes the PDF.
Sections: load days with their verdicts and the mode in use (R3.2, R3.6, R3.8), morning
pain by week (R3.9), stage, baseline and test history (R2.7, R3.1, R3.7), sitting and
breaks by week (R1.3), outcome measures (issue 15).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from pht_desktop.domain.durations import short_duration
from pht_desktop.domain.measures import (
    GUIDES,
    NOT_A_DIAGNOSIS,
    Measure,
    MeasureKind,
    Reading,
    readings,
)
from pht_desktop.domain.morning import (
    BaselineChange,
    BaselineMode,
    TestChange,
    baseline_in_force,
    label_for_test,
    morning_test_in_force,
    with_default_test,
)
from pht_desktop.domain.plan import Plan
from pht_desktop.domain.plural import counted
from pht_desktop.domain.profile import STAGE_NAMES, StageEvent, stage_on
from pht_desktop.domain.progress import DayLoad, ProgressData, RangePreset, Summary, summarize
from pht_desktop.domain.sources import CLINICAL_SOURCES
from pht_desktop.domain.verdicts import Outcome, Verdict, week_start, weekly_means
from pht_desktop.services.morning import BaselineRecord, TestRecord

if TYPE_CHECKING:
    from pht_desktop.services.registry import Services

TITLE = "PHT Desktop — progress report"
REPORT_DAYS = RangePreset.THREE_MONTHS.days or 91
"""Days a report covers unless told: the Progress pane's 3-month range."""

#: How a cell is marked: a verdict's shape and colour (colour always with a shape).
Mark = Literal["tolerated", "exceeded", "unknown", "ceiling", "rise"]
VERDICT_MARK: dict[Outcome, Mark] = {
    Outcome.TOLERATED: "tolerated",
    Outcome.EXCEEDED: "exceeded",
    Outcome.UNKNOWN: "unknown",
}


# --- data ------------------------------------------------------------------------------------
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


# --- tables as plain values ----------------------------------------------------------------
Align = Literal["left", "right"]


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    width: float
    """Its share of the line (the widths of a table add up to about 7 inches)."""
    align: Align = "left"


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    mark: Mark | None = None
    bold: bool = False


Row = tuple[Cell, ...]


@dataclass(frozen=True)
class Section:
    title: str
    columns: tuple[Column, ...]
    rows: Sequence[Row]
    note: str = ""
    empty: str = "Nothing recorded."


def _c(text: object = "", mark: Mark | None = None, bold: bool = False) -> Cell:
    return Cell("–" if text is None or text == "" else str(text), mark, bold)


Value = Cell | object
"""What a section's row holds: a plain value (shown as text) or a marked :class:`Cell`."""


def table(
    title: str,
    columns: Sequence[Column],
    rows: Iterable[Sequence[Value]],
    note: str,
    empty: str,
) -> Section:
    """The one section builder: every table of the report is made here, its plain
    values turned into cells (an empty value shows as "–"; a Cell passes through)."""
    cells = [tuple(v if isinstance(v, Cell) else _c(v) for v in row) for row in rows]
    return Section(title, tuple(columns), cells, note, empty)


def _pain(value: int | None) -> str | None:
    return None if value is None else f"{value}/10"


def _load_words(load: DayLoad) -> str:
    parts = [counted(load.sets, "set"), f"{load.seconds_held} s held"]
    if load.run_seconds:
        parts.append(f"{load.run_minutes:.0f} min run")
    return ", ".join(parts)


def _verdict_row(verdict: Verdict, load: DayLoad | None) -> tuple[Value, ...]:
    dose = verdict.dose or (_load_words(load) if load is not None else "")
    during = verdict.load_day.max_pain_during
    over = verdict.pain_during_over_ceiling
    outcome = verdict.outcome.value
    if verdict.outcome is Outcome.UNKNOWN and verdict.reason:
        outcome += f": {verdict.reason}"
    return (
        verdict.day.isoformat(),
        dose,
        _c(_pain(during), "ceiling" if over else None, over),
        _pain(verdict.next_morning_pain),
        _pain(verdict.reference),
        _c(outcome, VERDICT_MARK[verdict.outcome]),
        verdict.mode.label,
    )


def load_day_section(data: ReportData) -> Section:
    """Each load day, its verdict and the mode it was judged in (R3.2, R3.6, R3.8)."""
    loads = {d.day: d for d in data.part.loads}
    reference = "Baseline" if data.mode is BaselineMode.FIXED else "Pre-load"
    columns = (
        Column("Date", 0.76),
        Column("Dose", 2.42),
        Column("Pain\nduring", 0.52, "right"),
        Column("Next\nmorning", 0.6, "right"),
        Column(reference, 0.64, "right"),
        Column("Verdict", 1.13),
        Column("Mode", 1.0),
    )
    note = (
        "A load day's verdict comes from the next morning's pain: at or below the "
        f"{data.mode.reference_word} it is tolerated (circle), above it exceeded "
        "(triangle); with no entry, or after a change of test, it is unknown (hollow "
        "circle). A cross marks pain during exercise of 6/10 or more: too much, whatever "
        "the next morning says."
    )
    rows = (_verdict_row(verdict, loads.get(verdict.day)) for verdict in data.verdicts)
    return table("Load days and verdicts", columns, rows, note, "No load days in this range.")


def _week_change(
    start: date, mean: float, previous: tuple[date, float] | None, tests: Mapping[date, set[str]]
) -> Cell:
    """Week to week (R3.9): only next to the week before, and never across two tests (R3.7)."""
    if previous is None or previous[0] != start - timedelta(days=7):
        return _c()
    if len(tests[start] | tests[previous[0]]) > 1:
        return _c("test changed")
    if mean > previous[1]:
        return _c(f"higher (+{mean - previous[1]:.1f})", "rise", True)
    return _c("lower" if mean < previous[1] else "same")


def _morning_rows(data: ReportData) -> Iterator[tuple[Value, ...]]:
    part = data.part
    by_week: dict[date, list[int]] = {}
    tests: dict[date, set[str]] = {}
    for entry in part.mornings:
        by_week.setdefault(week_start(entry.day), []).append(entry.pain)
        tests.setdefault(week_start(entry.day), set()).add(entry.test)
    previous: tuple[date, float] | None = None
    for start, mean in weekly_means(part.mornings):
        pains = by_week[start]
        base = data.history.baseline_on(min(start + timedelta(days=6), data.end))
        yield (
            start.isoformat(),
            len(pains),
            f"{mean:.1f}",
            f"{min(pains)}–{max(pains)}",
            _pain(base),
            _week_change(start, mean, previous, tests),
            ", ".join(label_for_test(t) for t in sorted(tests[start])),
        )
        previous = (start, mean)


def morning_section(data: ReportData) -> Section:
    """Morning pain by calendar week, each week against the one before (R3.7, R3.9)."""
    columns = (
        Column("Week of", 0.9),
        Column("Mornings", 0.65, "right"),
        Column("Average", 0.6, "right"),
        Column("Lowest–highest", 1.0, "right"),
        Column("Baseline (end)", 0.95, "right"),
        Column("Week to week", 1.15),
        Column("Test", 1.82),
    )
    note = (
        "Calendar weeks, Monday to Sunday. The average morning pain should not rise from "
        "one week to the next; a rise is marked with a triangle. Weeks on two different "
        "tests are not compared."
    )
    return table(
        "Morning pain by week", columns, _morning_rows(data), note, "No mornings in this range."
    )


def baseline_section(data: ReportData) -> Section:
    """Every baseline change, kept (R3.1)."""
    columns = (
        Column("From", 0.95),
        Column("Baseline", 0.8, "right"),
        Column("How set", 1.1),
        Column("Test", 2.6),
        Column("Recorded", 1.6),
    )
    tests = with_default_test([r.change for r in data.tests])
    rows = (
        (
            r.change.effective_date.isoformat(),
            f"{r.change.pain}/10",
            "by hand" if r.source == "manual" else "from first mornings",
            label_for_test(_baseline_test(r.change, tests)),
            r.recorded_at.date().isoformat(),
        )
        for r in data.baselines
    )
    note = "Every change is kept; each verdict uses the baseline in force on its morning."
    return table("Baseline history", columns, rows, note, "No baseline set yet.")


def _baseline_test(change: BaselineChange, tests: Sequence[TestChange]) -> str:
    return change.test or morning_test_in_force(tests, change.effective_date) or ""


def test_section(data: ReportData) -> Section:
    """The locked morning test and its dated changes (R3.7)."""
    columns = (Column("From", 0.95), Column("Morning test", 4.0), Column("Recorded", 2.1))
    rows = (
        (
            r.change.effective_date.isoformat(),
            label_for_test(r.change.test),
            r.recorded_at.date().isoformat(),
        )
        for r in data.tests
    )
    note = (
        "The morning test stays the same so that mornings can be compared; a change is "
        "dated, and verdicts never compare two tests. Before the first change: "
        + label_for_test(with_default_test([])[0].test)
        + "."
    )
    return table("Morning test changes", columns, rows, note, "The test was never changed.")


def stage_section(data: ReportData) -> Section:
    """Rehab stage changes, each confirmed by the user (R2.7)."""
    columns = (
        Column("From", 0.95),
        Column("Stage", 0.5, "right"),
        Column("Name", 2.2),
        Column("Note", 3.4),
    )
    rows = (
        (e.effective_date.isoformat(), e.stage, STAGE_NAMES.get(e.stage, ""), e.note)
        for e in sorted(data.stages, key=lambda e: e.effective_date)
    )
    note = "A stage moves on when the tendon copes with the load, and only when the user says so."
    return table("Stage history", columns, rows, note, "No stage recorded (stage 1 assumed).")


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


def _percent(share: float | None) -> str | None:
    return None if share is None else f"{share * 100:.0f} %"


def sitting_section(data: ReportData) -> Section:
    """Sitting and standing breaks by calendar week (R1.3)."""
    columns = (
        Column("Week of", 1.0),
        Column("Days sat", 0.77, "right"),
        Column("Prompts", 0.65, "right"),
        Column("Breaks taken", 0.9, "right"),
        Column("Adherence", 0.75, "right"),
        Column("All stands", 0.8, "right"),
        Column("Longest bout", 1.0, "right"),
        Column("Total sitting", 1.1, "right"),
    )
    rows = (
        (
            week.start.isoformat(),
            week.days,
            week.prompts,
            week.taken,
            _percent(week.adherence),
            week.stands,
            short_duration(week.longest_s),
            short_duration(week.total_s),
        )
        for week in sitting_weeks(data)
    )
    note = (
        "Prompts to stand up after a long time sitting. Breaks taken: prompts answered by "
        "standing; adherence = breaks taken ÷ prompts. All stands also count breaks the user "
        "started and time away from the desk long enough to count. Sitting includes times "
        "typed in by hand."
    )
    return table("Sitting and breaks by week", columns, rows, note, "No sitting recorded.")


def _measure_rows(data: ReportData) -> list[tuple[Value, ...]]:
    rows: list[tuple[Value, ...]] = []
    for m in data.measures:
        if data.start <= m.day <= data.end:
            sym = m.symmetry
            reading = (
                m.value_text() if sym is None else f"{sym.sentence()} Tempo {m.tempo_s} s/rep."
            )
            rows.append((m.day.isoformat(), m.kind.label, reading, m.note))
    for r in data.readings:
        if r.kind is MeasureKind.RUNNING and data.start <= r.day <= data.end:
            rows.append((r.day.isoformat(), r.kind.label, f"{r.value:.0f} min", ""))
    return sorted(rows, key=lambda row: str(row[0]))


def measures_section(data: ReportData) -> Section:
    """Outcome measures in the range (issue 15): each reading with its unit and, for the
    bridge, the symmetry with the painful side named; pain-free running by run day."""
    columns = (
        Column("Date", 0.95),
        Column("Measure", 1.45),
        Column("Reading", 3.0),
        Column("Note", 1.6),
    )
    note = (
        " ".join(
            f"{kind.label}: {GUIDES[kind].shows}"
            for kind in (MeasureKind.SITTING, MeasureKind.BRIDGE, MeasureKind.RUNNING)
        )
        + f" VISA-H: {GUIDES[MeasureKind.VISA_H].shows} {NOT_A_DIAGNOSIS}"
    )
    return table(
        "Outcome measures", columns, _measure_rows(data), note, "No outcome measure recorded."
    )


def sections(data: ReportData) -> list[Section]:
    """The tables after page 1, in order."""
    return [
        load_day_section(data),
        morning_section(data),
        stage_section(data),
        baseline_section(data),
        test_section(data),
        sitting_section(data),
        measures_section(data),
    ]


SOURCES_TITLE = "Sources"
SOURCES_INTRO = (
    "The rules behind this report (the next-morning verdict, the pain limit during "
    "exercise, the weekly trend, the loading stages and the standing breaks) come from "
    "these publications."
)


def sources() -> tuple[str, ...]:
    """The report's last page: the same clinical sources the About box lists."""
    return CLINICAL_SOURCES


# --- page 1's facts --------------------------------------------------------------------------
Fact = tuple[str, str]


def period_text(data: ReportData) -> str:
    days = (data.end - data.start).days + 1
    return f"{data.start.isoformat()} to {data.end.isoformat()} ({counted(days, 'day')})"


def current_facts(data: ReportData) -> list[Fact]:
    """What is in force on the report's last day: stage, baseline, mode, test."""
    stage = data.stage
    since = [e.effective_date for e in data.stages if e.effective_date <= data.end]
    stage_text = f"{stage} — {STAGE_NAMES.get(stage, '')}"
    if since:
        stage_text += f" (since {max(since).isoformat()})"
    baseline = data.baseline
    base_text = "not set" if baseline is None else f"{baseline.pain}/10"
    if baseline is not None:
        base_text += f" (since {baseline.effective_date.isoformat()})"
    facts = [
        ("Rehab stage", stage_text),
        ("Baseline", base_text),
        ("Verdict mode", data.mode.label),
        ("Morning test", label_for_test(data.test)),
    ]
    if data.pathology != "unknown":
        facts.append(("Tendon condition", data.pathology.capitalize()))
    if data.plan is not None:
        facts.append(("Today's plan", data.plan.headline))
    return facts


def period_facts(data: ReportData) -> list[Fact]:
    """The range in a few lines: load days, verdicts, morning pain, adherence."""
    summary = data.summary
    percent = summary.tolerated_percent
    over = sum(1 for v in data.verdicts if v.pain_during_over_ceiling)
    facts = [
        ("Load days", f"{summary.load_days} ({summary.unknown} without a verdict)"),
        ("Tolerated", "no verdicts yet" if percent is None else f"{percent:.0f} % of decided days"),
        ("Exceeded", counted(summary.exceeded, "day")),
        ("Pain during ≥ 6/10", counted(over, "day")),
    ]
    if summary.first_week_mean is not None and summary.last_week_mean is not None:
        facts.append(
            (
                "Morning pain",
                f"{summary.first_week_mean:.1f} → {summary.last_week_mean:.1f}/10 "
                "(first vs last week)",
            )
        )
    facts.append(
        ("Tolerated in a row", f"{summary.streak} load days to {data.end.isoformat()} (any load)")
    )
    weeks = [w for w in sitting_weeks(data) if w.prompts]
    prompts, taken = sum(w.prompts for w in weeks), sum(w.taken for w in weeks)
    if prompts:
        facts.append(("Break adherence", f"{100 * taken / prompts:.0f} % ({taken} of {prompts})"))
    return facts
