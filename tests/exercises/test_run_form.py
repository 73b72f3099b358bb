"""Runs as load sessions (R2.4) and the readiness checklist before stage 5 (R2.8)."""

from __future__ import annotations

from datetime import timedelta

from pytestqt.qtbot import QtBot

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.exercise import RunStyle
from pht_desktop.services.registry import Services
from pht_desktop.ui.exercises_pane import ExercisesPane
from pht_desktop.ui.run_form import to_qdatetime
from tests.qt_input import click, type_text


def test_log_edit_delete_and_undo_a_run(
    qtbot: QtBot, pane: ExercisesPane, services: Services, clock: FakeClock
) -> None:
    form = pane.runs
    pane.right.setCurrentWidget(form)
    assert form.readiness.isVisible()  # stage 1: the checklist shows, as information
    assert "drop lunge" in form.readiness_items.text()
    form.duration.setValue(25)
    form.distance.setValue(3.5)
    form.run_style.setCurrentIndex(form.run_style.findData("continuous"))
    click(qtbot, form.hills)
    form.pain.setValue(1)
    type_text(qtbot, form.note, "flat park loop")
    click(qtbot, form.save_button)

    [run] = services.exercises.runs()
    assert run.duration_s == 25 * 60
    assert run.distance_km == 3.5
    assert run.style is RunStyle.CONTINUOUS
    assert (run.hills, run.speed) == (True, False)
    assert run.pain_during == 1
    assert run.note == "flat park loop"
    assert "hills" in form.message.text()  # R2.4: a note before stage 5, not a refusal

    history = pane.history
    history.select_row(0)
    click(qtbot, history.edit_button)
    assert pane.right.currentWidget() is form
    assert form.editing_id == run.id
    form.duration.setValue(30)
    click(qtbot, form.save_button)
    assert services.exercises.run(run.id).duration_s == 30 * 60
    assert len(services.exercises.runs()) == 1

    history.select_row(0)
    click(qtbot, history.delete_button)
    assert services.exercises.runs() == []
    click(qtbot, history.undo_button)
    assert [r.id for r in services.exercises.runs()] == [run.id]


def test_run_in_the_future_is_refused(
    qtbot: QtBot, pane: ExercisesPane, services: Services, clock: FakeClock
) -> None:
    form = pane.runs
    pane.right.setCurrentWidget(form)
    form.when.setDateTime(to_qdatetime(clock.now() + timedelta(days=1)))
    click(qtbot, form.save_button)
    assert form.when_error.isVisible()
    assert "future" in form.when_error.text()
    assert services.exercises.runs() == []


def test_readiness_checklist_hidden_at_stage_5(pane: ExercisesPane, services: Services) -> None:
    pane.right.setCurrentWidget(pane.runs)
    services.profile.set_stage(5)
    assert not pane.runs.readiness.isVisible()
