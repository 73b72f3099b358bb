"""Settings: pages with a sidebar and one saving model — at once, with Undo (issue 13)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from pht_desktop.domain.plan import REACTIVE_RESET_REASON
from pht_desktop.services.registry import Services
from pht_desktop.ui.settings_pane import SettingsPane
from tests.morning.helpers import d
from tests.qt_input import click, press, shown


def make_pane(qtbot: QtBot, services: Services) -> SettingsPane:
    return shown(qtbot, SettingsPane(services), (1024, 700))


def test_pages_in_a_sidebar_and_no_save_buttons(qtbot: QtBot, services: Services) -> None:
    pane = make_pane(qtbot, services)
    names = [pane.sidebar.item(i).text() for i in range(pane.sidebar.count())]
    assert names == [
        "Breaks",
        "Morning test & baseline",
        "Rehab",
        "Runs",
        "Data & backups",
        "Desktop",
    ]
    pane.sidebar.setCurrentRow(2)
    page = pane.pages.currentWidget()
    assert page is not None
    assert page.isAncestorOf(pane.stage)
    words = {b.text().lower() for b in pane.findChildren(QPushButton)}
    assert not any(w.startswith(("save", "revert")) for w in words)


def test_a_change_applies_at_once_and_undo_puts_it_back(qtbot: QtBot, services: Services) -> None:
    pane = make_pane(qtbot, services)
    pane.breaks.spins["sitting_interval_min"].setValue(40)
    assert services.breaks.settings().sitting_interval_min == 40
    assert pane.undo_bar.label.text() == "Saved: Sitting interval 30 → 40 minutes."
    assert pane.undo_bar.undo_button.isVisible()
    click(qtbot, pane.undo_bar.undo_button)
    assert services.breaks.settings().sitting_interval_min == 30
    assert pane.breaks.spins["sitting_interval_min"].value() == 30
    assert pane.undo_bar.label.text().startswith("Undone:")
    assert not pane.undo_bar.undo_button.isVisible()


def test_stage_change_can_be_undone_and_never_repeats_a_history_line(
    qtbot: QtBot, services: Services
) -> None:
    pane = make_pane(qtbot, services)
    pane.show_page("Rehab")
    form = pane.stage
    form.stage.setCurrentIndex(form.stage.findData(2))
    click(qtbot, form.save_stage)
    assert [e.stage for e in services.profile.stage_history()] == [2]
    click(qtbot, form.save_stage)  # the same stage again
    assert [e.stage for e in services.profile.stage_history()] == [2]
    assert form.stage_error.isVisible()
    assert "already at stage 2" in form.stage_error.text()
    assert form.history.count() == 1
    click(qtbot, pane.undo_bar.undo_button)
    assert services.profile.stage_history() == []
    assert form.history.count() == 0


def test_pathology_is_explained_and_the_same_choice_adds_no_line(
    qtbot: QtBot, services: Services
) -> None:
    pane = make_pane(qtbot, services)
    form = pane.stage
    assert "Reactive: a recent flare" in form.pathology_help.explanation
    index = form.pathology.findData("reactive")
    form.pathology.setCurrentIndex(index)
    form.pathology.activated.emit(index)
    form.pathology.activated.emit(index)
    assert [e.pathology_stage for e in services.profile.pathology_history()] == ["reactive"]
    pane.undo_bar.undo()
    assert services.profile.pathology_history() == []


def test_baseline_set_by_mistake_can_be_undone(qtbot: QtBot, services: Services) -> None:
    pane = make_pane(qtbot, services)
    form = pane.morning
    form.baseline_pain.setValue(4)
    click(qtbot, form.set_baseline)
    assert [c.pain for c in services.morning.baselines()] == [4]
    assert "baseline 4/10" in pane.undo_bar.label.text()
    pane.undo_bar.undo()
    assert services.morning.baselines() == []


def test_out_of_range_baseline_is_refused_with_the_range(qtbot: QtBot, services: Services) -> None:
    pane = make_pane(qtbot, services)
    pane.show_page("Morning test & baseline")
    form = pane.morning
    form.baseline_pain.setValue(12)
    click(qtbot, form.set_baseline)
    assert form.baseline_error.isVisible()
    assert "0" in form.baseline_error.text()
    assert "10" in form.baseline_error.text()
    assert "Nothing was changed" in form.baseline_error.text()
    assert services.morning.baselines() == []


def test_choosing_reactive_above_stage_one_proposes_stage_one(
    qtbot: QtBot, services: Services
) -> None:
    """R4: the proposal opens (non-modal); moving records stage 1 with its reason, and
    the Undo bar takes it back the same day."""
    services.profile.set_stage(3, d(1, 2))
    pane = make_pane(qtbot, services)
    pane.show_page("Rehab")
    form = pane.stage
    assert "offers to go back to stage 1" in form.pathology_effect.text()
    assert form.pathology.findData("reactive") == 0
    press(qtbot, form.pathology, Qt.Key.Key_Home)  # the user's choice ("activated")
    assert form.pathology.currentData() == "reactive"
    dialog = form.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.question.text() == "Move from stage 3 to stage 1 (Isometric)?"
    assert "reactive" in dialog.reason.text()
    click(qtbot, dialog.move_button)
    assert services.profile.current_stage() == 1
    assert services.profile.stage_history()[-1].note == REACTIVE_RESET_REASON
    assert form.stage.currentData() == 1
    click(qtbot, pane.undo_bar.undo_button)
    assert services.profile.current_stage() == 3


def test_not_now_keeps_the_stage(qtbot: QtBot, services: Services) -> None:
    services.profile.set_stage(2, d(1, 2))
    pane = make_pane(qtbot, services)
    form = pane.stage
    index = form.pathology.findData("reactive")
    form.pathology.setCurrentIndex(index)
    form.pathology.activated.emit(index)
    assert form.dialog is not None
    click(qtbot, form.dialog.cancel_button)
    assert services.profile.current_stage() == 2
    assert services.profile.current_pathology_stage() == "reactive"
