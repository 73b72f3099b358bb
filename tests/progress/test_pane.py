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
from pht_desktop.ui.chart_export import EXPORT_SIZES
from pht_desktop.ui.charts.figure import VERDICT_Y
from pht_desktop.ui.charts.geometry import day_number
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
    # Nothing to range over or export yet: the controls wait for a first chart.
    assert not pane.controls.isVisibleTo(pane)
    _add_mornings(services, [3])
    assert pane.stack.currentWidget() is pane.tabs
    assert pane.controls.isVisibleTo(pane)
    assert pane.export_buttons["png"].isVisibleTo(pane)


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


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    return int.from_bytes(header[16:20], "big"), int.from_bytes(header[20:24], "big")


def test_no_matplotlib_toolbar_our_own_controls(services: Services, qtbot: QtBot) -> None:
    from matplotlib.backends.backend_qt import NavigationToolbar2QT
    from PySide6.QtWidgets import QToolBar

    seed_demo(services)
    pane = make_pane(services, qtbot)
    pane.show_sitting_panel()
    assert not pane.findChildren(NavigationToolbar2QT)
    assert not pane.findChildren(QToolBar)
    assert pane.reset_button.isVisibleTo(pane)


def test_drag_pans_wheel_zooms_and_reset_puts_the_range_back(
    services: Services, qtbot: QtBot
) -> None:
    seed_demo(services)
    pane = make_pane(services, qtbot)
    ax = pane.chart.pain_ax
    before = ax.get_xlim()
    pane.canvas.pan_by_pixels(ax, before, -ax.bbox.width / 2)  # drag left: later days
    lo, hi = ax.get_xlim()
    assert lo > before[0]
    assert hi - lo == pytest.approx(before[1] - before[0])
    pane.canvas.zoom_at(ax, (lo + hi) / 2, 0.5)
    assert ax.get_xlim()[1] - ax.get_xlim()[0] == pytest.approx((hi - lo) / 2)
    pane.reset_button.click()
    assert ax.get_xlim() == pytest.approx(before)


def test_verdicts_sit_in_their_own_strip_not_on_the_pain_scale(
    services: Services, qtbot: QtBot
) -> None:
    seed_demo(services)
    pane = make_pane(services, qtbot)
    chart = pane.chart
    for points in chart.verdict_points.values():
        assert points.axes is chart.verdict_ax
    assert chart.pain_ax.get_ylim()[1] < 11  # nothing floats above 10/10 any more


def test_empty_range_and_empty_sitting_tab_show_sentences(services: Services, qtbot: QtBot) -> None:
    pane = make_pane(services, qtbot)
    assert pane.stack.currentWidget() is pane.empty_label
    assert pane.empty_label.text().startswith("Nothing to chart yet")
    pane.show_sitting_panel()
    assert pane.sitting_page.is_empty
    assert "Nothing to compare yet" in pane.sitting_page.empty_label.text()


def test_each_tab_says_what_it_shows_and_what_the_data_says(
    services: Services, qtbot: QtBot
) -> None:
    seed_demo(services)
    pane = make_pane(services, qtbot)
    pane.set_range(RangePreset.ALL)
    assert "load days" in pane.timeline_page.says_label.text()
    pane.show_sitting_panel()
    says = pane.sitting_page.says_label.text()
    assert says.startswith("Mornings after days with over 6 h of sitting averaged")
    assert pane.sitting_page.about_label.text()
    for page in pane.pages:
        assert page.about_label.text()
        assert page.says_label.text()


@pytest.mark.parametrize("tab", [0, 1])
def test_export_saves_the_chart_of_the_tab_on_screen_at_the_chosen_size(
    services: Services, qtbot: QtBot, tmp_path: Path, tab: int
) -> None:
    seed_demo(services)
    pane = make_pane(services, qtbot)
    pane.tabs.setCurrentIndex(tab)
    pane.ask_export_path = lambda suffix, done: done(tmp_path / f"chart.{suffix}")
    pane.export_size.setCurrentIndex(EXPORT_SIZES.index((1920, 1080)))
    pane.export_buttons["png"].click()
    pane.export_buttons["svg"].click()
    assert _png_size(tmp_path / "chart.png") == (1920, 1080)
    svg = (tmp_path / "chart.svg").read_text()
    main_title, sitting_title = "Morning pain /10", "Longest bout vs next morning"
    assert (main_title in svg) == (tab == 0)
    assert (sitting_title in svg) == (tab == 1)
    # The canvas is back to its own size and layout afterwards.
    assert pane.current_page().chart is not None
    assert "Saved" in pane.status_label.text()


def test_export_legend_sits_above_the_panels(
    services: Services, qtbot: QtBot, tmp_path: Path
) -> None:
    seed_demo(services)
    pane = make_pane(services, qtbot)
    chart = pane.chart
    with chart.legends_shown():
        chart.figure.canvas.draw()
        renderer = chart.figure.canvas.get_renderer()  # type: ignore[attr-defined]
        for ax in (chart.verdict_ax, chart.load_ax, chart.sit_ax):
            legend = ax.get_legend()
            assert legend is not None
            box = legend.get_window_extent(renderer)
            assert box.y0 >= ax.get_window_extent(renderer).y1 - 1  # above, not on the data
