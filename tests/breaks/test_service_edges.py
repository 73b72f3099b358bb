"""The break service's edges through its real API: the restart rule for a saved pause,
what a stopped service refuses, and what it does before its first tick (R1)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.scheduler import SchedulerState
from pht_desktop.domain.setting_specs import PAUSE_KEY
from pht_desktop.services.registry import Services, build_services


def _restarted_state(services: Services, clock: FakeClock, db_path: Path, saved: object) -> str:
    services.settings.set(PAUSE_KEY, saved)
    services.breaks.stop()
    second = build_services(db_path, clock)
    try:
        second.breaks.tick(0.0)
        return second.breaks.status().state.name
    finally:
        second.close()


@pytest.mark.parametrize(
    ("kind", "until", "state"),
    [
        ("until_tomorrow", timedelta(hours=3), "PAUSED"),  # only this pause survives
        ("until_tomorrow", timedelta(hours=-1), "SITTING"),  # already over
        ("1h", timedelta(minutes=30), "SITTING"),  # a timed pause ends with the app
        ("until_tomorrow", "tomorrow", "SITTING"),  # not a time
        ("until_tomorrow", "naive", "SITTING"),  # a time without its zone
    ],
)
def test_a_saved_pause_survives_a_restart_only_while_it_is_an_unfinished_until_tomorrow(
    services: Services,
    clock: FakeClock,
    db_path: Path,
    kind: str,
    until: timedelta | str,
    state: str,
) -> None:
    if until == "naive":
        end = (clock.now() + timedelta(hours=3)).replace(tzinfo=None).isoformat()
    elif isinstance(until, timedelta):
        end = (clock.now() + until).isoformat()
    else:
        end = until
    assert _restarted_state(services, clock, db_path, {"kind": kind, "until": end}) == state


def test_a_stopped_service_refuses_actions_and_writes_no_more(
    services: Services, clock: FakeClock
) -> None:
    services.breaks.tick(0.0)
    services.breaks.stop()
    bouts = services.breaks.bouts_on(clock.now().date())
    assert services.breaks.next_wakeup_seconds() == 60.0
    with pytest.raises(ValidationError) as raised:
        services.breaks.stand_now()
    assert raised.value.message == "Break reminders have stopped."
    clock.advance(600)
    services.breaks.tick(0.0)
    services.breaks.on_sleep()
    services.breaks.on_resume()
    assert services.breaks.bouts_on(clock.now().date()) == bouts


def test_before_its_first_tick_the_service_asks_for_one_and_ignores_sleep(
    services: Services, clock: FakeClock
) -> None:
    assert services.breaks.next_wakeup_seconds() == 0.0  # tick me now
    services.breaks.on_sleep()
    services.breaks.on_resume()
    assert services.breaks.bouts_on(clock.now().date()) == []  # nothing written
    services.breaks.tick(0.0)
    assert services.breaks.status().state is SchedulerState.SITTING
    assert 0.0 < services.breaks.next_wakeup_seconds() <= 60.0


def test_deleting_a_sitting_entry_that_no_longer_exists_is_refused(
    services: Services,
) -> None:
    emitted: list[None] = []
    services.breaks.changed.connect(lambda: emitted.append(None))
    with pytest.raises(ValidationError) as raised:
        services.breaks.delete_manual_sitting(987_654)
    assert raised.value.message == "That sitting entry no longer exists."
    assert emitted == []
