"""The Progress pane, read back from the artists (data, not pixels)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray
from pytestqt.qtbot import QtBot

from pht_desktop.domain.progress import RangePreset, sitting_vs_morning
from pht_desktop.domain.verdicts import Outcome
from pht_desktop.services.registry import Services
from pht_desktop.store.models import MorningPain
from pht_desktop.ui import progress_pane as pane_module
from pht_desktop.ui.charts.figure import VERDICT_Y, day_number
from pht_desktop.ui.progress_pane import ProgressPane
from tests.progress.helpers import TODAY, seed_demo


def arr(values: object) -> NDArray[np.float64]:
    """Artists hand back array-likes; tests compare plain float arrays."""
    return np.asarray(values, dtype=np.float64)


def make_pane(services: Services, qtbot: QtBot) -> ProgressPane:
    pane = ProgressPane(services)
    qtbot.addWidget(pane)
    pane.resize(1000, 760)
    return pane


def test_empty_state_shows_a_message(services: Services, qtbot: QtBot) -> None:
    pane = make_pane(services, qtbot)
    assert pane.stack.currentWidget() is pane.empty_label
    assert "Nothing to chart yet" in pane.empty_label.text()
    assert arr(pane.chart.pain_line.get_xydata()).shape == (0, 2)


def _add_mornings(services: Services, pains: list[int]) -> None:
    now = datetime(2026, 3, 2, 9, tzinfo=UTC)
    with services.engine.begin() as connection:
        from sqlalchemy import insert

        connection.execute(
            insert(MorningPain),
            [
                {
                    "entry_date": TODAY - timedelta(days=len(pains) - 1 - i),
                    "pain": p,
                    "test_kind": "single_leg_bridge",
                    "recorded_at": now,
                }
                for i, p in enumerate(pains)
            ],
        )
    services.progress.refresh()


def test_only_pain_plots_the_line_and_says_what_is_missing(
    services: Services, qtbot: QtBot
) -> None:
    pane = make_pane(services, qtbot)
    _add_mornings(services, [3, 4, 2])
    assert pane.stack.currentWidget() is pane.tabs
    assert pane.hint_label.text() == pane_module.NO_LOAD_TEXT
    xy = arr(pane.chart.pain_line.get_xydata())
    assert xy[:, 1].tolist() == [3, 4, 2]
    assert xy[:, 0].tolist() == [day_number(TODAY - timedelta(days=d)) for d in (2, 1, 0)]


def test_demo_data_plotted(services: Services, qtbot: QtBot) -> None:
    seed_demo(services)
    pane = make_pane(services, qtbot)
    data = services.progress.history()
    chart = pane.chart
    # Morning pain: every entry, in order.
    xy = arr(chart.pain_line.get_xydata())
    assert xy[:, 1].tolist() == [e.pain for e in data.mornings]
    assert xy[0, 0] == day_number(data.mornings[0].day)
    # Baseline steps: each change, then held to the last morning.
    bx, by = (arr(a) for a in chart.baseline_line.get_data())
    assert list(by) == [*(b.pain for b in data.baselines), data.baselines[-1].pain]
    assert bx[0] == day_number(data.baselines[0].effective_date)
    assert chart.baseline_line.get_drawstyle() == "steps-post"
    # Verdict markers on their load days, one collection per outcome.
    for outcome, points in chart.verdict_points.items():
        offsets = arr(points.get_offsets())
        expected = [day_number(v.day) for v in data.verdicts if v.outcome is outcome]
        assert offsets[:, 0].tolist() == expected if expected else offsets.shape[0] == 0
        assert (offsets[:, 1] == VERDICT_Y).all()
    assert len(arr(chart.verdict_points[Outcome.EXCEEDED].get_offsets())) >= 2
    # Hover text names the day, the pain and the verdict.
    exceeded = next(v for v in data.verdicts if v.outcome is Outcome.EXCEEDED)
    text = chart.hover_text(day_number(exceeded.day) + 0.2)
    assert text is not None
    assert exceeded.day.strftime("%d %b %Y") in text
    assert "exceeded" in text


def test_range_switch_moves_limits_and_keeps_artists(services: Services, qtbot: QtBot) -> None:
    seed_demo(services)
    pane = make_pane(services, qtbot)
    chart = pane.chart
    before = [chart.pain_line, chart.baseline_line, chart.held_bars, chart.total_bars]
    artists = len(chart.pain_ax.get_children())
    pane.range_buttons[RangePreset.TWO_WEEKS].click()
    lo, hi = chart.pain_ax.get_xlim()
    assert round(lo + 0.6) == day_number(TODAY - timedelta(days=13))
    assert round(hi - 0.6) == day_number(TODAY)
    assert chart.load_ax.get_xlim() == (lo, hi)  # the axes share the date axis
    pane.range_buttons[RangePreset.ALL].click()
    lo_all, _ = chart.pain_ax.get_xlim()
    assert round(lo_all + 0.6) == day_number(TODAY - timedelta(days=83))
    assert [chart.pain_line, chart.baseline_line, chart.held_bars, chart.total_bars] == before
    assert len(chart.pain_ax.get_children()) == artists
    assert "load days" in pane.summary_label.text()


def test_sitting_panel_values(services: Services, qtbot: QtBot) -> None:
    seed_demo(services)
    pane = make_pane(services, qtbot)
    pane.set_range(RangePreset.ALL)
    figure = pane.show_sitting_panel()
    pairs = sitting_vs_morning(services.progress.history())
    offsets = arr(figure.longest_points.get_offsets())
    assert offsets[:, 0].tolist() == pytest.approx([p.longest_s / 60 for p in pairs])
    assert offsets[:, 1].tolist() == [p.delta for p in pairs]
    assert arr(figure.trend_line.get_ydata()).tolist() == pytest.approx(
        [p.rolling_delta for p in pairs]
    )
    # Daily sitting on the main chart: total hours as bars, breaks as points.
    sitting = services.progress.history().sitting
    assert arr(pane.chart.breaks_line.get_ydata()).tolist() == [s.breaks for s in sitting]
    assert arr(pane.chart.longest_line.get_ydata()).tolist() == pytest.approx(
        [s.longest_s / 3600 for s in sitting]
    )


def test_export_png_and_svg_and_dark(services: Services, qtbot: QtBot, tmp_path: Path) -> None:
    seed_demo(services)
    pane = make_pane(services, qtbot)
    pane.ask_export_path = lambda suffix, done: done(tmp_path / f"chart.{suffix}")
    pane.request_export("png")
    pane.request_export("svg")
    assert (tmp_path / "chart.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in (tmp_path / "chart.svg").read_bytes()[:2000]
    pane.apply_palette(True)
    assert pane.figure.get_facecolor()[:3] != (1.0, 1.0, 1.0)


def test_first_day_rounding_helper() -> None:
    assert day_number(date(1970, 1, 2)) == 1.0
