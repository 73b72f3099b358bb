"""The report's tables after page 1, in order: load days with their verdicts and the mode
in use (R3.2, R3.6, R3.8), morning pain by week (R3.9), stage, baseline and test history
(R2.7, R3.1, R3.7), sitting and breaks by week (R1.3), outcome measures (issue 15)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date, timedelta

from pht_desktop.domain.durations import short_duration
from pht_desktop.domain.measures import GUIDES, NOT_A_DIAGNOSIS, MeasureKind
from pht_desktop.domain.morning import (
    BaselineChange,
    BaselineMode,
    TestChange,
    label_for_test,
    morning_test_in_force,
    with_default_test,
)
from pht_desktop.domain.plural import counted
from pht_desktop.domain.profile import STAGE_NAMES
from pht_desktop.domain.progress import DayLoad
from pht_desktop.domain.verdicts import Outcome, Verdict, week_start, weekly_means
from pht_desktop.services.report.data import ReportData, sitting_weeks
from pht_desktop.services.report.tables import (
    VERDICT_MARK,
    Cell,
    Column,
    Section,
    Value,
    cell,
    table,
)


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
        cell(_pain(during), "ceiling" if over else None, over),
        _pain(verdict.next_morning_pain),
        _pain(verdict.reference),
        cell(outcome, VERDICT_MARK[verdict.outcome]),
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
        return cell()
    if len(tests[start] | tests[previous[0]]) > 1:
        return cell("test changed")
    if mean > previous[1]:
        return cell(f"higher (+{mean - previous[1]:.1f})", "rise", True)
    return cell("lower" if mean < previous[1] else "same")


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
