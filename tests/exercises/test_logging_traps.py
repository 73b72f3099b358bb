"""Issue 13's logging traps, through the real widgets: the Hold timer tab's words name a
button on that tab, "Session saved." goes stale on the next edit, an out-of-range dose is
refused next to its field with the allowed range (never clamped), and opening Exercises
does not widen the window."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from pht_desktop.domain import exercise
from pht_desktop.services.registry import Services
from pht_desktop.ui.exercises_pane import ExercisesPane
from pht_desktop.ui.main_window import MainWindow
from tests.exercises.test_exercises_pane import choose, save
from tests.qt_input import click, press, shown, type_text


def test_the_hold_timer_tab_starts_from_its_own_button(qtbot: QtBot, pane: ExercisesPane) -> None:
    timer = pane.timer
    pane.right.setCurrentWidget(timer)
    assert "Start hold timer" not in timer.heading.text()  # a button on another tab
    assert "Start timer" in timer.heading.text()
    assert timer.start_button.isVisible()
    choose(pane, "prone-hip-extension-hold")
    assert timer.start_button.isEnabled()
    click(qtbot, timer.start_button)
    assert timer.timer is not None
    assert timer.running
    assert pane.right.currentWidget() is timer
    assert not timer.start_button.isVisible()


def test_the_start_button_waits_for_a_timed_hold(pane: ExercisesPane) -> None:
    choose(pane, "step-up")
    assert not pane.timer.start_button.isEnabled()


def test_session_saved_goes_when_another_exercise_is_chosen_or_the_form_edited(
    qtbot: QtBot, pane: ExercisesPane
) -> None:
    form = pane.form
    choose(pane, "step-up")
    save(qtbot, pane)
    assert form.message.text() == "Session saved."
    choose(pane, "prone-hip-extension-hold")
    assert form.message.text() == ""
    save(qtbot, pane)
    assert form.message.text() == "Session saved."
    form.note.setFocus()
    type_text(qtbot, form.note, "x")
    assert form.message.text() == ""


def test_an_out_of_range_dose_is_refused_with_its_range_not_clamped(
    qtbot: QtBot, pane: ExercisesPane, services: Services
) -> None:
    form = pane.form
    choose(pane, "prone-hip-extension-hold")
    low, high = exercise.HOLD_SECONDS_RANGE
    box = form.hold
    box.setFocus()
    box.selectAll()
    type_text(qtbot, box, str(high + 50))
    press(qtbot, box, Qt.Key.Key_Return)
    assert box.value() == high + 50  # kept, not silently clamped to the maximum
    assert form.dose.error.isVisible()
    assert f"{low}" in form.dose.error.text()
    assert f"{high}" in form.dose.error.text()
    before = services.exercises.history()
    save(qtbot, pane)
    assert form.message.text().startswith("Not saved")
    assert services.exercises.history() == before


def test_opening_exercises_does_not_widen_the_window(
    qtbot: QtBot, services: Services, qsettings: QSettings
) -> None:
    window = shown(qtbot, MainWindow(services, qsettings), (1024, 700))
    QApplication.processEvents()
    width = window.width()
    window.show_pane("Exercises")
    QApplication.processEvents()
    assert window.minimumSizeHint().width() <= 1024
    assert window.width() == width


def test_the_effort_scale_is_shown_whole(qtbot: QtBot, pane: ExercisesPane) -> None:
    """The effort choice read "Effort, 1–10 (how hard it f" at 1024 × 700 (issue 13)."""
    box = pane.form.effort_kind
    shown(qtbot, pane, (1024, 700))
    text = box.itemText(0)
    assert text == "Effort, 1–10 (how hard it felt)"
    assert box.width() >= box.fontMetrics().horizontalAdvance(text) + 2 * 8
