"""Outcome measures (issue 15): symmetry, pain-free running, validation, due, summary."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.measure_timers import SittingStopwatch, TempoCounter
from pht_desktop.domain.measures import (
    SIMILAR_PERCENT,
    Measure,
    MeasureKind,
    RunItem,
    Side,
    checklist_strength_line,
    due_kinds,
    due_sentence,
    limb_symmetry,
    measures_summary_since,
    pain_free_running_s,
    pain_free_runs,
)
from pht_desktop.domain.morning import BaselineChange, BaselineMode, MorningEntry
from pht_desktop.domain.verdicts import LoadDay, Verdict, compute_verdicts

SIT, BRIDGE, VISA = MeasureKind.SITTING, MeasureKind.BRIDGE, MeasureKind.VISA_H
L, R, B = Side.LEFT, Side.RIGHT, Side.BOTH


def d(day: int, month: int = 3) -> date:
    return date(2026, month, day)


def bridge(day: date, left: int, right: int, side: Side = R, tempo: int = 2) -> Measure:
    return Measure(BRIDGE, day, left_reps=left, right_reps=right, painful_side=side, tempo_s=tempo)


# --- limb symmetry ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("left", "right", "painful", "percent", "named", "is_painful"),
    [
        (20, 16, R, 80.0, R, True),  # painful right, weaker: 16/20
        (16, 20, L, 80.0, L, True),
        (20, 22, R, 110.0, R, True),  # the painful side may be the stronger one
        (20, 20, R, 100.0, R, True),
        (12, 15, B, 80.0, L, False),  # both painful: the weaker side is named
        (15, 12, B, 80.0, R, False),
        (10, 10, B, 100.0, L, False),
        (20, 0, R, 0.0, R, True),  # painful side could not do one: 0 %
    ],
)
def test_limb_symmetry_table(
    left: int, right: int, painful: Side, percent: float, named: Side, is_painful: bool
) -> None:
    sym = limb_symmetry(left, right, painful)
    assert sym is not None
    assert sym.percent == pytest.approx(percent)
    assert sym.side is named
    assert sym.painful is is_painful


@pytest.mark.parametrize(("left", "right", "painful"), [(10, 0, L), (0, 10, R), (0, 0, B)])
def test_symmetry_undefined_when_the_other_side_did_nothing(
    left: int, right: int, painful: Side
) -> None:
    assert limb_symmetry(left, right, painful) is None


def test_symmetry_sentence_names_the_painful_side() -> None:
    sym = limb_symmetry(20, 16, R)
    assert sym is not None
    assert sym.sentence() == "Bridge symmetry 80 %: right (painful) 16 reps, left 20 reps."


reps = st.integers(min_value=1, max_value=200)


@given(reps, reps)
def test_both_painful_symmetry_is_at_most_100_and_mirror_symmetric(left: int, right: int) -> None:
    sym = limb_symmetry(left, right, B)
    mirror = limb_symmetry(right, left, B)
    assert sym is not None
    assert mirror is not None
    assert 0 < sym.percent <= 100
    assert sym.percent == pytest.approx(mirror.percent)
    assert sym.percent == pytest.approx(min(left, right) / max(left, right) * 100)


@given(reps, reps, st.sampled_from([L, R]))
def test_swapping_sides_swaps_the_painful_side(left: int, right: int, painful: Side) -> None:
    other = R if painful is L else L
    sym = limb_symmetry(left, right, painful)
    swapped = limb_symmetry(right, left, other)
    assert sym is not None
    assert swapped is not None
    assert sym.percent == pytest.approx(swapped.percent)


@given(reps, reps, st.sampled_from([L, R, B]))
def test_similar_is_the_90_percent_rule_whatever_side_is_painful(
    left: int, right: int, painful: Side
) -> None:
    sym = limb_symmetry(left, right, painful)
    assert sym is not None
    assert sym.similar == (min(left, right) / max(left, right) * 100 >= SIMILAR_PERCENT - 1e-9)


@pytest.mark.parametrize(
    ("left", "right", "similar"), [(20, 18, True), (20, 17, False), (10, 9, True), (9, 10, True)]
)
def test_similar_boundary(left: int, right: int, similar: bool) -> None:
    sym = limb_symmetry(left, right, R)
    assert sym is not None
    assert sym.similar is similar


# --- pain-free running -----------------------------------------------------------------------
def verdicts_for(loads: list[date], mornings: dict[date, int], baseline: int = 3) -> list[Verdict]:
    entries = [MorningEntry(day, pain, "sitting") for day, pain in mornings.items()]
    base = [BaselineChange(d(1), baseline)]
    return compute_verdicts([LoadDay(day) for day in loads], entries, base)


@pytest.mark.parametrize(
    ("runs", "mornings", "expected"),
    [
        # tolerated (next morning 3 ≤ baseline 3): counts
        ([(d(2), 600)], {d(3): 3}, 600),
        # exceeded (4 > 3): does not count
        ([(d(2), 600)], {d(3): 4}, None),
        # unknown (no next morning): never guessed
        ([(d(2), 600)], {}, None),
        # the longest of the tolerated ones, not the longest run
        ([(d(2), 600), (d(4), 1500), (d(6), 900)], {d(3): 2, d(5): 5, d(7): 3}, 900),
        # two runs on one tolerated day: the longer
        ([(d(2), 600), (d(2), 1200)], {d(3): 3}, 1200),
    ],
)
def test_pain_free_running_table(
    runs: list[tuple[date, int]], mornings: dict[date, int], expected: int | None
) -> None:
    items = [RunItem(day, seconds) for day, seconds in runs]
    verdicts = verdicts_for(sorted({day for day, _ in runs}), mornings)
    assert pain_free_running_s(items, verdicts) == expected


def test_pain_during_over_the_ceiling_is_not_pain_free() -> None:
    """R3.8: pain during ≥ 6 is flagged whatever the next morning says."""
    verdicts = verdicts_for([d(2)], {d(3): 2})
    assert pain_free_running_s([RunItem(d(2), 900, pain_during=6)], verdicts) is None
    assert pain_free_running_s([RunItem(d(2), 900, pain_during=5)], verdicts) == 900


def test_pain_free_running_follows_the_baseline_mode() -> None:
    """The verdict engine decides (R3.6): pre-load compares with the load-day morning."""
    entries = [MorningEntry(d(2), 5, "sitting"), MorningEntry(d(3), 4, "sitting")]
    base = [BaselineChange(d(1), 3)]
    fixed = compute_verdicts([LoadDay(d(2))], entries, base, mode=BaselineMode.FIXED)
    pre = compute_verdicts([LoadDay(d(2))], entries, base, mode=BaselineMode.PRE_LOAD)
    run = [RunItem(d(2), 900)]
    assert pain_free_running_s(run, fixed) is None
    assert pain_free_running_s(run, pre) == 900


def test_pain_free_running_window() -> None:
    runs = [RunItem(d(2), 600), RunItem(d(9), 1200)]
    verdicts = verdicts_for([d(2), d(9)], {d(3): 3, d(10): 3})
    assert pain_free_runs(runs, verdicts) == [(d(2), 600), (d(9), 1200)]
    assert pain_free_running_s(runs, verdicts, end=d(8)) == 600
    assert pain_free_running_s(runs, verdicts, start=d(3)) == 1200


@given(
    st.lists(
        st.tuples(st.integers(0, 20), st.integers(1, 7200), st.integers(0, 10)),
        max_size=12,
    ),
    st.dictionaries(st.integers(1, 21), st.integers(0, 10)),
)
def test_pain_free_running_is_a_tolerated_run_and_the_longest(
    raw: list[tuple[int, int, int]], raw_mornings: dict[int, int]
) -> None:
    base = d(1)
    runs = [RunItem(base + timedelta(days=o), s, p) for o, s, p in raw]
    mornings = {base + timedelta(days=o): p for o, p in raw_mornings.items()}
    verdicts = verdicts_for(sorted({r.day for r in runs}), mornings)
    result = pain_free_running_s(runs, verdicts)
    ok = [
        r.seconds
        for r in runs
        if (m := mornings.get(r.day + timedelta(days=1))) is not None
        and m <= 3
        and (r.pain_during or 0) < 6
    ]
    assert result == (max(ok) if ok else None)


BR: dict[str, object] = {
    "kind": BRIDGE,
    "left_reps": 5,
    "right_reps": 5,
    "painful_side": R,
    "tempo_s": 2,
}


# --- validation ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"kind": SIT, "value": 31}, "value"),
        ({"kind": SIT, "value": -1}, "value"),
        ({"kind": SIT, "value": None}, "value"),
        ({"kind": SIT, "value": 20, "reached_cap": True}, "reached_cap"),
        ({"kind": SIT, "value": 20, "left_reps": 3}, "left_reps"),
        ({"kind": VISA, "value": 101}, "value"),
        ({"kind": VISA, "value": 55.5}, "value"),
        ({"kind": VISA, "value": 50, "tempo_s": 2}, "tempo_s"),
        (BR | {"left_reps": 0, "right_reps": 0}, "left_reps"),
        (BR | {"left_reps": 201}, "left_reps"),
        (BR | {"painful_side": "up"}, "painful_side"),
        (BR | {"tempo_s": 9}, "tempo_s"),
        (BR | {"tempo_s": None}, "tempo_s"),
        (BR | {"value": 3}, "value"),
        ({"kind": "pain_free_running", "value": 10}, "kind"),
        ({"kind": "grip", "value": 10}, "kind"),
    ],
)
def test_bad_measures_are_refused_with_the_field(fields: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Measure(day=d(2), **fields)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_good_measures() -> None:
    sit = Measure(SIT, d(2), value=30, reached_cap=True)
    assert sit.value_text() == "30 min (no pain)"
    assert Measure(SIT, d(2), value=12.34).value == 12.3
    assert Measure(SIT, d(2), value=-0.0).value_text() == "0 min"  # never "-0 min"
    assert Measure(VISA, d(2), value=68).value_text() == "68/100"
    assert bridge(d(2), 20, 16).value_text() == ("left 20, right 16 reps at 2 s/rep; symmetry 80 %")
    assert bridge(d(2), 0, 12).value_text() == (
        "left 0, right 12 reps at 2 s/rep; symmetry not available (0 reps on the left)"
    )


def test_a_future_date_is_refused() -> None:
    with pytest.raises(ValidationError, match="future"):
        Measure(SIT, d(3), value=10).not_in_future(d(2))
    assert Measure(SIT, d(2), value=10).not_in_future(d(2)).day == d(2)


# --- due -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("sit_ago", "bridge_ago", "weeks", "due"),
    [
        (None, None, 2, [SIT, BRIDGE]),  # never taken: due
        (13, 13, 2, []),
        (14, 3, 2, [SIT]),  # two weeks to the day: due
        (6, 7, 1, [BRIDGE]),
        (27, 27, 4, []),
        (28, 40, 4, [SIT, BRIDGE]),
    ],
)
def test_due_table(
    sit_ago: int | None, bridge_ago: int | None, weeks: int, due: list[MeasureKind]
) -> None:
    today = d(20)
    latest = {
        kind: today - timedelta(days=ago)
        for kind, ago in ((SIT, sit_ago), (BRIDGE, bridge_ago))
        if ago is not None
    }
    assert due_kinds(latest, today, weeks) == due


@pytest.mark.parametrize("weeks", [0, 5, 2.5, "2"])
def test_reminder_interval_is_1_to_4_weeks(weeks: object) -> None:
    with pytest.raises(ValidationError):
        due_kinds({}, d(20), weeks)  # type: ignore[arg-type]


def test_due_sentence() -> None:
    today = d(20)
    line = due_sentence([SIT, BRIDGE], {SIT: d(5)}, today)
    assert line == (
        "Outcome measures due: sitting tolerance (last 15 days ago), "
        "single-leg bridge (not taken yet). Take them in Measures."
    )
    assert due_sentence([], {}, today) == ""


# --- summary beside the streak and the R2.8 line ---------------------------------------------
def test_summary_since_the_stage_began() -> None:
    measures = [
        Measure(SIT, d(1), value=8),
        Measure(SIT, d(5), value=12),  # in force when stage 2 began on d(6)
        bridge(d(7), 18, 14),  # 77.8 %, the first after the start
        Measure(SIT, d(20), value=25),
        bridge(d(21), 25, 23),  # 92 %
    ]
    assert measures_summary_since(measures, d(6), 2) == (
        "Sitting tolerance 12 → 25 min since stage 2; bridge symmetry 78 % → 92 %."
    )


def test_summary_with_one_reading_running_and_visa() -> None:
    measures = [Measure(VISA, d(3), value=55), Measure(VISA, d(17), value=70)]
    running = [(d(4), 600), (d(18), 1500)]
    assert measures_summary_since(measures, d(1), 5, running) == (
        "Pain-free running 10 → 25 min since stage 5; VISA-H 55 → 70/100."
    )
    assert measures_summary_since([Measure(SIT, d(3), value=30, reached_cap=True)], None, 1) == (
        "Sitting tolerance 30 min since stage 1."
    )
    assert measures_summary_since([], d(1), 2) == ""


def test_checklist_strength_reads_the_latest_bridge() -> None:
    assert checklist_strength_line([])[0] is None
    similar, line = checklist_strength_line([bridge(d(1), 20, 14), bridge(d(15), 20, 19)])
    assert similar is True
    assert line.startswith("Bridge symmetry 95 %")
    similar, line = checklist_strength_line([bridge(d(15), 20, 14), bridge(d(1), 20, 19)])
    assert similar is False
    assert "not yet similar" in line


# --- the timers on a fake clock ------------------------------------------------------------
@given(st.integers(1, 6), st.lists(st.floats(0, 20, allow_nan=False), max_size=30))
def test_tempo_counter_counts_every_beat_however_late_the_ticks(
    tempo: int, steps: list[float]
) -> None:
    clock = FakeClock()
    counter = TempoCounter(clock, tempo)
    counter.start()
    beeps = 0
    for step in steps:
        clock.advance(step)
        beeps += counter.tick()
    assert beeps == counter.reps == int((sum(steps) + 1e-6) // tempo)
    assert counter.stop() == counter.reps


@given(st.lists(st.floats(0, 400, allow_nan=False), max_size=12))
def test_stopwatch_never_passes_the_cap(steps: list[float]) -> None:
    clock = FakeClock()
    watch = SittingStopwatch(clock)
    watch.start()
    for step in steps:
        clock.advance(step)
        watch.tick()
    total = sum(steps)
    assert watch.elapsed_s() == pytest.approx(min(total, 1800.0))
    assert watch.running == (total < 1800 - 1e-6)
    assert watch.minutes() <= 30


def test_a_stopwatch_never_started_reads_zero_and_stopping_it_records_nothing() -> None:
    watch = SittingStopwatch(FakeClock())
    assert (watch.elapsed_s(), watch.running, watch.reached_cap) == (0.0, False, False)
    assert watch.stop() == 0.0
    assert watch.minutes() == 0.0


@pytest.mark.parametrize(
    ("sat_s", "recorded_min", "capped"),
    [
        (754.0, 12.6, False),  # the first pain at 12 min 34 s
        (1799.0, 30.0, False),  # rounds to 30.0 min, but the cap was not reached
        (1800.0, 30.0, True),
        (2500.0, 30.0, True),  # no tick since the cap: stopping still records 30 min
    ],
)
def test_stopping_freezes_the_time_sat_at_most_the_cap(
    sat_s: float, recorded_min: float, capped: bool
) -> None:
    clock = FakeClock()
    watch = SittingStopwatch(clock)
    watch.start()
    clock.advance(sat_s)
    first = watch.stop()
    clock.advance(300)
    assert watch.stop() == first == min(sat_s, 1800.0)  # a second stop changes nothing
    assert (watch.minutes(), watch.reached_cap, watch.running) == (recorded_min, capped, False)


def test_the_tempo_counter_counts_down_to_each_beep_and_freezes_when_stopped() -> None:
    clock = FakeClock()
    counter = TempoCounter(clock, 3)
    assert (counter.tick(), counter.seconds_to_next()) == (0, 0.0)  # not started
    counter.start()
    clock.advance(1)
    assert counter.seconds_to_next() == pytest.approx(2.0)
    clock.advance(2.5)
    assert counter.tick() == 1
    assert counter.seconds_to_next() == pytest.approx(2.5)
    assert counter.stop() == 1
    clock.advance(30)
    assert (counter.tick(), counter.reps, counter.seconds_to_next()) == (0, 1, 0.0)
