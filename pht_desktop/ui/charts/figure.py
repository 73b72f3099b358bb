"""The Progress figures as standalone matplotlib ``Figure`` objects (no pyplot).

Artists are created once; new data goes in through ``set_data``/``set_offsets`` and a
range switch only moves the x limits (architecture habit 8). The same classes draw in
the pane (Qt canvas) and headless (``render.py``), so exports match the screen.

Verdicts (R3.2) sit in their own strip above the pain panel, on the load day they judge
(never on the 0–10 pain scale): tolerated blue filled circle, exceeded vermillion filled
triangle, unknown grey hollow circle (docs/ux.md: colour always with shape).

Margins are kept in pixels (:meth:`ProgressFigure.fit_layout`), so tick labels never clip
at 1024 × 700 or 2560 × 1440, and the date locator asks for as many ticks as fit.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any

import matplotlib.dates as mdates
import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import FillBetweenPolyCollection, LineCollection, PathCollection
from matplotlib.figure import Figure
from matplotlib.patches import StepPatch
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator
from numpy.typing import NDArray

from pht_desktop.domain.progress import (
    DayLoad,
    DaySitting,
    ProgressData,
    SittingMorningPair,
)
from pht_desktop.domain.verdicts import Outcome, Verdict
from pht_desktop.ui.durations import duration_text

FloatArray = NDArray[np.float64]
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
"""matplotlib's default date epoch: a day number is days since 1970-01-01."""
VERDICT_Y = 0.5
"""Verdict markers sit mid-height in their own strip (y from 0 to 1)."""
PAIN_YLIM = (-0.4, 10.6)
BAR_HALF_WIDTH = 0.4
MAX_EVENT_LABELS = 40
LABEL_GAP_PX = 12.0
"""Event labels closer than this (in pixels) to a newer one are left out."""
DENSE_DAYS = 400
"""Wider views draw the daily lines without point markers (sub-pixel dots only cost)."""
MARGIN_PX = {"left": 64.0, "right": 56.0, "top": 10.0, "bottom": 40.0}
"""Room for the tick and axis labels, in pixels whatever the figure's size."""
LEGEND_PX = 22.0
"""Height of one legend row above a panel (exports and headless figures)."""
TICK_PX = 110.0
"""About the width one date label needs, so labels never meet."""


@dataclass(frozen=True, slots=True)
class LegendEntry:
    """One legend line: its words, colour and symbol kind (shape is never colour alone)."""

    label: str
    colour: str
    symbol: str


@dataclass(frozen=True)
class ChartPalette:
    """Colours for one scheme; the Okabe–Ito hues keep their meaning in both."""

    background: str
    foreground: str
    grid: str
    pain: str
    baseline: str
    shade: str
    tolerated: str = "#0072B2"
    exceeded: str = "#D55E00"
    unknown: str = "#7F7F7F"
    stage: str = "#CC79A7"
    test: str = "#E69F00"
    held: str = "#56B4E9"
    run: str = "#009E73"
    sets: str = "#7F7F7F"
    total: str = "#56B4E9"
    longest: str = "#E69F00"
    breaks: str = "#009E73"


LIGHT = ChartPalette(
    background="#FFFFFF",
    foreground="#222222",
    grid="#DDDDDD",
    pain="#222222",
    baseline="#009E73",
    shade="#D55E00",
)
DARK = ChartPalette(
    background="#1C1C1E",
    foreground="#E6E6E6",
    grid="#3A3A3E",
    pain="#E6E6E6",
    baseline="#2BC49A",
    shade="#FF7A33",
    tolerated="#3D9FE0",
    unknown="#9A9A9A",
    held="#56B4E9",
)


def palette_for(dark: bool) -> ChartPalette:
    return DARK if dark else LIGHT


def day_number(day: date) -> float:
    return float(day.toordinal() - EPOCH_ORDINAL)


def day_numbers(days: Sequence[date]) -> FloatArray:
    """Dates as matplotlib day numbers, without a Python loop per converter call."""
    return np.fromiter((d.toordinal() for d in days), np.float64, len(days)) - EPOCH_ORDINAL


def number_day(value: float) -> date:
    return date.fromordinal(round(value) + EPOCH_ORDINAL)


def bar_steps(
    x: FloatArray, values: FloatArray, below: FloatArray | None = None
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Day bars as one step path (values, edges, baseline): one artist for years of days."""
    if len(x) == 0:
        return np.zeros(0), np.zeros(1), np.zeros(0)
    edges = np.empty(2 * len(x))
    edges[0::2] = x - BAR_HALF_WIDTH
    edges[1::2] = x + BAR_HALF_WIDTH
    base = np.zeros(len(x)) if below is None else below
    steps = np.zeros(2 * len(x) - 1)
    steps[0::2] = values + base
    floor = np.zeros(2 * len(x) - 1)
    floor[0::2] = base
    return steps, edges, floor


def column_envelope(
    x: FloatArray,
    values: FloatArray,
    below: FloatArray | None,
    lo: float,
    hi: float,
    columns: int,
) -> tuple[FloatArray, FloatArray, FloatArray]:
    """Dense day bars as one step per pixel column: the tallest day of each column.

    Returns (values, edges, baseline) for ``StepPatch.set_data``; stacked bars (``below``)
    keep their floor as the tallest ``below`` of the column. Empty columns are 0.
    """
    edges = np.linspace(lo, hi, columns + 1)
    tops = values if below is None else values + below
    top = np.zeros(columns)
    floor = np.zeros(columns)
    starts = np.searchsorted(x, edges[:-1])
    ends = np.searchsorted(x, edges[1:])
    filled = np.flatnonzero(ends > starts)
    if len(filled):
        stop = int(ends[filled[-1]])
        top[filled] = np.maximum.reduceat(tops[:stop], starts[filled])
        if below is not None:
            floor[filled] = np.maximum.reduceat(below[:stop], starts[filled])
            top = np.maximum(top, floor)
    return top, edges, floor


def _visible_max(x: FloatArray, values: FloatArray, lo: float, hi: float) -> float:
    i, j = np.searchsorted(x, lo), np.searchsorted(x, hi, side="right")
    return float(values[i:j].max()) if j > i else 0.0


class ProgressFigure:
    """Pain vs baseline with verdicts; daily load; daily sitting — one shared date axis."""

    def __init__(self, figure: Figure, dark: bool = False, legends: bool = True) -> None:
        self.figure = figure
        self.palette = palette_for(dark)
        self._with_legends = legends
        self.title_px = 0.0
        """Room kept above the panels for a title (headless figures), in pixels."""
        self.grid = figure.add_gridspec(4, 1, height_ratios=(0.32, 3.0, 1.6, 1.6), hspace=0.12)
        self.pain_ax: Axes = figure.add_subplot(self.grid[1])
        self.verdict_ax: Axes = figure.add_subplot(self.grid[0], sharex=self.pain_ax)
        self.load_ax: Axes = figure.add_subplot(self.grid[2], sharex=self.pain_ax)
        self.sit_ax: Axes = figure.add_subplot(self.grid[3], sharex=self.pain_ax)
        self.sets_ax: Axes = self.load_ax.twinx()
        self.breaks_ax: Axes = self.sit_ax.twinx()
        self._data = ProgressData()
        self._bars: dict[StepPatch, tuple[FloatArray, FloatArray, FloatArray | None]] = {}
        self._build_pain()
        self._build_load()
        self._build_sitting()
        self._format_axes()
        self.pain_ax.callbacks.connect("xlim_changed", self._on_xlim)
        self.apply_palette(dark)

    # --- building (once) -------------------------------------------------------------------
    def _build_pain(self) -> None:
        ax = self.pain_ax
        p = self.palette
        self.shade: FillBetweenPolyCollection = ax.fill_between(
            [], [], [], step="mid", alpha=0.18, linewidth=0, label="Above baseline"
        )
        (self.baseline_line,) = ax.plot(
            [], [], drawstyle="steps-post", linewidth=2.0, linestyle="--", label="Baseline"
        )
        (self.pain_line,) = ax.plot(
            [], [], marker="o", markersize=3, linewidth=1.2, label="Morning pain"
        )
        strip = self.verdict_ax
        self.verdict_points: dict[Outcome, PathCollection] = {
            Outcome.TOLERATED: strip.scatter(
                [], [], marker="o", s=30, color=p.tolerated, label="Tolerated", zorder=4
            ),
            Outcome.EXCEEDED: strip.scatter(
                [], [], marker="^", s=42, color=p.exceeded, label="Exceeded", zorder=4
            ),
            Outcome.UNKNOWN: strip.scatter(
                [],
                [],
                marker="o",
                s=30,
                facecolors="none",
                edgecolors=p.unknown,
                label="Unknown",
                zorder=4,
            ),
        }
        self.event_lines: dict[str, list[LineCollection]] = {"stage": [], "test": []}
        for axes in (self.verdict_ax, self.pain_ax, self.load_ax, self.sit_ax):
            for kind, style in (("stage", "-"), ("test", ":")):
                lines = LineCollection(
                    [], transform=axes.get_xaxis_transform(), linewidths=1.2, linestyles=style
                )
                axes.add_collection(lines, autolim=False)
                self.event_lines[kind].append(lines)
        self.event_labels: list[Text] = []
        self._label_x = np.zeros(0)
        ax.set_ylim(*PAIN_YLIM)
        ax.set_yticks(range(0, 11, 2))
        ax.set_ylabel("Morning pain /10")
        strip.set_ylim(0, 1)
        strip.set_yticks([])
        strip.set_ylabel("Verdict", rotation=0, ha="right", va="center")

    def _build_load(self) -> None:
        ax = self.load_ax
        self.held_bars: StepPatch = ax.stairs([], [0], fill=True, label="Holds (min)")
        self.run_bars: StepPatch = ax.stairs([], [0], fill=True, label="Running (min)")
        (self.ceiling_marks,) = ax.plot(
            [], [], linestyle="none", marker="X", markersize=7, label="Pain during ≥ 6"
        )
        # Hilly and fast runs (R2.4) by shape above their bar: a peak, a forward arrow.
        (self.hilly_marks,) = ax.plot(
            [], [], linestyle="none", marker="^", markersize=6, label="Hilly run"
        )
        (self.fast_marks,) = ax.plot(
            [], [], linestyle="none", marker=">", markersize=6, label="Fast run"
        )
        (self.sets_line,) = self.sets_ax.plot(
            [], [], linestyle="none", marker="s", markersize=2.5, label="Sets"
        )
        ax.set_ylabel("Load, min")
        self.sets_ax.set_ylabel("Sets")

    def _build_sitting(self) -> None:
        ax = self.sit_ax
        self.total_bars: StepPatch = ax.stairs([], [0], fill=True, label="Total sitting (h)")
        (self.longest_line,) = ax.plot(
            [], [], marker="o", markersize=2, linewidth=1.0, label="Longest bout (h)"
        )
        (self.breaks_line,) = self.breaks_ax.plot(
            [], [], linestyle="none", marker="D", markersize=2.5, label="Breaks taken"
        )
        ax.set_ylabel("Sitting, h")
        self.breaks_ax.set_ylabel("Breaks")

    def _format_axes(self) -> None:
        for ax in (self.verdict_ax, self.pain_ax, self.load_ax):
            # The date axis is drawn once, under the sitting panel: the panels above
            # would only repeat its ticks (and run its locator and formatter again).
            ax.xaxis.set_visible(False)
        for ax in (self.load_ax, self.sit_ax):
            ax.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
        for ax in (self.sets_ax, self.breaks_ax):
            ax.yaxis.set_major_locator(MaxNLocator(nbins=3, integer=True))
        for ax in (self.pain_ax, self.load_ax, self.sit_ax):
            ax.grid(True, axis="y", linewidth=0.6)
            ax.set_axisbelow(True)
            # Fixed label places: otherwise every redraw measures all tick labels again
            # to push the axis label clear of them.
            ax.xaxis.set_label_coords(0.5, -0.2)
        self.fit_layout()

    def fit_layout(self, width_px: float | None = None, height_px: float | None = None) -> None:
        """Margins and date ticks for a figure this many pixels wide and high.

        Called on every canvas resize and before an export at another size: margins in
        pixels keep the tick labels inside the figure at any size, legends (when shown)
        get their own rows above each panel, and the date locator asks for one label per
        :data:`TICK_PX`, so the horizontal labels never meet.
        """
        width, height = logical_size(self.figure, width_px, height_px)
        top_px = MARGIN_PX["top"] + self.title_px
        top_px += LEGEND_PX * 1.6 if self._with_legends else 0.0
        self.figure.subplots_adjust(
            left=MARGIN_PX["left"] / width,
            right=1 - MARGIN_PX["right"] / width,
            top=1 - top_px / height,
            bottom=MARGIN_PX["bottom"] / height,
        )
        panel_px = (height - top_px - MARGIN_PX["bottom"]) / 4
        gap_px = (LEGEND_PX * 1.7) if self._with_legends else 10.0
        self.grid.update(hspace=min(gap_px / max(panel_px, 1.0), 0.6))
        axes_px = max(width - MARGIN_PX["left"] - MARGIN_PX["right"], 1.0)
        for ax in (self.pain_ax, self.load_ax, self.sit_ax):
            ax.yaxis.set_label_coords(-48.0 / axes_px, 0.5)
        for ax in (self.sets_ax, self.breaks_ax):
            ax.yaxis.set_label_coords(1 + 40.0 / axes_px, 0.5)
        self.verdict_ax.yaxis.set_label_coords(-8.0 / axes_px, 0.5)
        ticks = int(max(3, min(12, (width - 120) // TICK_PX)))
        locator = mdates.AutoDateLocator(minticks=2, maxticks=ticks)  # type: ignore[no-untyped-call]
        self.sit_ax.xaxis.set_major_locator(locator)
        self.sit_ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]

    # --- data --------------------------------------------------------------------------------
    def set_data(self, data: ProgressData) -> None:
        """Put a new history into the existing artists (no artist is created here)."""
        self._data = data
        self._set_pain(data)
        self._set_load(data.loads)
        self._set_sitting(data.sitting)
        self._set_events(data)
        self._show_bars_in_view()

    def _set_pain(self, data: ProgressData) -> None:
        x = day_numbers([e.day for e in data.mornings])
        pain = np.array([e.pain for e in data.mornings], dtype=np.float64)
        base = np.array(
            [np.nan if (b := data.baseline_on(e.day)) is None else b for e in data.mornings],
            dtype=np.float64,
        )
        self.morning_x, self.morning_pain = x, pain
        self.pain_line.set_data(x, pain)
        above = np.nan_to_num(pain - base, nan=0.0) > 0
        self.shade.set_data(x, np.nan_to_num(base, nan=0.0), pain, where=above.tolist())
        steps = list(data.baselines)
        if steps:
            last = max(
                steps[-1].effective_date, data.mornings[-1].day if data.mornings else date.min
            )
            bx = [*day_numbers([b.effective_date for b in steps]), day_number(last) + 1]
            by = [*(b.pain for b in steps), steps[-1].pain]
            self.baseline_line.set_data(bx, by)
        else:
            self.baseline_line.set_data([], [])
        by_outcome: dict[Outcome, list[date]] = {o: [] for o in Outcome}
        for verdict in data.verdicts:
            by_outcome[verdict.outcome].append(verdict.day)
        for outcome, points in self.verdict_points.items():
            vx = day_numbers(by_outcome[outcome])
            points.set_offsets(np.column_stack([vx, np.full(len(vx), VERDICT_Y)]))
        self._verdicts: dict[int, Verdict] = {round(day_number(v.day)): v for v in data.verdicts}
        self._mornings = {round(day_number(e.day)): e.pain for e in data.mornings}

    def _set_load(self, loads: Sequence[DayLoad]) -> None:
        x = day_numbers([d.day for d in loads])
        held = np.array([d.seconds_held / 60 for d in loads], dtype=np.float64)
        run = np.array([d.run_minutes for d in loads], dtype=np.float64)
        sets = np.array([d.sets for d in loads], dtype=np.float64)
        self._bars[self.held_bars] = (x, held, None)
        self._bars[self.run_bars] = (x, run, held)
        over = np.array([d.over_ceiling for d in loads], dtype=bool)
        self.ceiling_marks.set_data(x[over], (held + run)[over])
        hilly = np.array([d.hilly for d in loads], dtype=bool)
        fast = np.array([d.fast for d in loads], dtype=bool)
        top = held + run + 2.0  # just above the bar, clear of the pain-during cross
        self.hilly_marks.set_data(x[hilly] - 0.2, top[hilly])
        self.fast_marks.set_data(x[fast] + 0.2, top[fast])
        has_sets = sets > 0
        self.sets_line.set_data(x[has_sets], sets[has_sets])
        self.load_x, self.load_total, self.load_sets = x, held + run, sets
        self._loads = {round(v): d for v, d in zip(x, loads, strict=True)}

    def _set_sitting(self, sitting: Sequence[DaySitting]) -> None:
        x = day_numbers([d.day for d in sitting])
        total = np.array([d.total_s / 3600 for d in sitting], dtype=np.float64)
        longest = np.array([d.longest_s / 3600 for d in sitting], dtype=np.float64)
        breaks = np.array([d.breaks for d in sitting], dtype=np.float64)
        self._bars[self.total_bars] = (x, total, None)
        self.longest_line.set_data(x, longest)
        self.breaks_line.set_data(x, breaks)
        self.sit_x, self.sit_total, self.sit_breaks = x, total, breaks
        self._sitting = {round(v): d for v, d in zip(x, sitting, strict=True)}

    def _set_events(self, data: ProgressData) -> None:
        """Stage and test changes: segments updated in place; labels reused from a pool."""
        for kind in ("stage", "test"):
            xs = [day_number(e.day) for e in data.events if e.kind == kind]
            segments = [np.array([[v, 0.0], [v, 1.0]]) for v in xs]
            for lines in self.event_lines[kind]:
                lines.set_segments(segments)
        events = list(data.events)[-MAX_EVENT_LABELS:]
        while len(self.event_labels) < len(events):
            self.event_labels.append(
                self.pain_ax.text(
                    0,
                    0.02,
                    "",
                    transform=self.pain_ax.get_xaxis_transform(),
                    rotation=90,
                    fontsize="x-small",
                    ha="right",
                    va="bottom",
                    clip_on=True,
                )
            )
        for label, event in zip(self.event_labels, events, strict=False):
            label.set_x(day_number(event.day) - 0.15)
            label.set_text(event.label)
        self._label_x = np.array([day_number(e.day) for e in events], dtype=np.float64)
        self._show_labels_in_view()
        self._colour_events()

    def _on_xlim(self, _ax: Axes) -> None:
        self._show_labels_in_view()
        self._show_bars_in_view()

    def _show_bars_in_view(self) -> None:
        """Day bars hold only the days in view: a filled path is rasterised whole, even
        where it is clipped. Where days are narrower than two pixels, each pixel column
        shows its tallest day (a few hundred steps instead of thousands of bars). The
        full series stay in ``load_x``, ``load_total``, ``sit_x``, ``sit_total``.
        """
        lo, hi = self.pain_ax.get_xlim()
        columns = int(max(float(self.pain_ax.bbox.width), 1.0))
        for bars, (x, values, below) in self._bars.items():
            i = int(np.searchsorted(x, lo - 1.0))
            j = int(np.searchsorted(x, hi + 1.0, side="right"))
            part = None if below is None else below[i:j]
            if j - i > columns / 2:
                steps, edges, floor = column_envelope(x[i:j], values[i:j], part, lo, hi, columns)
            else:
                steps, edges, floor = bar_steps(x[i:j], values[i:j], part)
            bars.set_data(steps, edges, floor)  # type: ignore[arg-type]

    def _show_labels_in_view(self) -> None:
        """Draw only labels inside the x range, at least a label's height apart.

        Clipped text still costs a layout, and on a years-wide view the labels would
        only print over one another; every event keeps its vertical line.
        """
        lo, hi = self.pain_ax.get_xlim()
        width_px = max(float(self.pain_ax.bbox.width), 1.0)
        gap = (hi - lo) * LABEL_GAP_PX / width_px
        shown = np.zeros(len(self.event_labels), dtype=bool)
        last = np.inf
        for index in range(len(self._label_x) - 1, -1, -1):  # the newest labels first
            x = self._label_x[index]
            if lo - 1 <= x <= hi + 1 and last - x >= gap:
                shown[index] = True
                last = x
        for label, visible in zip(self.event_labels, shown, strict=True):
            label.set_visible(bool(visible))
        dense = hi - lo > DENSE_DAYS
        for line in (self.pain_line, self.longest_line):
            line.set_marker("" if dense else "o")

    # --- range -------------------------------------------------------------------------------
    def set_range(self, start: date, end: date) -> None:
        """Show ``start``..``end``: x limits and the bar axes' heights, nothing re-created."""
        lo, hi = day_number(start) - 0.6, day_number(end) + 0.6
        self.pain_ax.set_xlim(lo, hi)
        self.rescale_y()

    def has_data_between(self, start: date, end: date) -> bool:
        """Whether any morning, load or sitting day falls in ``start``..``end``."""
        lo, hi = day_number(start), day_number(end)
        return any(
            bool(((x >= lo) & (x <= hi)).any()) for x in (self.morning_x, self.load_x, self.sit_x)
        )

    def rescale_y(self) -> None:
        """Fit the load and sitting axes to what is visible (after a range, pan or zoom)."""
        lo, hi = self.pain_ax.get_xlim()
        for ax, x, values, floor in (
            (self.load_ax, self.load_x, self.load_total, 10.0),
            (self.sets_ax, self.load_x, self.load_sets, 5.0),
            (self.sit_ax, self.sit_x, self.sit_total, 2.0),
            (self.breaks_ax, self.sit_x, self.sit_breaks, 5.0),
        ):
            top = max(_visible_max(x, values, lo, hi), floor)
            ax.set_ylim(0, top * 1.25)

    # --- hover ---------------------------------------------------------------------------------
    def hover_text(self, x: float) -> str | None:
        """Date, values and verdict of the day nearest ``x`` that holds anything."""
        key = round(x)
        for candidate in (key, key - 1, key + 1):
            text = self._day_text(candidate)
            if text is not None:
                return text
        return None

    def _day_text(self, key: int) -> str | None:
        lines: list[str] = []
        day = date.fromordinal(key + EPOCH_ORDINAL)
        pain = self._mornings.get(key)
        if pain is not None:
            base = self._data.baseline_on(day)
            base_text = "" if base is None else f", baseline {base}/10"
            lines.append(f"Morning pain {pain}/10{base_text}")
        verdict = self._verdicts.get(key)
        if verdict is not None:
            lines.append(_verdict_words(verdict))
        load = self._loads.get(key)
        if load is not None:
            parts = [f"{load.sets} sets", f"{load.seconds_held} s held"]
            if load.run_seconds:
                parts.append(f"{load.run_minutes:.0f} min run")
                parts += [w for w, on in (("hilly", load.hilly), ("fast", load.fast)) if on]
            if load.max_pain_during is not None:
                parts.append(f"pain during {load.max_pain_during}/10")
            lines.append("Load: " + ", ".join(parts))
        sitting = self._sitting.get(key)
        if sitting is not None:
            lines.append(
                f"Sitting {duration_text(sitting.total_s)}, "
                f"longest bout {duration_text(sitting.longest_s)}, "
                f"{sitting.breaks} breaks"
            )
        if not lines:
            return None
        return "\n".join([day.strftime("%a %d %b %Y"), *lines])

    # --- colours -------------------------------------------------------------------------------
    def apply_palette(self, dark: bool) -> None:
        """Recolour every artist for the light or dark scheme (no artist re-created)."""
        p = self.palette = palette_for(dark)
        self.figure.set_facecolor(p.background)
        for ax in (
            self.verdict_ax,
            self.pain_ax,
            self.load_ax,
            self.sit_ax,
            self.sets_ax,
            self.breaks_ax,
        ):
            style_axes(ax, p)
        self.pain_line.set_color(p.pain)
        self.pain_line.set_markerfacecolor(p.pain)
        self.baseline_line.set_color(p.baseline)
        self.shade.set_facecolor(p.shade)
        self.verdict_points[Outcome.TOLERATED].set_color(p.tolerated)
        self.verdict_points[Outcome.EXCEEDED].set_color(p.exceeded)
        self.verdict_points[Outcome.UNKNOWN].set_edgecolor(p.unknown)
        self.held_bars.set_facecolor(p.held)
        self.held_bars.set_edgecolor(p.held)
        self.run_bars.set_facecolor(p.run)
        self.run_bars.set_edgecolor(p.run)
        self.ceiling_marks.set_color(p.exceeded)
        for marks in (self.hilly_marks, self.fast_marks):
            marks.set_color(p.run)
            marks.set_markeredgecolor(p.foreground)
        self.sets_line.set_color(p.sets)
        self.total_bars.set_facecolor(p.total)
        self.total_bars.set_edgecolor(p.total)
        self.longest_line.set_color(p.longest)
        self.breaks_line.set_color(p.breaks)
        self._colour_events()
        if self._with_legends:
            self._legends()

    # --- legends -------------------------------------------------------------------------------
    def _legend_groups(self) -> tuple[tuple[Axes, list[Any], int], ...]:
        return (
            (
                self.verdict_ax,
                [self.pain_line, self.baseline_line, self.shade, *self.verdict_points.values()],
                6,
            ),
            (
                self.load_ax,
                [
                    self.held_bars,
                    self.run_bars,
                    self.ceiling_marks,
                    self.hilly_marks,
                    self.fast_marks,
                    self.sets_line,
                ],
                6,
            ),
            (self.sit_ax, [self.total_bars, self.longest_line, self.breaks_line], 3),
        )

    def _legends(self) -> None:
        """Legends copy their artists' colours when made, so a new scheme remakes them."""
        p = self.palette
        for ax, handles, columns in self._legend_groups():
            # Above its panel, never over the data (issue 13).
            legend = ax.legend(
                handles=handles,
                loc="lower left",
                bbox_to_anchor=(0.0, 1.0),
                borderaxespad=0.1,
                ncols=columns,
                fontsize="small",
                frameon=False,
            )
            for text in legend.get_texts():
                text.set_color(p.foreground)

    @property
    def has_legends(self) -> bool:
        return self._with_legends

    def set_legends(self, shown: bool) -> None:
        """Legends inside the figure (exports, headless) or not (the pane shows them in Qt).

        Text is most of a redraw's cost, so the pane keeps the legends out of the canvas
        and adds them only while saving a file.
        """
        self._with_legends = shown
        self.fit_layout()
        for ax, _handles, _columns in self._legend_groups():
            legend = ax.get_legend()
            if legend is not None:
                legend.remove()
        if shown:
            self._legends()

    @contextmanager
    def legends_shown(self) -> Iterator[None]:
        """Legends in the figure for the duration (an export), as before afterwards."""
        before = self._with_legends
        self.set_legends(True)
        try:
            yield
        finally:
            self.set_legends(before)

    def legend_entries(self) -> list[tuple[str, list[LegendEntry]]]:
        """What the legends say, per panel, for a legend drawn outside the canvas."""
        p = self.palette
        return [
            (
                "Pain",
                [
                    LegendEntry("Morning pain", p.pain, "line-dot"),
                    LegendEntry("Baseline", p.baseline, "dashed"),
                    LegendEntry("Above baseline", p.shade, "area"),
                    LegendEntry("Tolerated", p.tolerated, "circle"),
                    LegendEntry("Exceeded", p.exceeded, "triangle"),
                    LegendEntry("Unknown", p.unknown, "hollow"),
                ],
            ),
            (
                "Load",
                [
                    LegendEntry("Holds (min)", p.held, "bar"),
                    LegendEntry("Running (min)", p.run, "bar"),
                    LegendEntry("Pain during ≥ 6", p.exceeded, "cross"),
                    LegendEntry("Hilly run", p.run, "triangle"),
                    LegendEntry("Fast run", p.run, "arrow"),
                    LegendEntry("Sets", p.sets, "square"),
                ],
            ),
            (
                "Sitting",
                [
                    LegendEntry("Total sitting (h)", p.total, "bar"),
                    LegendEntry("Longest bout (h)", p.longest, "line-dot"),
                    LegendEntry("Breaks taken", p.breaks, "diamond"),
                ],
            ),
        ]

    def _colour_events(self) -> None:
        p = self.palette
        for kind, colour in (("stage", p.stage), ("test", p.test)):
            for lines in self.event_lines[kind]:
                lines.set_color(colour)
        for label in self.event_labels:
            is_stage = label.get_text().startswith("Stage")
            label.set_color(p.stage if is_stage else p.test)


def style_axes(ax: Axes, p: ChartPalette) -> None:
    """Background, spines, ticks, labels and grid in the scheme's colours."""
    ax.set_facecolor(p.background)
    for spine in ax.spines.values():
        spine.set_color(p.grid)
    ax.tick_params(colors=p.foreground, which="both")
    ax.yaxis.label.set_color(p.foreground)
    ax.xaxis.label.set_color(p.foreground)
    ax.title.set_color(p.foreground)
    for line in ax.get_ygridlines():
        line.set_color(p.grid)
    ax.grid(True, axis="y", color=p.grid, linewidth=0.6)


def logical_size(
    figure: Figure, width_px: float | None = None, height_px: float | None = None
) -> tuple[float, float]:
    """The figure's size in logical pixels (inches × 100, the same on a HiDPI screen)."""
    inches = figure.get_size_inches()
    width = float(inches[0]) * 100 if width_px is None else width_px
    height = float(inches[1]) * 100 if height_px is None else height_px
    return max(width, 200.0), max(height, 200.0)


def _verdict_words(verdict: Verdict) -> str:
    """Verdict for the tooltip, with the mode in use beside it (R3.6)."""
    if verdict.outcome is Outcome.UNKNOWN:
        return f"Load day: unknown ({verdict.reason})"
    return (
        f"Load day: {verdict.outcome.value} — next morning {verdict.next_morning_pain}/10 vs "
        f"{verdict.mode.reference_word} {verdict.reference}/10"
    )


class SittingFigure:
    """Sitting vs next morning: does a long day in the chair show up in the tendon?"""

    def __init__(self, figure: Figure, dark: bool = False) -> None:
        self.figure = figure
        grid = figure.add_gridspec(2, 2, height_ratios=(1.3, 1.0), hspace=0.45, wspace=0.25)
        self.longest_ax: Axes = figure.add_subplot(grid[0, 0])
        self.total_ax: Axes = figure.add_subplot(grid[0, 1], sharey=self.longest_ax)
        self.trend_ax: Axes = figure.add_subplot(grid[1, :])
        self.longest_points: PathCollection = self.longest_ax.scatter([], [], s=14, alpha=0.6)
        self.total_points: PathCollection = self.total_ax.scatter([], [], s=14, alpha=0.6)
        (self.trend_line,) = self.trend_ax.plot(
            [], [], linewidth=1.6, label="Next morning above baseline, 7-day mean"
        )
        self.trend_ax.axhline(0, linewidth=0.8, linestyle="--", color="#7F7F7F")
        self.longest_ax.set_xlabel("Longest sitting bout (min)")
        self.total_ax.set_xlabel("Total sitting (h)")
        self.longest_ax.set_ylabel("Next morning − baseline")
        self.trend_ax.set_ylabel("Pain above baseline")
        self.longest_ax.set_title("Longest bout vs next morning", fontsize="medium")
        self.total_ax.set_title("Total sitting vs next morning", fontsize="medium")
        self.fit_layout()
        self.apply_palette(dark)

    def fit_layout(self, width_px: float | None = None, height_px: float | None = None) -> None:
        """Pixel margins and as many date labels as fit (see ``ProgressFigure.fit_layout``)."""
        width, height = logical_size(self.figure, width_px, height_px)
        self.figure.subplots_adjust(
            left=70 / width, right=1 - 16 / width, top=1 - 30 / height, bottom=44 / height
        )
        ticks = int(max(3, min(12, (width - 120) // TICK_PX)))
        locator = mdates.AutoDateLocator(minticks=2, maxticks=ticks)  # type: ignore[no-untyped-call]
        self.trend_ax.xaxis.set_major_locator(locator)
        self.trend_ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]

    def set_pairs(self, pairs: Sequence[SittingMorningPair]) -> None:
        """Scatter each day against its next morning; the 7-day rolling mean over time below."""
        longest = np.array([p.longest_s / 60 for p in pairs], dtype=np.float64)
        total = np.array([p.total_s / 3600 for p in pairs], dtype=np.float64)
        delta = np.array([p.delta for p in pairs], dtype=np.float64)
        self.longest_points.set_offsets(np.column_stack([longest, delta]))
        self.total_points.set_offsets(np.column_stack([total, delta]))
        x = day_numbers([p.day for p in pairs])
        self.trend_line.set_data(x, [p.rolling_delta for p in pairs])
        self._fit(self.longest_ax, longest, delta)
        self._fit(self.total_ax, total, delta)
        if len(x):
            self.trend_ax.set_xlim(x[0] - 0.5, x[-1] + 0.5)
            spread = max(1.0, float(np.abs(delta).max()))
            self.trend_ax.set_ylim(-spread, spread)

    @staticmethod
    def _fit(ax: Axes, x: FloatArray, y: FloatArray) -> None:
        if len(x):
            ax.set_xlim(0, float(x.max()) * 1.08 + 0.1)
            ax.set_ylim(float(y.min()) - 0.8, float(y.max()) + 0.8)

    def apply_palette(self, dark: bool) -> None:
        p = palette_for(dark)
        self.figure.set_facecolor(p.background)
        for ax in (self.longest_ax, self.total_ax, self.trend_ax):
            style_axes(ax, p)
        for points in (self.longest_points, self.total_points):
            points.set_color(p.tolerated)
        self.trend_line.set_color(p.exceeded)
        legend = self.trend_ax.legend(
            loc="lower left", bbox_to_anchor=(0.0, 1.0), fontsize="small", frameon=False
        )
        for text in legend.get_texts():
            text.set_color(p.foreground)


def new_figure(width_in: float = 11.0, height_in: float = 8.0, dpi: float = 100) -> Figure:
    """A standalone Figure (no pyplot, no global state)."""
    return Figure(figsize=(width_in, height_in), dpi=dpi, layout=None)
