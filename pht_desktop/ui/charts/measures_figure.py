"""The Measures chart (issue 15): each outcome measure on its own scale, over weeks.

Four panels sharing one date axis: sitting tolerance (min, 0–30, a hollow marker when
30 min passed without pain), bridge symmetry (%, with the 90 % "similar" line of R2.8),
pain-free running (min) and VISA-H (0–100). Stage changes (R2.7) are vertical lines
through every panel. A standalone ``Figure`` (no pyplot): artists are made once and
``set_data`` only feeds them (architecture habit 8), so the pane, the report and the
screenshots draw the same thing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import matplotlib.dates as mdates
import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

from pht_desktop.domain.measures import SIMILAR_PERCENT, MeasureKind, Reading
from pht_desktop.domain.profile import StageEvent
from pht_desktop.ui.charts.geometry import TICK_PX, day_number, logical_size
from pht_desktop.ui.charts.palette import ChartPalette, palette_for, style_axes

PANELS: tuple[tuple[MeasureKind, str, tuple[float, float]], ...] = (
    (MeasureKind.SITTING, "Sitting, min", (0.0, 37.0)),
    (MeasureKind.BRIDGE, "Symmetry, %", (0.0, 135.0)),
    (MeasureKind.RUNNING, "Run, min", (0.0, 10.0)),
    (MeasureKind.VISA_H, "VISA-H", (0.0, 120.0)),
)
"""Each measure's panel, label and y range (running grows with the data)."""

EMPTY_TEXT = "No entries yet"
TITLES: dict[MeasureKind, str] = {
    MeasureKind.SITTING: "Sitting tolerance (30 = no pain at 30 min)",
    MeasureKind.BRIDGE: "Single-leg bridge symmetry, painful ÷ other side",
    MeasureKind.RUNNING: "Longest pain-free run",
    MeasureKind.VISA_H: "VISA-H (100 = no symptoms)",
}


def _colours(p: ChartPalette) -> dict[MeasureKind, str]:
    return {
        MeasureKind.SITTING: p.tolerated,
        MeasureKind.BRIDGE: p.held,
        MeasureKind.RUNNING: p.run,
        MeasureKind.VISA_H: p.test,
    }


class MeasuresFigure:
    """Outcome measures over time, one panel each, stage changes marked."""

    def __init__(self, figure: Figure, dark: bool = False) -> None:
        self.figure = figure
        grid = figure.add_gridspec(len(PANELS), 1, hspace=0.18)
        first: Axes | None = None
        self.axes: dict[MeasureKind, Axes] = {}
        self.lines: dict[MeasureKind, Line2D] = {}
        self.empty: dict[MeasureKind, Text] = {}
        self.titles: dict[MeasureKind, Text] = {}
        self.stage_lines: list[LineCollection] = []
        for row, (kind, label, ylim) in enumerate(PANELS):
            ax = figure.add_subplot(grid[row], sharex=first)
            first = first or ax
            (line,) = ax.plot([], [], marker="o", markersize=5, linewidth=1.6, label=kind.label)
            ax.set_ylim(*ylim)
            ax.set_ylabel(label, fontsize="small")
            self.titles[kind] = ax.text(
                0.005,
                0.97,
                TITLES[kind],
                transform=ax.transAxes,
                ha="left",
                va="top",
                fontsize="small",
                fontweight="bold",
            )
            ax.yaxis.set_label_coords(-0.06, 0.5)
            self.empty[kind] = ax.text(
                0.5,
                0.5,
                EMPTY_TEXT,
                transform=ax.transAxes,
                ha="center",
                va="center",
                fontsize="small",
            )
            stages = LineCollection([], transform=ax.get_xaxis_transform(), linewidths=1.2)
            ax.add_collection(stages, autolim=False)
            self.stage_lines.append(stages)
            self.axes[kind] = ax
            self.lines[kind] = line
        sym = self.axes[MeasureKind.BRIDGE]
        self.similar_line = sym.axhline(SIMILAR_PERCENT, linestyle="--", linewidth=1.0)
        self.similar_text = sym.text(
            0.005,
            SIMILAR_PERCENT + 2,
            f"{SIMILAR_PERCENT:.0f} % similar",
            transform=sym.get_yaxis_transform(),
            fontsize="x-small",
            va="bottom",
        )
        (self.cap_marks,) = self.axes[MeasureKind.SITTING].plot(
            [],
            [],
            linestyle="none",
            marker="o",
            markersize=9,
            fillstyle="none",
            label="30 min without pain",
        )
        self.stage_labels: list[Text] = []
        for kind, ax in self.axes.items():
            if kind is not MeasureKind.VISA_H:
                ax.xaxis.set_visible(False)
            ax.grid(True, axis="y", linewidth=0.6)
        self.fit_layout()
        self.readings: list[Reading] = []
        self.apply_palette(dark)

    def fit_layout(self, width_px: float | None = None, height_px: float | None = None) -> None:
        """Pixel margins and as many date labels as fit (as the other Progress charts)."""
        width, height = logical_size(self.figure, width_px, height_px)
        self.figure.subplots_adjust(
            left=70 / width, right=1 - 16 / width, top=1 - 24 / height, bottom=40 / height
        )
        axes_px = max(width - 86, 1.0)
        for ax in self.axes.values():
            ax.yaxis.set_label_coords(-52.0 / axes_px, 0.5)
        ticks = int(max(3, min(12, (width - 120) // TICK_PX)))
        locator = mdates.AutoDateLocator(minticks=2, maxticks=ticks)  # type: ignore[no-untyped-call]
        bottom = self.axes[MeasureKind.VISA_H]
        bottom.xaxis.set_major_locator(locator)
        bottom.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]

    def set_data(
        self,
        readings: Sequence[Reading],
        stages: Sequence[StageEvent],
        capped: Sequence[date] = (),
        span: tuple[date, date] | None = None,
    ) -> None:
        """New readings into the existing lines; ``capped`` are sitting days that reached
        30 min without pain; ``span`` the dates to show (default: the readings' own)."""
        self.readings = list(readings)
        days = [r.day for r in readings] + [s.effective_date for s in stages]
        for kind, line in self.lines.items():
            mine = [r for r in readings if r.kind is kind]
            x = [day_number(r.day) for r in mine]
            y = [r.value for r in mine]
            line.set_data(x, y)
            self.empty[kind].set_visible(not mine)
            if kind is MeasureKind.RUNNING:
                highest = max([*y, 10.0])
                self.axes[kind].set_ylim(0, highest * 1.3)
        capped_days = set(capped)
        sit = [r for r in readings if r.kind is MeasureKind.SITTING and r.day in capped_days]
        self.cap_marks.set_data([day_number(r.day) for r in sit], [r.value for r in sit])
        marks = [day_number(s.effective_date) for s in stages]
        for lines in self.stage_lines:
            lines.set_segments([np.array([[x, 0.0], [x, 1.0]]) for x in marks])
        top = self.axes[MeasureKind.SITTING]
        while len(self.stage_labels) < len(stages):
            self.stage_labels.append(
                top.text(
                    0,
                    1.02,
                    "",
                    transform=top.get_xaxis_transform(),
                    fontsize="x-small",
                    ha="center",
                    va="bottom",
                    clip_on=False,
                )
            )
        for label, stage in zip(self.stage_labels, stages, strict=False):
            label.set_x(day_number(stage.effective_date))
            label.set_text(f"Stage {stage.stage}")
            label.set_visible(True)
        for label in self.stage_labels[len(stages) :]:
            label.set_visible(False)
        if span is None and days:
            span = (min(days), max(days))
        if span is not None:
            lo, hi = span
            pad = max((hi - lo).days * 0.03, 2)
            top.set_xlim(day_number(lo - timedelta(days=pad)), day_number(hi + timedelta(days=pad)))
        self._colour_stage_labels()

    def _colour_stage_labels(self) -> None:
        for label in self.stage_labels:
            label.set_color(self.palette.stage)

    def apply_palette(self, dark: bool) -> None:
        p = self.palette = palette_for(dark)
        self.figure.set_facecolor(p.background)
        colours = _colours(p)
        for kind, ax in self.axes.items():
            style_axes(ax, p)
            self.lines[kind].set_color(colours[kind])
            self.empty[kind].set_color(p.foreground)
            self.titles[kind].set_color(p.foreground)
        self.cap_marks.set_color(colours[MeasureKind.SITTING])
        self.similar_line.set_color(p.unknown)
        self.similar_text.set_color(p.foreground)
        for lines in self.stage_lines:
            lines.set_color(p.stage)
        self._colour_stage_labels()

    def points(self, kind: MeasureKind) -> list[tuple[float, float]]:
        """The plotted (x, y) of one panel (tests read what is on screen)."""
        x, y = self.lines[kind].get_data()
        return list(zip(np.asarray(x, dtype=float), np.asarray(y, dtype=float), strict=True))
