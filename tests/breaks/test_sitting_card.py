"""The SITTING card: live bout, actions, figures, hand-entered sitting (R1.2, R1.3)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QDateTime
from pytestqt.qtbot import QtBot

from pht_desktop.domain.break_settings import PauseKind
from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.scheduler import SchedulerState
from pht_desktop.services.registry import Services
from pht_desktop.ui.break_controller import BreakController
from pht_desktop.ui.sitting_card import SittingCard
from tests.breaks.conftest import User
from tests.qt_input import click, shown
from tests.sql_log import recorded_statements


@pytest.fixture
def card(qtbot: QtBot, services: Services, controller: BreakController) -> SittingCard:
    widget = shown(qtbot, SittingCard(services), (900, 600))
    return widget


def test_the_card_reads_when_shown_not_when_built(qtbot: QtBot, services: Services) -> None:
    """Start-up reads today's figures once, at the first paint, not twice (issue 16)."""
    with recorded_statements(services.engine) as built:
        card = SittingCard(services)
    assert built == []
    with recorded_statements(services.engine) as on_show:
        shown(qtbot, card)
    assert on_show, "shown, the card reads today's figures"
    assert not card.manual.list.isVisible()  # nothing added by hand yet


def test_a_hidden_card_reads_nothing_until_shown_again(
    qtbot: QtBot, card: SittingCard, user: User, services: Services
) -> None:
    """In the tray all day, a bout or stand written re-reads nothing; shown again, the
    card shows the figures of now (issue 16: quitting re-read them for a closing window)."""
    card.hide()
    with recorded_statements(services.engine) as while_hidden:
        services.breaks.stand_now()
        user.run(60)
        services.breaks.finish_stand()
    assert while_hidden, "the stand was written"
    assert not [s for s in while_hidden if s.startswith("SELECT stands.source")], "re-read hidden"
    card.show()
    qtbot.waitExposed(card)
    assert "1 self-started" in card.by_source.text()


def test_live_bout_and_next_stand(card: SittingCard, user: User) -> None:
    user.run(24 * 60, step=5)
    assert card.bout.text() == "24 min"
    assert card.next_label.text() == "next stand in 6 min"
    assert card.progress.value() == 24


def test_im_standing_countdown_and_done(
    qtbot: QtBot, card: SittingCard, user: User, services: Services, clock: FakeClock
) -> None:
    user.run(10 * 60, step=5)
    click(qtbot, card.stand_button)
    assert card.done_button.isVisible()
    user.run(90)
    assert card.countdown.text() == "1:30 left"
    click(qtbot, card.done_button)
    assert not card.done_button.isVisible()
    (stand,) = services.breaks.stands_on(clock.now().date())
    assert stand[1:4] == (90, "self_started", True)
    assert "1 self-started" in card.by_source.text()


def test_pause_and_resume_from_the_menu(
    qtbot: QtBot, card: SittingCard, user: User, services: Services
) -> None:
    card.pause_actions[PauseKind.MIN_30].trigger()
    assert services.breaks.status().state is SchedulerState.PAUSED
    assert card.state_label.text() == "Paused until 09:30"
    assert card.resume_button.isVisible()
    click(qtbot, card.resume_button)
    assert services.breaks.status().state is SchedulerState.SITTING
    assert not card.resume_button.isVisible()
    card.pause_actions[PauseKind.UNTIL_TOMORROW].trigger()
    assert card.state_label.text() == "Paused until midnight"
    card.pause_actions[PauseKind.HOUR_1].trigger()
    assert card.state_label.text() == "Paused until 10:00"
    user.run(61 * 60, step=30)  # a pause ends by itself
    assert services.breaks.status().state is SchedulerState.SITTING


def test_manual_sitting_validation_then_add_delete_undo(
    qtbot: QtBot, card: SittingCard, services: Services, clock: FakeClock
) -> None:
    assert card.manual.form is None  # built on first use, not at start-up
    click(qtbot, card.manual.add_button)
    form = card.manual.form
    assert form is not None
    assert form.isVisible()
    form.minutes.setValue(0)
    click(qtbot, form.add_button)
    assert form.errors["minutes"].isVisible()
    assert "Sitting time" in form.errors["minutes"].text()
    future = clock.now() + timedelta(hours=2)
    form.minutes.setValue(45)
    form.start.setDateTime(QDateTime.fromSecsSinceEpoch(int(future.timestamp())))
    click(qtbot, form.add_button)
    assert form.errors["started_at"].isVisible()
    assert services.breaks.manual_today() == []
    form.kind.setCurrentIndex(form.kind.findData("driving"))
    form.seat.setCurrentIndex(form.seat.findData("hard"))
    start = clock.now() - timedelta(minutes=50)
    form.start.setDateTime(QDateTime.fromSecsSinceEpoch(int(start.timestamp())))
    click(qtbot, form.add_button)
    assert not form.isVisible()
    (entry,) = services.breaks.manual_today()
    assert (entry.minutes, entry.kind, entry.seat) == (45, "driving", "hard")
    assert card.manual.list.count() == 1
    assert "Driving, hard seat · 45 min" in card.manual.list.item(0).text()
    assert "sat 45 min" in card.figures.text()
    card.manual.list.setCurrentRow(0)
    click(qtbot, card.manual.delete_button)
    assert services.breaks.manual_today() == []
    assert card.manual.undo_button.isVisible()
    click(qtbot, card.manual.undo_button)
    assert len(services.breaks.manual_today()) == 1
    assert not card.manual.undo_button.isVisible()


def test_today_figures_line(
    qtbot: QtBot,
    card: SittingCard,
    user: User,
    controller: BreakController,
    services: Services,
) -> None:
    user.run(30 * 60 + 5, step=5)
    click(qtbot, controller.prompt.stand_button)
    user.run(3 * 60 + 1)
    user.run(41 * 60, step=5)  # prompt at 30 min is skipped; the bout goes past 40
    controller.prompt.skip_button.click()
    user.run(30 * 60, step=5)  # R1.2: a skip waits a full interval, the bout keeps growing
    controller.prompt.stand_button.click()
    user.run(2 * 60)
    controller.prompt.done_button.click()
    figures = services.breaks.today_figures()
    assert (figures.prompts, figures.taken) == (3, 2)
    assert figures.bouts_over_40 == 1
    assert 71 * 60 <= figures.longest_bout_s <= 72 * 60
    text = card.figures.text()
    assert text.startswith("Today: 3 prompts · 2 stood · longest bout 1 h 11 min")
    assert "1 bout over 40 min" in text
    assert "stood 5 min" in text
    assert "stood up at 67 % of prompts" in text
    assert card.by_source.text() == "Breaks: 2 after a prompt"


# --- now means now (issue 17) ------------------------------------------------------------


def test_the_bout_on_screen_is_the_bout_now_between_sparse_polls(
    card: SittingCard, services: Services, clock: FakeClock
) -> None:
    """The controller polls a sitting user every few minutes; the card's own timer
    repaints at least each minute while visible (it once said "1 min" after 4)."""
    services.breaks.tick(0.0)
    card.refresh()
    assert card._timer.isActive()
    assert card._timer.interval() <= 60_000
    for _ in range(4):
        clock.advance(60)
        card._timer.timeout.emit()  # the timer's minute, without sleeping
    assert card.bout.text() == "4 min"
    assert card.next_label.text() == "next stand in 26 min"


def test_shown_again_and_after_a_wake_it_repaints_at_once(
    qtbot: QtBot, card: SittingCard, services: Services, clock: FakeClock, user: User
) -> None:
    user.run(60)
    card.hide()
    assert not card._timer.isActive()
    clock.advance(5 * 60)
    services.breaks.tick(0.0)
    card.show()
    assert card.bout.text() == "6 min"
    # A wake: wall time moved, monotonic time did not; the next pulse repaints.
    clock.sleep_machine(3 * 60)
    services.breaks.announce_pulse()
    assert card._refreshed_wall == clock.now()


def test_a_skipped_prompt_keeps_the_bout_growing_and_says_over_by(
    card: SittingCard, services: Services, user: User
) -> None:
    """R1.2: skipping does not restart the sitting clock; the card shows how far over."""
    user.run(30 * 60 + 5, step=5)
    assert services.breaks.status().state is SchedulerState.PROMPTING
    services.breaks.skip("busy")
    user.run(7 * 60, step=5)
    card.refresh()
    assert card.bout.text() == "37 min"
    assert card.next_label.text().startswith("over by 7 min · next reminder in ")
    assert card.progress.value() == card.progress.maximum()


def test_a_shown_prompt_counts_in_todays_figures_whatever_its_answer(
    card: SittingCard, services: Services, user: User
) -> None:
    """Issue 17: a prompt shown and snoozed counted as "0 prompts"; one left on screen too."""
    user.run(30 * 60 + 5, step=5)
    assert services.breaks.status().state is SchedulerState.PROMPTING
    card.refresh_figures()
    assert card.figures.text().startswith("Today: 1 prompt · 0 stood")  # still on screen
    services.breaks.snooze()
    card.refresh_figures()
    assert card.figures.text().startswith("Today: 1 prompt · 0 stood")  # snoozed, not back
    user.run(6 * 60, step=5)  # the snooze comes back: still one prompt (one chain)
    services.breaks.stand_now()
    card.refresh_figures()
    assert card.figures.text().startswith("Today: 1 prompt · 1 stood")
