"""Hilly and fast: the two things about a run this tendon cares about in stage 5 (R2.4).

Hills load the hamstring at the hip in flexion (uphill running is a compressive
position, R2.5) and speed loads it fast (energy storage); both come last, after the
earlier stages are well tolerated (R2.4, R2.9). The thresholds are declared here once,
each with its reason, and Settings shows them; the fast margin is the user's setting
(declared in ``setting_specs.RUN_FAST_MARGIN``, its default in ``run_fast_margin``).

The easy pace is learnt from the user's own runs: the median average pace of their most
recent runs, so one race or interval day does not move it. Until a few runs are known,
a run is compared with its own average pace, which still finds an interval session.

The flags are stored in the run's ``hills``/``speed`` fields, the same ones a hand-typed
run ticks, so everything downstream reads one thing: the R2.4 note, the load-day dose
label (R3.5), and the dose ladder's last stage-5 rungs, strides and hills
(``dose_ladder.Performed.hills``/``speed``, R2.9).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from pht_desktop.domain.pace import pace_label
from pht_desktop.domain.run_files import (
    CLIMB_SEGMENT_M,
    FAST_SEGMENT_M,
    HILL_EFFORT_GRADE,
    HILL_EFFORT_MIN_M,
    STRIDE_WINDOW_S,
    RunRecord,
    median_pace,
    window_noise_mps,
)

HILLY_GAIN_PER_KM: Final = 10.0
"""10 m climbed per km is where route planners start calling a route hilly; a flat
town loop stays under 5 m/km."""
HILLY_GRADE: Final = 0.05
"""A 5 % climb held for 300 m loads the hip in flexion like a hill repeat; bridges and
kerbs stay below it over that distance."""
HILL_EFFORTS: Final = 3
"""Three short climbs or more are hill repeats (stage 5's "4 short gentle hill efforts",
one missed or merged by the recorder still counts)."""
STRIDES: Final = 3
"""Three 20 s bursts or more quicker than easy pace by the margin are strides (stage 5's
"4 relaxed strides"); one or two are a sprint for a crossing or a GPS wobble."""
STRIDE_NOISE_Z: Final = 2.0
"""A stride must also beat the limit by twice the run's own window noise
(:func:`window_noise_mps`): a phone's GPS error wandering 5 m over 20 s scatters 20 s
paces by ±10 %, which a 15 % margin alone would call strides; a clean track adds nothing."""
EASY_PACE_RUNS: Final = 10
"""The easy pace is the median of the last 10 runs: about a month of running."""
EASY_PACE_MIN_RUNS: Final = 3
"""Fewer than 3 runs are too few to know an easy pace; the run's own running pace is used."""


@dataclass(frozen=True, slots=True)
class RunFlags:
    """The flags of one run and, for the history, the reason each one was set."""

    hilly: bool
    fast: bool
    reasons: tuple[str, ...] = ()

    @property
    def note(self) -> str:
        return "; ".join(self.reasons)


def easy_pace(recent_paces: Sequence[float | None]) -> float | None:
    """Median pace (s/km) of the most recent runs, newest first; None below the minimum."""
    known = [p for p in recent_paces if p is not None and p > 0][:EASY_PACE_RUNS]
    return median_pace(known) if len(known) >= EASY_PACE_MIN_RUNS else None


def hilly_reason(record: RunRecord) -> str | None:
    """Why the run is hilly (gain per km, a sustained climb, hill efforts), or None."""
    per_km = record.gain_per_km
    if per_km is not None and per_km >= HILLY_GAIN_PER_KM:
        return f"hilly: {record.elevation_gain_m:.0f} m climbed ({per_km:.0f} m/km)"
    grade = record.steepest_grade
    if grade is not None and grade >= HILLY_GRADE:
        return f"hilly: a {grade * 100:.0f} % climb over {CLIMB_SEGMENT_M:.0f} m"
    efforts = record.hill_efforts
    if efforts is not None and efforts >= HILL_EFFORTS:
        return (
            f"hilly: {efforts} short hill efforts (≥ {HILL_EFFORT_GRADE * 100:.0f} % over "
            f"≥ {HILL_EFFORT_MIN_M:.0f} m)"
        )
    return None


def strides(window_paces: Sequence[float], limit: float) -> tuple[int, float]:
    """How many separate 20 s bursts are at ``limit`` pace or quicker, and the quickest."""
    count = 0
    quickest = 0.0
    inside = False
    for pace in window_paces:
        fast = 0 < pace <= limit
        if fast and not inside:
            count += 1
        if fast and (quickest == 0 or pace < quickest):
            quickest = pace
        inside = fast
    return count, quickest


def strides_in(record: RunRecord, limit: float) -> tuple[int, float]:
    """:func:`strides` at ``limit`` pace made quicker by the run's own GPS scatter
    (:data:`STRIDE_NOISE_Z`), so that scatter alone is never a stride."""
    speed = 1000.0 / limit + STRIDE_NOISE_Z * window_noise_mps(record.window_paces)
    return strides(record.window_paces, 1000.0 / speed)


def fast_reason(record: RunRecord, easy: float | None, margin_pct: int) -> str | None:
    """Why the run is fast: a 400 m segment, or strides, quicker than easy pace by the
    margin; or None.

    ``easy`` None (too few runs known yet) compares the run with its own running pace
    (a run-walk's walks left out, so its running is not "fast" against its walks).
    """
    own = record.running_pace_s_km or record.avg_pace_s_km
    reference = easy if easy is not None else own
    if reference is None:
        return None
    limit = reference * (1 - margin_pct / 100)
    against = (
        f"easy pace {pace_label(reference)}"
        if easy is not None
        else f"this run's own pace {pace_label(reference)}"
    )
    fastest = record.fastest_segment_pace_s_km
    if fastest is not None and fastest <= limit:
        return f"fast: {FAST_SEGMENT_M:.0f} m at {pace_label(fastest)} ({against})"
    count, quickest = strides_in(record, limit)
    if count >= STRIDES:
        return (
            f"fast: {count} strides ({STRIDE_WINDOW_S:.0f} s bursts, the quickest at "
            f"{pace_label(quickest)}; {against})"
        )
    return None


def run_flags(record: RunRecord, easy: float | None, margin_pct: int) -> RunFlags:
    """Both flags of a run, with their reasons."""
    hilly = hilly_reason(record)
    fast = fast_reason(record, easy, margin_pct)
    return RunFlags(hilly is not None, fast is not None, tuple(r for r in (hilly, fast) if r))


@dataclass(frozen=True, slots=True)
class ImportedRun:
    """A run read from a file, with its flags, ready to be stored (or merged)."""

    record: RunRecord
    flags: RunFlags
    file_name: str
    sha256: str
