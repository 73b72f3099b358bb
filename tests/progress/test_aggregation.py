"""Pure aggregation: days, bouts across midnight, manual sitting, rolling means, summary."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from pht_desktop.domain.morning import BaselineChange, MorningEntry
from pht_desktop.domain.progress import (
    BoutItem,
    LoadItem,
    ProgressSource,
    RangePreset,
    SittingDayItem,
    SittingMorningPair,
    Summary,
    build_progress,
    daily_loads,
    daily_sitting,
    preset_bounds,
    rolling_means,
    sitting_vs_morning,
    split_by_day,
    split_by_sitting,
    summarize,
)
from pht_desktop.domain.verdicts import LoadDay, Outcome, VerdictInputs

D = date(2026, 3, 2)
T = "single_leg_bridge"


def at(day: date, hh: int, mm: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hh, mm, tzinfo=UTC)


@pytest.mark.parametrize(
    ("start", "seconds", "expected"),
    [
        (at(D, 10), 1800, [(D, 1800)]),
        (at(D, 23, 30), 3600, [(D, 1800), (D + timedelta(days=1), 1800)]),
        (at(D, 23), 3600, [(D, 3600)]),  # ends exactly at midnight: all on D
        (at(D, 23), 26 * 3600, [(D, 3600), (D + timedelta(1), 86400), (D + timedelta(2), 3600)]),
    ],
)
def test_split_by_day(start: datetime, seconds: int, expected: list[tuple[date, int]]) -> None:
    assert split_by_day(start, seconds, UTC) == expected


def test_daily_sitting_splits_midnight_and_counts_manual_and_breaks() -> None:
    bouts = [
        BoutItem(at(D, 9), 2400),
        BoutItem(at(D, 10), 3000),
        BoutItem(at(D, 23, 20), 4800, manual=True),  # sofa: 40 min on D, 40 min on D+1
    ]
    stands = [at(D, 9, 40), at(D, 10, 50)]
    prompts = [at(D, 9, 30), at(D, 10, 30), at(D, 10, 35)]
    days = daily_sitting(bouts, prompts, stands, UTC)
    assert [(s.day, s.total_s, s.longest_s, s.manual_s, s.breaks, s.prompts) for s in days] == [
        (D, 2400 + 3000 + 2400, 3000, 2400, 2, 3),
        (D + timedelta(days=1), 2400, 2400, 2400, 0, 0),
    ]


def test_summed_days_from_the_store_add_up_with_raw_bouts() -> None:
    days = daily_sitting(
        [BoutItem(at(D, 23, 30), 3600)],
        tz=UTC,
        summed_days=[SittingDayItem(D, 7200, 3000, 600)],
        prompt_counts=[(D, 4)],
        stand_counts=[(D, 2)],
    )
    assert (days[0].total_s, days[0].longest_s, days[0].manual_s) == (9000, 3000, 600)
    assert (days[0].prompts, days[0].breaks) == (4, 2)
    assert days[1].total_s == 1800


def test_daily_loads_merge_sessions_and_runs() -> None:
    loads = daily_loads(
        [
            LoadItem(D, seconds_held=200, sets=5, max_pain_during=2),
            LoadItem(D, run_seconds=1200, max_pain_during=6),
            LoadItem(D + timedelta(days=1), sets=3),
        ]
    )
    assert [(x.seconds_held, x.sets, x.run_minutes, x.max_pain_during) for x in loads] == [
        (200, 5, 20.0, 6),
        (0, 3, 0.0, None),
    ]
    assert loads[0].over_ceiling
    assert not loads[1].over_ceiling


@pytest.mark.parametrize(
    ("offsets", "values", "expected"),
    [
        ([0, 1, 2], [1, 2, 3], [1.0, 1.5, 2.0]),
        ([0, 6, 7], [7, 0, 1], [7.0, 3.5, 0.5]),  # day 0 leaves the window on day 7
        ([0, 10], [4, 2], [4.0, 2.0]),  # a gap shortens the window, never reaches back
    ],
)
def test_rolling_means(offsets: list[int], values: list[float], expected: list[float]) -> None:
    days = [D + timedelta(days=o) for o in offsets]
    assert rolling_means(days, values, 7) == pytest.approx(expected)


def _source() -> ProgressSource:
    mornings = [MorningEntry(D + timedelta(days=i), p, T) for i, p in enumerate([3, 3, 2, 4, 3])]
    load_days = [D + timedelta(days=i) for i in (0, 1, 2, 4)]
    return ProgressSource(
        verdict_inputs=VerdictInputs(
            load_days=tuple(LoadDay(day) for day in load_days),
            mornings=tuple(mornings),
            baselines=(BaselineChange(D, 3, T),),
        ),
        loads=[LoadItem(day, sets=3) for day in load_days],
        bouts=[BoutItem(at(D + timedelta(days=i), 9), 3600 * (i + 1)) for i in range(4)],
    )


def test_build_uses_the_verdict_rule_and_summary_counts() -> None:
    data = build_progress(_source(), UTC)
    assert [v.outcome for v in data.verdicts] == [
        Outcome.TOLERATED,  # next morning 3 <= 3
        Outcome.TOLERATED,  # 2
        Outcome.EXCEEDED,  # 4 > 3
        Outcome.UNKNOWN,  # no morning after the last day
    ]
    summary = summarize(data, D, D + timedelta(days=4))
    assert (summary.load_days, summary.tolerated, summary.exceeded, summary.unknown) == (4, 2, 1, 1)
    assert summary.tolerated_percent == pytest.approx(200 / 3)
    assert summary.streak == 0  # the exceeded day ends it; the unknown one is skipped
    assert summary.first_week_mean == pytest.approx(3.0)  # Mon-Fri of one week
    assert "4 load days" in summary.sentence()


def test_sitting_vs_next_morning_pairs_with_rolling_mean() -> None:
    pairs = sitting_vs_morning(build_progress(_source(), UTC))
    assert [(p.day, p.total_s, p.delta) for p in pairs] == [
        (D, 3600, 0),
        (D + timedelta(days=1), 7200, -1),
        (D + timedelta(days=2), 10800, 1),
        (D + timedelta(days=3), 14400, 0),
    ]
    assert [p.rolling_delta for p in pairs] == pytest.approx([0.0, -0.5, 0.0, 0.0])


def test_slices_and_presets() -> None:
    data = build_progress(_source(), UTC)
    part = data.between(D + timedelta(days=1), D + timedelta(days=2))
    assert [e.day for e in part.mornings] == [D + timedelta(days=1), D + timedelta(days=2)]
    assert preset_bounds(RangePreset.TWO_WEEKS, D, None) == (D - timedelta(days=13), D)
    assert preset_bounds(RangePreset.ALL, D + timedelta(days=9), data.first_day) == (
        D,
        D + timedelta(days=9),
    )
    assert data.first_day == D


def test_empty_history() -> None:
    data = build_progress(ProgressSource(), UTC)
    assert data.is_empty
    assert data.first_day is None
    assert summarize(data, D, D).sentence() == "Nothing recorded in this range."


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        (
            Summary(4, 2, 1, 1, 3.0, 2.0, 0),
            "4 load days: 2 tolerated, 1 exceeded, 1 unknown. Morning pain went from "
            "3.0/10 in the first week to 2.0/10 in the last.",
        ),
        (
            Summary(1, 1, 0, 0, 2.0, 2.0, 1),
            "1 load day: 1 tolerated. Morning pain averaged 2.0/10.",
        ),
        (Summary(3, 0, 0, 3, None, None, 0), "3 load days, none with a verdict yet."),
        (
            Summary(0, 0, 0, 0, 4.0, 3.0, 0),
            "No load days in this range. Morning pain went from 4.0/10 in the first week "
            "to 3.0/10 in the last.",
        ),
        (
            Summary(5, 5, 0, 0, None, None, 5),
            "5 load days: 5 tolerated. The last 5 load days were all tolerated.",
        ),
    ],
)
def test_summary_sentence_is_plain_and_hides_zero_figures(summary: Summary, expected: str) -> None:
    assert summary.sentence() == expected


def test_split_by_sitting_means_next_mornings_after_long_and_short_days() -> None:
    def pair(hours: float, pain: int) -> SittingMorningPair:
        return SittingMorningPair(D, 3600, int(hours * 3600), pain, 3, 0.0)

    split = split_by_sitting([pair(7, 4), pair(8, 3), pair(2, 2), pair(6, 1)])
    assert (split.long_days, split.long_mean) == (2, 3.5)
    assert (split.short_days, split.short_mean) == (2, 1.5)  # exactly 6 h is not "over"
    empty = split_by_sitting([])
    assert (empty.long_mean, empty.short_mean) == (None, None)
