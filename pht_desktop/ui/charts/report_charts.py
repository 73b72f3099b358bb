"""The report's charts as images: the Progress pane's figure and the Measures chart,
tidied for paper and drawn at print resolution in the report's font.

The same figure classes as on screen, so the report shows what the pane shows. Loads
matplotlib: the report module imports this lazily with it.
"""

from __future__ import annotations

import io
from collections.abc import Callable

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.gridspec import GridSpec
from matplotlib.ticker import MaxNLocator
from PySide6.QtGui import QImage

from pht_desktop.services.report import ReportData
from pht_desktop.ui.charts.figure import ProgressFigure
from pht_desktop.ui.charts.report_paper import CONTENT_W, FONT

CHART_H = 6.3
"""The Progress chart's height on page 1, inches."""
CHART_DPI = 220
MEASURES_CHART_H = 4.2
"""The Measures chart's height, inches (after the outcome-measures table)."""


def _paper_image(draw: Callable[[], Figure], what: str) -> QImage:
    """A figure drawn in the report's font, rendered at the chart resolution."""
    import matplotlib as mpl

    with mpl.rc_context({"font.family": FONT, "font.size": 8.0}):
        figure = draw()
        buffer = io.BytesIO()
        figure.set_dpi(CHART_DPI)
        FigureCanvasAgg(figure).print_png(buffer)  # type: ignore[no-untyped-call]
    image = QImage.fromData(buffer.getvalue())
    if image.isNull():
        raise OSError(f"the {what} could not be drawn")
    return image


def chart_image(data: ReportData) -> QImage:
    """The Progress pane's figure for the report's range, tidied for paper, as an image."""

    def draw() -> Figure:
        figure = Figure(figsize=(CONTENT_W, CHART_H))
        chart = ProgressFigure(figure)
        chart.set_data(data.history)
        chart.set_range(data.start, data.end)
        _fit_chart(chart)
        return figure

    return _paper_image(draw, "chart")


def measures_chart_image(data: ReportData) -> QImage | None:
    """The Progress *Measures* chart up to the report's end (None: no measures yet)."""
    if not data.readings:
        return None
    from pht_desktop.ui.charts.measures_figure import MeasuresFigure

    def draw() -> Figure:
        figure = Figure(figsize=(CONTENT_W, MEASURES_CHART_H))
        chart = MeasuresFigure(figure)
        capped = [m.day for m in data.measures if m.reached_cap]
        first = min(data.start, *(r.day for r in data.readings))
        chart.set_data(data.readings, data.stages, capped, span=(first, data.end))
        chart.fit_layout(CONTENT_W * 100, MEASURES_CHART_H * 100)
        return figure

    return _paper_image(draw, "measures chart")


def _fit_chart(chart: ProgressFigure) -> None:
    figure = chart.figure
    spec = chart.pain_ax.get_subplotspec()
    assert spec is not None
    grid = spec.get_gridspec()
    assert isinstance(grid, GridSpec)
    grid.update(hspace=0.45)
    figure.subplots_adjust(left=0.8 / CONTENT_W, right=1 - 0.7 / CONTENT_W, top=0.93, bottom=0.06)
    chart.pain_ax.set_title("Morning pain, baseline and verdicts", loc="left", pad=16)
    for bars_ax, title in ((chart.load_ax, "Daily load"), (chart.sit_ax, "Daily sitting")):
        bars_ax.set_title(title, loc="left", pad=16)
        legend = bars_ax.get_legend()
        if legend is not None:  # above the axes, so tall bars never hide it
            legend.set_bbox_to_anchor((0.0, 1.0), transform=bars_ax.transAxes)
            legend.set_loc("lower left")
            legend.borderaxespad = 0.0
    for count_ax in (chart.load_ax, chart.sets_ax, chart.sit_ax, chart.breaks_ax):
        count_ax.yaxis.set_major_locator(MaxNLocator(nbins=4, integer=True))
