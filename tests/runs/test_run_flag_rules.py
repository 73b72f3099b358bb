"""The hilly and fast rules against runs built to sit on either side of them (issue 14
review F5, F7, F9, F11): GPS height noise, sustained grades, gain-per-km edges, strides
and short hill efforts, and what is not a run at all."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from pht_desktop.domain import run_files
from pht_desktop.domain.run_files import NotARunError, RunRecord, parse_run_file
from pht_desktop.domain.run_flags import run_flags
from tests.runs import runfiles as rf

LONDON = ZoneInfo("Europe/London")
MORNING = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def read(name: str, data: bytes) -> RunRecord:
    return parse_run_file(name, data, LONDON)


def gpx(route: Sequence[rf.Point], sport: str | None = "running") -> RunRecord:
    return read("run.gpx", rf.gpx_bytes(route, sport))


# --- F11: GPS height noise is not climbing ----------------------------------------------------
NOISY_FLAT: list[tuple[str, Callable[[], list[rf.Point]]]] = [
    ("wandering ±3 m (AR 0.98)", lambda: rf.with_gps_heights(rf.flat_easy(MORNING), 3.0)),
    ("quick ±3 m (AR 0.9)", lambda: rf.with_gps_heights(rf.flat_easy(MORNING), 3.0, 0.9)),
    ("jitter ±5 m", lambda: rf.with_jittery_heights(rf.flat_easy(MORNING), 5.0)),
    ("jitter ±3 m", lambda: rf.with_jittery_heights(rf.flat_easy(MORNING), 3.0)),
]


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize(("label", "route"), NOISY_FLAT, ids=[n[0] for n in NOISY_FLAT])
def test_a_flat_run_with_gps_height_noise_is_not_hilly(
    label: str, route: Callable[[], list[rf.Point]], seed: int
) -> None:
    points = route()
    if seed != 1:  # the same noise with other draws
        points = (
            rf.with_gps_heights(rf.flat_easy(MORNING), 3.0, seed=seed)
            if "AR" in label
            else rf.with_jittery_heights(rf.flat_easy(MORNING), 5.0, seed=seed)
        )
    record = gpx(points)
    flags = run_flags(record, 360.0, 15)
    assert not flags.hilly, flags.note
    assert record.gain_per_km is not None
    assert record.gain_per_km < 8
    assert record.hill_efforts is None  # noisy heights: short efforts are not guessed at


@pytest.mark.parametrize("sigma", [3.0, 5.0])
def test_the_hilly_run_with_gps_height_noise_is_still_hilly(sigma: float) -> None:
    record = gpx(rf.with_gps_heights(rf.hilly(MORNING), sigma))
    flags = run_flags(record, 380.0, 15)
    assert flags.hilly
    assert record.elevation_gain_m == pytest.approx(144, rel=0.25)


def test_a_fit_session_total_ascent_wins_over_noisy_heights() -> None:
    noisy = rf.with_gps_heights(rf.flat_easy(MORNING), 5.0, 0.9)
    record = read("run.fit", rf.fit_bytes(noisy, total_ascent=12))
    assert record.elevation_gain_m == 12
    assert not run_flags(record, 360.0, 15).hilly


# --- F7: the sustained grade and gain-per-km edges ----------------------------------------------
@pytest.mark.parametrize("fmt", ["gpx", "fit"])
def test_one_400_m_climb_at_6_percent_in_a_flat_10_km_is_hilly_by_its_grade(fmt: str) -> None:
    route = rf.one_climb(MORNING, 0.06)
    data = rf.gpx_bytes(route) if fmt == "gpx" else rf.fit_bytes(route)
    record = read(f"climb.{fmt}", data)
    assert record.gain_per_km is not None
    assert record.gain_per_km < 5  # not hilly by gain: only the grade can make it so
    flags = run_flags(record, 360.0, 15)
    assert flags.hilly
    assert "6 % climb over 300 m" in flags.note


def test_the_same_climb_at_4_percent_is_not_hilly() -> None:
    record = gpx(rf.one_climb(MORNING, 0.04))
    assert record.steepest_grade == pytest.approx(0.04, abs=0.003)
    assert not run_flags(record, 360.0, 15).hilly


@pytest.mark.parametrize(("per_km", "hilly"), [(9.0, False), (11.0, True)])
def test_gain_per_km_either_side_of_10(per_km: float, hilly: bool) -> None:
    record = gpx(rf.rolling(MORNING, per_km))
    assert record.gain_per_km == pytest.approx(per_km, rel=0.05)
    assert record.steepest_grade is not None
    assert record.steepest_grade < 0.05  # never steep: only the gain decides
    flags = run_flags(record, 360.0, 15)
    assert flags.hilly is hilly
    assert ("m climbed" in flags.note) is hilly


# --- F9: what the plan's last stage-5 rungs ask for ---------------------------------------------
@pytest.mark.parametrize("easy", [360.0, None])
def test_four_strides_after_an_easy_run_make_it_fast(easy: float | None) -> None:
    record = read("strides.fit", rf.fit_bytes(rf.strides(MORNING)))
    assert record.fastest_segment_pace_s_km is not None
    assert record.fastest_segment_pace_s_km > 0.85 * 360  # the 400 m rule alone misses them
    flags = run_flags(record, easy, 15)
    assert flags.fast
    assert "4 strides" in flags.note
    assert not flags.hilly


def test_two_bursts_are_not_strides() -> None:
    legs = [rf.Leg(25 * 60, rf.pace(6))] + [rf.Leg(20, rf.pace(4)), rf.Leg(60, rf.pace(6))] * 2
    record = read("two.fit", rf.fit_bytes(rf.points(MORNING, legs)))
    assert not run_flags(record, 360.0, 15).fast


def test_four_short_hill_efforts_make_it_hilly() -> None:
    record = read("hills.fit", rf.fit_bytes(rf.hill_repeats(MORNING)))
    assert record.gain_per_km is not None
    assert record.gain_per_km < 10
    assert record.steepest_grade is not None
    assert record.steepest_grade < 0.05  # neither older rule sees them
    assert record.hill_efforts == 4
    flags = run_flags(record, 360.0, 15)
    assert flags.hilly
    assert "4 short hill efforts" in flags.note


def test_two_short_climbs_are_not_hill_efforts() -> None:
    up = 40 * rf.pace(7)
    legs = [rf.Leg(20 * 60, rf.pace(6))]
    legs += [rf.Leg(40, rf.pace(7), 0.06), rf.Leg(60, up / 60, -0.06)] * 2
    record = read("two.fit", rf.fit_bytes(rf.points(MORNING, legs)))
    assert record.hill_efforts == 2
    assert not run_flags(record, 360.0, 15).hilly


def test_a_run_walk_is_not_fast_against_its_own_walks() -> None:
    legs = [rf.Leg(120, rf.pace(6)), rf.Leg(60, 1.4)] * 8
    record = gpx(rf.points(MORNING, legs))
    assert record.run_walk
    assert record.running_pace_s_km == pytest.approx(360, rel=0.03)
    assert not run_flags(record, None, 15).fast


# --- F5: what is not a run ----------------------------------------------------------------------
def test_a_tcx_walk_filed_as_other_is_skipped() -> None:
    with pytest.raises(NotARunError, match="walk"):
        read("walk.tcx", rf.tcx_bytes(rf.walk(MORNING), "Other"))


def test_a_tcx_run_filed_as_other_is_a_run() -> None:
    assert read("run.tcx", rf.tcx_bytes(rf.flat_easy(MORNING), "Other")).sport == "running"


def test_an_untyped_track_at_20_kmh_is_a_ride() -> None:
    with pytest.raises(NotARunError, match="ride"):
        gpx(rf.points(MORNING, [rf.Leg(1800, 5.5)]), sport=None)


@pytest.mark.parametrize("fmt", ["gpx", "fit"])
def test_a_file_saying_running_at_29_kmh_is_refused_as_a_ride(fmt: str) -> None:
    route = rf.points(MORNING, [rf.Leg(1800, 8.0)])
    data = rf.gpx_bytes(route) if fmt == "gpx" else rf.fit_bytes(route)
    with pytest.raises(NotARunError, match="too fast for a run"):
        read(f"fast.{fmt}", data)


def test_a_file_saying_running_at_walking_pace_throughout_is_a_walk() -> None:
    with pytest.raises(NotARunError, match="walk"):
        gpx(rf.walk(MORNING, speed_mps=1.5))


def test_an_early_run_walk_slower_than_a_walk_on_average_is_still_a_run_walk() -> None:
    # R2.8's first rungs: run 1 min / walk 2 min averages under 1.8 m/s and is a run.
    legs = [rf.Leg(60, 2.6), rf.Leg(120, 1.3)] * 7
    record = gpx(rf.points(MORNING, legs))
    assert record.distance_m is not None
    assert record.distance_m / record.moving_s < run_files.WALK_AVG_SPEED_MPS
    assert record.run_walk


def test_a_brisk_walk_that_passes_as_a_slow_run_is_never_continuous() -> None:
    record = gpx(rf.walk(MORNING, speed_mps=1.9))
    assert record.run_walk  # F8: all walking is not a continuous run
