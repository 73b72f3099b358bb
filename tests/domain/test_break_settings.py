"""BreakSettings: R1.1 limits, working hours, JSON round trip, pause kinds."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from pht_desktop.domain.break_settings import INT_LIMITS, BreakSettings, PauseKind
from pht_desktop.domain.errors import ValidationError

TZ = timezone(timedelta(hours=10))
MON_9 = datetime(2026, 3, 2, 9, 0, tzinfo=TZ)  # 2026-03-02 is a Monday


def test_r1_1_defaults_match_the_clinical_advice() -> None:
    s = BreakSettings()
    assert (s.sitting_interval_min, s.break_length_min) == (30, 3)
    assert (s.snooze_min, s.max_snoozes_in_row, s.defer_ceiling_min) == (5, 2, 10)
    assert s.working_hours is None
    assert s.away_unknown_counts_as_break is False
    assert s.were_you_up_timeout_s == 60
    assert (s.interval_s, s.break_s, s.snooze_s, s.defer_ceiling_s) == (1800, 180, 300, 600)


@pytest.mark.parametrize(
    ("field", "good", "bad"),
    [
        ("sitting_interval_min", [15, 40, 90], [14, 91, 0]),
        ("break_length_min", [1, 5, 15], [0, 16]),
        ("snooze_min", [1, 30], [0, 31]),
        ("max_snoozes_in_row", [0, 2], [-1, 3]),
        ("defer_ceiling_min", [0, 30], [-1, 31]),
        ("were_you_up_timeout_s", [15, 600], [14, 601]),
    ],
)
def test_r1_1_limits(field: str, good: list[int], bad: list[int]) -> None:
    for value in good:
        kwargs: dict[str, Any] = {field: value}
        assert getattr(BreakSettings(**kwargs), field) == value
    for value in bad:
        kwargs = {field: value}
        with pytest.raises(ValidationError) as info:
            BreakSettings(**kwargs)
        assert info.value.field == field
        low, high, what, _unit = INT_LIMITS[field]
        assert what in info.value.message
        assert f"{low} to {high}" in info.value.message


@pytest.mark.parametrize("value", ["30", 30.5, None, True, [30]])
def test_non_integers_are_refused_with_a_readable_message(value: object) -> None:
    with pytest.raises(ValidationError, match="Sitting interval must be a whole number"):
        BreakSettings(sitting_interval_min=value)  # type: ignore[arg-type]


def test_whole_floats_are_accepted_as_ints() -> None:
    s = BreakSettings(sitting_interval_min=40.0)  # type: ignore[arg-type]
    assert s.sitting_interval_min == 40
    assert isinstance(s.sitting_interval_min, int)


def test_replace_revalidates() -> None:
    with pytest.raises(ValidationError):
        dataclasses.replace(BreakSettings(), break_length_min=99)


def test_away_unknown_flag_must_be_bool() -> None:
    with pytest.raises(ValidationError, match="on or off"):
        BreakSettings(away_unknown_counts_as_break="yes")  # type: ignore[arg-type]


def test_settings_are_frozen_and_hashable() -> None:
    s = BreakSettings(working_hours={0: ("09:00", "17:00")})
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.snooze_min = 3  # type: ignore[misc]
    assert hash(s) == hash(BreakSettings(working_hours={0: ("9:00", "17:00")}))
    assert s == BreakSettings(working_hours={0: ("9:00", "17:00")})


# --- working hours ------------------------------------------------------------------


def test_working_hours_are_normalised_and_read_only() -> None:
    s = BreakSettings(working_hours={"4": ["8:30", "24:00"], 0: ("09:00", "17:00")})  # type: ignore[dict-item]
    assert s.working_hours is not None
    assert dict(s.working_hours) == {0: ("09:00", "17:00"), 4: ("08:30", "24:00")}
    with pytest.raises(TypeError):
        s.working_hours[1] = ("09:00", "10:00")  # type: ignore[index]


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        ({7: ("09:00", "17:00")}, "Weekday must be 0"),
        ({-1: ("09:00", "17:00")}, "Weekday must be 0"),
        ({0: ("9am", "17:00")}, "HH:MM"),
        ({0: ("09:00", "25:00")}, "not a time of day"),
        ({0: ("24:00", "24:00")}, "not a time of day"),
        ({0: ("09:60", "17:00")}, "not a time of day"),
        ({0: ("17:00", "09:00")}, "must be after the start"),
        ({0: ("09:00", "09:00")}, "must be after the start"),
        ({0: ("09:00",)}, "start and an end"),
        ({0: "09:00-17:00"}, "start and an end"),
        ({}, "at least one working day"),
        ("weekdays", "must list days"),
    ],
)
def test_bad_working_hours(hours: object, message: str) -> None:
    with pytest.raises(ValidationError, match=message) as info:
        BreakSettings(working_hours=hours)  # type: ignore[arg-type]
    assert info.value.field == "working_hours"


@pytest.mark.parametrize(
    ("when", "inside"),
    [
        (MON_9 - timedelta(seconds=1), False),
        (MON_9, True),  # start is inclusive
        (MON_9.replace(hour=16, minute=59, second=59), True),
        (MON_9.replace(hour=17), False),  # end is exclusive
        (MON_9 + timedelta(days=1), False),  # Tuesday has no hours
        (MON_9 + timedelta(days=4, hours=14, minutes=59), True),  # Friday 23:59
        (MON_9 + timedelta(days=5), False),  # Saturday
    ],
)
def test_working_hours_edges(when: datetime, inside: bool) -> None:
    s = BreakSettings(working_hours={0: ("09:00", "17:00"), 4: ("12:00", "24:00")})
    assert s.in_working_hours(when) is inside


def test_no_working_hours_means_always() -> None:
    s = BreakSettings()
    assert s.in_working_hours(MON_9.replace(hour=3))
    assert s.seconds_until_hours_change(MON_9) is None


@pytest.mark.parametrize(
    ("when", "expected"),
    [
        (MON_9 - timedelta(minutes=10), 600.0),  # until 09:00 start
        (MON_9, 8 * 3600.0),  # until 17:00 end
        (MON_9.replace(hour=17), 6 * 24 * 3600.0 + 16 * 3600.0),  # next Monday 09:00
    ],
)
def test_seconds_until_hours_change(when: datetime, expected: float) -> None:
    s = BreakSettings(working_hours={0: ("09:00", "17:00")})
    assert s.seconds_until_hours_change(when) == pytest.approx(expected)


# --- JSON round trip ---------------------------------------------------------------------


def test_to_dict_is_json_and_round_trips() -> None:
    s = BreakSettings(
        sitting_interval_min=40,
        break_length_min=5,
        working_hours={0: ("09:00", "17:00"), 2: ("10:00", "12:00")},
        away_unknown_counts_as_break=True,
    )
    text = json.dumps(s.to_dict())
    data = json.loads(text)
    assert data["working_hours"] == {"0": ["09:00", "17:00"], "2": ["10:00", "12:00"]}
    assert BreakSettings.from_dict(data) == s
    assert BreakSettings.from_dict(BreakSettings().to_dict()) == BreakSettings()


def test_from_dict_defaults_missing_and_ignores_unknown_keys() -> None:
    s = BreakSettings.from_dict({"snooze_min": 10, "added_in_a_later_version": 1})
    assert s == BreakSettings(snooze_min=10)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"sitting_interval_min": 5}, "sitting_interval_min"),
        ({"break_length_min": "3"}, "break_length_min"),
        ({"working_hours": {"0": ["17:00", "09:00"]}}, "working_hours"),
        ([1, 2], "settings"),
        (None, "settings"),
    ],
)
def test_from_dict_validates(data: object, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        BreakSettings.from_dict(data)
    assert info.value.field == field


# --- pause kinds -----------------------------------------------------------------------


def test_pause_kinds() -> None:
    assert PauseKind("30min") is PauseKind.MIN_30
    assert PauseKind.MIN_30.ends_at(MON_9) == MON_9 + timedelta(minutes=30)
    assert PauseKind.HOUR_1.ends_at(MON_9) == MON_9 + timedelta(hours=1)
    assert PauseKind.UNTIL_TOMORROW.duration_s is None
    late = MON_9.replace(hour=23, minute=59)
    assert PauseKind.UNTIL_TOMORROW.ends_at(late) == datetime(2026, 3, 3, 0, 0, tzinfo=TZ)


def test_until_tomorrow_is_local_midnight_across_dst() -> None:
    london = ZoneInfo("Europe/London")
    before_dst = datetime(2026, 3, 28, 22, 0, tzinfo=london)  # clocks go forward on the 29th
    end = PauseKind.UNTIL_TOMORROW.ends_at(before_dst)
    assert (end.date().isoformat(), end.hour, end.minute) == ("2026-03-29", 0, 0)
