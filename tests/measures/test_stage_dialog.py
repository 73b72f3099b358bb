"""The stage-proposal dialog shows the latest measures beside the streak (issue 15), and
the R2.8 strength item's bridge reading."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from pht_desktop.domain.measures import Measure, MeasureKind, Side
from pht_desktop.services.registry import Services
from tests.conftest import Answers
from tests.morning.helpers import d
from tests.qt_input import click
from tests.today.test_plan_card import seed, window_for


def test_the_stage_dialog_shows_the_latest_measures(
    qtbot: QtBot, services: Services, qsettings: QSettings, answers: Answers
) -> None:
    services.profile.set_stage(4, d(1, 2))
    m = services.measures
    m.record(Measure(MeasureKind.SITTING, d(30, 1), value=12))  # in force when stage 4 began
    m.record(Measure(MeasureKind.SITTING, d(27, 2), value=25))
    m.record(
        Measure(MeasureKind.BRIDGE, d(3, 2), left_reps=18, right_reps=14,
                painful_side=Side.RIGHT, tempo_s=2)
    )  # fmt: skip
    m.record(
        Measure(MeasureKind.BRIDGE, d(27, 2), left_reps=25, right_reps=23,
                painful_side=Side.RIGHT, tempo_s=2)
    )  # fmt: skip
    days = [d(22, 2) + timedelta(days=i) for i in range(6)]
    seed(services, "deep-rdl", days, sets=4, reps=8, kg=30.0)
    card = window_for(qtbot, services, qsettings).today.plan
    click(qtbot, card.stage_button)
    dialog = card.dialog
    assert dialog is not None
    assert dialog.measures.isVisible()
    summary, strength = dialog.measures.text().splitlines()
    assert summary == "Sitting tolerance 12 → 25 min since stage 4; bridge symmetry 78 % → 92 %."
    assert strength == (
        "Bridge symmetry 92 %: right (painful) 23 reps, left 25 reps. On 2026-02-27: similar."
    )
