"""Distance from GPS positions with the receiver's scatter taken out (issue 14).

A phone or a watch recording every second reports positions scattered by several metres.
Summing the straight steps between them counts the scatter as running: at 6:00 /km
(2.8 m a second) a ±3 m scatter adds about 45 % and ±5 m doubles the distance, two minutes
stood at a crossing "run" hundreds of metres, and any 20 s looks like a stride. Three
steps, each one that established GPS tools take, remove it:

1. a lone point far off its neighbours (reached and left faster than anyone runs) is
   dropped, as gpxpy's ``smooth(remove_extremes=True)`` drops points off the line;
2. positions are averaged over ±3 s, as gpxpy's ``smooth(horizontal=True)`` averages each
   point with its neighbours: second-to-second scatter shrinks about 2.6 times;
3. distance is counted only once the averaged position is 10 m from where it was last
   counted, as gpxpy's ``reduce_points(min_distance)`` keeps a point only that far from
   the last one kept: scatter within that radius, and a stand-still, add nothing.

The distance between two counted points is spread over the time between them, so a
stand-still reads as slow (not moving time) and a stride keeps its speed. The price is a
corner cut: about 4 m at each right-angle turn (a route turning every 250 m reads about
2 % short). Files that carry the device's own distance do not come here (see
``run_files``).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Final

EARTH_RADIUS_M: Final = 6_371_000.0
SMOOTH_HALF_S: Final = 3.0
"""Positions are averaged over ±3 s: seven 1 s points, about 17 m of running at 6:00 /km
(a stride or a corner is longer than that), scatter shrunk √7 ≈ 2.6 times."""
NOISE_RADIUS_M: Final = 10.0
"""Distance is counted in steps of at least 10 m: averaged scatter of ±3–8 m stays inside
it, and a step that long gains under 2 % from what scatter is left."""
SPIKE_SPEED_MPS: Final = 12.0
"""A point reached and left faster than 43 km/h (quicker than any sprint), when its two
neighbours are close together, is a GPS jump, not a place the runner went."""


def local_metres(lats: Sequence[float], lons: Sequence[float]) -> tuple[list[float], list[float]]:
    """East and north metres from the first point (a flat map: a run's few km wide
    area bends by far less than a metre)."""
    per_degree = math.radians(1.0) * EARTH_RADIUS_M
    east_scale = per_degree * math.cos(math.radians(lats[0]))
    return (
        [(lon - lons[0]) * east_scale for lon in lons],
        [(lat - lats[0]) * per_degree for lat in lats],
    )


def without_spikes(
    seconds: Sequence[float], east: Sequence[float], north: Sequence[float]
) -> list[int]:
    """Indices of the points kept: a point is dropped when it is reached and left faster
    than :data:`SPIKE_SPEED_MPS` while its neighbours are within that speed of each other."""

    def far(a: int, b: int) -> bool:
        gap = math.hypot(east[b] - east[a], north[b] - north[a])
        return gap > SPIKE_SPEED_MPS * (seconds[b] - seconds[a])

    kept = [0]
    last = len(seconds) - 1
    for i in range(1, last):
        j = kept[-1]
        if not (far(j, i) and far(i, i + 1) and not far(j, i + 1)):
            kept.append(i)
    if last > 0:
        kept.append(last)
    return kept


def averaged(seconds: Sequence[float], values: Sequence[float], half_s: float) -> list[float]:
    """Each value averaged with those within ``half_s`` seconds of it (fewer at the ends,
    none across a pause longer than that)."""
    prefix = [0.0, *itertools.accumulate(values)]
    out: list[float] = []
    low = high = 0
    for at in seconds:
        while at - seconds[low] > half_s:
            low += 1
        while high + 1 < len(seconds) and seconds[high + 1] - at <= half_s:
            high += 1
        out.append((prefix[high + 1] - prefix[low]) / (high + 1 - low))
    return out


def counted_steps(
    east: Sequence[float], north: Sequence[float], radius: float
) -> list[tuple[int, float]]:
    """(index, metres so far) at each point where distance is counted: the first, each
    one :data:`NOISE_RADIUS_M` or more from the last counted, and the last."""
    out = [(0, 0.0)]
    total = 0.0
    at = 0
    for i in range(1, len(east)):
        step = math.hypot(east[i] - east[at], north[i] - north[at])
        if step >= radius or i == len(east) - 1:
            total += step
            at = i
            out.append((i, total))
    return out


def spread_over_time(
    seconds: Sequence[float], counted: Sequence[tuple[float, float]]
) -> list[float]:
    """Metres from the start at each of ``seconds``, the counted (second, metres) points
    joined by straight lines in time."""
    out: list[float] = []
    k = 0
    for at in seconds:
        while k + 2 < len(counted) and counted[k + 1][0] <= at:
            k += 1
        (t0, d0), (t1, d1) = counted[k], counted[min(k + 1, len(counted) - 1)]
        share = 0.0 if t1 <= t0 else min(1.0, max(0.0, (at - t0) / (t1 - t0)))
        out.append(d0 + (d1 - d0) * share)
    return out


def track_distance(
    seconds: Sequence[float], lats: Sequence[float], lons: Sequence[float]
) -> list[float]:
    """Metres from the start at each point, scatter, jumps and stand-stills taken out.

    ``seconds`` ascending (from the start); one latitude and longitude per second."""
    if len(seconds) < 2:
        return [0.0] * len(seconds)
    east, north = local_metres(lats, lons)
    kept = without_spikes(seconds, east, north)
    times = [seconds[i] for i in kept]
    smooth_east = averaged(times, [east[i] for i in kept], SMOOTH_HALF_S)
    smooth_north = averaged(times, [north[i] for i in kept], SMOOTH_HALF_S)
    steps = counted_steps(smooth_east, smooth_north, NOISE_RADIUS_M)
    return spread_over_time(seconds, [(times[i], metres) for i, metres in steps])
