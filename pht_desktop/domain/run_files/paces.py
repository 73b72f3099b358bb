"""Paces along a run: the fastest stretch of a given length, the pace of every 20 s
window (issue 14); how a pace is shown is ``domain/pace.py``."""

from __future__ import annotations

import bisect
import itertools
import math
import operator
import statistics
from collections.abc import Iterable, Sequence
from typing import Final

MOVING_SPEED_MPS: Final = 0.5
"""Slower than 1.8 km/h is standing still (a slow walk is 1 m/s): not moving time."""
BEST_KM_M: Final = 1000.0
FAST_SEGMENT_M: Final = 400.0
"""Fast is judged over 400 m: one track lap, the shortest common interval repeat, and
long enough for GPS jitter to average out."""
STRIDE_WINDOW_S: Final = 20.0
"""A stride is a relaxed 20 s burst (stage 5's "4 relaxed strides"): paces are also
looked at over every 20 s, ..."""
STRIDE_STEP_S: Final = 5.0
"""... one window every 5 s, so a 20 s stride is never split across two windows by more
than 5 s of jogging."""
GLITCH_SPEED_MPS: Final = 10.0
"""Faster than 36 km/h over 20 s is a GPS jump, not a stride."""


def _interp_sorted(xs: Sequence[float], ys: Sequence[float], at: Iterable[float]) -> list[float]:
    """``ys`` linearly interpolated at each of the ascending points ``at`` (``xs``
    ascending too), clamped to the ends: one forward sweep, each step a C binary search
    from where the last one ended (a long run has tens of thousands of windows)."""
    out: list[float] = []
    i, n = 0, len(xs)
    for x in at:
        i = bisect.bisect_right(xs, x, i)  # the first sample past x
        if i <= 0:
            out.append(ys[0])
        elif i >= n:
            out.append(ys[-1])
        else:
            x0, x1 = xs[i - 1], xs[i]
            out.append(ys[i - 1] + (ys[i] - ys[i - 1]) * (x - x0) / (x1 - x0))
    return out


def _plateau_ends(xs: Sequence[float], ys: Sequence[float]) -> list[float]:
    """What :func:`_interp_sorted` gives at each sample's own ``xs``, without a search:
    the ``ys`` of the last sample sharing that ``xs`` (a stop keeps the distance while
    the time goes on)."""
    out = list(ys)
    for k in range(len(xs) - 2, -1, -1):
        if xs[k] == xs[k + 1]:
            out[k] = out[k + 1]
    return out


def fastest_over(
    distance: Sequence[float], seconds: Sequence[float], span_m: float
) -> float | None:
    """The least time (s) taken to cover any ``span_m`` metres (ends interpolated).

    On a piecewise-linear track the quickest window begins or ends on a sample, so the
    windows ending on each sample and those beginning on each are all that is looked at.
    """
    if not distance or distance[-1] - distance[0] < span_m:
        return None
    first, last = distance[0], distance[-1]
    at_sample = _plateau_ends(distance, seconds)
    ending = [(d, t) for d, t in zip(distance, at_sample, strict=True) if d - first >= span_m]
    starting = [(d, t) for d, t in zip(distance, at_sample, strict=True) if last - d >= span_m]
    taken = itertools.chain(
        map(
            operator.sub,
            (t for _d, t in ending),
            _interp_sorted(distance, seconds, (d - span_m for d, _t in ending)),
        ),
        map(
            operator.sub,
            _interp_sorted(distance, seconds, (d + span_m for d, _t in starting)),
            (t for _d, t in starting),
        ),
    )
    return min((t for t in taken if t > 0), default=None)


def window_paces(distance: Sequence[float], seconds: Sequence[float]) -> tuple[float, ...]:
    """Pace (s/km) over each :data:`STRIDE_WINDOW_S` window, one every
    :data:`STRIDE_STEP_S`: fine enough to see a 20 s stride (F9). A window at standstill
    or impossibly fast (a GPS jump) is left out as a pace of 0."""
    count = int((seconds[-1] - seconds[0] - STRIDE_WINDOW_S) // STRIDE_STEP_S) + 1
    starts = [seconds[0] + n * STRIDE_STEP_S for n in range(max(0, count))]
    begin = _interp_sorted(seconds, distance, starts)
    end = _interp_sorted(seconds, distance, (t + STRIDE_WINDOW_S for t in starts))
    out: list[float] = []
    for a, b in zip(begin, end, strict=True):
        speed = (b - a) / STRIDE_WINDOW_S
        fine = MOVING_SPEED_MPS <= speed <= GLITCH_SPEED_MPS
        out.append(round(1000.0 / speed, 1) if fine else 0.0)
    return tuple(out)


def window_noise_mps(paces: Sequence[float]) -> float:
    """How much the 20 s window speeds scatter from GPS error alone (m/s).

    The change from one window to the next one that does not overlap it, robustly spread
    (median absolute change × 1.4826, the normal scale, ÷ √2 for two windows): steady
    running on a clean track gives 0, a wandering phone error of 5 m about 0.3 m/s, and
    the few real changes of pace in a run (intervals, strides) barely move the median."""
    lag = round(STRIDE_WINDOW_S / STRIDE_STEP_S)
    changes = [
        abs(1000.0 / b - 1000.0 / a) for a, b in zip(paces, paces[lag:], strict=False) if a and b
    ]
    return 1.4826 * statistics.median(changes) / math.sqrt(2) if changes else 0.0


def median_pace(paces: Iterable[float | None]) -> float | None:
    """The middle of the known paces (robust to a race or an interval day)."""
    known = [p for p in paces if p is not None and p > 0]
    return statistics.median(known) if known else None
