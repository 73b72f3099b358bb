"""The charts' colours, light and dark: Okabe–Ito hues that keep their meaning in both.

Every figure (Progress, sitting, measures) takes its colours from here, and the Qt
legend beside the canvas draws its :class:`LegendEntry` lines from the same palette.
"""

from __future__ import annotations

from dataclasses import dataclass

from matplotlib.axes import Axes


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
