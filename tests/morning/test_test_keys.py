"""Morning test keys (R3.7): stored as (kind, name), compared as one key, shown as words."""

from __future__ import annotations

from datetime import date

import pytest

from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.morning import (
    DEFAULT_TEST,
    MorningTest,
    TestChange,
    key_for_test,
    label_for_test,
    morning_test_in_force,
    split_test_key,
    stored_test_key,
    with_default_test,
)


@pytest.mark.parametrize(
    ("kind", "name", "key", "label"),
    [
        ("sitting", "", "sitting", "Pain sitting on a firm chair"),
        (MorningTest.SINGLE_LEG_BRIDGE, "ignored", "single_leg_bridge", "Single-leg bridge"),
        ("walking", "", "walking", "Walking"),
        ("other", "  Hop test ", "other:Hop test", "Hop test"),
    ],
)
def test_keys_round_trip(kind: object, name: str, key: str, label: str) -> None:
    assert key_for_test(kind, name) == key
    assert label_for_test(key) == label
    assert stored_test_key(*split_test_key(key)) == key


def test_two_own_tests_differ() -> None:
    assert key_for_test("other", "Hop") != key_for_test("other", "Squat")


@pytest.mark.parametrize(("kind", "name"), [("other", ""), ("other", "x" * 55), ("nope", "")])
def test_bad_keys_are_refused(kind: str, name: str) -> None:
    with pytest.raises(ValidationError):
        key_for_test(kind, name)


def test_default_test_is_in_force_before_any_change() -> None:
    changes = with_default_test([TestChange(date(2026, 3, 2), "walking")])
    assert morning_test_in_force(changes, date(2020, 1, 1)) == DEFAULT_TEST
    assert morning_test_in_force(changes, date(2026, 3, 2)) == "walking"
