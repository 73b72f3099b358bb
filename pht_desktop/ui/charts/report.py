"""The clinician report (issue 7.4): a few A4 pages of PDF from matplotlib's PDF backend.

Page 1 holds the title, what is in force (stage, baseline, morning test), a summary of
the range and the Progress charts — the same :class:`ProgressFigure` the pane and
``pht-desktop chart`` draw. Then tables flow over as many pages as they need: load days
with their verdicts and the mode in use (R3.2, R3.6, R3.8), morning pain by week (R3.9),
baseline, test and stage history (R3.1, R3.7, R2.7), sitting and breaks by week (R1.3).
Every page ends with the R5 disclaimer.

Standalone ``Figure`` objects only (no pyplot); import this module lazily, because it
loads matplotlib. :func:`gather_report` reads the services; everything after it is pure
drawing from a :class:`ReportData`, which is what the tests feed.
"""

from __future__ import annotations

import functools
import os
import re
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.gridspec import GridSpec
from matplotlib.patches import Rectangle
from matplotlib.ticker import MaxNLocator

from pht_desktop.domain.guidance import DISCLAIMER
from pht_desktop.domain.morning import (
    BaselineChange,
    BaselineMode,
    TestChange,
    baseline_in_force,
    label_for_test,
    morning_test_in_force,
    with_default_test,
)
from pht_desktop.domain.profile import STAGE_NAMES, StageEvent, stage_on
from pht_desktop.domain.progress import DayLoad, ProgressData, RangePreset, Summary, summarize
from pht_desktop.domain.verdicts import Outcome, Verdict, week_start, weekly_means
from pht_desktop.services.morning import BaselineRecord, TestRecord
from pht_desktop.ui.charts.figure import LIGHT, ProgressFigure

if TYPE_CHECKING:
    from pht_desktop.services.registry import Services

TITLE = "PHT Desktop — progress report"
REPORT_DAYS = RangePreset.THREE_MONTHS.days or 91
"""Days a report covers unless told: the Progress pane's 3-month range."""
PAGE_W, PAGE_H = 8.27, 11.69
"""A4 portrait, inches."""
MARGIN = 0.6
CHART_TOP = 4.0
CHART_BOTTOM = PAGE_H - 1.15
"""Page 1: the Progress charts between these (inches from the top)."""
CONTENT_W = PAGE_W - 2 * MARGIN
BODY_TOP = 0.95
"""Where the body starts below the running header (pages 2 on)."""
BODY_BOTTOM = PAGE_H - 0.85
"""Where the body ends above the footer."""
LINE_H = 0.155
HEADER_H = 0.36
HEADING_H = 0.40
ROW_PAD = 0.05
MIN_ROWS_WITH_HEADING = 3
KEEP_TOGETHER = 15
"""A section this short moves whole to the next page rather than split."""
FONT = "DejaVu Sans"
CELL_PT = 7.5
NOTE_PT = 7.0

INK = LIGHT.foreground
MUTED = "#666666"
RULE = "#BBBBBB"
STRIPE = "#F2F2F2"

VerdictStyle = tuple[str, str, bool]
VERDICT_STYLE: dict[Outcome, VerdictStyle] = {
    Outcome.TOLERATED: ("o", LIGHT.tolerated, True),
    Outcome.EXCEEDED: ("^", LIGHT.exceeded, True),
    Outcome.UNKNOWN: ("o", LIGHT.unknown, False),
}
"""Marker, colour and filled, as on the Progress chart: colour always with a shape."""
CEILING_STYLE: VerdictStyle = ("X", LIGHT.exceeded, True)
"""Pain during ≥ 6/10 (R3.8): the chart's mark."""
ROSE_STYLE: VerdictStyle = ("^", LIGHT.exceeded, True)


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
    """Read what the report needs for ``start``..``end`` through the services."""
    history = services.progress.history()
    mode = services.morning.baseline_mode()
    verdicts = tuple(v for v in services.morning.verdicts(mode) if start <= v.day <= end)
    taken: dict[date, int] = {}
    for day in history.between(start, end).sitting:
        if day.prompts:
            prompts = services.breaks.prompts_on(day.day)
            taken[day.day] = sum(p.response == "stood" for p in prompts)
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
        taken=taken,
        pathology=services.profile.current_pathology_stage(),
    )


# --- text measure ------------------------------------------------------------------------------
@functools.cache
def _measurer() -> RendererAgg:
    return RendererAgg(10, 10, 72)  # type: ignore[no-untyped-call]


@functools.lru_cache(maxsize=8192)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in inches, from Agg's metrics of the font the PDF embeds."""
    prop = FontProperties(family=FONT, size=size, weight="bold" if bold else "normal")
    measure = _measurer().get_text_width_height_descent
    width, _height, _descent = measure(text, prop, ismath=False)  # type: ignore[no-untyped-call]
    return float(width) / 72


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Greedy word wrap to ``width`` inches (words are measured once and cached)."""
    space = text_width("a a", size, bold) - 2 * text_width("a", size, bold)
    lines: list[str] = []
    words: list[str] = []
    used = 0.0
    for word in filter(None, text.split(" ")):
        extent = text_width(word, size, bold)
        if words and used + space + extent > width:
            lines.append(" ".join(words))
            words, used = [word], extent
        else:
            used += extent + (space if words else 0.0)
            words.append(word)
    if words:
        lines.append(" ".join(words))
    return lines or [""]


# --- tables as plain values ----------------------------------------------------------------
Align = Literal["left", "right", "center"]


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    width: float
    """Inches."""
    align: Align = "left"


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    mark: VerdictStyle | None = None
    bold: bool = False

    def lines(self, width: float) -> list[str]:
        room = width - (0.18 if self.mark else 0.0) - 0.14
        return wrap(_glue(self.text), room, CELL_PT, self.bold)


def _glue(text: str) -> str:
    """No line break inside "5 × 35 s" or "12.5 kg": no-break spaces there."""
    text = re.sub(r"(\d) × (\d)", "\\1\u00a0×\u00a0\\2", text)
    return re.sub(r"(\d) (s|kg|min|km|h)\b", "\\1\u00a0\\2", text)


Row = tuple[Cell, ...]


@dataclass(frozen=True)
class Section:
    title: str
    columns: tuple[Column, ...]
    rows: Sequence[Row]
    note: str = ""
    empty: str = "Nothing recorded."

    def row_lines(self, row: Row) -> list[list[str]]:
        return [cell.lines(col.width) for cell, col in zip(row, self.columns, strict=True)]

    def row_height(self, row: Row) -> float:
        return max(len(lines) for lines in self.row_lines(row)) * LINE_H + ROW_PAD


def _c(text: object = "", mark: VerdictStyle | None = None, bold: bool = False) -> Cell:
    return Cell("–" if text is None or text == "" else str(text), mark, bold)


def _minutes(seconds: int) -> str:
    hours, minutes = divmod(round(seconds / 60), 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min"


def load_day_section(data: ReportData) -> Section:
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
    rows: list[Row] = []
    for verdict in data.verdicts:
        load = loads.get(verdict.day)
        dose = verdict.dose or (_load_words(load) if load is not None else "")
        during = verdict.load_day.max_pain_during
        over = verdict.pain_during_over_ceiling
        outcome = verdict.outcome.value
        if verdict.outcome is Outcome.UNKNOWN and verdict.reason:
            outcome += f": {verdict.reason}"
        rows.append(
            (
                _c(verdict.day.isoformat()),
                _c(dose),
                _c(
                    None if during is None else f"{during}/10",
                    CEILING_STYLE if over else None,
                    over,
                ),
                _c(_pain(verdict.next_morning_pain)),
                _c(_pain(verdict.reference)),
                _c(outcome, VERDICT_STYLE[verdict.outcome]),
                _c(verdict.mode.label),
            )
        )
    note = (
        "A load day's verdict uses the next calendar day's morning pain (R3.2): at or below "
        f"the {data.mode.reference_word} → tolerated (circle), above → exceeded (triangle), "
        "no entry or a changed test → unknown (hollow circle). A cross marks pain during "
        "≥ 6/10, over the ceiling whatever the next morning says (R3.8)."
    )
    return Section("Load days and verdicts", columns, rows, note, "No load days in this range.")


def _pain(value: int | None) -> str | None:
    return None if value is None else f"{value}/10"


def _load_words(load: DayLoad) -> str:
    parts = [f"{load.sets} sets", f"{load.seconds_held} s held"]
    if load.run_seconds:
        parts.append(f"{load.run_minutes:.0f} min run")
    return ", ".join(parts)


def morning_section(data: ReportData) -> Section:
    part = data.part
    columns = (
        Column("Week of", 0.9),
        Column("Mornings", 0.65, "right"),
        Column("Mean", 0.55, "right"),
        Column("Lowest–highest", 1.0, "right"),
        Column("Baseline (end)", 0.95, "right"),
        Column("Week to week", 1.2),
        Column("Test", 1.82),
    )
    by_week: dict[date, list[int]] = {}
    tests: dict[date, set[str]] = {}
    for entry in part.mornings:
        by_week.setdefault(week_start(entry.day), []).append(entry.pain)
        tests.setdefault(week_start(entry.day), set()).add(entry.test)
    rows: list[Row] = []
    previous: tuple[date, float] | None = None
    for start, mean in weekly_means(part.mornings):
        pains = by_week[start]
        change: Cell = _c()
        if previous is not None and previous[0] == start - timedelta(days=7):
            if len(tests[start] | tests[previous[0]]) > 1:
                change = _c("test changed")
            elif mean > previous[1]:
                change = _c(f"higher (+{mean - previous[1]:.1f})", ROSE_STYLE, True)
            else:
                change = _c("lower" if mean < previous[1] else "same")
        base = data.history.baseline_on(min(start + timedelta(days=6), data.end))
        rows.append(
            (
                _c(start.isoformat()),
                _c(len(pains)),
                _c(f"{mean:.1f}"),
                _c(f"{min(pains)}–{max(pains)}"),
                _c(_pain(base)),
                change,
                _c(", ".join(label_for_test(t) for t in sorted(tests[start]))),
            )
        )
        previous = (start, mean)
    note = (
        "Calendar weeks, Monday to Sunday. Mean morning pain should not rise from week to "
        "week (R3.9, Silbernagel 2007); a rise is marked with a triangle. Weeks on two "
        "different tests are not compared (R3.7)."
    )
    return Section("Morning pain by week", columns, rows, note, "No mornings in this range.")


def baseline_section(data: ReportData) -> Section:
    columns = (
        Column("From", 0.95),
        Column("Baseline", 0.8, "right"),
        Column("How set", 1.1),
        Column("Test", 2.6),
        Column("Recorded", 1.6),
    )
    tests = with_default_test([r.change for r in data.tests])
    rows: list[Row] = [
        (
            _c(r.change.effective_date.isoformat()),
            _c(f"{r.change.pain}/10"),
            _c("by hand" if r.source == "manual" else "from first mornings"),
            _c(label_for_test(_baseline_test(r.change, tests))),
            _c(r.recorded_at.date().isoformat()),
        )
        for r in data.baselines
    ]
    note = "Every change is kept; a verdict uses the baseline in force on its morning (R3.1)."
    return Section("Baseline history", columns, rows, note, "No baseline set yet.")


def _baseline_test(change: BaselineChange, tests: Sequence[TestChange]) -> str:
    return change.test or morning_test_in_force(tests, change.effective_date) or ""


def test_section(data: ReportData) -> Section:
    columns = (Column("From", 0.95), Column("Morning test", 4.0), Column("Recorded", 2.1))
    rows: list[Row] = [
        (
            _c(r.change.effective_date.isoformat()),
            _c(label_for_test(r.change.test)),
            _c(r.recorded_at.date().isoformat()),
        )
        for r in data.tests
    ]
    note = (
        "The morning test is locked; a change is dated and verdicts never compare two tests "
        "(R3.7). Before the first change: " + label_for_test(with_default_test([])[0].test) + "."
    )
    return Section("Morning test changes", columns, rows, note, "The test was never changed.")


def stage_section(data: ReportData) -> Section:
    columns = (
        Column("From", 0.95),
        Column("Stage", 0.5, "right"),
        Column("Name", 2.2),
        Column("Note", 3.4),
    )
    rows: list[Row] = [
        (
            _c(e.effective_date.isoformat()),
            _c(e.stage),
            _c(STAGE_NAMES.get(e.stage, "")),
            _c(e.note),
        )
        for e in sorted(data.stages, key=lambda e: e.effective_date)
    ]
    note = "Stages advance on the tendon's response, confirmed by the user (R2.7)."
    return Section("Stage history", columns, rows, note, "No stage recorded (stage 1 assumed).")


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


def sitting_section(data: ReportData) -> Section:
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
    rows: list[Row] = []
    for week in sitting_weeks(data):
        adherence = week.adherence
        rows.append(
            (
                _c(week.start.isoformat()),
                _c(week.days),
                _c(week.prompts),
                _c(week.taken),
                _c(None if adherence is None else f"{adherence * 100:.0f} %"),
                _c(week.stands),
                _c(_minutes(week.longest_s)),
                _c(_minutes(week.total_s)),
            )
        )
    note = (
        "Standing-break prompts after continuous sitting (R1). Breaks taken: prompts answered "
        "by standing; adherence = breaks taken ÷ prompts (R1.3). All stands include breaks the "
        "user started and idle time long enough to count. Sitting includes hand-entered bouts."
    )
    return Section("Sitting and breaks by week", columns, rows, note, "No sitting recorded.")


def sections(data: ReportData) -> list[Section]:
    return [
        load_day_section(data),
        morning_section(data),
        stage_section(data),
        baseline_section(data),
        test_section(data),
        sitting_section(data),
    ]


# --- pagination ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Block:
    """Rows ``first``..``last`` of a section on one page, starting at ``top`` (inches)."""

    section: Section
    first: int
    last: int
    top: float
    continued: bool

    @property
    def with_note(self) -> bool:
        return self.last == len(self.section.rows)


def _note_height(section: Section) -> float:
    if not section.note:
        return 0.0
    return len(_note_lines(section.note)) * LINE_H * 0.95 + 0.08


def _note_lines(note: str) -> list[str]:
    return wrap(note, CONTENT_W - 0.3, NOTE_PT)  # italic runs a little wider


def _heights(section: Section) -> list[float]:
    """Each row's height; the note rides with the last row, so it never ends up alone."""
    heights = [section.row_height(row) for row in section.rows] or [LINE_H + ROW_PAD]
    heights[-1] += _note_height(section)
    return heights


def paginate(all_sections: Sequence[Section]) -> list[list[Block]]:
    """Flow the sections over pages; a heading never ends a page without some rows."""
    pages: list[list[Block]] = [[]]
    y = BODY_TOP
    for section in all_sections:
        heights = _heights(section)
        index, continued = 0, False
        while index < len(heights):
            room = BODY_BOTTOM - y - HEADING_H - HEADER_H
            fits, used = 0, 0.0
            for height in heights[index:]:
                if used + height > room:
                    break
                fits, used = fits + 1, used + height
            rest = len(heights) - index
            short = rest <= KEEP_TOGETHER and not continued
            if (fits < min(MIN_ROWS_WITH_HEADING, rest) or (short and fits < rest)) and pages[-1]:
                pages.append([])
                y = BODY_TOP
                continue
            fits = max(fits, 1)  # an empty page takes at least one row, whatever its height
            last = min(index + fits, len(section.rows))
            pages[-1].append(Block(section, index, last, y, continued))
            y += HEADING_H + HEADER_H + sum(heights[index : index + fits]) + 0.15
            index += fits
            if index < len(heights):
                continued = True
                pages.append([])
                y = BODY_TOP
    return [page for page in pages if page]


# --- drawing ---------------------------------------------------------------------------------
def _paper(figure: Figure) -> Axes:
    """An invisible axes over the whole page, in inches with y growing downwards."""
    ax = figure.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_xlim(0, PAGE_W)
    ax.set_ylim(PAGE_H, 0)
    ax.set_axis_off()
    ax.patch.set_alpha(0.0)
    return ax


def _mark(ax: Axes, x: float, y: float, style: VerdictStyle, size: float = 5.0) -> None:
    marker, colour, filled = style
    ax.plot(
        [x],
        [y],
        marker=marker,
        markersize=size,
        markerfacecolor=colour if filled else "none",
        markeredgecolor=colour,
        linestyle="none",
        clip_on=False,
    )


def _frame(figure: Figure, ax: Axes, data: ReportData, number: int, count: int) -> None:
    """Running header (after page 1) and the footer with the R5 disclaimer."""
    if number > 1:
        ax.text(MARGIN, 0.5, TITLE, fontsize=8, color=MUTED, va="baseline")
        ax.text(PAGE_W - MARGIN, 0.5, _period(data), fontsize=8, color=MUTED,
                ha="right", va="baseline")  # fmt: skip
        ax.plot([MARGIN, PAGE_W - MARGIN], [0.58, 0.58], color=RULE, linewidth=0.6)
    foot = PAGE_H - 0.62
    ax.plot([MARGIN, PAGE_W - MARGIN], [foot, foot], color=RULE, linewidth=0.6)
    ax.text(MARGIN, foot + 0.2, DISCLAIMER, fontsize=7, color=INK, va="baseline")
    ax.text(MARGIN, foot + 0.38, f"Generated {data.generated.isoformat()} by PHT Desktop. "
            "Self-recorded data; pain scales 0–10.", fontsize=6.5, color=MUTED,
            va="baseline")  # fmt: skip
    ax.text(PAGE_W - MARGIN, foot + 0.2, f"Page {number} of {count}", fontsize=7,
            color=MUTED, ha="right", va="baseline")  # fmt: skip


def _period(data: ReportData) -> str:
    days = (data.end - data.start).days + 1
    return f"{data.start.isoformat()} to {data.end.isoformat()} ({days} days)"


def _draw_block(ax: Axes, block: Block) -> None:
    section = block.section
    y = block.top
    title = section.title + (" (continued)" if block.continued else "")
    ax.text(MARGIN, y + 0.26, title, fontsize=10.5, fontweight="bold", color=INK, va="baseline")
    y += HEADING_H
    xs = [MARGIN]
    for column in section.columns:
        xs.append(xs[-1] + column.width)
    for column, x in zip(section.columns, xs, strict=False):
        titles = column.title.split("\n")
        for index, line in enumerate(titles):
            line_y = y + HEADER_H - 0.1 - (len(titles) - 1 - index) * LINE_H * 0.95
            _cell_text(ax, column, x, line_y, line, "bold", MUTED)
    ax.plot([MARGIN, xs[-1]], [y + HEADER_H - 0.02] * 2, color=INK, linewidth=0.6)
    y += HEADER_H
    if not section.rows:
        ax.text(MARGIN + 0.04, y + 0.14, section.empty, color=MUTED, va="baseline")
        y += LINE_H + ROW_PAD
    for number, row in enumerate(section.rows[block.first : block.last], start=block.first):
        height = section.row_height(row)
        if number % 2:
            ax.add_patch(Rectangle((MARGIN, y), xs[-1] - MARGIN, height, facecolor=STRIPE,
                                   edgecolor="none", zorder=0))  # fmt: skip
        for cell, lines, column, x in zip(
            row, section.row_lines(row), section.columns, xs, strict=False
        ):
            text_x = x
            if cell.mark is not None:
                _mark(ax, x + 0.09, y + 0.085, cell.mark)
                text_x = x + 0.18 if column.align == "left" else x
            for index, line in enumerate(lines):
                _cell_text(ax, column, text_x, y + 0.115 + index * LINE_H, line,
                           "bold" if cell.bold else "normal")  # fmt: skip
        y += height
    if block.with_note and section.note:
        for index, line in enumerate(_note_lines(section.note)):
            ax.text(MARGIN, y + 0.17 + index * LINE_H * 0.95, line, fontsize=7, color=MUTED,
                    va="baseline", fontstyle="italic")  # fmt: skip


def _cell_text(
    ax: Axes,
    column: Column,
    x: float,
    y: float,
    text: str,
    weight: str = "normal",
    colour: str = INK,
) -> None:
    if column.align == "right":
        x, ha = x + column.width - 0.1, "right"
    elif column.align == "center":
        x, ha = x + column.width / 2, "center"
    else:
        x, ha = x + 0.04, "left"
    ax.text(x, y, text, fontsize=CELL_PT, color=colour, ha=ha, va="baseline",
            fontweight=weight, parse_math=False)  # fmt: skip


def _first_page(data: ReportData, count: int) -> Figure:
    figure = Figure(figsize=(PAGE_W, PAGE_H))
    ax = _paper(figure)
    ax.text(MARGIN, 0.85, TITLE, fontsize=17, fontweight="bold", color=INK, va="baseline")
    ax.text(MARGIN, 1.15, _period(data), fontsize=10, color=INK, va="baseline")
    ax.text(PAGE_W - MARGIN, 1.15, f"Generated {data.generated.isoformat()}", fontsize=9,
            color=MUTED, ha="right", va="baseline")  # fmt: skip
    ax.plot([MARGIN, PAGE_W - MARGIN], [1.3, 1.3], color=INK, linewidth=0.8)
    _facts(ax, "In force on " + data.end.isoformat(), _current(data), MARGIN, 1.6)
    _facts(ax, "This period", _period_facts(data), MARGIN + CONTENT_W / 2 + 0.1, 1.6)
    _legend_line(ax, 3.42)
    chart = ProgressFigure(figure)
    chart.set_data(data.history)
    chart.set_range(data.start, data.end)
    _fit_chart(chart)
    _frame(figure, ax, data, 1, count)
    return figure


def _fit_chart(chart: ProgressFigure) -> None:
    """The pane's figure, placed in the lower part of page 1 and tidied for paper."""
    figure = chart.figure
    spec = chart.pain_ax.get_subplotspec()
    assert spec is not None
    grid = spec.get_gridspec()
    assert isinstance(grid, GridSpec)
    grid.update(hspace=0.3)
    # The gridspec has no margins of its own: it follows the figure's.
    figure.subplots_adjust(
        left=(MARGIN + 0.45) / PAGE_W,
        right=1 - (MARGIN + 0.45) / PAGE_W,
        top=1 - CHART_TOP / PAGE_H,
        bottom=1 - CHART_BOTTOM / PAGE_H,
    )
    chart.pain_ax.set_title("Morning pain, baseline and verdicts", loc="left", pad=16)
    for bars_ax, title in ((chart.load_ax, "Daily load"), (chart.sit_ax, "Daily sitting")):
        bars_ax.set_title(title, loc="right", fontsize=8.5)
        legend = bars_ax.get_legend()
        if legend is not None:  # above the axes, so tall bars never hide it
            legend.set_bbox_to_anchor((0.0, 1.0), transform=bars_ax.transAxes)
            legend.set_loc("lower left")
            legend.borderaxespad = 0.0
    for count_ax in (chart.load_ax, chart.sets_ax, chart.sit_ax, chart.breaks_ax):
        count_ax.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))


def _current(data: ReportData) -> list[tuple[str, str]]:
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
        facts.append(("Stage of pathology", data.pathology))
    return facts


def _period_facts(data: ReportData) -> list[tuple[str, str]]:
    summary = data.summary
    percent = summary.tolerated_percent
    over = sum(1 for v in data.verdicts if v.pain_during_over_ceiling)
    facts = [
        ("Load days", f"{summary.load_days} ({summary.unknown} without a verdict)"),
        ("Tolerated", "no verdicts yet" if percent is None else f"{percent:.0f} % of decided days"),
        ("Exceeded", f"{summary.exceeded} day{'s' if summary.exceeded != 1 else ''}"),
        ("Pain during ≥ 6/10", f"{over} day{'s' if over != 1 else ''}"),
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


def _facts(ax: Axes, heading: str, facts: list[tuple[str, str]], x: float, y: float) -> None:
    ax.text(x, y, heading, fontsize=10, fontweight="bold", color=INK, va="baseline")
    width = CONTENT_W / 2 - 0.1
    label_w = 1.25
    row = y + 0.26
    for label, value in facts:
        ax.text(x, row, label, fontsize=8, color=MUTED, va="baseline")
        lines = wrap(value, width - label_w, 8.0)
        for line in lines:
            ax.text(x + label_w, row, line, fontsize=8, color=INK, va="baseline")
            row += 0.2


def _legend_line(ax: Axes, y: float) -> None:
    """How to read the verdict marks, before the charts."""
    x = MARGIN
    ax.text(x, y, "Verdicts:", fontsize=8, fontweight="bold", color=INK, va="baseline")
    x += 0.65
    for outcome, words, width in (
        (Outcome.TOLERATED, "tolerated (next morning ≤ reference)", 2.45),
        (Outcome.EXCEEDED, "exceeded (above it)", 1.4),
        (Outcome.UNKNOWN, "unknown (no next-morning entry)", 2.2),
    ):
        _mark(ax, x + 0.05, y - 0.04, VERDICT_STYLE[outcome])
        ax.text(x + 0.14, y, words, fontsize=8, color=INK, va="baseline")
        x += width


def iter_pages(data: ReportData) -> Iterator[Figure]:
    """The report's pages as standalone figures, page 1 first (drawn one at a time)."""
    pages = paginate(sections(data))
    count = 1 + len(pages)
    yield _first_page(data, count)
    for number, blocks in enumerate(pages, start=2):
        figure = Figure(figsize=(PAGE_W, PAGE_H))
        ax = _paper(figure)
        for block in blocks:
            _draw_block(ax, block)
        _frame(figure, ax, data, number, count)
        yield figure


def write_report(data: ReportData, out: Path) -> int:
    """Write the PDF to ``out`` atomically (temp file + rename); return the page count."""
    out = Path(out)
    handle, temp_name = tempfile.mkstemp(prefix=".report-", suffix=".pdf", dir=out.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        # One font, embedded as TrueType so the PDF's text can be searched and copied.
        with mpl.rc_context({"font.family": FONT, "font.size": 8.0, "pdf.fonttype": 42}):
            pdf = PdfPages(temp, metadata=_metadata(data))
            try:
                for figure in iter_pages(data):
                    pdf.savefig(figure)  # type: ignore[no-untyped-call]
                count = int(pdf.get_pagecount())  # type: ignore[no-untyped-call]
            finally:
                pdf.close()  # type: ignore[no-untyped-call]
        temp.chmod(0o600)
        os.replace(temp, out)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return count


def _metadata(data: ReportData) -> dict[str, str]:
    return {
        "Title": f"{TITLE}, {data.start.isoformat()} to {data.end.isoformat()}",
        "Creator": "PHT Desktop",
        "Subject": DISCLAIMER,
    }


def build_report(services: Services, out: Path, start: date, end: date) -> int:
    """Gather and write: what the CLI and the File menu call. Returns the page count."""
    return write_report(gather_report(services, start, end), out)
