"""Morning values, baselines and the test lock (R3.1, R3.3, R3.4, R3.7)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.morning import (
    BaselineChange,
    BaselineMode,
    MorningEntry,
    MorningTest,
    TestChange,
    baseline_in_force,
    derive_baseline,
    entries_by_day,
    morning_test_in_force,
)


def d(day: int, month: int = 3) -> date:
    return date(2026, month, day)


def mornings(*pains: int, test: str = "sitting", first: int = 2) -> list[MorningEntry]:
    return [MorningEntry(d(first + i), p, test) for i, p in enumerate(pains)]


@pytest.mark.parametrize(
    ("pains", "n", "expected"),
    [
        ((1, 5, 3), 3, 3),  # odd: the middle value
        ((4, 0, 4), 3, 4),
        ((2, 3), 2, 3),  # 2.5 rounds half up
        ((1, 2), 2, 2),  # 1.5 rounds half up (not banker's 2... nor down to 1)
        ((2, 4, 3, 3), 4, 3),
        ((0, 1, 2, 5), 4, 2),  # (1 + 2) / 2 = 1.5 -> 2
        ((7,), 1, 7),
        ((1, 1, 1, 9, 9, 9), 3, 1),  # only the first n mornings count
    ],
)
def test_r3_1_derive_baseline_is_median_rounded_half_up(
    pains: tuple[int, ...], n: int, expected: int
) -> None:
    baseline = derive_baseline(mornings(*pains), n=n)
    assert baseline.pain == expected
    assert baseline.effective_date == d(2 + n - 1)  # in force from the last morning used
    assert baseline.test == "sitting"


def test_r3_1_derive_baseline_default_uses_first_three_mornings_in_date_order() -> None:
    entries = mornings(6, 0, 1, 2, 9)
    shuffled = [entries[4], entries[2], entries[0], entries[3], entries[1]]
    baseline = derive_baseline(shuffled)
    assert (baseline.pain, baseline.effective_date) == (1, d(4))


def test_r3_1_derive_baseline_needs_enough_mornings() -> None:
    with pytest.raises(ValidationError, match="needs 3 mornings") as caught:
        derive_baseline(mornings(2, 3))
    assert caught.value.field == "baseline"


def test_r3_7_derive_baseline_refuses_mixed_tests_but_can_filter_one() -> None:
    entries = [*mornings(2, 3, test="sitting"), *mornings(5, 6, 7, test="bridge", first=10)]
    with pytest.raises(ValidationError, match="one test"):
        derive_baseline(entries)
    bridge = derive_baseline(entries, test="bridge")
    assert (bridge.pain, bridge.test, bridge.effective_date) == (6, "bridge", d(12))


@pytest.mark.parametrize("n", [0, -1, 31, 2.5, True])
def test_r3_1_derive_baseline_rejects_bad_n(n: object) -> None:
    with pytest.raises(ValidationError):
        derive_baseline(mornings(1, 2, 3), n=n)  # type: ignore[arg-type]


@settings(database=None)
@given(st.lists(st.integers(0, 10), min_size=1, max_size=12), st.data())
def test_r3_1_derived_baseline_lies_within_the_mornings_used(
    pains: list[int], data: st.DataObject
) -> None:
    n = data.draw(st.integers(1, len(pains)))
    baseline = derive_baseline(mornings(*pains, first=1), n=n)
    used = pains[:n]
    assert min(used) <= baseline.pain <= max(used)


@pytest.mark.parametrize("bad", [-1, 11, 2.5, True, "x", None, "11"])
def test_r3_3_morning_pain_outside_scale_is_rejected(bad: object) -> None:
    with pytest.raises(ValidationError) as caught:
        MorningEntry(d(2), bad, "sitting")  # type: ignore[arg-type]
    assert caught.value.field == "pain"
    assert "0 to 10" in caught.value.message


def test_r3_3_morning_pain_is_a_number_not_text() -> None:
    """R3.3: anything but a whole number 0–10 is refused; text is parsed where it is read."""
    with pytest.raises(ValidationError, match="whole number"):
        MorningEntry(d(2), "3", "sitting")  # type: ignore[arg-type]
    assert MorningEntry(d(2), 4.0, "sitting").pain == 4  # type: ignore[arg-type]


def test_r3_4_morning_entry_needs_a_calendar_date_not_a_time() -> None:
    with pytest.raises(ValidationError, match="calendar date"):
        MorningEntry(datetime(2026, 3, 2, 7, tzinfo=UTC), 2, "sitting")


def test_r3_4_morning_entry_from_input_refuses_the_future() -> None:
    assert MorningEntry.from_input(d(2), 2, MorningTest.SITTING, today=d(2)).test == "sitting"
    with pytest.raises(ValidationError, match="future"):
        MorningEntry.from_input(d(3), 2, "sitting", today=d(2))


@pytest.mark.parametrize("bad", ["", "   ", None, 3, "a" * 61, "bad\x00key"])
def test_r3_7_morning_test_key_is_validated(bad: object) -> None:
    with pytest.raises(ValidationError) as caught:
        MorningEntry(d(2), 2, bad)  # type: ignore[arg-type]
    assert caught.value.field == "test"


def test_r3_7_test_enum_members_compare_as_their_keys() -> None:
    assert MorningEntry(d(2), 2, MorningTest.SINGLE_LEG_BRIDGE).test == "single_leg_bridge"
    assert all(member.label for member in MorningTest)


def test_r3_4_two_entries_for_one_date_are_refused() -> None:
    with pytest.raises(ValidationError, match="two morning entries"):
        entries_by_day([MorningEntry(d(2), 2, "sitting"), MorningEntry(d(2), 3, "sitting")])


def test_r3_1_baseline_in_force_is_latest_change_on_or_before_the_date() -> None:
    changes = [
        BaselineChange(d(10), 4),
        BaselineChange(d(2), 2),
        BaselineChange(d(10), 5),  # same-date correction recorded later wins
    ]
    assert baseline_in_force(changes, d(1)) is None
    assert baseline_in_force(changes, d(2)) == changes[1]
    assert baseline_in_force(changes, d(9)) == changes[1]
    assert baseline_in_force(changes, d(10)) == changes[2]
    assert baseline_in_force(changes, d(20)) == changes[2]
    assert baseline_in_force([], d(20)) is None


def test_r3_1_baseline_pain_is_validated() -> None:
    with pytest.raises(ValidationError) as caught:
        BaselineChange(d(2), 12)
    assert caught.value.field == "baseline"


def test_r3_7_test_in_force_follows_dated_changes() -> None:
    changes = [TestChange(d(2), "sitting"), TestChange(d(9), MorningTest.SINGLE_LEG_BRIDGE)]
    assert morning_test_in_force(changes, d(1)) is None
    assert morning_test_in_force(changes, d(8)) == "sitting"
    assert morning_test_in_force(changes, d(9)) == "single_leg_bridge"


def test_r3_6_baseline_modes_have_labels_for_display() -> None:
    assert BaselineMode.FIXED.label == "Fixed baseline"
    assert BaselineMode.PRE_LOAD.label == "Pre-load morning"
    assert BaselineMode("fixed") is BaselineMode.FIXED
