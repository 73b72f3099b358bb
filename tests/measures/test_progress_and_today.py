"""Measures where decisions are made (issue 15): the Progress Measures tab shows seeded
entries with stage changes marked; Today shows a line when one is due."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.measures import Measure, MeasureKind, Side
from pht_desktop.domain.profile import StageEvent
from pht_desktop.services.registry import Services
from pht_desktop.store import profile_repo
from pht_desktop.ui.charts.geometry import day_number
from pht_desktop.ui.main_window import MainWindow
from pht_desktop.ui.progress_pane import ProgressPane
from tests.qt_input import click, shown

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _seed(services: Services) -> None:
    m = services.measures
    m.record(Measure(MeasureKind.SITTING, date(2026, 2, 2), value=12))
    m.record(Measure(MeasureKind.SITTING, date(2026, 2, 16), value=30, reached_cap=True))
    m.record(
        Measure(MeasureKind.BRIDGE, date(2026, 2, 2), left_reps=18, right_reps=14,
                painful_side=Side.RIGHT, tempo_s=2)
    )  # fmt: skip
    m.record(
        Measure(MeasureKind.BRIDGE, date(2026, 2, 16), left_reps=25, right_reps=23,
                painful_side=Side.RIGHT, tempo_s=2)
    )  # fmt: skip
    m.record(Measure(MeasureKind.VISA_H, date(2026, 2, 20), value=64))
    with services.measures._write() as session:
        profile_repo.add_stage_change(session, StageEvent(date(2026, 2, 1), 2), NOW)


def test_progress_measures_tab_shows_the_seeded_entries(qtbot: QtBot, services: Services) -> None:
    _seed(services)
    pane = shown(qtbot, ProgressPane(services), (1000, 800))
    pane.tabs.setCurrentWidget(pane.measures_page)
    chart = pane.measures_page.ensure_built()
    assert not pane.measures_page.is_empty
    assert chart.points(MeasureKind.SITTING) == [
        (day_number(date(2026, 2, 2)), 12.0),
        (day_number(date(2026, 2, 16)), 30.0),
    ]
    [(_, first), (_, second)] = chart.points(MeasureKind.BRIDGE)
    assert (round(first), round(second)) == (78, 92)
    assert chart.points(MeasureKind.VISA_H) == [(day_number(date(2026, 2, 20)), 64.0)]
    assert chart.points(MeasureKind.RUNNING) == []
    assert chart.empty[MeasureKind.RUNNING].get_visible()
    assert [t.get_text() for t in chart.stage_labels if t.get_visible()] == ["Stage 2"]
    assert len(chart.stage_lines[0].get_segments()) == 1
    assert pane.measures_page.says_label.text() == (
        "Sitting tolerance 12 → 30 min since stage 2; bridge symmetry 78 % → 92 %; VISA-H 64/100."
    )
    # A new entry goes into the same artists at once.
    services.measures.record(Measure(MeasureKind.VISA_H, date(2026, 3, 1), value=70))
    assert len(chart.points(MeasureKind.VISA_H)) == 2


def test_progress_measures_tab_empty_state(qtbot: QtBot, services: Services) -> None:
    pane = shown(qtbot, ProgressPane(services), (1000, 800))
    pane.tabs.setCurrentWidget(pane.measures_page)
    pane.measures_page.ensure_built()
    assert pane.measures_page.is_empty
    assert "Measures pane" in pane.measures_page.empty_label.text()
    assert pane.stack.currentIndex() == 0  # nothing at all yet: the pane's own sentence
    # A first measure, and nothing else yet: the tabs show, with it on the chart.
    services.measures.record(Measure(MeasureKind.VISA_H, date(2026, 3, 1), value=60))
    assert pane.stack.currentIndex() == 1
    assert not pane.measures_page.is_empty


def test_measures_chart_exports(qtbot: QtBot, services: Services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _seed(services)
    pane = shown(qtbot, ProgressPane(services), (1000, 800))
    pane.tabs.setCurrentWidget(pane.measures_page)
    pane.export_to(tmp_path / "m.png")
    assert (tmp_path / "m.png").stat().st_size > 10_000


@pytest.fixture
def window(qtbot: QtBot, services: Services, qsettings: QSettings) -> MainWindow:
    return shown(qtbot, MainWindow(services, qsettings))


def test_today_line_when_due_opens_measures(
    qtbot: QtBot, window: MainWindow, services: Services, clock: FakeClock
) -> None:
    line = window.today.measures_due
    assert not line.isHidden()
    assert line.label.text().startswith("Outcome measures due: sitting tolerance (not taken")
    click(qtbot, line.button)
    assert window.tabs.currentWidget() is window.measures
    services.measures.record(Measure(MeasureKind.SITTING, date(2026, 3, 2), value=20))
    services.measures.record(
        Measure(MeasureKind.BRIDGE, date(2026, 3, 2), left_reps=20, right_reps=20,
                painful_side=Side.LEFT, tempo_s=2)
    )  # fmt: skip
    assert line.isHidden()
    clock.advance(14 * 24 * 3600)
    services.measures.refresh()
    assert not line.isHidden()
    assert "last 14 days ago" in line.label.text()
