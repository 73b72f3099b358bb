"""The hold timer widget on a fake clock: what was really held gets logged (R2.3)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.exercise import SetEntry
from pht_desktop.domain.hold_timer import Phase
from pht_desktop.services.registry import Services
from pht_desktop.ui.exercises_pane import ExercisesPane
from pht_desktop.ui.hold_timer_widget import SOUND_SETTING
from tests.exercises.helpers import exercise_id
from tests.qt_input import click


def start(qtbot: QtBot, pane: ExercisesPane, sets: int, hold_s: int, rest_s: int) -> int:
    """Set the dose in the log form and press Start hold timer."""
    ident = exercise_id(pane.services, "prone-hip-extension-hold")
    pane.catalogue.select(ident)
    form = pane.form
    form.sets.setValue(sets)
    form.reps.setValue(1)
    form.hold.setValue(hold_s)
    form.rest.setValue(rest_s)
    click(qtbot, form.timer_button)
    assert pane.right.currentWidget() is pane.timer
    return ident


def advance(pane: ExercisesPane, clock: FakeClock, seconds: float) -> None:
    clock.advance(seconds)
    pane.timer.tick()


class CountingChime:
    def __init__(self) -> None:
        self.played = 0

    def play(self) -> None:
        self.played += 1


def test_each_finished_hold_plays_the_chime_handed_in(
    qtbot: QtBot, services: Services, clock: FakeClock
) -> None:
    chime = CountingChime()
    pane = ExercisesPane(services, chime)
    qtbot.addWidget(pane)
    services.settings.set(SOUND_SETTING, True)
    start(qtbot, pane, sets=2, hold_s=10, rest_s=5)
    advance(pane, clock, 5 + 10)
    assert chime.played == 1
    advance(pane, clock, 5 + 10)
    assert chime.played == 2
    services.settings.set(SOUND_SETTING, False)
    start(qtbot, pane, sets=1, hold_s=10, rest_s=5)
    advance(pane, clock, 5 + 10)
    assert chime.played == 2  # sound off: silent


def test_full_plan_logs_every_hold(
    qtbot: QtBot, pane: ExercisesPane, services: Services, clock: FakeClock
) -> None:
    services.settings.set(SOUND_SETTING, False)
    started = clock.now()
    ident = start(qtbot, pane, sets=2, hold_s=10, rest_s=5)
    widget = pane.timer
    assert widget.timer is not None
    assert widget.phase_label.text() == "Get ready"
    assert widget.position.text() == "Next: Hold 1 of 2"
    assert widget.next_label.text() == ""  # the coming hold is named once
    assert widget.running
    advance(pane, clock, 5)
    assert widget.phase_label.text() == "Hold"
    assert widget.digits.text() == "10"
    assert widget.position.text() == "Hold 1 of 2"
    assert widget.next_label.text() == "Next: Hold 2 of 2"
    advance(pane, clock, 3.5)
    assert widget.digits.text() == "7"
    assert 300 <= widget.progress.value() <= 400
    advance(pane, clock, 6.5)
    assert widget.phase_label.text() == "Rest"
    assert widget.holds_sounded == 1
    assert widget.position.text() == "Next: Hold 2 of 2"
    assert widget.next_label.text() == ""
    advance(pane, clock, 15)  # rest 5 s + the last hold 10 s
    assert widget.timer.phase is Phase.DONE
    assert not widget.running  # the QTimer stops when the timer is done
    assert widget.result_box.isVisible()
    assert "2 × 10 s" in widget.result_label.text()
    assert services.exercises.sessions() == []  # shown for confirmation first

    widget.pain.setValue(2)
    click(qtbot, widget.log_button)
    [stored] = services.exercises.sessions()
    assert stored.exercise_id == ident
    assert stored.sets == (SetEntry(1, 10, 5), SetEntry(1, 10, 5))
    assert stored.pain_during == 2
    assert stored.source == "timer"
    assert stored.performed_at == started  # the session is dated when the holds began
    assert not widget.result_box.isVisible()


def test_interrupted_hold_logs_the_seconds_really_held(
    qtbot: QtBot, pane: ExercisesPane, services: Services, clock: FakeClock
) -> None:
    services.settings.set(SOUND_SETTING, False)
    start(qtbot, pane, sets=3, hold_s=30, rest_s=60)
    widget = pane.timer
    click(qtbot, widget.skip_button)  # skip the get-ready countdown
    assert widget.phase_label.text() == "Hold"
    advance(pane, clock, 30)
    assert widget.phase_label.text() == "Rest"
    click(qtbot, widget.skip_button)  # skip rest
    assert widget.phase_label.text() == "Hold"
    advance(pane, clock, 12.7)

    click(qtbot, widget.pause_button)
    assert widget.phase_label.text() == "Hold — paused"
    assert not widget.running
    clock.advance(100)  # paused time does not count
    widget.tick()
    click(qtbot, widget.pause_button)
    assert widget.running
    advance(pane, clock, 4.6)
    click(qtbot, widget.stop_button)
    assert not widget.running
    assert "stopped early" in widget.result_label.text()
    click(qtbot, widget.log_button)
    [stored] = services.exercises.sessions()
    assert stored.sets == (SetEntry(1, 30, 60), SetEntry(1, 17, 60))


def test_space_pauses_and_resumes(
    qtbot: QtBot, pane: ExercisesPane, services: Services, clock: FakeClock
) -> None:
    start(qtbot, pane, sets=1, hold_s=20, rest_s=0)
    widget = pane.timer
    widget.pause_button.setFocus()
    qtbot.keyClick(widget.pause_button, Qt.Key.Key_Space)  # type: ignore[no-untyped-call]
    assert widget.timer is not None
    assert widget.timer.paused
    assert widget.pause_button.text() == "Resume (Space)"
    qtbot.keyClick(widget.digits, Qt.Key.Key_Space)  # type: ignore[no-untyped-call]
    assert not widget.timer.paused


def test_stopped_before_any_hold_logs_nothing(
    qtbot: QtBot, pane: ExercisesPane, services: Services, clock: FakeClock
) -> None:
    start(qtbot, pane, sets=1, hold_s=20, rest_s=0)
    widget = pane.timer
    advance(pane, clock, 2)
    click(qtbot, widget.stop_button)
    assert "nothing to log" in widget.result_label.text()
    assert not widget.log_button.isEnabled()
    assert services.exercises.sessions() == []
