"""The morning check-in through the real widgets, checked against what the service holds."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from pht_desktop.domain.clock import FakeClock
from pht_desktop.services.registry import Services
from pht_desktop.ui.morning_card import MorningCard
from tests.conftest import Answers
from tests.morning.helpers import d
from tests.qt_input import click, press, shown


@pytest.fixture
def card(qtbot: QtBot, services: Services) -> MorningCard:
    return shown(qtbot, MorningCard(services), (900, 300))


def test_clicked_pain_is_stored_for_today(
    card: MorningCard, services: Services, qtbot: QtBot
) -> None:
    assert card.chosen_date() == d(2)
    assert not card.has_entry_today()
    click(qtbot, card.pain_buttons[2])  # one click saves: there is no Save button
    entry = services.morning.entry_for(d(2))
    assert entry is not None
    assert (entry.pain, entry.test) == (2, "sitting")
    assert card.has_entry_today()
    # Folded to the answer, with Undo and Change.
    assert card.answer_label.text() == "2/10 this morning"
    assert card.answer_host.isVisible()
    assert not card.input_host.isVisible()
    assert card.undo_button.isVisible()


def test_undo_takes_the_check_in_back_and_asks_again(
    card: MorningCard, services: Services, qtbot: QtBot
) -> None:
    click(qtbot, card.pain_buttons[5])
    click(qtbot, card.undo_button)
    assert services.morning.entry_for(d(2)) is None
    assert card.input_host.isVisible()
    assert card.selected_pain() is None
    assert card.status_label.text() == "Undone."


def test_change_replaces_after_asking_and_undo_restores_the_earlier_answer(
    card: MorningCard, services: Services, qtbot: QtBot, answers: Answers
) -> None:
    click(qtbot, card.pain_buttons[2])
    click(qtbot, card.change_button)
    assert card.input_host.isVisible()
    click(qtbot, card.pain_buttons[6])
    assert len(answers.asked) == 1  # R3.4: a second entry only after a yes
    assert services.morning.entry_for(d(2)).pain == 6  # type: ignore[union-attr]
    assert card.answer_label.text() == "6/10 this morning"
    click(qtbot, card.undo_button)
    assert services.morning.entry_for(d(2)).pain == 2  # type: ignore[union-attr]


def test_keyboard_digits_arrows_and_enter(
    card: MorningCard, services: Services, qtbot: QtBot
) -> None:
    card.activateWindow()
    qtbot.waitActive(card)
    card.focus_checkin()
    focused = card.pain_buttons[0]
    assert focused.hasFocus()
    press(qtbot, focused, Qt.Key.Key_7)
    assert card.selected_pain() == 7
    press(qtbot, card.pain_buttons[7], Qt.Key.Key_Right)
    press(qtbot, card.pain_buttons[8], Qt.Key.Key_Right)
    press(qtbot, card.pain_buttons[9], Qt.Key.Key_Right)
    assert card.selected_pain() == 10
    press(qtbot, card.pain_buttons[10], Qt.Key.Key_Left)
    assert card.selected_pain() == 9
    press(qtbot, card.pain_buttons[9], Qt.Key.Key_Return)
    assert services.morning.entry_for(d(2)).pain == 9  # type: ignore[union-attr]


def test_buttons_have_accessible_names(card: MorningCard) -> None:
    assert [b.accessibleName() for b in card.pain_buttons][::5] == [
        "Morning pain 0 of 10",
        "Morning pain 5 of 10",
        "Morning pain 10 of 10",
    ]
    assert "Pain sitting on a firm chair" in card.test_label.text()


def test_duplicate_date_asks_then_replaces(
    card: MorningCard, services: Services, qtbot: QtBot, answers: Answers
) -> None:
    """R3.4: a second entry for a date replaces the first only after a yes."""
    services.morning.record_morning(d(2), 4)
    click(qtbot, card.change_button)
    click(qtbot, card.pain_buttons[1])
    assert len(answers.asked) == 1
    assert "already has 4/10" in answers.asked[0]
    assert services.morning.entry_for(d(2)).pain == 1  # type: ignore[union-attr]
    assert card.answer_label.text() == "1/10 this morning"


def test_duplicate_date_declined_writes_nothing(
    card: MorningCard, services: Services, qtbot: QtBot, answers: Answers
) -> None:
    services.morning.record_morning(d(2), 4)
    answers.reply = False
    click(qtbot, card.change_button)
    click(qtbot, card.pain_buttons[6])
    assert len(answers.asked) == 1
    assert [e.pain for e in services.morning.entries()] == [4]
    assert "Kept the earlier entry" in card.status_label.text()


def test_past_date_is_editable(card: MorningCard, services: Services, qtbot: QtBot) -> None:
    card.date_edit.setDate(QDate(2026, 2, 27))
    assert card.status_label.text() == "Nothing recorded for 2026-02-27 yet."
    click(qtbot, card.pain_buttons[3])
    assert [(e.day, e.pain) for e in services.morning.entries()] == [(d(27, 2), 3)]
    assert card.answer_label.text() == "3/10 on the morning of 2026-02-27"


def test_date_cannot_go_past_today(card: MorningCard) -> None:
    card.date_edit.setDate(QDate(2026, 3, 5))
    assert card.chosen_date() == d(2)


def test_future_date_is_refused_with_a_visible_message(
    card: MorningCard, services: Services, clock: FakeClock, qtbot: QtBot
) -> None:
    """The computer's clock went back: the shown date is now in the future, nothing written."""
    clock.set_wall(clock.now() - timedelta(days=1))
    click(qtbot, card.pain_buttons[2])
    assert card.date_error.isVisible()
    assert "in the future" in card.date_error.text()
    assert services.morning.entries() == []


def test_no_pain_chosen_is_refused_next_to_the_buttons(
    card: MorningCard, services: Services, qtbot: QtBot
) -> None:
    card.save()  # Enter with nothing chosen
    assert card.pain_error.isVisible()
    assert "0 (none) to 10" in card.pain_error.text()
    assert services.morning.entries() == []
    click(qtbot, card.pain_buttons[0])
    assert not card.pain_error.isVisible()


def test_baseline_is_shown_beside_and_follows_changes(
    card: MorningCard, services: Services
) -> None:
    assert "No baseline yet" in card.baseline_label.text()
    services.morning.set_baseline(3, d(1))
    assert card.baseline_label.text() == "Your baseline: 3/10"


def test_midnight_moves_today_on(card: MorningCard, services: Services, clock: FakeClock) -> None:
    clock.set_wall(datetime.fromisoformat("2026-03-03T00:05:00+00:00"))
    services.morning.refresh()
    assert card.chosen_date() == d(3)
    assert card.date_edit.maximumDate() == QDate(2026, 3, 3)
