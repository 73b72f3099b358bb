"""Stage and test changes on the Progress chart: a line through every panel, a label on
the pain panel (R2.10, R3.7), so a change in the curve can be read against what changed.

Artists are made once and updated in place (segments, a pool of labels); on a wide view
only the labels that fit are drawn, the newest first, while every line stays.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import LineCollection
from matplotlib.text import Text

from pht_desktop.domain.progress import EventMark
from pht_desktop.ui.charts.geometry import day_number
from pht_desktop.ui.charts.palette import ChartPalette

MAX_EVENT_LABELS = 40
LABEL_GAP_PX = 12.0
"""Event labels closer than this (in pixels) to a newer one are left out."""


class EventMarks:
    """The event lines of every panel and the labels on ``label_ax``."""

    def __init__(self, label_ax: Axes, panels: Sequence[Axes]) -> None:
        self.ax = label_ax
        self.lines: dict[str, list[LineCollection]] = {"stage": [], "test": []}
        for axes in panels:
            for kind, style in (("stage", "-"), ("test", ":")):
                lines = LineCollection(
                    [], transform=axes.get_xaxis_transform(), linewidths=1.2, linestyles=style
                )
                axes.add_collection(lines, autolim=False)
                self.lines[kind].append(lines)
        self.labels: list[Text] = []
        self._label_x = np.zeros(0)

    def set_events(self, marks: Sequence[EventMark]) -> None:
        """Segments updated in place; labels reused from a pool (the newest kept)."""
        for kind in ("stage", "test"):
            xs = [day_number(e.day) for e in marks if e.kind == kind]
            segments = [np.array([[v, 0.0], [v, 1.0]]) for v in xs]
            for lines in self.lines[kind]:
                lines.set_segments(segments)
        events = list(marks)[-MAX_EVENT_LABELS:]
        while len(self.labels) < len(events):
            self.labels.append(
                self.ax.text(
                    0,
                    0.02,
                    "",
                    transform=self.ax.get_xaxis_transform(),
                    rotation=90,
                    fontsize="x-small",
                    ha="right",
                    va="bottom",
                    clip_on=True,
                )
            )
        for label, event in zip(self.labels, events, strict=False):
            label.set_x(day_number(event.day) - 0.15)
            label.set_text(event.label)
        self._label_x = np.array([day_number(e.day) for e in events], dtype=np.float64)

    def show_in_view(self) -> None:
        """Draw only labels inside the x range, at least a label's height apart.

        Clipped text still costs a layout, and on a years-wide view the labels would
        only print over one another; every event keeps its vertical line.
        """
        lo, hi = self.ax.get_xlim()
        width_px = max(float(self.ax.bbox.width), 1.0)
        gap = (hi - lo) * LABEL_GAP_PX / width_px
        shown = np.zeros(len(self.labels), dtype=bool)
        last = np.inf
        for index in range(len(self._label_x) - 1, -1, -1):  # the newest labels first
            x = self._label_x[index]
            if lo - 1 <= x <= hi + 1 and last - x >= gap:
                shown[index] = True
                last = x
        for label, visible in zip(self.labels, shown, strict=True):
            label.set_visible(bool(visible))

    def colour(self, p: ChartPalette) -> None:
        for kind, colour in (("stage", p.stage), ("test", p.test)):
            for lines in self.lines[kind]:
                lines.set_color(colour)
        for label in self.labels:
            is_stage = label.get_text().startswith("Stage")
            label.set_color(p.stage if is_stage else p.test)
