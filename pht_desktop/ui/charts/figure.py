"""The Progress pane's main figure as a standalone matplotlib ``Figure`` (no pyplot):
pain with verdicts, load and sitting on one date axis (its colours in ``palette``, day
geometry in ``geometry``, stage and test lines in ``events``, hover in ``day_text``).

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
from datetime import date
from typing import Any

import matplotlib.dates as mdates
import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import FillBetweenPolyCollection, PathCollection
from matplotlib.figure import Figure
from matplotlib.patches import StepPatch
from matplotlib.ticker import MaxNLocator

from pht_desktop.domain.progress import (
    DayLoad,
    DaySitting,
    ProgressData,
)
from pht_desktop.domain.verdicts import Outcome
from pht_desktop.ui.charts.day_text import DayTexts
from pht_desktop.ui.charts.events import EventMarks
from pht_desktop.ui.charts.geometry import (
    TICK_PX,
    FloatArray,
    bar_steps,
    column_envelope,
    day_number,
    day_numbers,
    logical_size,
    visible_max,
)
from pht_desktop.ui.charts.palette import LegendEntry, palette_for, style_axes

VERDICT_Y = 0.5
"""Verdict markers sit mid-height in their own strip (y from 0 to 1)."""
PAIN_YLIM = (-0.4, 10.6)
DENSE_DAYS = 400
"""Wider views draw the daily lines without point markers (sub-pixel dots only cost)."""
MARGIN_PX = {"left": 64.0, "right": 56.0, "top": 10.0, "bottom": 40.0}
"""Room for the tick and axis labels, in pixels whatever the figure's size."""
LEGEND_PX = 22.0
"""Height of one legend row above a panel (exports and headless figures)."""


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
        self._days = DayTexts(ProgressData())
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
        self.events = EventMarks(ax, (self.verdict_ax, self.pain_ax, self.load_ax, self.sit_ax))
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
        self._days = DayTexts(data)
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

    def _set_sitting(self, sitting: Sequence[DaySitting]) -> None:
        x = day_numbers([d.day for d in sitting])
        total = np.array([d.total_s / 3600 for d in sitting], dtype=np.float64)
        longest = np.array([d.longest_s / 3600 for d in sitting], dtype=np.float64)
        breaks = np.array([d.breaks for d in sitting], dtype=np.float64)
        self._bars[self.total_bars] = (x, total, None)
        self.longest_line.set_data(x, longest)
        self.breaks_line.set_data(x, breaks)
        self.sit_x, self.sit_total, self.sit_breaks = x, total, breaks

    def _set_events(self, data: ProgressData) -> None:
        self.events.set_events(data.events)
        self._show_labels_in_view()
        self.events.colour(self.palette)

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
        """Event labels only where they fit; wide views draw daily lines without markers."""
        self.events.show_in_view()
        lo, hi = self.pain_ax.get_xlim()
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
            top = max(visible_max(x, values, lo, hi), floor)
            ax.set_ylim(0, top * 1.25)

    # --- hover ---------------------------------------------------------------------------------
    def hover_text(self, x: float) -> str | None:
        """Date, values and verdict of the day nearest ``x`` that holds anything."""
        return self._days.nearest(x)

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
        self.events.colour(p)
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


def new_figure(width_in: float = 11.0, height_in: float = 8.0, dpi: float = 100) -> Figure:
    """A standalone Figure (no pyplot, no global state)."""
    return Figure(figsize=(width_in, height_in), dpi=dpi, layout=None)
