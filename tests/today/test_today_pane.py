"""Today as a dashboard (issue 13): titles in one column, the mornings chart, no gaps."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from pht_desktop.domain.verdicts import Outcome
from pht_desktop.services.registry import Services
from pht_desktop.ui.main_window import MainWindow
from pht_desktop.ui.mornings_chart import DAYS
from pht_desktop.ui.style import COLUMN_MAX_WIDTH
from tests.progress.helpers import TODAY, seed_demo
from tests.qt_input import click, shown


def window_for(qtbot: QtBot, services: Services, qsettings: QSettings) -> MainWindow:
    return shown(qtbot, MainWindow(services, qsettings), (1024, 700))


def test_fresh_today_hides_the_chart_and_empty_figures(
    qtbot: QtBot, services: Services, qsettings: QSettings
) -> None:
    today = window_for(qtbot, services, qsettings).today
    assert not today.mornings_row.isVisible()  # nothing to draw yet
    assert not today.sitting.figures.isVisible()  # no "0 prompts · 0 stood"
    assert not today.morning.status_label.isVisible()
    click(qtbot, today.morning.pain_buttons[2])
    assert today.mornings_row.isVisible()
    assert today.mornings.points[-1].pain == 2


def test_last_fourteen_mornings_carry_pain_baseline_and_verdicts(
    qtbot: QtBot, services: Services, qsettings: QSettings
) -> None:
    seed_demo(services)
    chart = window_for(qtbot, services, qsettings).today.mornings
    assert len(chart.points) == DAYS
    assert chart.points[-1].day == TODAY
    entries = {e.day: e.pain for e in services.morning.entries()}
    assert [p.pain for p in chart.points] == [entries.get(p.day) for p in chart.points]
    verdicts = {v.day: v.outcome for v in services.morning.verdicts()}
    assert [p.outcome for p in chart.points] == [verdicts.get(p.day) for p in chart.points]
    assert any(p.outcome is Outcome.TOLERATED for p in chart.points)
    assert all(p.baseline is not None for p in chart.points[-3:])
    chart.grab()  # paints without error


def test_each_day_shows_the_baseline_in_force_that_day(
    qtbot: QtBot, services: Services, qsettings: QSettings
) -> None:
    today = services.clock.now().date()
    services.morning.set_baseline(2, today - timedelta(days=10))
    services.morning.set_baseline(4, today - timedelta(days=3))
    chart = window_for(qtbot, services, qsettings).today.mornings
    expected = [None] * 3 + [2] * 7 + [4] * 4  # R3.1: a new baseline counts from its day
    assert [p.baseline for p in chart.points] == expected


def test_card_titles_share_one_column(
    qtbot: QtBot, services: Services, qsettings: QSettings
) -> None:
    today = window_for(qtbot, services, qsettings).today
    body = today.widget()
    assert body is not None
    starts = {
        widget.mapTo(body, widget.rect().topLeft()).x()
        for widget in (today.sitting.bout, today.morning.input_host, today.plan.headline)
    }
    assert len(starts) == 1


def test_on_a_large_screen_the_column_stays_readable_and_centred(
    qtbot: QtBot, services: Services, qsettings: QSettings
) -> None:
    """At 2560 × 1440 the cards were stretched edge to edge (issue 13): the column stops
    at COLUMN_MAX_WIDTH and sits in the middle; at 1024 it still fills the window."""
    window = shown(qtbot, MainWindow(services, qsettings), (2560, 1440))
    today = window.today
    body = today.widget()
    assert body is not None
    assert body.width() == COLUMN_MAX_WIDTH
    left = body.x()
    right = today.viewport().width() - body.geometry().right() - 1
    assert left > 0
    assert abs(left - right) <= 1
    small = window_for(qtbot, services, qsettings).today
    small_body = small.widget()
    assert small_body is not None
    # (the viewport may narrow for a scroll bar a moment after showing)
    qtbot.waitUntil(lambda: small_body.width() == small.viewport().width(), timeout=2000)


def test_today_starts_without_matplotlib() -> None:
    code = (
        "import sys, os; os.environ['QT_QPA_PLATFORM']='offscreen';"
        "import pht_desktop.ui.today_pane, pht_desktop.ui.mornings_chart;"
        "print('matplotlib' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == "False"
