"""Bad values are refused with a message a user can read (R3.3 and friends)."""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pht_desktop.domain import validation
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.profile import StageEvent

TODAY = date(2026, 3, 2)


@pytest.mark.parametrize(("value", "expected"), [(0, 0), (10, 10), (3, 3), (3.0, 3)])
def test_pain_accepts_whole_numbers_0_to_10(value: object, expected: int) -> None:
    assert validation.pain(value) == expected


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (-1, "outside the scale"),
        (11, "outside the scale"),
        (2.5, "whole number"),
        ("lots", "whole number"),
        ("3", "whole number"),  # R3.3: text is parsed where it is read, not here
        (None, "whole number"),
        (True, "whole number"),
    ],
)
def test_pain_refuses_with_readable_message(value: object, fragment: str) -> None:
    with pytest.raises(ValidationError, match=fragment) as info:
        validation.pain(value, field="morning_pain")
    assert info.value.field == "morning_pain"


@given(st.integers())
def test_pain_property_accepts_exactly_0_to_10(value: int) -> None:
    if 0 <= value <= 10:
        assert validation.pain(value) == value
    else:
        with pytest.raises(ValidationError):
            validation.pain(value)


@pytest.mark.parametrize("seconds", [0, -5, float("nan"), "10"])
def test_durations_must_be_positive_numbers(seconds: object) -> None:
    with pytest.raises(ValidationError, match="seconds"):
        validation.positive_seconds(seconds, "hold", "Hold")


def test_dates_in_the_future_are_refused() -> None:
    assert validation.date_not_future(TODAY, TODAY) == TODAY
    with pytest.raises(ValidationError, match="in the future"):
        validation.date_not_future(TODAY + timedelta(days=1), TODAY)


def test_moments_in_the_future_are_refused() -> None:
    now = datetime(2026, 3, 2, 9, tzinfo=UTC)
    with pytest.raises(ValidationError, match="future"):
        validation.moment_not_future(now + timedelta(hours=1), now)
    with pytest.raises(ValidationError, match="date and time"):
        validation.moment_not_future(datetime(2026, 3, 2), now)


@pytest.mark.parametrize("stage", [0, 6, 2.5])
def test_stage_must_be_1_to_5(stage: object) -> None:
    with pytest.raises(ValidationError, match="Rehab stage"):
        StageEvent.create(TODAY, stage, TODAY)  # type: ignore[arg-type]


def test_text_too_long_or_with_control_characters() -> None:
    with pytest.raises(ValidationError, match="too long"):
        validation.short_text("x" * 501, "note", "Note")
    with pytest.raises(ValidationError, match="control"):
        validation.short_text("a\x00b", "note", "Note")


def test_system_clock_uses_the_platform_monotonic_it_is_given() -> None:
    """On Windows the app passes a sleep-excluding counter; any source can be injected."""
    from pht_desktop.domain.clock import SystemClock, _windows_unbiased_monotonic

    ticks = iter([10.0, 12.5])
    clock = SystemClock(lambda: next(ticks))
    assert (clock.monotonic(), clock.monotonic()) == (10.0, 12.5)
    assert _windows_unbiased_monotonic() is None or sys.platform == "win32"


NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "accepted"),
    [
        (datetime(2026, 3, 1, 23, 30, tzinfo=UTC), date(2026, 3, 1)),  # a moment: its date
        (date(1990, 1, 1), date(1990, 1, 1)),
        ("2026-03-01", "Please give a date (YYYY-MM-DD)."),
        (None, "Please give a date (YYYY-MM-DD)."),
        (date(1989, 12, 31), "1989-12-31 is too far in the past."),
        (date(2026, 3, 3), "2026-03-03 is in the future; entries can be for today or earlier."),
    ],
)
def test_a_date_is_today_or_earlier_and_not_before_1990(value: object, accepted: object) -> None:
    if isinstance(accepted, date):
        assert validation.date_not_future(value, TODAY) == accepted  # type: ignore[arg-type]
        return
    with pytest.raises(ValidationError) as raised:
        validation.date_not_future(value, TODAY, "entry_date")  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.message) == ("entry_date", accepted)


@pytest.mark.parametrize(
    ("value", "refusal"),
    [
        (NOW + timedelta(seconds=60), None),  # a minute's grace for clock skew
        (datetime(1990, 1, 1, tzinfo=UTC), None),
        (NOW + timedelta(seconds=61), "That time is in the future; log what has already happened."),
        (datetime(1989, 12, 31, 23, 0, tzinfo=UTC), "That time is too far in the past."),
        (datetime(2026, 3, 2, 8, 0), "Please give a date and time."),  # no zone
        (date(2026, 3, 2), "Please give a date and time."),
    ],
)
def test_a_moment_is_zoned_not_after_now_and_not_before_1990(
    value: object, refusal: str | None
) -> None:
    if refusal is None:
        assert validation.moment_not_future(value, NOW) == value  # type: ignore[arg-type]
        return
    with pytest.raises(ValidationError) as raised:
        validation.moment_not_future(value, NOW, "performed_at")  # type: ignore[arg-type]
    assert (raised.value.field, raised.value.message) == ("performed_at", refusal)
