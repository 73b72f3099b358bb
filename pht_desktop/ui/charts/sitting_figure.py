"""Sitting vs next morning (the Progress pane's second tab): does a long day in the chair
show in the tendon the next morning? Two scatters and the 7-day trend below them.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.dates as mdates
import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure

from pht_desktop.domain.progress import SittingMorningPair
from pht_desktop.ui.charts.geometry import TICK_PX, FloatArray, day_numbers, logical_size
from pht_desktop.ui.charts.palette import palette_for, style_axes


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
