"""A chart saved at a chosen size (Progress ▸ Export), its text kept in proportion.

The figure is resized for the save only and put back as it was on screen, so an export
never moves what the user is looking at.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from pht_desktop.ui.chart_page import LaidOutFigure

EXPORT_SIZES: tuple[tuple[int, int] | None, ...] = (None, (1280, 800), (1920, 1080), (2560, 1440))
"""Export sizes in pixels; None keeps the size on screen."""
EXPORT_LOGICAL_WIDTH = 1600.0
"""Wider exports scale their text up rather than shrink it (dpi grows with the width)."""


@contextmanager
def sized(chart: LaidOutFigure, size: tuple[int, int] | None) -> Iterator[float | None]:
    """The figure at ``size`` pixels for the duration of a save, then as on screen.

    Wider than :data:`EXPORT_LOGICAL_WIDTH` the dpi grows instead of the layout, so text
    keeps its share of the picture. Yields the dpi to save at (None: the figure's own).
    """
    if size is None:
        chart.fit_layout()
        yield None
        return
    figure = chart.figure
    before = figure.get_size_inches().copy()
    width, height = size
    scale = max(1.0, width / EXPORT_LOGICAL_WIDTH)
    dpi = 100.0 * scale
    figure.set_size_inches(width / dpi, height / dpi, forward=False)
    chart.fit_layout(width / scale, height / scale)
    try:
        yield dpi
    finally:
        figure.set_size_inches(before[0], before[1], forward=False)
        chart.fit_layout()
