"""YESTERDAY through the real widgets over seeded data (R3.2, R3.6, R3.8, R3.9)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from pht_desktop.domain.clock import FakeClock
from pht_desktop.services.registry import Services
from pht_desktop.ui.guidance_card import GuidanceCard
from pht_desktop.ui.main_window import MainWindow
from pht_desktop.ui.style import EXCEEDED_COLOUR, TOLERATED_COLOUR, UNKNOWN_COLOUR, text_colour
from tests.morning.helpers import add_session, d, seed_story
from tests.qt_input import click, shown

DOSE = "Prone hip-extension hold 5 × 40 s"


def make_card(qtbot: QtBot, services: Services) -> GuidanceCard:
    card = shown(qtbot, GuidanceCard(services), (900, 400))
    return card


def test_tolerated_verdict_streak_and_hold(qtbot: QtBot, services: Services) -> None:
    seed_story(services, 4)
    card = make_card(qtbot, services)
    assert card.verdict_label.text() == "Tolerated: 2/10 this morning, baseline 3/10"
    assert card.marker.text() == "✓"
    assert text_colour(card.marker) == TOLERATED_COLOUR.lower()
    assert card.marker.accessibleName() == "Tolerated"
    assert card.mode_label.isHidden()  # the default mode needs no word


def test_exceeded_verdict_goes_back_with_numbers_and_flags(
    qtbot: QtBot, services: Services, clock: FakeClock
) -> None:
    last = seed_story(services, 3)
    heavier = last + timedelta(days=1)
    add_session(services, heavier, hold_s=45, pain_during=7)
    clock.advance(24 * 3600)
    services.morning.record_morning(heavier + timedelta(days=1), 5)
    card = make_card(qtbot, services)
    assert card.marker.text() == "▲"
    assert text_colour(card.marker) == EXCEEDED_COLOUR.lower()
    assert card.verdict_label.text() == "Exceeded: 5/10 this morning, baseline 3/10"
    assert card.flags_label.isVisible()
    assert "7/10" in card.flags_label.text()
    assert "higher than last week" in card.flags_label.text()


def test_unknown_verdict_is_grey_and_hints_at_the_check_in(
    qtbot: QtBot, services: Services
) -> None:
    services.morning.set_baseline(3, d(1))
    add_session(services, d(1))
    card = make_card(qtbot, services)
    assert card.marker.text() == "○"
    assert text_colour(card.marker) == UNKNOWN_COLOUR.lower()
    assert card.verdict_label.text().startswith("Unknown: no morning entry")
    assert "record this morning's pain above" in card.verdict_label.text()


def test_mode_switch_is_shown_beside_the_verdict(qtbot: QtBot, services: Services) -> None:
    seed_story(services, 2)
    card = make_card(qtbot, services)
    services.morning.set_baseline_mode("pre_load")
    assert card.mode_label.text() == "Compared with: Pre-load morning"
    assert card.verdict_label.text() == "Tolerated: 2/10 this morning, pre-load morning 2/10"


def test_today_pane_check_in_updates_the_verdict(
    qtbot: QtBot, services: Services, qsettings: QSettings
) -> None:
    """In the main window: yesterday's load is unknown until this morning is entered."""
    seed_story(services, 4, first=d(25, 2))  # load days 25–28 Feb, mornings to 1 Mar
    add_session(services, d(1))
    window = shown(qtbot, MainWindow(services, qsettings))
    today = window.today
    assert today.guidance.verdict_label.text().startswith("Unknown: no morning entry")
    click(qtbot, today.morning.pain_buttons[3])
    assert today.guidance.verdict_label.text() == "Tolerated: 3/10 this morning, baseline 3/10"
    assert today.plan.headline.text().startswith(f"Same dose again: {DOSE}")
    assert "5 of 6 tolerated load days" in today.plan.numbers.text()
