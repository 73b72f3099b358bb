"""The first-run welcome stores the user's choices, or nothing when skipped (issue 8)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from pht_desktop.domain.break_settings import BreakSettings
from pht_desktop.domain.exercise import SessionDraft, SetEntry
from pht_desktop.domain.guidance import DISCLAIMER
from pht_desktop.domain.plan import REACTIVE_RESET_REASON
from pht_desktop.platform.autostart import AUTOSTART_FLAG, LoginEntry, XdgAutostart
from pht_desktop.services.registry import Services
from pht_desktop.ui.first_run import FIRST_RUN_DONE, PAGE_BREAKS, PAGE_MORNING, FirstRunWizard
from pht_desktop.ui.main_window import MainWindow
from tests.desktop.helpers import activate, focused, press_focused
from tests.qt_input import click, press, type_text


@pytest.fixture
def autostart(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> XdgAutostart:
    """The real Linux autostart entry, under a throw-away XDG_CONFIG_HOME."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return XdgAutostart()


@pytest.fixture
def wizard(qtbot: QtBot, services: Services, autostart: XdgAutostart) -> FirstRunWizard:
    made = FirstRunWizard(services, LoginEntry(autostart, services.database_path.parent))
    qtbot.addWidget(made)
    activate(qtbot, made)
    return made


def nothing_stored(services: Services) -> bool:
    return (
        not services.profile.stage_history()
        and not services.morning.test_history()
        and not services.morning.baselines()
        and services.breaks.settings() == BreakSettings()
    )


def retype(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Tab into a field (which selects its text, or a time's first part) and type over it."""
    widget.clearFocus()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    type_text(qtbot, widget, text)


def test_it_is_non_modal_and_shows_the_disclaimer(wizard: FirstRunWizard) -> None:
    assert not wizard.isModal()
    assert wizard.disclaimer.text() == DISCLAIMER
    assert wizard.disclaimer.isVisible()
    assert wizard.heading.text() == "Welcome — your rehab stage"


def test_enter_three_times_keeps_the_defaults_and_starts_at_login(
    qtbot: QtBot, wizard: FirstRunWizard, services: Services, autostart: XdgAutostart
) -> None:
    with qtbot.waitSignal(wizard.finished_setup, timeout=1000):
        for _ in range(3):
            press_focused(qtbot, Qt.Key.Key_Return)
    assert services.settings.get(FIRST_RUN_DONE) is True
    assert not wizard.skipped
    assert not wizard.isVisible()
    assert [e.stage for e in services.profile.stage_history()] == [1]
    assert services.morning.current_test().key == "sitting"
    assert services.morning.current_baseline() is None  # "Not sure yet"
    assert services.breaks.settings() == BreakSettings()
    assert autostart.is_enabled()
    text = autostart.path.read_text(encoding="utf-8")
    assert "-m pht_desktop" in text
    assert AUTOSTART_FLAG in text


def test_the_choices_are_stored(
    qtbot: QtBot, wizard: FirstRunWizard, services: Services, autostart: XdgAutostart
) -> None:
    # Page 1: the stage, chosen with the arrow keys.
    assert focused() is wizard.stage
    press(qtbot, wizard.stage, Qt.Key.Key_Down)
    assert wizard.stage.currentData() == 2
    click(qtbot, wizard.next_button)
    # Page 2: a 40-minute interval, working hours 08:30–16:00 Monday to Thursday.
    assert wizard.pages.currentIndex() == PAGE_BREAKS
    assert focused() is wizard.interval
    type_text(qtbot, wizard.interval, "40")
    click(qtbot, wizard.use_hours)
    retype(qtbot, wizard.start_time, "0830")
    retype(qtbot, wizard.end_time, "1600")
    click(qtbot, wizard.day_boxes[4])  # Friday off
    click(qtbot, wizard.next_button)
    # Page 3: an own morning test, baseline 3/10, start at login stays on.
    assert wizard.pages.currentIndex() == PAGE_MORNING
    assert not wizard.test_name.isEnabled()
    # R3.11: everyday tests first, your own next, the deep-flexion ones last ("advanced").
    assert wizard.test.itemData(0) == "sitting"
    assert wizard.test.itemText(wizard.test.count() - 1).endswith("(advanced)")
    for _ in range(4):
        press(qtbot, wizard.test, Qt.Key.Key_Down)
    assert wizard.test.currentData() == "other"
    assert wizard.test_name.isEnabled()
    type_text(qtbot, wizard.test_name, "Hop test")
    retype(qtbot, wizard.baseline, "3")
    assert wizard.start_at_login.isChecked()
    with qtbot.waitSignal(wizard.finished_setup, timeout=1000):
        click(qtbot, wizard.finish_button)

    assert services.profile.current_stage() == 2
    assert services.morning.current_test().key == "other:Hop test"
    baseline = services.morning.current_baseline()
    assert baseline is not None
    assert baseline.pain == 3
    breaks = services.breaks.settings()
    assert breaks.sitting_interval_min == 40
    assert breaks.working_hours == dict.fromkeys(range(4), ("08:30", "16:00"))
    assert autostart.is_enabled()
    assert services.settings.get(FIRST_RUN_DONE) is True


def test_turning_start_at_login_off_removes_the_entry(
    qtbot: QtBot, wizard: FirstRunWizard, autostart: XdgAutostart
) -> None:
    autostart.enable(["pht-desktop"])
    wizard.go_to(PAGE_MORNING)
    click(qtbot, wizard.start_at_login)
    click(qtbot, wizard.finish_button)
    assert not autostart.path.exists()


def test_skip_stores_nothing_but_marks_it_seen(
    qtbot: QtBot, wizard: FirstRunWizard, services: Services, autostart: XdgAutostart
) -> None:
    press(qtbot, wizard.stage, Qt.Key.Key_Down)
    with qtbot.waitSignal(wizard.finished_setup, timeout=1000):
        click(qtbot, wizard.skip_button)
    assert wizard.skipped
    assert not wizard.isVisible()
    assert services.settings.get(FIRST_RUN_DONE) is True
    assert nothing_stored(services)
    assert not autostart.path.exists()


def test_escape_is_the_same_as_skip(
    qtbot: QtBot, wizard: FirstRunWizard, services: Services, autostart: XdgAutostart
) -> None:
    press_focused(qtbot, Qt.Key.Key_Escape)
    assert wizard.skipped
    assert services.settings.get(FIRST_RUN_DONE) is True
    assert nothing_stored(services)


def test_a_bad_field_shows_its_message_and_saves_nothing(
    qtbot: QtBot, wizard: FirstRunWizard, services: Services, autostart: XdgAutostart
) -> None:
    wizard.go_to(PAGE_MORNING)
    for _ in range(4):  # "Other" (after the four everyday tests), but no name given
        press(qtbot, wizard.test, Qt.Key.Key_Down)
    assert wizard.test.currentData() == "other"
    click(qtbot, wizard.finish_button)
    assert wizard.isVisible()
    assert wizard.test_error.isVisible()
    assert "name" in wizard.test_error.text()
    assert nothing_stored(services)
    assert services.settings.get(FIRST_RUN_DONE) is False
    assert not autostart.path.exists()


def test_working_hours_without_a_day_go_back_to_their_page(
    qtbot: QtBot, wizard: FirstRunWizard, services: Services, autostart: XdgAutostart
) -> None:
    wizard.go_to(PAGE_BREAKS)
    click(qtbot, wizard.use_hours)
    for box in wizard.day_boxes:
        if box.isChecked():
            click(qtbot, box)
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.finish_button)
    assert wizard.pages.currentIndex() == PAGE_BREAKS
    assert wizard.hours_error.isVisible()
    assert "working day" in wizard.hours_error.text()
    assert nothing_stored(services)
    assert not autostart.path.exists()


def test_help_menu_opens_the_welcome_again(
    qtbot: QtBot, services: Services, qsettings: QSettings, autostart: XdgAutostart
) -> None:
    services.settings.set(FIRST_RUN_DONE, True)
    window = MainWindow(services, qsettings, LoginEntry(autostart, services.database_path.parent))
    qtbot.addWidget(window)
    activate(qtbot, window)
    assert window.welcome_action.text() == "&Welcome…"
    assert window.welcome_action in window.help_menu.actions()
    window.welcome_action.trigger()
    wizard = window.welcome
    assert wizard is not None
    assert wizard.isVisible()
    assert not wizard.isModal()
    click(qtbot, wizard.skip_button)
    assert window.welcome is None


def test_the_app_shows_the_welcome_until_it_was_seen(
    qtbot: QtBot, services: Services, qsettings: QSettings, autostart: XdgAutostart
) -> None:
    from types import SimpleNamespace

    from pht_desktop.app import PhtApp

    window = MainWindow(services, qsettings, LoginEntry(autostart, services.database_path.parent))
    qtbot.addWidget(window)
    activate(qtbot, window)
    app = SimpleNamespace(services=services, window=window)
    PhtApp.maybe_show_first_run(app)  # type: ignore[arg-type]
    wizard = window.welcome
    assert wizard is not None
    assert wizard.isVisible()
    click(qtbot, wizard.skip_button)
    PhtApp.maybe_show_first_run(app)  # type: ignore[arg-type]
    assert window.welcome is None


def test_the_welcome_counts_its_own_steps(wizard: FirstRunWizard) -> None:
    """No number in the words that can disagree with the pages (issue 13)."""
    intro = " ".join(label.text() for label in wizard.findChildren(QLabel))
    assert "Five" not in intro
    assert wizard.step_label.text() == f"Step 1 of {wizard.pages.count()}"
    wizard.pages.addWidget(QWidget())  # a page more: the count follows
    wizard.go_to(0)
    assert wizard.step_label.text() == f"Step 1 of {wizard.pages.count()}"


@pytest.mark.parametrize("history", ["morning", "session"])
def test_the_welcome_never_opens_over_an_existing_history(
    qtbot: QtBot,
    services: Services,
    qsettings: QSettings,
    autostart: XdgAutostart,
    history: str,
) -> None:
    """A folder that already holds mornings or sessions (the demo, a restored backup) was
    set up before: the welcome does not open by itself (issue 13); Help still has it."""
    from types import SimpleNamespace

    from pht_desktop.app import PhtApp

    today = services.clock.now().date()
    if history == "morning":
        services.morning.record_morning(today, 2)
    else:
        ident = services.exercises.catalogue()[0].id
        services.exercises.log_session(
            SessionDraft(ident, services.clock.now(), (SetEntry(5, 30, 60),))
        )
    window = MainWindow(services, qsettings, LoginEntry(autostart, services.database_path.parent))
    qtbot.addWidget(window)
    app = SimpleNamespace(services=services, window=window)
    PhtApp.maybe_show_first_run(app)  # type: ignore[arg-type]
    assert window.welcome is None
    assert services.settings.get(FIRST_RUN_DONE) is False
    window.welcome_action.trigger()
    assert window.welcome is not None


def test_reactive_above_stage_one_offers_stage_one_and_the_tick_confirms_it(
    qtbot: QtBot, wizard: FirstRunWizard, services: Services
) -> None:
    """R4 in the welcome: stage 3 + reactive shows the offer in plain words; ticking it
    records stage 1 with its reason at Finish (undone the same day on Today)."""
    press(qtbot, wizard.stage, Qt.Key.Key_Down)
    press(qtbot, wizard.stage, Qt.Key.Key_Down)
    assert wizard.stage.currentData() == 3
    assert not wizard.reactive_reset.isVisible()
    press(qtbot, wizard.pathology, Qt.Key.Key_Home)
    assert wizard.pathology.currentData() == "reactive"
    assert "offers to go back there" in wizard.pathology_words.text()
    assert wizard.reactive_reset.isVisible()
    click(qtbot, wizard.reactive_reset)
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.next_button)
    with qtbot.waitSignal(wizard.finished_setup, timeout=1000):
        click(qtbot, wizard.finish_button)
    assert [e.stage for e in services.profile.stage_history()] == [3, 1]
    assert services.profile.stage_history()[-1].note == REACTIVE_RESET_REASON
    assert services.plan.can_undo_stage_move()
    services.plan.undo_stage_move()
    assert services.profile.current_stage() == 3


def test_reactive_above_stage_one_unticked_keeps_the_chosen_stage(
    qtbot: QtBot, wizard: FirstRunWizard, services: Services
) -> None:
    press(qtbot, wizard.stage, Qt.Key.Key_Down)
    press(qtbot, wizard.pathology, Qt.Key.Key_Home)
    assert wizard.reactive_reset.isVisible()
    click(qtbot, wizard.next_button)
    click(qtbot, wizard.next_button)
    with qtbot.waitSignal(wizard.finished_setup, timeout=1000):
        click(qtbot, wizard.finish_button)
    assert [e.stage for e in services.profile.stage_history()] == [2]
