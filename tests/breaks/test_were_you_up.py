"""Idle is 'possibly away', not 'stood' (issue 3 item 2; R1.2): each answer, and none."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.scheduler import SchedulerState
from pht_desktop.platform.sleep_signal import SleepWatcher
from pht_desktop.services.registry import Services
from pht_desktop.ui.break_controller import BreakController
from tests.breaks.conftest import User
from tests.qt_input import click


def away_for(user: User, minutes: int) -> None:
    user.run(10 * 60, step=5)
    user.away()
    user.run(minutes * 60, step=5)
    user.back()
    user.run(5, step=5)


@pytest.mark.parametrize(
    ("button", "answer", "stand_source"),
    [
        ("stood_button", "stood", "idle_confirmed"),
        ("elsewhere_button", "sat_elsewhere", None),
        ("here_button", "sat_here", None),
    ],
)
def test_each_answer_is_recorded(
    qtbot: QtBot,
    user: User,
    controller: BreakController,
    services: Services,
    clock: FakeClock,
    button: str,
    answer: str,
    stand_source: str | None,
) -> None:
    away_for(user, 12)
    popup = controller.were_you_up
    assert popup.isVisible()
    assert popup.question.text() == "Were you up? You were away 12 minutes."
    click(qtbot, getattr(popup, button))
    assert not popup.isVisible()
    day = clock.now().date()
    ((_, seconds, said, cause),) = services.breaks.away_on(day)
    assert (said, cause) == (answer, "idle")
    assert abs(seconds - 12 * 60) <= 5
    stands = services.breaks.stands_on(day)
    if stand_source is None:
        assert stands == []
        # Sitting elsewhere or here: the bout went on through the absence (R1.2).
        assert services.breaks.status().bout_seconds >= 22 * 60 - 10
    else:
        assert [s[2] for s in stands] == [stand_source]
        assert services.breaks.status().bout_seconds < 30
        assert services.breaks.today_figures().breaks_by_source == {"idle_confirmed": 1}


def test_no_answer_closes_and_records_unknown(
    user: User, controller: BreakController, services: Services, clock: FakeClock
) -> None:
    away_for(user, 5)
    assert controller.were_you_up.isVisible()
    user.run(61)
    assert not controller.were_you_up.isVisible()
    ((_, _, said, _),) = services.breaks.away_on(clock.now().date())
    assert said == "unknown"
    assert services.breaks.stands_on(clock.now().date()) == []


def test_sleep_signal_closes_the_bout_as_away(
    services: Services,
    clock: FakeClock,
    user: User,
    controller: BreakController,
    sleep_watcher: SleepWatcher,
) -> None:
    watcher = sleep_watcher
    user.run(10 * 60, step=5)
    watcher.handle_prepare_for_sleep(True)
    clock.sleep_machine(3600)
    watcher.handle_prepare_for_sleep(False)
    user.run(5)
    day = clock.now().date()
    assert [(a[2], a[3]) for a in services.breaks.away_on(day)] == [("unknown", "sleep")]
    bouts = services.breaks.bouts_on(day)
    assert bouts[0][4] == "sleep"
    assert services.breaks.status().state is SchedulerState.SITTING
    assert not controller.prompt.isVisible()  # no burst of prompts after the wake


def test_the_break_windows_are_built_only_when_first_needed(
    qtbot: QtBot, user: User, controller: BreakController
) -> None:
    """Issue 16: a start builds neither window; a due break builds the prompt and shows it,
    an away gap builds the question and asks it."""
    assert controller._prompt is None
    assert controller._were_you_up is None
    user.run(31 * 60, step=5)  # past the 30-minute interval: the prompt is due
    assert controller._prompt is not None
    assert controller.prompt.isVisible()
    assert controller.prompt.asking
    assert controller._were_you_up is None
    click(qtbot, controller.prompt.stand_button)
    assert controller.prompt.standing
    user.run(10 * 60, step=5)  # the stand ends, sitting again
    away_for(user, 12)
    assert controller._were_you_up is not None
    assert controller.were_you_up.isVisible()
