"""Headless rendering for ``pht-desktop chart``: the pane's figure, saved with Agg/SVG.

No Qt widget is needed: ``Figure.savefig`` picks the backend from the file suffix.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pht_desktop.domain.progress import ProgressData, Summary
from pht_desktop.safe_files import atomic_target
from pht_desktop.ui.charts.figure import ProgressFigure, new_figure

FORMATS = ("png", "svg")


def render_progress(
    data: ProgressData,
    out: Path,
    start: date,
    end: date,
    summary: Summary | None = None,
    dark: bool = False,
) -> Path:
    """Draw ``data`` for ``start``..``end`` into ``out`` (.png or .svg) and return it."""
    suffix = out.suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise ValueError(f"Choose a .png or .svg file name, not '{out.name}'.")
    figure = new_figure()
    chart = ProgressFigure(figure, dark=dark)
    chart.title_px = 40.0  # two lines of title above the legends
    chart.fit_layout()
    chart.set_data(data)
    chart.set_range(start, end)
    title = f"PHT Desktop progress, {start.isoformat()} to {end.isoformat()}"
    if summary is not None:
        title += "\n" + summary.sentence()
    figure.suptitle(title, fontsize="small", color=chart.palette.foreground, y=0.995)
    # Atomic and private (0600): the chart shows the user's pain history.
    with atomic_target(out) as temporary:
        figure.savefig(temporary, format=suffix, facecolor=figure.get_facecolor())
    return out
