"""Today's plan names the stage's exercise and its dose, and starts the hold timer."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.exercise import Load, SessionDraft, SetEntry
from pht_desktop.services.registry import Services
from pht_desktop.ui.main_window import MainWindow
from tests.qt_input import click, shown


def window_for(qtbot: QtBot, services: Services, qsettings: QSettings) -> MainWindow:
    return shown(qtbot, MainWindow(services, qsettings))


def test_new_user_gets_the_stage_one_starting_dose(
    qtbot: QtBot, services: Services, qsettings: QSettings
) -> None:
    window = window_for(qtbot, services, qsettings)
    plan = window.today.plan
    first_stage_one = next(e for e in services.exercises.catalogue() if e.stage == 1)
    assert first_stage_one.name in plan.summary.text()
    assert "starting dose" in plan.detail.text()
    assert plan.start.text() == "Start timer"


def test_plan_follows_the_last_logged_dose_and_starts_the_timer(
    qtbot: QtBot, services: Services, qsettings: QSettings, clock: FakeClock
) -> None:
    prone = next(e for e in services.exercises.catalogue() if e.slug == "prone-hip-extension-hold")
    draft = SessionDraft(
        exercise_id=prone.id,
        performed_at=clock.now() - timedelta(hours=1),
        sets=(SetEntry(4, 35, 120),),
        load=Load.band("green"),
    )
    services.exercises.log_session(draft)
    window = window_for(qtbot, services, qsettings)
    plan = window.today.plan
    assert "Prone hip-extension hold" in plan.summary.text()
    assert "4 × 35 s" in plan.summary.text()
    assert "your last dose" in plan.detail.text()
    click(qtbot, plan.start)
    assert window.tabs.tabText(window.tabs.currentIndex()) == "Exercises"
    pane = window.exercises_pane
    assert pane.right.currentWidget() is pane.timer
    assert "Prone hip-extension hold" in pane.timer.heading.text()
