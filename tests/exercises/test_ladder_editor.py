"""A user edits their own exercise's ladder through the real widgets (R2.9, issue 11):
the database holds it and Today's plan climbs it."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import create_engine, text

from pht_desktop.domain.exercise import SessionDraft, plan_sets
from pht_desktop.services.registry import Services
from pht_desktop.ui.ladder_editor import LadderEditor
from pht_desktop.ui.main_window import MainWindow
from tests.morning.helpers import d
from tests.qt_input import click, press, shown, type_text

NAME = "My wall press"
LADDER = (
    "SELECT default_sets, default_hold_s, default_rest_s, ladder_rungs, ladder_step,"
    " ladder_load_step_kg FROM exercises WHERE name = :name"
)


def retype(qtbot: QtBot, box: QWidget, value: object) -> None:
    """Select the field's text, type over it and press Enter, as a user does."""
    box.setFocus(Qt.FocusReason.TabFocusReason)
    box.selectAll()  # type: ignore[attr-defined]
    type_text(qtbot, box, str(value))
    press(qtbot, box, Qt.Key.Key_Return)


def stored(db_path: Path) -> list[tuple[object, ...]]:
    engine = create_engine(f"sqlite:///{db_path}")
    with engine.connect() as connection:
        rows = [tuple(r) for r in connection.execute(text(LADDER), {"name": NAME}).all()]
    engine.dispose()
    return rows


def four_by_twenty_for_six_days(services: Services, exercise_id: int) -> None:
    """Six tolerated load days of 4 × 20 s holds (next mornings 2/10, baseline 3/10)."""
    days = [d(20, 2) + timedelta(days=i) for i in range(6)]
    services.morning.set_baseline(3, days[0] - timedelta(days=1))
    for day in days:
        when = datetime.combine(day, time(18, 0), UTC)
        draft = SessionDraft(exercise_id, when, plan_sets(4, 1, 20, 60))
        services.exercises.log_session(draft)
        services.morning.record_morning(day + timedelta(days=1), 2, replace=True)


def add_own_hold(qtbot: QtBot, window: MainWindow) -> LadderEditor:
    """Create the exercise in "Your own exercises", then open the Ladder tab."""
    window.show_pane("Exercises")
    pane = window.exercises_pane
    catalogue = pane.catalogue
    type_text(qtbot, catalogue.name, NAME)
    catalogue.dose_type.setCurrentIndex(catalogue.dose_type.findData("hold"))
    click(qtbot, catalogue.add_button)
    tabs = pane.right.tabBar()
    ladder_tab = pane.right.indexOf(pane.ladder)
    qtbot.mouseClick(tabs, Qt.MouseButton.LeftButton, pos=tabs.tabRect(ladder_tab).center())  # type: ignore[no-untyped-call]
    qtbot.waitUntil(pane.ladder.save_button.isVisible)
    assert pane.ladder.exercise.currentText() == NAME  # follows the new selection
    return pane.ladder


def test_an_edited_ladder_is_stored_and_todays_plan_climbs_it(
    qtbot: QtBot, services: Services, qsettings: QSettings, db_path: Path
) -> None:
    window = shown(qtbot, MainWindow(services, qsettings), (1100, 900))
    editor = add_own_hold(qtbot, window)
    own = editor.exercise_id()
    assert own is not None
    four_by_twenty_for_six_days(services, own)
    card = window.today.plan
    # 4 × 20 s is below the default ladder's first rung (3 × 30 s): that rung, not higher
    assert card.headline.text() == f"Same dose again: {NAME} 3 × 30 s."

    retype(qtbot, editor.sets, 4)
    retype(qtbot, editor.first, 20)
    retype(qtbot, editor.rest, 60)
    retype(qtbot, editor.rungs, 3)
    retype(qtbot, editor.step, 10)
    assert editor.preview.text() == ("Levels: 1. 4 × 20 s → 2. 4 × 30 s → 3. 4 × 40 s (top dose).")
    click(qtbot, editor.save_button)

    assert editor.message.text().startswith("Ladder saved")
    assert stored(db_path) == [(4, 20, 60, 3, 10, 0.0)]
    assert card.headline.text() == f"Step up: {NAME} 4 × 30 s."


def test_a_bad_ladder_is_refused_next_to_the_form_and_nothing_changes(
    qtbot: QtBot, services: Services, qsettings: QSettings, db_path: Path
) -> None:
    window = shown(qtbot, MainWindow(services, qsettings), (1100, 900))
    editor = add_own_hold(qtbot, window)
    before = stored(db_path)
    retype(qtbot, editor.rungs, 3)
    retype(qtbot, editor.step, 0)
    assert "at least 1 s" in editor.preview.text()
    click(qtbot, editor.save_button)
    assert editor.error.isVisible()
    assert "Nothing was changed" in editor.error.text()
    assert stored(db_path) == before
