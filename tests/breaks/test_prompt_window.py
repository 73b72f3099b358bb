"""Clicking the real prompt window; the rows written are checked (R1.1–R1.4)."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.scheduler import SchedulerState
from pht_desktop.services.registry import Services
from pht_desktop.ui.break_controller import BreakController
from pht_desktop.ui.prompt_window import TIPS
from pht_desktop.ui.tray import Tray
from tests.breaks.conftest import CountingChime, Quiet, RecordingNotifier, User
from tests.qt_input import click, press, type_text


def prompts(services: Services, clock: FakeClock) -> list[tuple[str | None, int, str]]:
    return [
        (p.response, p.seconds_stood, p.skip_reason)
        for p in services.breaks.prompts_on(clock.now().date())
    ]


def test_prompt_appears_after_30_minutes(
    user: User, controller: BreakController, services: Services, clock: FakeClock
) -> None:
    user.run(29 * 60 + 50)
    assert not controller.prompt.isVisible()
    user.run(15)
    window = controller.prompt
    assert window.asking
    assert window.headline.text() == "You've been sitting 30 minutes."
    assert window.tip.text() in TIPS
    assert window.stand_button.text() == "&Stand now (S)"
    assert prompts(services, clock) == [(None, 0, "")]
    flags = window.windowFlags()
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    assert window.testAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    assert not window.isModal()


@pytest.mark.parametrize("sound", [True, False])
def test_the_prompt_chimes_only_when_sound_is_on(
    user: User, controller: BreakController, services: Services, chime: CountingChime, sound: bool
) -> None:
    services.breaks.save_settings(
        services.breaks.settings(),
        dataclasses.replace(services.breaks.ui_options(), sound=sound),
    )
    user.run(30 * 60 + 5)
    assert controller.prompt.asking
    assert chime.played == (1 if sound else 0)


def test_stand_countdown_then_done_records_seconds_stood(
    qtbot: QtBot, user: User, controller: BreakController, services: Services, clock: FakeClock
) -> None:
    user.run(30 * 60 + 5)
    click(qtbot, controller.prompt.stand_button)
    assert controller.prompt.standing
    assert controller.prompt.countdown.text() == "3:00"
    user.run(60)
    assert controller.prompt.countdown.text() == "2:00"
    # Issue 11: the plan's standing hold that fits 3 min (2 × 30 s with 60 s rest).
    assert "Standing hip extension against a band: 2 × 30 s" in controller.prompt.hold_offer.text()
    click(qtbot, controller.prompt.done_button)
    assert not controller.prompt.isVisible()
    assert prompts(services, clock) == [("stood", 60, "")]
    (stand,) = services.breaks.stands_on(clock.now().date())
    assert stand[1:4] == (60, "prompted", True)
    assert services.breaks.status().state is SchedulerState.SITTING
    assert services.breaks.status().bout_seconds == 0


def test_countdown_ending_records_the_full_break(
    user: User, controller: BreakController, services: Services, clock: FakeClock
) -> None:
    user.run(30 * 60 + 5)
    controller.prompt.stand_button.click()
    user.run(3 * 60 + 2)
    assert not controller.prompt.isVisible()
    assert prompts(services, clock) == [("stood", 180, "")]
    assert services.breaks.stands_on(clock.now().date())[0][1:4] == (180, "prompted", False)


def test_sitting_down_early_records_what_was_stood(
    qtbot: QtBot, user: User, controller: BreakController, services: Services, clock: FakeClock
) -> None:
    user.run(30 * 60 + 5)
    controller.prompt.stand_button.click()
    user.run(45)
    click(qtbot, controller.prompt.sit_early_button)
    assert prompts(services, clock) == [("stood", 45, "")]
    assert services.breaks.stands_on(clock.now().date())[0][1:4] == (45, "prompted", True)


def test_start_hold_is_offered_during_the_stand(
    qtbot: QtBot, user: User, controller: BreakController
) -> None:
    user.run(30 * 60 + 5)
    controller.prompt.stand_button.click()
    with qtbot.waitSignal(controller.start_hold_requested, timeout=100) as blocker:
        click(qtbot, controller.prompt.hold_button)
    (offer,) = blocker.args
    assert offer.seconds <= 180
    assert (offer.holds, offer.hold_s) == (2, 30)


@pytest.mark.parametrize(("minutes", "holds"), [(1, 1), (2, 2), (5, 4)])
def test_the_hold_offer_fits_the_break_length(
    qtbot: QtBot,
    user: User,
    controller: BreakController,
    services: Services,
    minutes: int,
    holds: int,
) -> None:
    """Issue 11: never an 11-minute hold set inside a 3-minute break."""
    settings = dataclasses.replace(services.breaks.settings(), break_length_min=minutes)
    services.breaks.save_settings(settings, services.breaks.ui_options())
    user.run(30 * 60 + 5)
    controller.prompt.stand_button.click()
    offer = controller.prompt.offer
    assert offer is not None
    assert offer.holds == holds
    assert offer.seconds <= minutes * 60
    assert controller.prompt.hold_button.isVisible()


def test_no_hold_offer_where_the_stage_has_no_standing_option(
    user: User, controller: BreakController, services: Services
) -> None:
    services.profile.set_stage(2)
    user.run(30 * 60 + 5)
    controller.prompt.stand_button.click()
    assert controller.prompt.offer is None
    assert not controller.prompt.hold_button.isVisible()


def test_snooze_twice_then_only_stand_or_skip(
    qtbot: QtBot, user: User, controller: BreakController, services: Services, clock: FakeClock
) -> None:
    window = controller.prompt
    user.run(30 * 60 + 5)
    click(qtbot, window.snooze_button)
    assert not window.isVisible()
    user.run(5 * 60 + 5)
    assert window.asking
    assert window.headline.text() == "You've been sitting 35 minutes."
    click(qtbot, window.snooze_button)
    user.run(5 * 60 + 5)
    assert window.asking
    assert not window.snooze_button.isEnabled()
    assert window.snooze_note.isVisible()
    assert "snoozed 2 times" in window.snooze_note.text()
    assert prompts(services, clock) == [("snoozed", 0, ""), ("snoozed", 0, ""), (None, 0, "")]
    click(qtbot, window.skip_button)
    assert prompts(services, clock)[-1] == ("skipped", 0, "")


def test_skip_with_a_reason(
    qtbot: QtBot, user: User, controller: BreakController, services: Services, clock: FakeClock
) -> None:
    user.run(30 * 60 + 5)
    type_text(qtbot, controller.prompt.skip_reason, "in a meeting")
    click(qtbot, controller.prompt.skip_button)
    assert prompts(services, clock) == [("skipped", 0, "in a meeting")]
    # R1.2: skipping does not restart the sitting clock.
    assert services.breaks.status().bout_seconds >= 30 * 60


def test_enter_in_the_reason_field_skips(
    qtbot: QtBot, user: User, controller: BreakController, services: Services, clock: FakeClock
) -> None:
    user.run(30 * 60 + 5)
    type_text(qtbot, controller.prompt.skip_reason, "driving")
    press(qtbot, controller.prompt.skip_reason, Qt.Key.Key_Return)
    assert prompts(services, clock) == [("skipped", 0, "driving")]


def test_closing_the_prompt_is_no_answer(
    user: User, controller: BreakController, services: Services, clock: FakeClock
) -> None:
    user.run(30 * 60 + 5)
    controller.prompt.close()
    assert prompts(services, clock) == [("no_answer", 0, "")]
    assert services.breaks.status().state is SchedulerState.SITTING


def test_keys_answer_the_prompt(
    qtbot: QtBot, user: User, controller: BreakController, services: Services, clock: FakeClock
) -> None:
    user.run(30 * 60 + 5)
    window = controller.prompt
    user.away()  # stops typing: a few seconds later the prompt may take focus
    user.run(6)
    assert not window.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus
    user.back()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=1000)
    press(qtbot, window, Qt.Key.Key_Z)
    assert prompts(services, clock) == [("snoozed", 0, "")]


def test_prompt_refuses_focus_while_typing(
    user: User, controller: BreakController, idle: object
) -> None:
    user.run(30 * 60 + 5)
    # The simulated user is present, so their last input is under a second old.
    assert controller.prompt.windowFlags() & Qt.WindowType.WindowDoesNotAcceptFocus


def test_deferred_in_do_not_disturb_then_shown_at_the_ceiling(
    user: User,
    controller: BreakController,
    services: Services,
    quiet: Quiet,
    tray: Tray,
    clock: FakeClock,
) -> None:
    quiet.reason = "dnd"
    user.run(30 * 60 + 5)
    assert not controller.prompt.isVisible()
    assert services.breaks.status().state is SchedulerState.DEFERRED
    assert tray.status_action.text() == "Stand when you can"
    assert tray.attention  # the icon shows it too (a dot), never silent
    assert services.breaks.deferral_count() == 1
    user.run(10 * 60)
    assert controller.prompt.asking
    assert not tray.attention
    assert services.breaks.deferral_count() >= 5
    assert services.breaks.prompts_on(clock.now().date())[0].deferrals >= 5


def test_heads_up_notification_a_minute_before(
    user: User, controller: BreakController, services: Services, notifier: RecordingNotifier
) -> None:
    from pht_desktop.services.breaks import BreakUiOptions

    services.breaks.save_settings(services.breaks.settings(), BreakUiOptions(notify_before=True))
    user.run(28 * 60 + 30)
    assert notifier.shown == []
    user.run(40)
    assert notifier.shown == ["Stand up in a minute"]
    user.run(60)
    assert controller.prompt.asking
    assert notifier.closed == ["break-soon"]


@pytest.mark.parametrize("kind", ["30min", "1h", "until_tomorrow"])
def test_tray_menu_has_break_actions(controller: BreakController, tray: Tray, kind: str) -> None:
    actions = tray.menu.actions()
    anchor = actions.index(tray.feature_anchor)
    texts = [a.text() for a in actions[:anchor]]
    assert "I'm standing" in texts
    assert "Pause reminders" in texts
    assert "Resume reminders" in texts
    from pht_desktop.domain.break_settings import PauseKind

    controller.pause_actions[PauseKind(kind)].trigger()
    assert tray.status_action.text().startswith("Paused until")
    assert controller.resume_action.isEnabled()
    controller.resume_action.trigger()
    assert tray.status_action.text().startswith("Sitting")


def test_im_standing_from_the_tray_shows_the_countdown(
    user: User, controller: BreakController, services: Services, clock: FakeClock
) -> None:
    user.run(10 * 60)
    controller.stand_action.trigger()
    assert controller.prompt.standing
    user.run(3 * 60 + 1)
    assert not controller.prompt.isVisible()
    (stand,) = services.breaks.stands_on(clock.now().date())
    assert stand[1:4] == (180, "self_started", False)
    assert services.breaks.prompts_on(clock.now().date()) == []


def test_idle_polling_is_skipped_between_wakeups(
    controller: BreakController, idle: object, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    original = controller.idle.seconds_since_input

    def counting() -> float | None:
        calls.append(1)
        return original()

    monkeypatch.setattr(controller.idle, "seconds_since_input", counting)
    for _ in range(60):
        clock.advance(1)
        controller.tick()
    assert 3 <= len(calls) <= 5  # every 15 s while sitting, not every second


def test_long_durations_are_spoken_in_hours_and_minutes() -> None:
    from pht_desktop.ui.durations import minutes_text

    assert minutes_text(32 * 60) == "32 minutes"
    assert minutes_text(60) == "1 minute"
    assert minutes_text(140 * 60) == "2 hours 20 minutes"
    assert minutes_text(61 * 60) == "1 hour 1 minute"
    assert minutes_text(120 * 60) == "2 hours"


# --- an unanswered prompt (issue 17) -----------------------------------------------------


def test_an_unanswered_prompt_keeps_its_bout_current_and_nudges_every_n_minutes(
    user: User, controller: BreakController, notifier: RecordingNotifier, clock: FakeClock
) -> None:
    """It once sat an hour saying "30 minutes" and nothing nudged in three hours."""
    user.run(30 * 60 + 5, step=5)
    assert controller.prompt.asking
    user.run(10 * 60, step=5)
    assert controller.prompt.headline.text() == "You've been sitting 40 minutes."
    assert notifier.shown.count("Still sitting") == 2  # at 5 and 10 minutes (default 5)
    clock.sleep_machine(3 * 3600)  # a wake brings at most one nudge, never a burst
    user.run(5)
    assert notifier.shown.count("Still sitting") <= 3
    before = notifier.shown.count("Still sitting")
    user.away()  # idle past the break length: away, no more nudges
    user.run(20 * 60, step=5)
    assert notifier.shown.count("Still sitting") == before


def test_nudges_follow_their_setting_and_zero_turns_them_off(
    user: User, controller: BreakController, notifier: RecordingNotifier, services: Services
) -> None:
    services.settings.set("breaks.nudge_every_min", 0)
    user.run(30 * 60 + 5, step=5)
    user.run(20 * 60, step=5)
    assert controller.prompt.asking
    assert "Still sitting" not in notifier.shown


@pytest.mark.parametrize(
    ("last", "now", "every", "idle", "due"),
    [
        (None, 299.0, 300.0, 0.0, False),
        (None, 300.0, 300.0, 0.0, True),
        (300.0, 599.0, 300.0, 0.0, False),
        (300.0, 600.0, 300.0, None, True),  # idle unknown: not known to be away
        (None, 900.0, 300.0, 180.0, False),  # away (idle >= the break length)
        (None, 900.0, 0.0, 0.0, False),  # 0: off
    ],
)
def test_nudge_due_table(
    last: float | None, now: float, every: float, idle: float | None, due: bool
) -> None:
    from pht_desktop.domain.scheduler import nudge_due

    assert nudge_due(0.0, last, now, every, idle, 180.0) is due
