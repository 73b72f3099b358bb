"""The Exercises pane through its real widgets, checked through the service (R2, R3.8)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.exercise import EffortKind, LoadKind, SetEntry
from pht_desktop.services.registry import Services
from pht_desktop.ui.exercise_labels import COMPRESSIVE_MARK
from pht_desktop.ui.exercises_pane import ExercisesPane
from pht_desktop.ui.run_form import to_qdatetime
from tests.conftest import Answers
from tests.exercises.helpers import exercise_id
from tests.qt_input import click, type_text


def choose(pane: ExercisesPane, slug: str) -> int:
    """Pick an exercise in the catalogue tree, as a click would."""
    ident = exercise_id(pane.services, slug)
    item = pane.catalogue.item_for(ident)
    assert item is not None
    pane.catalogue.tree.setCurrentItem(item)
    assert pane.form.exercise_id() == ident
    return ident


def save(qtbot: QtBot, pane: ExercisesPane) -> None:
    click(qtbot, pane.form.save_button)


def test_catalogue_groups_by_stage_current_first_and_marks_compressive(
    pane: ExercisesPane, services: Services
) -> None:
    tree = pane.catalogue.tree
    first = tree.topLevelItem(0)
    assert first is not None
    assert first.text(0).startswith("Stage 1")
    assert "(your stage)" in first.text(0)
    assert first.isExpanded()
    services.profile.set_stage(4)
    first = tree.topLevelItem(0)
    assert first is not None
    assert first.text(0).startswith("Stage 4")
    lunge = pane.catalogue.item_for(exercise_id(services, "walking-lunge"))
    assert lunge is not None
    assert COMPRESSIVE_MARK in lunge.text(0)
    assert "Compressive" in lunge.toolTip(0)
    stretch = pane.catalogue.item_for(exercise_id(services, "seated-toe-reach-stretch"))
    assert stretch is not None
    assert "avoid early" in stretch.text(0)


def test_log_a_session_through_the_widgets(
    qtbot: QtBot, pane: ExercisesPane, services: Services
) -> None:
    ident = choose(pane, "step-up")
    form = pane.form
    form.sets.setValue(4)
    form.reps.setValue(8)
    form.load_kind.setCurrentIndex(form.load_kind.findData("kg"))
    form.kg.setValue(12.5)
    form.effort.setValue(7)
    form.pain.setValue(2)
    type_text(qtbot, form.note, "felt solid")
    save(qtbot, pane)

    [stored] = services.exercises.sessions()
    assert stored.exercise_id == ident
    assert stored.sets == (SetEntry(8, None, 120),) * 4  # rest from the kinetic ladder
    assert stored.load.kind is LoadKind.KG
    assert stored.load.kg == 12.5
    assert (stored.effort_kind, stored.effort_value) == (EffortKind.RPE, 7)
    assert stored.pain_during == 2
    assert stored.note == "felt solid"
    assert stored.performed_at == services.clock.now()
    assert form.message.text() == "Session saved."
    assert pane.history.model.rowCount() == 1


def test_invalid_entries_are_refused_next_to_the_field(
    qtbot: QtBot, pane: ExercisesPane, services: Services
) -> None:
    form = pane.form
    choose(pane, "prone-hip-extension-hold")
    form.load_kind.setCurrentIndex(form.load_kind.findData("band"))
    save(qtbot, pane)
    assert form.load_error.isVisible()
    assert "Band colour" in form.load_error.text()
    assert services.exercises.history() == []

    type_text(qtbot, form.band_colour, "green")
    form.when.setDateTime(to_qdatetime(services.clock.now() + timedelta(hours=2)))
    save(qtbot, pane)
    assert not form.load_error.isVisible()
    assert form.when_error.isVisible()
    assert "future" in form.when_error.text()
    assert "Not saved" in form.message.text()
    assert services.exercises.history() == []

    click(qtbot, form.now_button)
    save(qtbot, pane)
    assert not form.when_error.isVisible()
    [stored] = services.exercises.sessions()
    assert stored.load.label == "band: green"


def test_compressive_warning_below_stage_4_only(
    qtbot: QtBot, pane: ExercisesPane, services: Services, clock: FakeClock
) -> None:
    choose(pane, "walking-lunge")
    assert "compressive" in pane.form.warning.text()  # shown before saving, too
    save(qtbot, pane)
    assert len(services.exercises.sessions()) == 1  # a warning, never a refusal (R2.1)
    assert "compressive" in pane.form.warning.text()
    assert "stage 1" in pane.form.warning.text()

    services.profile.set_stage(4)
    clock.advance(60)
    choose(pane, "walking-lunge")
    pane.form.set_now()
    save(qtbot, pane)
    assert len(services.exercises.sessions()) == 2
    assert pane.form.warning.text() == ""


def test_hsr_sessions_less_than_48_h_apart_get_a_gentle_note(
    qtbot: QtBot, pane: ExercisesPane, services: Services, clock: FakeClock
) -> None:
    services.profile.set_stage(2)
    choose(pane, "hsr-prone-hamstring-curl")
    save(qtbot, pane)
    assert pane.form.warning.text() == ""
    clock.advance(30 * 3600)
    pane.form.set_now()
    save(qtbot, pane)
    assert "48 h" in pane.form.warning.text()
    assert "30 h" in pane.form.warning.text()
    clock.advance(48 * 3600)
    pane.form.set_now()
    save(qtbot, pane)
    assert pane.form.warning.text() == ""
    assert len(services.exercises.sessions()) == 3


def test_repeat_last_and_nudge(
    qtbot: QtBot, pane: ExercisesPane, services: Services, clock: FakeClock
) -> None:
    form = pane.form
    choose(pane, "prone-hip-extension-hold")
    assert (form.sets.value(), form.hold.value()) == (5, 30)  # the ladder's entry rung
    click(qtbot, form.dose.plus_button)
    assert form.hold.value() == 35
    form.load_kind.setCurrentIndex(form.load_kind.findData("band"))
    type_text(qtbot, form.band_colour, "red")
    form.effort_kind.setCurrentIndex(form.effort_kind.findData("percent"))
    form.effort.setValue(70)
    save(qtbot, pane)

    clock.advance(24 * 3600)
    choose(pane, "step-up")
    choose(pane, "prone-hip-extension-hold")
    assert form.hold.value() == 30  # the starting dose again
    click(qtbot, form.repeat_button)
    assert (form.sets.value(), form.hold.value()) == (5, 35)
    assert form.band_colour.text() == "red"
    assert form.effort.value() == 70
    click(qtbot, form.dose.minus_button)
    click(qtbot, form.dose.minus_button)
    assert form.hold.value() == 25
    save(qtbot, pane)
    newest = services.exercises.sessions()[0]
    assert newest.sets == (SetEntry(1, 25, 120),) * 5
    assert newest.load.label == "band: red"
    assert newest.effort_value == 70
    assert newest.performed_at == clock.now()


def test_edit_delete_and_undo_from_history(
    qtbot: QtBot, pane: ExercisesPane, services: Services
) -> None:
    choose(pane, "step-up")
    pane.form.pain.setValue(1)
    save(qtbot, pane)
    history = pane.history
    history.select_row(0)
    click(qtbot, history.edit_button)
    assert pane.right.currentWidget() is pane.form
    assert pane.form.editing_id is not None
    assert pane.form.cancel_button.isVisible()
    pane.form.pain.setValue(4)
    pane.form.reps.setValue(12)
    save(qtbot, pane)
    [stored] = services.exercises.sessions()
    assert stored.pain_during == 4
    assert stored.sets[0].reps == 12
    assert pane.form.editing_id is None
    assert pane.form.message.text() == "Session updated."

    history.select_row(0)
    click(qtbot, history.delete_button)
    assert services.exercises.sessions() == []
    assert history.model.rowCount() == 0
    assert history.undo_bar.isVisible()
    assert "Step-up" in history.undo_label.text()
    click(qtbot, history.undo_button)
    assert [s.id for s in services.exercises.sessions()] == [stored.id]
    assert history.model.rowCount() == 1
    assert not history.undo_bar.isVisible()


def test_history_filter_by_exercise_stage_and_dates(
    qtbot: QtBot, pane: ExercisesPane, services: Services, clock: FakeClock
) -> None:
    choose(pane, "step-up")
    save(qtbot, pane)
    clock.advance(2 * 24 * 3600)
    choose(pane, "prone-hip-extension-hold")
    pane.form.set_now()
    save(qtbot, pane)
    history = pane.history
    model = history.model
    assert [model.row_at(i).exercise for i in range(model.rowCount())] == [
        "Prone hip-extension hold",
        "Step-up",
    ]
    history.exercise_filter.setCurrentIndex(
        history.exercise_filter.findData(exercise_id(services, "step-up"))
    )
    assert [model.row_at(i).exercise for i in range(model.rowCount())] == ["Step-up"]
    history.exercise_filter.setCurrentIndex(0)
    history.stage_filter.setCurrentIndex(history.stage_filter.findData(1))
    assert [model.row_at(i).exercise for i in range(model.rowCount())] == [
        "Prone hip-extension hold"
    ]
    history.stage_filter.setCurrentIndex(0)
    click(qtbot, history.date_filter)
    assert model.rowCount() == 2  # both fall in this month
    today = clock.now().date()
    history.start.setDate(QDate(today.year, today.month, today.day))
    history.end.setDate(QDate(today.year, today.month, today.day))
    assert model.rowCount() == 1
    assert model.row_at(0).exercise == "Prone hip-extension hold"


def test_custom_exercise_with_history_is_archived_not_deleted(
    qtbot: QtBot, pane: ExercisesPane, services: Services, answers: Answers
) -> None:
    panel = pane.catalogue
    type_text(qtbot, panel.name, "Wall press")
    panel.dose_type.setCurrentIndex(panel.dose_type.findData("hold"))
    click(qtbot, panel.add_button)
    [own] = [e for e in services.exercises.catalogue() if e.name == "Wall press"]
    assert panel.selected_id() == own.id
    assert pane.form.exercise_id() == own.id

    type_text(qtbot, panel.name, "Wall press, long")
    click(qtbot, panel.rename_button)
    assert services.exercises.exercise(own.id).name == "Wall press, long"
    save(qtbot, pane)
    assert len(services.exercises.sessions()) == 1

    answers.reply = False
    panel.select(own.id)
    click(qtbot, panel.delete_button)
    assert panel.error.isVisible()
    assert "archived rather than deleted" in panel.error.text()
    assert answers.asked
    info = services.exercises.exercise(own.id)
    assert not info.archived

    answers.reply = True
    panel.select(own.id)
    click(qtbot, panel.delete_button)
    assert services.exercises.exercise(own.id).archived
    assert len(services.exercises.sessions()) == 1  # history untouched
    assert own.id not in [e.id for e in services.exercises.catalogue()]


def test_custom_exercise_without_history_can_be_deleted(
    qtbot: QtBot, pane: ExercisesPane, services: Services
) -> None:
    panel = pane.catalogue
    click(qtbot, panel.add_button)
    assert panel.error.isVisible()  # empty name refused next to the field
    type_text(qtbot, panel.name, "Tried once")
    click(qtbot, panel.add_button)
    own = panel.selected_id()
    assert own is not None
    click(qtbot, panel.delete_button)
    assert "Tried once" not in [e.name for e in services.exercises.catalogue(True)]


def test_the_form_offers_exactly_the_ranges_the_domain_accepts(pane: ExercisesPane) -> None:
    """One range per field (R2.3): the spin boxes step inside the domain's constants."""
    from pht_desktop.domain import exercise

    form = pane.form
    assert (form.sets.low, form.sets.high) == (1, exercise.MAX_SETS)
    assert (form.reps.low, form.reps.high) == exercise.REPS_RANGE
    assert (form.hold.low, form.hold.high) == exercise.HOLD_SECONDS_RANGE
    assert (form.rest.low, form.rest.high) == exercise.REST_SECONDS_RANGE
    assert form.kg.maximum() == exercise.KG_MAX


def form_dose(pane: ExercisesPane) -> tuple[int, int, int, int]:
    form = pane.form
    return form.sets.value(), form.reps.value(), form.hold.value(), form.rest.value()


def test_a_hold_picked_by_hand_starts_where_the_plan_starts(
    pane: ExercisesPane, services: Services
) -> None:
    """Issue 11, R2.9: one source for the starting dose, the ladder's entry rung (5 × 30 s),
    not the stored catalogue default (5 × 40 s); the new user's plan item is the same."""
    choose(pane, "standing-band-hip-extension-hold")
    first = services.plan.today_plan().first
    assert first is not None
    assert first.name == "Standing hip extension against a band"
    assert pane.form.dose.current_sets() == first.sets
    assert form_dose(pane) == (5, 1, 30, 120)
    choose(pane, "prone-hip-extension-hold")
    assert form_dose(pane) == (5, 1, 30, 120)


def test_a_reactive_tendon_picks_the_lowest_rung_by_hand(
    pane: ExercisesPane, services: Services
) -> None:
    """R4: a reactive tendon starts on the lowest rung, in the plan and by hand."""
    services.profile.set_pathology_stage("reactive")
    choose(pane, "prone-hip-extension-hold")
    assert form_dose(pane) == (3, 1, 30, 120)


def test_seated_stretches_get_no_dose_before_stage_4(
    pane: ExercisesPane, services: Services
) -> None:
    """R2.2: avoid early. Before stage 4 picking one fills in nothing and says why;
    from stage 4 its one rung (3 × 30 s) is filled in."""
    choose(pane, "prone-hip-extension-hold")
    before = form_dose(pane)
    choose(pane, "seated-toe-reach-stretch")
    assert form_dose(pane) == before
    assert "avoided before stage 4" in pane.form.message.text()
    services.profile.set_stage(4)
    choose(pane, "seated-figure-four-stretch")
    assert form_dose(pane) == (3, 1, 30, 30)
