"""The morning reminder: the pure decision as a table, then the thin tick over it."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from pytestqt.qtbot import QtBot

from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.morning import parse_reminder_time, reminder_due
from pht_desktop.services.registry import Services
from pht_desktop.ui.morning_reminder import REMINDER_TITLE, MorningReminder

DAY = date(2026, 3, 2)
EIGHT = time(8, 0)


def at(hour: int, minute: int = 0, day: date = DAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "reminder", "has_entry", "last_reminded", "due"),
    [
        (at(7, 59), EIGHT, False, None, False),  # before the time
        (at(8, 0), EIGHT, False, None, True),  # exactly at the time
        (at(13, 0), EIGHT, False, None, True),  # app opened late: still due
        (at(8, 0), EIGHT, True, None, False),  # already recorded
        (at(9, 0), EIGHT, False, DAY, False),  # already reminded today
        (at(9, 0), EIGHT, False, DAY - timedelta(days=1), True),  # reminded yesterday only
        (at(0, 0), time(0, 0), False, None, True),  # midnight reminder
        (at(23, 59), time(23, 59), False, None, True),
        (at(23, 58), time(23, 59), False, None, False),
    ],
)
def test_reminder_due_table(
    now: datetime, reminder: time, has_entry: bool, last_reminded: date | None, due: bool
) -> None:
    assert reminder_due(now, reminder, has_entry, last_reminded) is due


@pytest.mark.parametrize(
    ("text", "expected"),
    [("08:00", time(8, 0)), ("7:05", time(7, 5)), (" 23:59 ", time(23, 59))],
)
def test_reminder_time_parses(text: str, expected: time) -> None:
    assert parse_reminder_time(text) == expected


@pytest.mark.parametrize("text", ["24:00", "08:60", "8", "08:5", "noon", "", None, 8])
def test_bad_reminder_time_is_refused(text: object) -> None:
    with pytest.raises(ValidationError):
        parse_reminder_time(text)


def test_reminder_fires_once_and_not_after_the_entry(services: Services, qtbot: QtBot) -> None:
    reminder = MorningReminder(services)
    fired: list[tuple[str, str]] = []
    reminder.remind.connect(lambda title, body: fired.append((title, body)))
    assert not reminder.check(at(7, 30))
    assert reminder.check(at(8, 0))
    assert not reminder.check(at(8, 1))
    assert len(fired) == 1
    assert fired[0][0] == REMINDER_TITLE
    assert "Pain sitting on a firm chair" in fired[0][1]
    # Next day: a reminder again, unless the morning is already recorded.
    next_day = DAY + timedelta(days=1)
    with qtbot.waitSignal(reminder.day_changed, timeout=100):
        reminder.check(at(6, 0, next_day))
    services.morning.record_morning(DAY, 2)
    services.morning.set_reminder_time("09:15")
    assert not reminder.check(at(9, 0, next_day))
    assert reminder.check(at(9, 15, next_day))
    assert len(fired) == 2


def test_no_reminder_when_today_is_recorded(services: Services) -> None:
    services.morning.record_morning(DAY, 3)
    reminder = MorningReminder(services)
    assert not reminder.check(at(8, 0))
    assert not reminder.check()  # the injected clock's now: 09:00 on the same day
