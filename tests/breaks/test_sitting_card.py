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


@pytest.fixture
def card(qtbot: QtBot, services: Services, controller: BreakController) -> SittingCard:
    widget = shown(qtbot, SittingCard(services), (900, 600))
    return widget


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
    click(qtbot, card.add_manual_button)
    form = card.manual_form
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
    assert card.manual_list.count() == 1
    assert "Driving, hard seat · 45 min" in card.manual_list.item(0).text()
    assert "sat 45 min" in card.figures.text()
    card.manual_list.setCurrentRow(0)
    click(qtbot, card.delete_button)
    assert services.breaks.manual_today() == []
    assert card.undo_button.isVisible()
    click(qtbot, card.undo_button)
    assert len(services.breaks.manual_today()) == 1
    assert not card.undo_button.isVisible()


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
