"""The 24-hour response rule (R3.1, R3.2, R3.6, R3.7, R3.8, R3.9)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pht_desktop.domain.clock import SystemClock
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.morning import BaselineChange, BaselineMode, MorningEntry, TestChange
from pht_desktop.domain.verdicts import (
    REASON_NO_BASELINE,
    REASON_NO_MORNING,
    REASON_NO_PRE_LOAD,
    LoadDay,
    Outcome,
    Verdict,
    compute_verdict,
    compute_verdicts,
    local_date,
    week_rose,
    week_start,
    weekly_means,
)

FIXED = BaselineMode.FIXED
PRE = BaselineMode.PRE_LOAD
T, E, U = Outcome.TOLERATED, Outcome.EXCEEDED, Outcome.UNKNOWN
LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")
BERLIN = ZoneInfo("Europe/Berlin")


def d(day: int, month: int = 3) -> date:
    return date(2026, month, day)  # 2026-03-02 is a Monday


def m(day: int, pain: int, test: str = "sitting") -> MorningEntry:
    return MorningEntry(d(day), pain, test)


BASE3 = [BaselineChange(d(1, 2), 3, "sitting")]


# --- R3.2 / R3.6: the table -------------------------------------------------------------


@pytest.mark.parametrize(
    ("mode", "entries", "baselines", "expected", "pain", "reference", "reason"),
    [
        pytest.param(FIXED, [m(4, 2)], BASE3, T, 2, 3, None, id="fixed-below-baseline"),
        pytest.param(FIXED, [m(4, 3)], BASE3, T, 3, 3, None, id="fixed-at-baseline"),
        pytest.param(FIXED, [m(4, 4)], BASE3, E, 4, 3, None, id="fixed-above-baseline"),
        pytest.param(FIXED, [m(3, 1)], BASE3, U, None, 3, REASON_NO_MORNING, id="fixed-missing"),
        pytest.param(FIXED, [m(5, 1)], BASE3, U, None, 3, REASON_NO_MORNING, id="fixed-day-after"),
        pytest.param(FIXED, [m(4, 2)], [], U, 2, None, REASON_NO_BASELINE, id="fixed-no-baseline"),
        pytest.param(
            FIXED,
            [m(4, 2)],
            [BaselineChange(d(5), 3)],
            U,
            2,
            None,
            REASON_NO_BASELINE,
            id="fixed-baseline-only-later",
        ),
        pytest.param(PRE, [m(3, 4), m(4, 3)], [], T, 3, 4, None, id="pre-load-below"),
        pytest.param(PRE, [m(3, 4), m(4, 4)], [], T, 4, 4, None, id="pre-load-at"),
        pytest.param(PRE, [m(3, 4), m(4, 5)], BASE3, E, 5, 4, None, id="pre-load-above"),
        pytest.param(PRE, [m(3, 1)], BASE3, U, None, 1, REASON_NO_MORNING, id="pre-load-no-next"),
        pytest.param(PRE, [m(4, 1)], BASE3, U, 1, None, REASON_NO_PRE_LOAD, id="pre-load-none"),
    ],
)
def test_r3_2_r3_6_verdict_table(
    mode: BaselineMode,
    entries: list[MorningEntry],
    baselines: list[BaselineChange],
    expected: Outcome,
    pain: int | None,
    reference: int | None,
    reason: str | None,
) -> None:
    verdict = compute_verdict(LoadDay(d(3)), entries, baselines, mode=mode)
    assert verdict.outcome is expected
    assert verdict.next_morning_pain == pain
    assert verdict.reference == reference
    assert verdict.reason == reason
    assert verdict.mode is mode
    assert verdict.next_morning == d(4)


def test_r3_6_switching_mode_recomputes_from_the_same_data() -> None:
    entries = [m(3, 1), m(4, 2)]
    before = list(entries)
    fixed = compute_verdict(LoadDay(d(3)), entries, BASE3, mode=FIXED)
    pre = compute_verdict(LoadDay(d(3)), entries, BASE3, mode=PRE)
    assert (fixed.outcome, fixed.reference) == (T, 3)  # 2 <= baseline 3
    assert (pre.outcome, pre.reference) == (E, 1)  # 2 > pre-load 1
    assert entries == before


def test_r3_2_consecutive_load_days_each_use_their_own_next_morning() -> None:
    entries = [m(2, 3), m(3, 2), m(4, 4), m(5, 3)]
    days = [LoadDay(d(4)), LoadDay(d(2)), LoadDay(d(3)), LoadDay(d(5))]
    fixed = compute_verdicts(days, entries, BASE3)
    assert [v.day for v in fixed] == [d(2), d(3), d(4), d(5)]  # oldest first
    assert [(v.outcome, v.next_morning_pain) for v in fixed] == [(T, 2), (E, 4), (T, 3), (U, None)]
    pre = compute_verdicts(days, entries, BASE3, mode=PRE)
    # The morning of 3-03 is the next morning of 3-02 and the pre-load morning of 3-03.
    assert [(v.outcome, v.reference) for v in pre] == [(T, 3), (E, 2), (T, 4), (U, 3)]


@pytest.mark.parametrize(
    ("change_day", "expected", "reference"),
    [
        pytest.param(3, T, 5, id="changed-on-load-day"),
        pytest.param(4, T, 5, id="changed-on-next-morning"),  # R3.1: in force that morning
        pytest.param(5, E, 3, id="changed-after-next-morning"),
    ],
)
def test_r3_1_baseline_changed_between_load_day_and_next_morning(
    change_day: int, expected: Outcome, reference: int
) -> None:
    baselines = [*BASE3, BaselineChange(d(change_day), 5, "sitting")]
    verdict = compute_verdict(LoadDay(d(3)), [m(3, 4), m(4, 4)], baselines)
    assert (verdict.outcome, verdict.reference) == (expected, reference)


# --- R3.7: never compare two tests ------------------------------------------------------


def test_r3_7_pre_load_test_changed_between_mornings_is_unknown() -> None:
    verdict = compute_verdict(LoadDay(d(3)), [m(3, 4), m(4, 1, "bridge")], mode=PRE)
    assert verdict.outcome is U
    assert verdict.reason is not None
    assert "test changed" in verdict.reason
    assert verdict.next_morning_pain == 1


def test_r3_7_fixed_next_morning_on_another_test_than_the_baseline_is_unknown() -> None:
    tests = [TestChange(d(1, 2), "sitting"), TestChange(d(4), "bridge")]
    baselines = [BaselineChange(d(1, 2), 3)]  # test taken from the test in force then
    entries = [m(3, 2), m(4, 2, "bridge")]
    verdict = compute_verdict(LoadDay(d(3)), entries, baselines, tests)
    assert verdict.outcome is U
    assert verdict.reason is not None
    assert "test changed" in verdict.reason
    # In the user's words, with what to do next (found in review).
    assert "pain sitting on a firm chair" in verdict.reason
    assert "'sitting'" not in verdict.reason
    assert "set a baseline for the new test" in verdict.reason
    # A new baseline set on the new test makes the verdict known again.
    rebased = [*baselines, BaselineChange(d(4), 2)]
    assert compute_verdict(LoadDay(d(3)), entries, rebased, tests).outcome is T


def test_r3_7_fixed_baseline_test_field_wins_over_history() -> None:
    entries = [m(4, 2, "bridge")]
    assert compute_verdict(LoadDay(d(3)), entries, BASE3).outcome is U  # baseline on sitting
    bridge = [BaselineChange(d(1, 2), 3, "bridge")]
    assert compute_verdict(LoadDay(d(3)), entries, bridge).outcome is T


def test_r3_7_fixed_without_any_test_record_compares_the_reading() -> None:
    verdict = compute_verdict(LoadDay(d(3)), [m(4, 5, "bridge")], [BaselineChange(d(1), 3)])
    assert verdict.outcome is E


# --- recomputation, refusals ------------------------------------------------------------


def test_r3_2_entry_edited_afterwards_gives_a_new_verdict() -> None:
    entries = [m(4, 2)]
    assert compute_verdict(LoadDay(d(3)), entries, BASE3).outcome is T
    entries[0] = m(4, 6)  # the user corrected this morning's figure
    again = compute_verdict(LoadDay(d(3)), entries, BASE3)
    assert (again.outcome, again.next_morning_pain) == (E, 6)
    entries.clear()
    assert compute_verdict(LoadDay(d(3)), entries, BASE3).outcome is U


def test_r3_2_two_load_days_on_one_date_are_refused() -> None:
    with pytest.raises(ValidationError, match="Two load days"):
        compute_verdicts([LoadDay(d(3)), LoadDay(d(3), 2)], [], BASE3)


def test_r3_4_two_entries_on_one_date_are_refused() -> None:
    with pytest.raises(ValidationError):
        compute_verdicts([LoadDay(d(3))], [m(4, 1), m(4, 2)], BASE3)


@pytest.mark.parametrize("bad", [11, -1, 2.5])
def test_r3_3_pain_during_is_validated(bad: object) -> None:
    with pytest.raises(ValidationError):
        LoadDay(d(3), bad)  # type: ignore[arg-type]


# --- R3.8 / R3.9 flags ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("during", "entries", "flag"),
    [
        (None, [m(4, 1)], False),
        (5, [m(4, 1)], False),
        (6, [m(4, 1)], True),  # flagged although tolerated
        (9, [], True),  # flagged although unknown
    ],
)
def test_r3_8_pain_during_at_or_over_six_is_flagged(
    during: int | None, entries: list[MorningEntry], flag: bool
) -> None:
    verdict = compute_verdict(LoadDay(d(3), during), entries, BASE3)
    assert verdict.pain_during_over_ceiling is flag


def test_r3_9_weekly_means_by_monday_week() -> None:
    entries = [m(1, 4), m(2, 1), m(3, 2), m(8, 3), m(9, 5)]
    assert weekly_means(entries) == [(d(23, 2), 4.0), (d(2), 2.0), (d(9), 5.0)]
    assert week_start(d(8)) == d(2)  # Sunday belongs to the week starting Monday 2nd
    assert weekly_means([]) == []


@pytest.mark.parametrize(
    ("this_week", "last_week", "rose"),
    [
        ([3, 3], [2, 3], True),
        ([2, 3], [2, 3], False),  # equal mean: not higher
        ([1], [2, 3], False),
        ([4], [], False),  # nothing to compare with
    ],
)
def test_r3_9_week_rose_when_mean_is_higher_than_last_week(
    this_week: list[int], last_week: list[int], rose: bool
) -> None:
    entries = [m(2 + i, p) for i, p in enumerate(last_week)]
    entries += [m(9 + i, p) for i, p in enumerate(this_week)]
    assert week_rose(entries, d(12)) is rose


def test_r3_9_r3_7_week_rose_never_compares_two_tests() -> None:
    entries = [m(2, 1), m(9, 5, "bridge")]
    assert week_rose(entries, d(9)) is False


def test_r3_9_verdict_week_flag_uses_the_week_as_known_next_morning() -> None:
    entries = [m(2, 2), m(3, 2), m(9, 2), m(10, 2), m(13, 9)]
    verdict = compute_verdict(LoadDay(d(9)), entries, BASE3)
    assert verdict.week_rose is False  # the 9 on Friday 13th came after the verdict
    assert week_rose(entries, d(9)) is True  # the Today pane sees the whole week
    assert compute_verdict(LoadDay(d(12)), entries, BASE3).week_rose is True


# --- local dates: DST and travel --------------------------------------------------------


def test_r3_2_local_date_refuses_naive_times() -> None:
    with pytest.raises(ValidationError):
        local_date(datetime(2026, 3, 2, 23, 30), UTC)


@pytest.mark.parametrize(
    ("session", "tz", "expected"),
    [
        # London springs forward at 01:00 on 29 March 2026: the night is an hour short.
        pytest.param(datetime(2026, 3, 28, 23, 30, tzinfo=LONDON), LONDON, d(28), id="ldn-spring"),
        # 00:30 BST on 30 March is still 29 March in UTC; the local date is the 30th.
        pytest.param(datetime(2026, 3, 30, 0, 30, tzinfo=LONDON), LONDON, d(30), id="ldn-after"),
        # London falls back at 02:00 on 25 October; 23:30 the evening before.
        pytest.param(
            datetime(2026, 10, 24, 23, 30, tzinfo=LONDON), LONDON, d(24, 10), id="ldn-fall"
        ),
        # New York springs forward at 02:00 on 8 March; 23:30 EST is 04:30 UTC on the 8th.
        pytest.param(
            datetime(2026, 3, 7, 23, 30, tzinfo=NEW_YORK), NEW_YORK, d(7), id="nyc-spring"
        ),
        # The same instant given in UTC is bucketed by the zone asked for.
        pytest.param(datetime(2026, 3, 8, 4, 30, tzinfo=UTC), NEW_YORK, d(7), id="utc-in"),
    ],
)
def test_r3_2_dst_session_at_2330_belongs_to_its_local_date(
    session: datetime, tz: ZoneInfo, expected: date
) -> None:
    assert local_date(session, tz) == expected


@pytest.mark.parametrize(
    ("session", "morning", "tz"),
    [
        (datetime(2026, 3, 28, 23, 30), datetime(2026, 3, 29, 7, 0), LONDON),
        (datetime(2026, 10, 24, 23, 30), datetime(2026, 10, 25, 7, 0), LONDON),
        (datetime(2026, 3, 7, 23, 30), datetime(2026, 3, 8, 7, 0), NEW_YORK),
        (datetime(2026, 10, 31, 23, 30), datetime(2026, 11, 1, 7, 0), NEW_YORK),
    ],
)
def test_r3_2_dst_night_next_morning_is_found(
    session: datetime, morning: datetime, tz: ZoneInfo
) -> None:
    session_at, morning_at = session.replace(tzinfo=tz), morning.replace(tzinfo=tz)
    elapsed = morning_at.astimezone(UTC) - session_at.astimezone(UTC)
    hours = elapsed.total_seconds() / 3600
    assert hours in (6.5, 8.5)  # the clocks really changed in between
    load = LoadDay(local_date(session_at, tz))
    entry = MorningEntry(local_date(morning_at, tz), 2, "sitting")
    verdict = compute_verdict(load, [entry], [BaselineChange(date(2026, 1, 1), 3)])
    assert (verdict.outcome, verdict.next_morning_pain) == (T, 2)


def test_r3_2_timezone_change_uses_local_dates_as_recorded() -> None:
    """Session in Berlin at 23:30, morning entry after flying to New York."""
    session = datetime(2026, 3, 10, 23, 30, tzinfo=BERLIN)
    morning = datetime(2026, 3, 11, 7, 0, tzinfo=NEW_YORK)
    load = LoadDay(local_date(session, BERLIN))
    entry = MorningEntry(local_date(morning, NEW_YORK), 4, "sitting")
    assert (load.day, entry.day) == (d(10), d(11))
    verdict = compute_verdict(load, [entry], BASE3)
    assert (verdict.outcome, verdict.next_morning_pain, verdict.reference) == (E, 4, 3)
    # An evening session logged in New York is that evening's date, although it is
    # already the next day in Berlin: the zone recorded decides.
    evening = datetime(2026, 3, 10, 20, 30, tzinfo=NEW_YORK)
    assert local_date(evening, NEW_YORK) == d(10)
    assert local_date(evening, BERLIN) == d(11)


@pytest.fixture
def system_tz() -> Iterator[Callable[[str], None]]:
    """Set the process time zone (TZ) for a test and restore it afterwards."""
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is POSIX only")
    saved = os.environ.get("TZ")

    def set_tz(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield set_tz
    if saved is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = saved
    time.tzset()


@pytest.mark.parametrize(
    ("zone", "wall", "expected"),
    [
        ("Europe/London", datetime(2026, 3, 30, 0, 30), d(30)),  # first BST night
        ("America/New_York", datetime(2026, 3, 7, 23, 30), d(7)),  # night DST starts
    ],
)
def test_r3_2_the_real_clock_gives_the_system_zone_by_name_over_dst(
    system_tz: Callable[[str], None], zone: str, wall: datetime, expected: date
) -> None:
    """The real clock under ``TZ=``: an IANA zone, not today's fixed offset, so an instant
    in the other half of the year gets its own offset (issue 17)."""
    system_tz(zone)
    clock = SystemClock()
    assert clock.zone() == ZoneInfo(zone)
    assert clock.now().tzinfo == ZoneInfo(zone)
    as_utc = wall.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)
    assert as_utc.date() != expected  # bucketing by UTC would be wrong
    assert local_date(as_utc, clock.zone()) == expected


# --- properties -------------------------------------------------------------------------

START = date(2026, 1, 5)
TESTS = st.sampled_from(["sitting", "bridge"])


def _entries(offsets: dict[int, tuple[int, str]]) -> list[MorningEntry]:
    return [MorningEntry(START + timedelta(days=k), p, t) for k, (p, t) in offsets.items()]


entry_maps = st.dictionaries(st.integers(0, 40), st.tuples(st.integers(0, 10), TESTS))
baseline_lists = st.lists(
    st.builds(
        lambda k, p, t: BaselineChange(START + timedelta(days=k), p, t),
        st.integers(-5, 45),
        st.integers(0, 10),
        st.none() | TESTS,
    ),
    max_size=4,
)
test_lists = st.lists(
    st.builds(lambda k, t: TestChange(START + timedelta(days=k), t), st.integers(-5, 45), TESTS),
    max_size=3,
)


@settings(database=None, deadline=None)
@given(
    entries=entry_maps,
    later=entry_maps,
    load_offset=st.integers(0, 40),
    during=st.none() | st.integers(0, 10),
    baselines=baseline_lists,
    later_baselines=baseline_lists,
    tests=test_lists,
    later_tests=test_lists,
    mode=st.sampled_from(BaselineMode),
)
def test_r3_2_property_verdict_ignores_anything_after_the_next_morning(
    entries: dict[int, tuple[int, str]],
    later: dict[int, tuple[int, str]],
    load_offset: int,
    during: int | None,
    baselines: list[BaselineChange],
    later_baselines: list[BaselineChange],
    tests: list[TestChange],
    later_tests: list[TestChange],
    mode: BaselineMode,
) -> None:
    load = LoadDay(START + timedelta(days=load_offset), during, "dose")
    next_morning = load.day + timedelta(days=1)
    before = compute_verdict(load, _entries(entries), baselines, tests, mode)
    shifted = {k + load_offset + 2: v for k, v in later.items()}
    extra = {k: v for k, v in shifted.items() if k not in entries}
    after = compute_verdict(
        load,
        _entries({**entries, **extra}),
        baselines + [b for b in later_baselines if b.effective_date > next_morning],
        tests + [t for t in later_tests if t.effective_date > next_morning],
        mode,
    )
    assert after == before  # the whole verdict, flags included


def _core(verdict: Verdict) -> tuple[object, ...]:
    return (verdict.outcome, verdict.next_morning_pain, verdict.reference, verdict.reason)


@settings(database=None, deadline=None)
@given(
    entries=entry_maps,
    load_offsets=st.sets(st.integers(0, 40)),
    new_offset=st.integers(0, 41),
    new_entry=st.tuples(st.integers(0, 10), TESTS),
    baseline=st.integers(0, 10),
)
def test_r3_1_property_fixed_new_entry_on_d_changes_only_load_day_d_minus_1(
    entries: dict[int, tuple[int, str]],
    load_offsets: set[int],
    new_offset: int,
    new_entry: tuple[int, str],
    baseline: int,
) -> None:
    """The week flag (R3.9) is a week-level note and may move; the verdict itself may not."""
    hand_set = [BaselineChange(START - timedelta(days=10), baseline, "sitting")]
    loads = [LoadDay(START + timedelta(days=k)) for k in load_offsets]
    before = compute_verdicts(loads, _entries(entries), hand_set)
    grown = {**entries, new_offset: new_entry} if new_offset not in entries else entries
    after = compute_verdicts(loads, _entries(grown), hand_set)
    new_day = START + timedelta(days=new_offset)
    for old, new in zip(before, after, strict=True):
        if old.day != new_day - timedelta(days=1):
            assert _core(new) == _core(old)
        assert new.pain_during_over_ceiling == old.pain_during_over_ceiling
