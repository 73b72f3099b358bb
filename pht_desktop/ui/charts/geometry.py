"""Where things go on a chart: day numbers, day bars as one path, sizes in pixels.

Shared by every figure, so a day is the same x everywhere (matplotlib's day numbers,
days since 1970-01-01) and margins are kept in logical pixels at any figure size.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
from matplotlib.figure import Figure
from numpy.typing import NDArray

FloatArray = NDArray[np.float64]
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
"""matplotlib's default date epoch: a day number is days since 1970-01-01."""
BAR_HALF_WIDTH = 0.4
TICK_PX = 110.0
"""About the width one date label needs, so labels never meet."""


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


def visible_max(x: FloatArray, values: FloatArray, lo: float, hi: float) -> float:
    i, j = np.searchsorted(x, lo), np.searchsorted(x, hi, side="right")
    return float(values[i:j].max()) if j > i else 0.0


def logical_size(
    figure: Figure, width_px: float | None = None, height_px: float | None = None
) -> tuple[float, float]:
    """The figure's size in logical pixels (inches × 100, the same on a HiDPI screen)."""
    inches = figure.get_size_inches()
    width = float(inches[0]) * 100 if width_px is None else width_px
    height = float(inches[1]) * 100 if height_px is None else height_px
    return max(width, 200.0), max(height, 200.0)
