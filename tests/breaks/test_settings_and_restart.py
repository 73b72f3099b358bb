"""Settings ▸ Breaks saves valid values and refuses bad ones; state survives a restart."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy.exc
from PySide6.QtCore import Qt, QTime
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.scheduler import SchedulerState
from pht_desktop.services.breaks import BreakUiOptions
from pht_desktop.services.registry import Services, build_services
from pht_desktop.ui.break_settings_form import BreakSettingsForm
from tests.qt_input import press


def make_form(qtbot: QtBot, services: Services) -> BreakSettingsForm:
    form = BreakSettingsForm(services)
    qtbot.addWidget(form)
    form.show()
    return form


def test_form_shows_ranges_and_saves_each_change_at_once(qtbot: QtBot, services: Services) -> None:
    saved: list[str] = []
    form = make_form(qtbot, services)
    form.record = lambda what, _undo: saved.append(what)
    interval = form.spins["sitting_interval_min"]
    assert (interval.low, interval.high, interval.value()) == (15, 90, 30)
    assert (form.spins["break_length_min"].low, form.spins["break_length_min"].high) == (1, 15)
    interval.setValue(45)
    assert services.breaks.settings().sitting_interval_min == 45  # no Save button
    assert saved == ["Sitting interval 30 → 45 minutes"]
    form.spins["break_length_min"].setValue(5)
    form.sound.setChecked(True)
    form.notify_before.setChecked(True)
    form.use_hours.setChecked(True)
    services.breaks.tick(0.0)
    assert services.breaks.status().interval_seconds == 45 * 60
    # A fresh service reads the same from the database.
    again = build_services(services.database_path, services.clock)
    try:
        stored = again.breaks.settings()
        assert (stored.sitting_interval_min, stored.break_length_min) == (45, 5)
        assert stored.working_hours is not None
        assert sorted(stored.working_hours) == [0, 1, 2, 3, 4]
        assert again.breaks.ui_options() == BreakUiOptions(sound=True, notify_before=True)
    finally:
        again.close()


def test_form_refuses_bad_working_hours_and_saves_nothing(qtbot: QtBot, services: Services) -> None:
    form = make_form(qtbot, services)
    form.use_hours.setChecked(True)
    saved = services.breaks.settings()
    assert saved.working_hours is not None
    form.day_from[0].setTime(QTime(17, 0))
    form.day_to[0].setTime(QTime(9, 0))
    error = form.errors["working_hours"]
    assert error.isVisible()
    assert "Monday: the end (09:00) must be after the start (17:00)" in error.text()
    assert "Nothing was changed" in error.text()
    assert services.breaks.settings() == saved
    form.day_to[0].setTime(QTime(18, 0))
    assert not error.isVisible()
    for check in form.day_checks:
        check.setChecked(False)
    assert "at least one working day" in error.text()
    # Each untick saved at once; the last one, leaving no day, was refused.
    assert services.breaks.settings().working_hours == {4: ("09:00", "17:00")}


def test_out_of_range_entry_is_refused_next_to_the_field_not_clamped(
    qtbot: QtBot, services: Services
) -> None:
    form = make_form(qtbot, services)
    interval = form.spins["sitting_interval_min"]
    interval.selectAll()
    qtbot.keyClicks(interval, "10")  # type: ignore[no-untyped-call]
    press(qtbot, interval, Qt.Key.Key_Return)
    assert interval.value() == 10  # what was typed stays, with the reason beside it
    error = form.errors["sitting_interval_min"]
    assert error.isVisible()
    assert "from 15 to 90 minutes" in error.text()
    assert "Nothing was changed" in error.text()
    assert services.breaks.settings().sitting_interval_min == 30
    interval.setValue(90)
    interval.stepBy(5)  # the arrows stay inside the range
    assert interval.value() == 90
    assert not error.isVisible()
    assert services.breaks.settings().sitting_interval_min == 90


def test_restart_within_a_break_length_continues_the_bout(
    services: Services, clock: FakeClock, db_path: Path
) -> None:
    for _ in range(10 * 12):
        clock.advance(5)
        services.breaks.tick(0.0)
    services.breaks.stop()
    clock.advance(60)
    second = build_services(db_path, clock)
    try:
        second.breaks.tick(0.0)
        status = second.breaks.status()
        assert status.state is SchedulerState.SITTING
        assert 11 * 60 - 10 <= status.bout_seconds <= 11 * 60 + 10
        (bout,) = second.breaks.bouts_on(clock.now().date())
        assert bout[1] is None  # the same row, open again
        assert bout[3] == "computer"
    finally:
        second.close()


def test_crash_then_late_restart_closes_the_old_bout_as_quit(
    services: Services, clock: FakeClock, db_path: Path
) -> None:
    for _ in range(20 * 12):
        clock.advance(5)
        services.breaks.tick(0.0)
    # No stop(): the process was killed. The heartbeat kept the bout to the minute.
    clock.advance(3600)
    second = build_services(db_path, clock)
    try:
        second.breaks.tick(0.0)
        old, new = second.breaks.bouts_on(clock.now().date())
        assert old[4] == "quit"
        assert 19 * 60 <= old[2] <= 20 * 60
        assert old[1] is not None
        assert new[1] is None
        assert second.breaks.status().bout_seconds == 0
    finally:
        second.close()


def test_pause_until_tomorrow_survives_a_restart(
    services: Services, clock: FakeClock, db_path: Path
) -> None:
    services.breaks.pause("until_tomorrow")
    services.breaks.stop()
    clock.advance(600)
    second = build_services(db_path, clock)
    try:
        second.breaks.tick(0.0)
        assert second.breaks.status().state is SchedulerState.PAUSED
    finally:
        second.close()


def test_the_first_tick_after_a_restart_writes_once(
    services: Services, clock: FakeClock, db_path: Path
) -> None:
    """Start-up (issue 16): the restart rule, the saved pause and the first heartbeat
    are one transaction, one sync to disk, and the pause still holds."""
    sit_ten_minutes_then_pause(services, clock)
    second = build_services(db_path, clock)
    commits: list[object] = []
    event.listen(second.engine, "commit", commits.append)
    try:
        second.breaks.tick(0.0)
        assert len(commits) == 1
        assert second.breaks.status().state is SchedulerState.PAUSED
    finally:
        second.close()


def sit_ten_minutes_then_pause(services: Services, clock: FakeClock) -> None:
    for _ in range(10 * 12):
        clock.advance(5)
        services.breaks.tick(0.0)
    services.breaks.pause("until_tomorrow")
    services.breaks.stop()
    clock.advance(60)


def test_building_services_writes_nothing(services: Services, clock: FakeClock) -> None:
    assert services.breaks.status().state is SchedulerState.SITTING
    assert services.breaks.bouts_on(clock.now().date()) == []


def test_a_restart_keeps_the_snoozes_already_used(
    services: Services, clock: FakeClock, db_path: Path
) -> None:
    """Found in review: restarting must not hand back the two snoozes (R1.2)."""

    def sit(target: Services, seconds: int) -> None:
        for _ in range(seconds // 5):
            clock.advance(5)
            target.breaks.tick(0.0)

    sit(services, 30 * 60 + 5)
    services.breaks.snooze()
    sit(services, 5 * 60 + 5)
    services.breaks.snooze()
    services.breaks.stop()
    clock.advance(30)
    second = build_services(db_path, clock)
    try:
        sit(second, 5 * 60 + 5)
        status = second.breaks.status()
        assert status.state is SchedulerState.PROMPTING
        assert not status.can_snooze
        assert status.bout_seconds >= 40 * 60
    finally:
        second.close()


def test_a_bout_end_that_cannot_be_written_is_never_grown_afterwards(
    services: Services, clock: FakeClock, db_path: Path
) -> None:
    """The database refuses the write that ends a bout (locked past the busy timeout, or
    full): the row stays open at its last heartbeat, for the next start's recovery to
    close, and no later heartbeat stretches it over the stand that followed."""
    for _ in range(10 * 12):
        clock.advance(5)
        services.breaks.tick(0.0)

    def refuse_the_bout_end(_conn: object, _cursor: object, statement: str, *_: object) -> None:
        if statement.startswith("UPDATE sitting_bouts SET ended_at"):
            raise sqlite3.OperationalError("database is locked")

    event.listen(services.engine, "before_cursor_execute", refuse_the_bout_end)
    with pytest.raises(sqlalchemy.exc.OperationalError):
        services.breaks.stand_now()
    event.remove(services.engine, "before_cursor_execute", refuse_the_bout_end)
    for _ in range(5 * 12):
        clock.advance(5)
        services.breaks.tick(0.0)
    first = services.breaks.bouts_on(clock.now().date())[0]
    assert first.ended is None, "the refused end left the row open"
    assert 9 * 60 <= first.seconds <= 10 * 60 + 10, "not grown by the stand after it"
    second = build_services(db_path, clock)
    try:
        second.breaks.tick(0.0)
        recovered = second.breaks.bouts_on(clock.now().date())[0]
        assert recovered.end_reason == "quit"
        assert recovered.seconds == first.seconds
    finally:
        second.close()
