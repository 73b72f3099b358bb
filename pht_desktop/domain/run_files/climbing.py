"""Climbing from a run's heights: gain, the steepest 300 m, short hill efforts (issue 14).

Barometric heights are counted as they are; GPS heights jitter by metres and are
smoothed first (F11), and hill efforts are not looked for in them.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

ELEVATION_NOISE_M: Final = 3.0
"""In steady (barometric) heights, rises smaller than 3 m are noise, not climbing."""
GPS_ELEVATION_NOISE_M: Final = 5.0
"""GPS heights wander by ±3–5 m while standing still: there only 5 m counts as a climb."""
HEIGHT_STEP_M: Final = 10.0
"""Heights are compared every 10 m of distance, so a stop or a 5 Hz file weighs nothing."""
STEADY_BEND_M: Final = 0.25
"""Heights whose median bend (second difference) per 10 m is under 0.25 m are steady
(a barometer); GPS heights bend by a metre or more from one 10 m to the next."""
SMOOTH_GPS_M: Final = 200.0
"""GPS heights are averaged over 200 m (as Strava/Garmin-style gain does): a flat run
with ±3–5 m of GPS noise stays under 10 m/km, and a 300 m climb keeps most of its grade."""
HILL_EFFORT_GRADE: Final = 0.04
"""A short hill effort is a climb of at least 4 % ("gentle hill efforts", stage 5)..."""
HILL_EFFORT_MIN_M: Final = 60.0
"""...held for at least 60 m (about 30 s uphill): a hill repeat, not a ramp."""
CLIMB_SEGMENT_M: Final = 300.0
"""Grade is judged over 300 m: a real hill, not a kerb or a bridge ramp."""


def climbs(heights: Sequence[float], threshold: float) -> list[tuple[float, int]]:
    """Each climb of at least ``threshold`` metres as (rise, points from low to high).

    A climb starts once the profile rises that far above its lowest point and ends once
    it falls that far below its highest; the climb counts from low to high. Wobbles
    smaller than the threshold, up or down, are noise and count for nothing.
    """
    out: list[tuple[float, int]] = []
    if not heights:
        return out
    low = high = heights[0]
    low_at = high_at = 0
    climbing = False
    for at, height in enumerate(heights):
        if climbing:
            if height > high:
                high, high_at = height, at
            elif high - height >= threshold:
                out.append((high - low, high_at - low_at))
                low = high = height
                low_at = high_at = at
                climbing = False
        elif height <= low:  # the last of a flat bottom: where the climb begins
            low, low_at = height, at
        elif height - low >= threshold:
            climbing = True
            high, high_at = height, at
    if climbing:
        out.append((high - low, high_at - low_at))
    return out


def elevation_gain(heights: Sequence[float], threshold: float = ELEVATION_NOISE_M) -> float:
    """Metres climbed, counting only climbs of at least ``threshold`` (hysteresis)."""
    return sum(rise for rise, _ in climbs(heights, threshold))


def _on_grid(xs: Sequence[float], ys: Sequence[float], step: float) -> list[float]:
    """``ys`` every ``step`` of ``xs`` from its first value (linear between points)."""
    out: list[float] = []
    i = 0
    x = xs[0]
    while x <= xs[-1]:
        while i + 1 < len(xs) - 1 and xs[i + 1] <= x:
            i += 1
        x0, x1 = xs[i], xs[min(i + 1, len(xs) - 1)]
        y0, y1 = ys[i], ys[min(i + 1, len(xs) - 1)]
        out.append(y0 if x1 <= x0 else y0 + (y1 - y0) * min(1.0, (x - x0) / (x1 - x0)))
        x += step
    return out


def moving_average(values: Sequence[float], half: int) -> list[float]:
    """Each value averaged with ``half`` neighbours either side (fewer at the ends)."""
    prefix = [0.0, *itertools.accumulate(values)]
    n = len(values)
    return [
        (prefix[min(n, i + half + 1)] - prefix[max(0, i - half)])
        / (min(n, i + half + 1) - max(0, i - half))
        for i in range(n)
    ]


def heights_are_steady(profile: Sequence[float]) -> bool:
    """Barometric (or corrected) heights bend smoothly; GPS heights jitter (F11).

    Judged by the median bend (second difference) of the 10 m profile, which real hills
    leave near zero and GPS noise of a metre or more does not.
    """
    bends = [abs(a - 2 * b + c) for a, b, c in zip(profile, profile[1:], profile[2:], strict=False)]
    return not bends or statistics.median(bends) <= STEADY_BEND_M


@dataclass(frozen=True, slots=True)
class Climbing:
    """What the heights say: gain, the steepest 300 m, short hill efforts (if visible)."""

    gain_m: float
    steepest_grade: float | None
    hill_efforts: int | None


def climbing(distance: Sequence[float], heights: Sequence[float]) -> Climbing:
    """Climbing from per-point heights, with GPS noise smoothed away first (F11).

    Heights go onto a 10 m distance grid. Steady heights are counted as they are, climbs
    of 3 m and more. Jittery (GPS) heights are averaged over 200 m and only climbs of 5 m
    count, and short hill efforts are not looked for in them: GPS noise of a few metres
    looks exactly like a 40 s hill repeat.
    """
    profile = _on_grid(distance, heights, HEIGHT_STEP_M)
    steady = heights_are_steady(profile)
    if steady:
        smooth, gain = profile, elevation_gain(heights)
        found = climbs(profile, ELEVATION_NOISE_M)
    else:
        smooth = moving_average(profile, int(SMOOTH_GPS_M // HEIGHT_STEP_M // 2))
        found = climbs(smooth, GPS_ELEVATION_NOISE_M)
        gain = sum(rise for rise, _ in found)
    span = round(CLIMB_SEGMENT_M / HEIGHT_STEP_M)
    steepest = (
        max((b - a) / CLIMB_SEGMENT_M for a, b in zip(smooth, smooth[span:], strict=False))
        if len(smooth) > span
        else None
    )
    efforts = sum(
        points * HEIGHT_STEP_M >= HILL_EFFORT_MIN_M
        and rise >= HILL_EFFORT_GRADE * points * HEIGHT_STEP_M
        for rise, points in found
    )
    return Climbing(gain, steepest, efforts if steady else None)
