"""Keyboard only (issue 8, item 5): the main flows with key presses, never the mouse.

Keys go to whatever has the focus (``press_focused``), so these tests also check that
each shortcut leaves the keyboard where the next key is expected.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.hold_timer import Phase
from pht_desktop.domain.scheduler import SchedulerState
from pht_desktop.services.registry import Services
from pht_desktop.ui.break_controller import BreakController
from pht_desktop.ui.hold_timer_widget import SOUND_SETTING, HoldTimerWidget
from pht_desktop.ui.main_window import MainWindow
from pht_desktop.ui.shortcuts import ShortcutsDialog
from tests.breaks.conftest import User
from tests.desktop.helpers import activate, chord, focused, press_focused
from tests.qt_input import press, type_text

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot: QtBot, services: Services, qsettings: QSettings) -> MainWindow:
    made = MainWindow(services, qsettings)
    qtbot.addWidget(made)
    made.resize(1100, 900)
    activate(qtbot, made)
    return made


def test_log_morning_pain(window: MainWindow, qtbot: QtBot, services: Services) -> None:
    window.show_pane("Progress")
    chord(qtbot, window, Qt.Key.Key_M, CTRL)
    assert window.tabs.currentWidget() is window.today
    assert focused() is window.today.morning.pain_buttons[0]
    press_focused(qtbot, Qt.Key.Key_3)
    press_focused(qtbot, Qt.Key.Key_Return)
    entry = services.morning.entry_for(services.morning.today())
    assert entry is not None
    assert entry.pain == 3
    assert window.today.morning.answer_label.text() == "3/10 this morning"


def run_the_hold_timer_by_keyboard(
    window: MainWindow, qtbot: QtBot, services: Services, clock: FakeClock
) -> tuple[HoldTimerWidget, int]:
    """Ctrl+T, Space to pause and resume, the holds run out, Tab to the pain, type it."""
    services.settings.set(SOUND_SETTING, False)
    planned = window.today.plan.planned()
    assert planned is not None
    exercise_id = planned.exercise_id
    assert planned.timed
    chord(qtbot, window, Qt.Key.Key_T, CTRL)
    pane = window.exercises_pane
    timer = pane.timer
    assert window.tabs.currentWidget() is window.exercises
    assert pane.right.currentWidget() is timer
    qtbot.waitUntil(timer.isVisible, timeout=1000)  # a pane built on first use shows queued
    assert timer.timer is not None
    assert focused() is timer.pause_button
    press_focused(qtbot, Qt.Key.Key_Space)
    assert timer.timer.paused
    clock.advance(30)
    timer.tick()
    assert timer.timer.paused  # paused time does not count
    press_focused(qtbot, Qt.Key.Key_Space)
    assert not timer.timer.paused
    for _ in range(2000):
        if timer.timer.phase is Phase.DONE:
            break
        clock.advance(1)
        timer.tick()
    assert timer.result_box.isVisible()
    # The confirmation: Tab to the pain field and type it.
    for _ in range(10):
        if focused() is timer.pain:
            break
        press_focused(qtbot, Qt.Key.Key_Tab)
    assert focused() is timer.pain
    type_text(qtbot, focused(), "2")
    assert timer.pain.pain() == 2
    press_focused(qtbot, Qt.Key.Key_Tab)
    assert focused() is timer.log_button
    return timer, exercise_id


def test_hold_timer_by_keyboard(
    window: MainWindow, qtbot: QtBot, services: Services, clock: FakeClock
) -> None:
    run_the_hold_timer_by_keyboard(window, qtbot, services, clock)


def test_log_a_hold_session_by_keyboard(
    window: MainWindow, qtbot: QtBot, services: Services, clock: FakeClock
) -> None:
    _timer, exercise_id = run_the_hold_timer_by_keyboard(window, qtbot, services, clock)
    press_focused(qtbot, Qt.Key.Key_Space)
    sessions = services.exercises.sessions()
    assert [(s.exercise_id, s.pain_during, s.source) for s in sessions] == [
        (exercise_id, 2, "timer")
    ]


def test_stand_now_shortcut(window: MainWindow, qtbot: QtBot, services: Services) -> None:
    services.breaks.tick(0.0)
    chord(qtbot, window, Qt.Key.Key_S, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert services.breaks.status().state is SchedulerState.STANDING
    assert window.tabs.currentWidget() is window.today


def test_answer_a_prompt_with_its_key(
    qtbot: QtBot, user: User, controller: BreakController, services: Services, clock: FakeClock
) -> None:
    user.run(30 * 60 + 5)
    prompt = controller.prompt
    assert prompt.asking
    user.away()  # the user stops typing, so the prompt may take the keyboard
    user.run(6)
    user.back()
    activate(qtbot, prompt)
    press(qtbot, prompt, Qt.Key.Key_S)  # Stand now
    assert prompt.standing
    user.away()  # standing, away from the keyboard
    user.run(60)
    user.back()
    activate(qtbot, prompt)
    press(qtbot, prompt, Qt.Key.Key_D)  # Done
    assert not prompt.isVisible()
    (row,) = services.breaks.prompts_on(clock.now().date())
    assert (row.response, row.seconds_stood) == ("stood", 60)


def test_shortcuts_dialog_lists_the_real_actions(window: MainWindow, qtbot: QtBot) -> None:
    press(qtbot, window, Qt.Key.Key_F1)
    dialog = window.shortcuts_dialog
    assert isinstance(dialog, ShortcutsDialog)
    assert dialog.isVisible()
    assert not dialog.isModal()
    rows = {keys: (text, menu) for keys, text, menu in dialog.rows()}
    assert rows["Ctrl+M"] == ("Morning check-in", "Actions")
    assert rows["Ctrl+T"] == ("Start today's exercise", "Actions")
    assert rows["Ctrl+Shift+S"] == ("I'm standing", "Actions")
    assert rows["Ctrl+1"] == ("Today", "View")
    assert rows["F1"] == ("Keyboard shortcuts", "Help")
    # Generated, not typed: a new action with a key appears the next time it opens.
    dialog.close()
    extra = window.actions_menu.addAction("Something new")
    extra.setShortcut("Ctrl+Shift+N")
    window.shortcuts_action.trigger()
    assert ("Ctrl+Shift+N", "Something new", "Actions") in dialog.rows()


def test_every_action_with_a_menu_has_a_mnemonic(window: MainWindow) -> None:
    for menu in (window.file_menu, window.view_menu, window.actions_menu, window.help_menu):
        assert "&" in menu.title()
        for action in menu.actions():
            assert action.isSeparator() or "&" in action.text(), action.text()


def tab_chain(qtbot: QtBot, start: QWidget, inside: QWidget) -> list[QWidget]:
    """Press Tab from ``start`` until the focus leaves ``inside``; what got the focus."""
    start.setFocus(Qt.FocusReason.TabFocusReason)
    seen = [focused()]
    for _ in range(60):
        press_focused(qtbot, Qt.Key.Key_Tab)
        now = focused()
        if now is seen[-1]:
            continue  # a date edit's Tab walks its own parts first
        if not inside.isAncestorOf(now) or now in seen:
            break
        seen.append(now)
    return seen


def test_today_tab_order_follows_the_cards(window: MainWindow, qtbot: QtBot) -> None:
    today = window.today
    chain = tab_chain(qtbot, today.sitting.stand_button, today)
    cards = [today.sitting, today.morning, today.guidance, today.plan, today.measures_due]
    order = [next(i for i, c in enumerate(cards) if c.isAncestorOf(w)) for w in chain]
    assert order == sorted(order), "Tab jumps back to an earlier card"
    assert today.morning.pain_buttons[0] in chain
    assert today.morning.date_edit in chain or today.morning.pain_buttons[10] in chain
    assert today.plan.start in chain
    # Within a card, Tab goes top to bottom, then left to right.
    body = today.widget()
    assert body is not None
    places = [w.mapTo(body, w.rect().center()) for w in chain]
    rows = [(p.y() // 24, p.x()) for p in places]
    for card in range(len(cards)):
        in_card = [r for r, o in zip(rows, order, strict=True) if o == card]
        assert in_card == sorted(in_card), f"tab order inside card {card}"


def test_today_controls_have_accessible_names(window: MainWindow) -> None:
    for widget in window.today.findChildren(QWidget):
        if not widget.isVisibleTo(window) or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if widget.focusProxy() is not None or widget.parentWidget() is None:
            continue
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        name = widget.accessibleName() or text
        assert name.replace("&", "").strip(), f"{type(widget).__name__} has no accessible name"


def test_focus_is_visible(window: MainWindow, qtbot: QtBot) -> None:
    """The style draws a focus frame: a focused button looks different (not by colour alone)."""
    window.today.sitting.stand_button.setFocus(Qt.FocusReason.TabFocusReason)
    press_focused(qtbot, Qt.Key.Key_Tab)
    while not isinstance(focused(), QPushButton):
        press_focused(qtbot, Qt.Key.Key_Tab)
    button = focused()
    with_focus = button.grab().toImage()
    press_focused(qtbot, Qt.Key.Key_Tab)
    assert not button.hasFocus()
    without_focus = button.grab().toImage()
    assert with_focus != without_focus
    assert QApplication.style().name() == "fusion"
