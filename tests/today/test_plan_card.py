"""Today shows ONE plan; its buttons fill the form or the timer with exactly that dose.

Seeded histories through the real widgets (issue 11): the plan card, Ctrl+T and the report
carry the same plan; Log it fills sets, reps and the load; the stage proposal shows the
R2.8 checkboxes before stage 5 and the move can be undone the same day.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QCheckBox
from pytestqt.qtbot import QtBot

from pht_desktop.domain.plan import PlanKind
from pht_desktop.services.registry import Services
from pht_desktop.services.report import default_range, gather_report
from pht_desktop.ui.main_window import MainWindow
from tests.conftest import Answers
from tests.morning.helpers import add_session, d
from tests.qt_input import click, shown


def tick(qtbot: QtBot, box: QCheckBox) -> None:
    """A click on the box itself (its indicator), as the user does it."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))  # type: ignore[no-untyped-call]
    assert box.isChecked()


def window_for(qtbot: QtBot, services: Services, qsettings: QSettings) -> MainWindow:
    return shown(qtbot, MainWindow(services, qsettings))


def seed(
    services: Services,
    slug: str,
    days: list[date],
    *,
    sets: int,
    reps: int,
    hold_s: int | None = None,
    kg: float | None = None,
) -> None:
    """Baseline 3/10; each load day followed by a 2/10 morning (all tolerated)."""
    services.morning.set_baseline(3, days[0] - timedelta(days=1))
    for day in days:
        add_session(services, day, slug=slug, sets=sets, reps=reps, hold_s=hold_s, load_kg=kg)
        services.morning.record_morning(day + timedelta(days=1), 2, replace=True)


def test_a_new_user_starts_on_the_standing_hold(
    qtbot: QtBot, services: Services, qsettings: QSettings
) -> None:
    card = window_for(qtbot, services, qsettings).today.plan
    assert card.headline.text() == (
        "Start: Standing hip extension against a band 5 × 30 s at about 70 % effort."
    )
    assert card.start.text() == "Start timer"
    assert "General education" in card.disclaimer.text()
    assert not card.stage_button.isVisible()


def test_today_ctrl_t_and_the_report_carry_the_same_plan(
    qtbot: QtBot, services: Services, qsettings: QSettings
) -> None:
    seed(
        services,
        "prone-hip-extension-hold",
        [d(20, 2) + timedelta(days=i) for i in range(4)],
        sets=5,
        reps=1,
        hold_s=40,
    )
    window = window_for(qtbot, services, qsettings)
    card = window.today.plan
    plan = services.plan.today_plan()
    assert card.plan == plan
    assert card.headline.text() == plan.headline
    assert plan.headline.startswith("Same dose again: Prone hip-extension hold 5 × 40 s")
    assert "4 of 6 tolerated load days" in card.numbers.text()
    report = gather_report(services, *default_range(services))
    assert report.plan == plan
    assert window.hold_action.shortcut().toString() == "Ctrl+T"
    window.hold_action.trigger()  # Ctrl+T
    timer = window.exercises_pane.timer
    assert timer.timer is not None
    assert "Prone hip-extension hold: 5 × 40 s" in timer.heading.text()


def test_log_it_fills_the_form_with_the_dose_including_the_load(
    qtbot: QtBot, services: Services, qsettings: QSettings
) -> None:
    """Six tolerated HSR days at 3 × 15, 20 kg → 3 × 12 at 12RM with 22.5 kg (R2.6, R2.9)."""
    services.profile.set_stage(2, d(1, 2))
    days = [d(16, 2) + timedelta(days=2 * i) for i in range(6)]
    seed(services, "hsr-double-leg-bridge", days, sets=3, reps=15, kg=20.0)
    window = window_for(qtbot, services, qsettings)
    card = window.today.plan
    assert card.plan is not None
    assert card.plan.kind is PlanKind.PROGRESS
    assert card.headline.text() == (
        "Step up: Bridge (slow, loaded) 3 × 12 at your 12-rep max, 22.5 kg."
    )
    assert card.start.text() == "Log it"
    click(qtbot, card.start)
    form = window.exercises_pane.form
    assert window.exercises_pane.right.currentWidget() is form
    assert form.current_info() is not None
    assert form.current_info().slug == "hsr-double-leg-bridge"  # type: ignore[union-attr]
    assert (form.sets.value(), form.reps.value(), form.rest.value()) == (3, 12, 150)
    assert form.load_kind.currentData() == "kg"
    assert form.kg.value() == 22.5


def test_the_stage_dialog_shows_the_running_checklist_before_stage_5(
    qtbot: QtBot, services: Services, qsettings: QSettings, answers: Answers
) -> None:
    """R2.8/R2.10: top dose tolerated for 6 load days at stage 4 → a proposal with real
    checkboxes; the move waits for every tick and can be undone the same day."""
    services.profile.set_stage(4, d(1, 2))
    days = [d(22, 2) + timedelta(days=i) for i in range(6)]
    seed(services, "deep-rdl", days, sets=4, reps=8, kg=30.0)
    card = window_for(qtbot, services, qsettings).today.plan
    assert card.stage_button.isVisible()
    assert card.stage_button.text() == "Move to stage 5 (Energy storage)…"
    click(qtbot, card.stage_button)
    dialog = card.dialog
    assert dialog is not None
    assert dialog.isVisible()
    assert not dialog.isModal() or dialog.windowModality() != Qt.WindowModality.ApplicationModal
    assert [box.text() for box in dialog.checks] == [
        "No pain at rest.",
        "A drop lunge is pain-free.",
        "Prone hamstring-curl strength is similar on the left and the right.",
    ]
    assert not dialog.move_button.isEnabled()
    for box in dialog.checks[:2]:
        tick(qtbot, box)
    assert not dialog.move_button.isEnabled()
    tick(qtbot, dialog.checks[2])
    assert dialog.move_button.isEnabled()
    click(qtbot, dialog.move_button)
    assert services.profile.current_stage() == 5
    (*_, event) = services.profile.stage_history()
    assert event.effective_date == d(2)
    assert "top dose" in event.note
    assert "Stage 5 recorded" in card.status.text()
    assert card.undo_stage_button.isVisible()
    answers.reply = True
    click(qtbot, card.undo_stage_button)
    assert services.profile.current_stage() == 4


def test_a_flare_shows_the_clinician_sentence_and_a_shorter_sitting_interval(
    qtbot: QtBot, services: Services, qsettings: QSettings
) -> None:
    """R3.10: a morning at baseline + 2 → stage-1 holds only; sitting 30 → 20 min on yes."""
    services.profile.set_stage(3, d(1, 2))
    seed(services, "step-up", [d(24, 2) + timedelta(days=i) for i in range(4)], sets=3, reps=8)
    services.morning.record_morning(d(2), 5)
    card = window_for(qtbot, services, qsettings).today.plan
    assert card.plan is not None
    assert card.plan.kind is PlanKind.FLARE
    assert card.headline.text().startswith("Flare: only ")
    assert "at about 50 % effort" in card.headline.text()
    assert card.clinician.isVisible()
    assert "numbness" in card.clinician.text()
    assert card.sitting_yes.isVisible()
    click(qtbot, card.sitting_yes)
    assert services.breaks.settings().sitting_interval_min == 20
    assert not card.sitting_yes.isVisible()  # answered: asked once per flare
