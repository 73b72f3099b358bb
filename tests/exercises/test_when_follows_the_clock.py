"""A log form's "When" is now until the user changes it, and says so (issue 17).

Before, it kept the time the pane was opened: a session saved at 07:08 was stored at
07:06, and the run form still said 07:08 at 07:29.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pytestqt.qtbot import QtBot

from pht_desktop.domain.clock import FakeClock
from pht_desktop.services.registry import Services
from pht_desktop.ui.exercises_pane import ExercisesPane
from pht_desktop.ui.run_form import from_qdatetime, to_qdatetime
from tests.exercises.test_exercises_pane import choose, save
from tests.qt_input import click


def _minute(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M")


def test_a_session_saved_later_is_timed_when_saved(
    qtbot: QtBot, pane: ExercisesPane, services: Services, clock: FakeClock
) -> None:
    choose(pane, "step-up")
    form = pane.form
    assert "follows the clock" in form.when_hint.text()
    clock.advance(2 * 60 + 10)
    form.follow._timer.timeout.emit()  # the form's own tick, without sleeping
    assert _minute(from_qdatetime(form.when.dateTime())) == _minute(clock.now())
    clock.advance(20)
    save(qtbot, pane)
    [stored] = services.exercises.sessions()
    assert stored.performed_at == clock.now()  # not the minute on screen, not the open time


def test_a_time_the_user_set_is_kept_and_now_follows_again(
    qtbot: QtBot, pane: ExercisesPane, services: Services, clock: FakeClock
) -> None:
    choose(pane, "step-up")
    form = pane.form
    chosen = clock.now() - timedelta(hours=3)
    form.when.setDateTime(to_qdatetime(chosen))  # as the user typing a time
    assert "Set by you" in form.when_hint.text()
    clock.advance(10 * 60)
    form.follow._timer.timeout.emit()
    assert _minute(from_qdatetime(form.when.dateTime())) == _minute(chosen)
    save(qtbot, pane)
    [stored] = services.exercises.sessions()
    assert _minute(stored.performed_at) == _minute(chosen)
    # After saving the form is fresh again: it follows the clock.
    assert "follows the clock" in form.when_hint.text()
    form.when.setDateTime(to_qdatetime(chosen))
    click(qtbot, form.now_button)
    assert "follows the clock" in form.when_hint.text()


def test_the_run_form_follows_the_clock_while_shown(
    qtbot: QtBot, pane: ExercisesPane, services: Services, clock: FakeClock
) -> None:
    form = pane.runs
    pane.right.setCurrentWidget(form)  # shown: it moves on at once
    clock.advance(21 * 60)
    form.follow._timer.timeout.emit()
    assert _minute(from_qdatetime(form.when.dateTime())) == _minute(clock.now())
    assert form.follow._timer.isActive()
    click(qtbot, form.save_button)
    [run] = services.exercises.runs()
    assert run.performed_at == clock.now()
