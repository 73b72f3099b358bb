"""A parsed :class:`Track` interpreted as one :class:`RunRecord` (issue 14).

Every format goes through the same :func:`summarise`, so a run means the same thing
whichever watch wrote it: sport, start and local date, moving time, distance, climbing,
paces, and whether it was run-walk (R2.8).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from typing import Final

from pht_desktop.domain.clock import local_date
from pht_desktop.domain.run_files.climbing import Climbing, climbing
from pht_desktop.domain.run_files.gps_distance import spread_over_time, track_distance
from pht_desktop.domain.run_files.paces import (
    BEST_KM_M,
    FAST_SEGMENT_M,
    MOVING_SPEED_MPS,
    fastest_over,
    window_paces,
)
from pht_desktop.domain.run_files.track import NotARunError, RunFileError, RunFormat, Sample, Track

MAX_SAMPLES: Final = 43_200
"""Points kept at most, after thinning to about one a second: 8 h × 1 Hz × 1.5."""

WALK_SPEED_MPS: Final = 2.0
"""Below 7.2 km/h (8:20 /km) a stretch counts as walking when guessing run-walk."""
RUN_WALK_SHARE: Final = 0.2
"""A run with at least a fifth of its moving time at walking pace is run-walk (R2.8)."""
STYLE_WINDOW_S: Final = 30.0
"""Walking and running are told apart over 30 s stretches, not single noisy samples."""
MAX_RUN_SPEED_MPS: Final = 6.5
"""23 km/h on average is beyond any runner's long effort (a world-record marathon is
5.7 m/s): a file that fast is a ride, whatever sport it names."""
UNTYPED_MAX_SPEED_MPS: Final = 5.0
"""18 km/h (3:20 /km) on average: a file that names no sport (or TCX's "Other") and is
faster than that is taken for a ride."""
WALK_AVG_SPEED_MPS: Final = 1.8
"""Under 6.5 km/h on average with hardly any running in it is a walk, not a run."""
THIN_TO_S: Final = 0.9
"""Samples closer than this are dropped: a 5 Hz file is read as the 1 Hz run it is, at a
fifth of the work, and no stride or hill lasts less than a second."""
EARLIEST_START: Final = datetime(2000, 1, 1, tzinfo=UTC)
"""A start before 2000 means the watch's clock was never set (FIT's epoch is 1989)."""
MAX_DURATION_S: Final = 8 * 3600
"""The run log's own limit (a run is at most 8 h)."""


@dataclass(frozen=True, slots=True)
class RunRecord:
    """One run read from a file: what the log stores and what the flags are judged on.

    Paces are seconds per km; ``None`` when the run was too short to measure them (best
    km needs 1 km, the fastest segment 400 m, the steepest climb 300 m with heights).
    """

    fmt: RunFormat
    sport: str
    start: datetime
    local_date: date
    elapsed_s: int
    moving_s: int
    distance_m: float | None
    elevation_gain_m: float | None
    avg_pace_s_km: float | None
    best_km_s: float | None
    fastest_segment_pace_s_km: float | None
    steepest_grade: float | None
    run_walk: bool
    running_pace_s_km: float | None = None
    """Pace of the 30 s stretches run (walks left out): a run-walk's own running pace."""
    hill_efforts: int | None = None
    """Short climbs (≥ 4 % over ≥ 60 m); None when the heights are too noisy to tell."""
    window_paces: tuple[float, ...] = ()
    """Pace over every 20 s window (one per 5 s; 0 = standing or a GPS jump)."""

    @property
    def distance_km(self) -> float | None:
        return None if self.distance_m is None else self.distance_m / 1000.0

    @property
    def gain_per_km(self) -> float | None:
        """Metres climbed per km run (the hilly flag's first test)."""
        if self.elevation_gain_m is None or not self.distance_m:
            return None
        return self.elevation_gain_m / (self.distance_m / 1000.0)


# --- what a track means ----------------------------------------------------------------------
def normalise_sport(sport: str | None) -> str | None:
    """One word per sport whatever the format spells (None: the file does not say)."""
    if sport is None:
        return None
    word = sport.strip().lower().replace(" ", "_").replace("-", "_")
    if not word or word in ("generic", "other", "unknown", "0"):
        return None
    if "run" in word or word == "jogging":
        return word if word.endswith("_running") else "running"
    if any(part in word for part in ("cycl", "bik", "ride", "biking")):
        return "cycling"
    if any(part in word for part in ("walk", "hik")):
        return "walking" if "walk" in word else "hiking"
    if word.isdigit():
        return None  # a vendor's numeric code we cannot read: judge by speed
    return word


def _cumulative_distance(samples: Sequence[Sample], seconds: Sequence[float]) -> list[float] | None:
    """Metres from the start at each sample, or None without distances or positions.

    The device's own running total wins when most samples carry one: a watch works it
    out from every GPS fix it takes (not only the ones it writes) with its own filter,
    and often a foot pod or the wrist's accelerometer, which no file's positions can
    match, and it is the figure the watch itself showed. Positions alone
    (most GPX files, a phone's) are filtered for GPS scatter first (:mod:`gps_distance`).
    """
    recorded = [s.distance_m for s in samples]
    if sum(d is not None for d in recorded) >= 0.9 * len(samples):
        out: list[float] = []
        best = 0.0
        for value in recorded:
            if value is not None and value > best:
                best = value
            out.append(best)
        first = next((d for d in recorded if d is not None), 0.0)
        return [d - first for d in out] if out[-1] > 0 else None
    fixes = [
        (t, s.lat, s.lon)
        for t, s in zip(seconds, samples, strict=True)
        if s.lat is not None and s.lon is not None
    ]
    if len(fixes) < 2:
        return None
    times = [t for t, _, _ in fixes]
    metres = track_distance(times, [lat for _, lat, _ in fixes], [lon for _, _, lon in fixes])
    out = spread_over_time(seconds, list(zip(times, metres, strict=True)))
    return out if out[-1] > 0 else None


@dataclass(frozen=True, slots=True)
class _Style:
    moving_s: float
    running_s: float
    walking_s: float
    running_m: float

    @property
    def run_walk(self) -> bool:
        """At least a fifth of the moving time walked (R2.8); all walking is not continuous."""
        total = self.walking_s + self.running_s
        return total > 0 and self.walking_s / total >= RUN_WALK_SHARE

    @property
    def running_pace(self) -> float | None:
        return 1000.0 * self.running_s / self.running_m if self.running_m > 0 else None


def _moving_and_style(distance: Sequence[float], seconds: Sequence[float]) -> _Style:
    """Moving seconds, and the 30 s stretches walked and run (R2.8)."""
    moving = 0.0
    for i in range(1, len(seconds)):
        dt = seconds[i] - seconds[i - 1]
        if dt > 0 and (distance[i] - distance[i - 1]) / dt >= MOVING_SPEED_MPS:
            moving += dt
    walking = running = running_m = 0.0
    start = 0
    for i in range(1, len(seconds)):
        dt = seconds[i] - seconds[start]
        if dt < STYLE_WINDOW_S and i < len(seconds) - 1:
            continue
        covered = distance[i] - distance[start]
        speed = covered / dt if dt > 0 else 0.0
        if speed >= WALK_SPEED_MPS:
            running += dt
            running_m += covered
        elif speed >= MOVING_SPEED_MPS:
            walking += dt
        start = i
    return _Style(moving, running, walking, running_m)


def judge_sport(given: str | None, speed_mps: float, style_walk_share: float) -> str:
    """The sport a file is imported as, or :class:`NotARunError` (F5).

    A file that names another sport is that sport. A file that names none (or TCX's
    "Other", which covers walks) is judged by speed. Whatever the file says, an average
    beyond a runner's is a ride, and an average at walking pace with hardly any running
    in it is a walk.
    """
    sport = normalise_sport(given)
    kmh = speed_mps * 3.6
    if sport is not None and sport != "running" and not sport.endswith("_running"):
        raise NotARunError(sport, f"A {sport.replace('_', ' ')} activity, not a run.")
    if sport is None and speed_mps > UNTYPED_MAX_SPEED_MPS:
        raise NotARunError(
            "unknown", f"No running sport given and {kmh:.0f} km/h on average: a ride, not a run."
        )
    if speed_mps > MAX_RUN_SPEED_MPS:
        raise NotARunError(
            sport or "unknown",
            f"{kmh:.0f} km/h on average is too fast for a run: a ride labelled as a run?",
        )
    if speed_mps < WALK_AVG_SPEED_MPS and style_walk_share > 1 - RUN_WALK_SHARE:
        raise NotARunError(
            "walking", f"{kmh:.1f} km/h on average with hardly any running: a walk, not a run."
        )
    return sport or "running"


def _thin(samples: Sequence[Sample]) -> list[Sample]:
    """Time-ordered samples, at most one per :data:`THIN_TO_S` (a 5 Hz file is a 1 Hz
    run as far as any of this can tell, at a fifth of the work), at most
    :data:`MAX_SAMPLES` of them."""
    out: list[Sample] = []
    for sample in sorted(samples, key=lambda s: s.at):
        if not out or (sample.at - out[-1].at).total_seconds() >= THIN_TO_S:
            out.append(sample)
    if len(out) > MAX_SAMPLES:
        raise RunFileError(
            f"{len(out):,} points a second or more apart: more than one run of 8 h or less."
        )
    return out


def _timeline(track: Track) -> tuple[list[Sample], list[float]]:
    samples = _thin(track.samples)
    if len(samples) < 2:
        raise RunFileError("Fewer than two timed points: too little to be a run.")
    start = samples[0].at
    if start < EARLIEST_START:
        raise RunFileError(
            f"It starts on {start.date()}: the watch's clock was not set; nothing imported."
        )
    seconds = [(s.at - start).total_seconds() for s in samples]
    if seconds[-1] > MAX_DURATION_S:
        raise RunFileError(
            f"It lasts {seconds[-1] / 3600:.1f} h; the run log holds runs up to "
            f"{MAX_DURATION_S // 3600} h."
        )
    return samples, seconds


def _climbing_of(track: Track, samples: Sequence[Sample], distance: Sequence[float]) -> Climbing:
    """Per-point heights when most points have one; the device's own total ascent (a
    barometric, corrected figure on most watches) wins over the gain they give."""
    heights = [s.elevation_m for s in samples]
    found = Climbing(0.0, None, None)
    has_heights = sum(h is not None for h in heights) >= 0.9 * len(samples)
    if has_heights:
        known = [(d, h) for d, h in zip(distance, heights, strict=True) if h is not None]
        found = climbing([d for d, _ in known], [h for _, h in known])
    if track.total_ascent_m is not None:
        return Climbing(track.total_ascent_m, found.steepest_grade, found.hill_efforts)
    return found if has_heights else Climbing(math.nan, None, None)


def summarise(track: Track, zone: tzinfo) -> RunRecord:
    """Interpret a parsed track: sport, start and local date, times, distance, climbing,
    paces. Raises :class:`NotARunError` for a non-run, :class:`RunFileError` when
    the numbers cannot describe a run."""
    samples, seconds = _timeline(track)
    start, elapsed = samples[0].at, seconds[-1]
    distance = _cumulative_distance(samples, seconds)
    if distance is None and track.total_distance_m:
        # A treadmill run without samples' distance: spread the total over the time.
        distance = [track.total_distance_m * t / elapsed for t in seconds]
    if distance is None:
        raise RunFileError("The file has neither distances nor positions: not a run track.")
    style = _moving_and_style(distance, seconds)
    moving, total_m = style.moving_s, distance[-1]
    styled = style.walking_s + style.running_s
    sport = judge_sport(
        track.sport, total_m / moving if moving else 0.0, style.walking_s / styled if styled else 1
    )
    if moving < 1:
        raise RunFileError("No moving time: the track never goes anywhere.")
    climbed = _climbing_of(track, samples, distance)
    fastest = fastest_over(distance, seconds, FAST_SEGMENT_M)
    return RunRecord(
        fmt=track.fmt,
        sport=sport,
        start=start,
        local_date=local_date(start, zone),
        elapsed_s=round(elapsed),
        moving_s=max(1, round(moving)),
        distance_m=total_m,
        elevation_gain_m=None if math.isnan(climbed.gain_m) else round(climbed.gain_m, 1),
        avg_pace_s_km=moving / (total_m / 1000.0) if total_m > 0 else None,
        best_km_s=fastest_over(distance, seconds, BEST_KM_M),
        fastest_segment_pace_s_km=None if fastest is None else fastest / (FAST_SEGMENT_M / 1000),
        steepest_grade=climbed.steepest_grade,
        run_walk=style.run_walk,
        running_pace_s_km=style.running_pace,
        hill_efforts=climbed.hill_efforts,
        window_paces=window_paces(distance, seconds),
    )
