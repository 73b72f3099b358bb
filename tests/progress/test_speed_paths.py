"""The fast paths behind a quick first draw and range switch (issue 6, item 9).

A long history first shows the visible range from a bounded read and fills in the rest
from a background read; these tests pin that the partial view equals the whole one and
that the pane ends up with every day, plus the legend, bar slicing and label thinning.
"""

from __future__ import annotations

import itertools
from datetime import UTC, timedelta
from pathlib import Path

import numpy as np
import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from pht_desktop.domain.progress import RangePreset, build_progress
from pht_desktop.services import progress as progress_module
from pht_desktop.services.registry import Services
from pht_desktop.store import progress_repo
from pht_desktop.ui.charts.geometry import column_envelope, day_number
from pht_desktop.ui.progress_pane import ProgressPane
from tests.progress.helpers import TODAY, seed_demo


def test_first_day_query_equals_the_history(services: Services) -> None:
    with Session(services.engine) as session:
        assert progress_repo.first_day(session, UTC) is None
    seed_demo(services)
    with Session(services.engine) as session:
        first = progress_repo.first_day(session, UTC)
    assert first == services.progress.history().first_day
    assert services.progress.first_day() == first


@pytest.mark.parametrize("days", [1, 7, 14, 42, 60])
def test_bounded_window_equals_a_slice_of_the_history(services: Services, days: int) -> None:
    seed_demo(services)
    start, end = TODAY - timedelta(days=days + 3), TODAY - timedelta(days=3)
    part = services.progress.window(start, end)
    with Session(services.engine) as session:
        whole = build_progress(progress_repo.progress_source(session), UTC)
    assert part == whole.between(start, end)  # verdicts included (week before, next morning)


def _long_history(monkeypatch: pytest.MonkeyPatch) -> None:
    """The twelve-week demo counts as long: the pane takes the partial path."""
    monkeypatch.setattr(progress_module, "EAGER_DAYS", 10)


def test_long_history_draws_the_range_first_then_the_rest(
    services: Services, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_demo(services)
    _long_history(monkeypatch)
    pane = ProgressPane(services)
    qtbot.addWidget(pane)
    assert not pane.complete
    start, end = services.progress.bounds(RangePreset.SIX_WEEKS)
    shown = np.asarray(pane.chart.pain_line.get_xdata(), dtype=np.float64)
    assert shown.min() >= day_number(start)
    assert shown.max() <= day_number(end)
    assert pane.stack.currentWidget() is pane.tabs
    assert "load days" in pane.summary_label.text()
    with qtbot.waitSignal(services.progress.history_ready, timeout=10_000):
        services.progress.load_in_background()
    assert pane.complete
    data = services.progress.history()
    ys = np.asarray(pane.chart.pain_line.get_ydata(), dtype=np.float64)
    assert ys.tolist() == [e.pain for e in data.mornings]
    assert pane.chart.pain_ax.get_xlim()[0] == pytest.approx(day_number(start) - 0.6)


def test_range_switch_before_the_background_read_reads_without_waiting_for_it(
    services: Services, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed_demo(services)
    _long_history(monkeypatch)
    pane = ProgressPane(services)
    qtbot.addWidget(pane)
    pane.range_buttons[RangePreset.ALL].click()
    assert pane.complete
    data = services.progress.history()
    assert np.asarray(pane.chart.pain_line.get_xdata()).size == len(data.mornings)
    lo, _hi = pane.chart.pain_ax.get_xlim()
    assert round(lo + 0.6) == day_number(data.first_day or TODAY)


def test_refresh_during_a_background_read_drops_its_result(
    services: Services, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker that read before a write must not become the cache after it (issue 17:
    the old test passed with both generation checks removed, because it read the
    history itself first and so the stale result never had an empty cache to fill)."""
    seed_demo(services)
    progress = services.progress
    stale = progress._read_history()  # what a worker started before the write reads
    monkeypatch.setattr(progress, "_read_history", lambda: stale)
    progress.load_in_background()
    services.morning.set_baseline(0)  # a write, then the refresh every write sends
    progress.refresh()
    monkeypatch.undo()
    qtbot.waitUntil(lambda: progress._loading is None, timeout=10_000)
    assert not progress.is_loaded  # the stale result was dropped, not cached
    fresh = progress.history()
    assert fresh is not stale
    assert fresh.baselines[-1].pain == 0


def test_the_background_read_comes_back_by_signal_not_by_polling(
    services: Services, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QTimer

    seed_demo(services)
    _long_history(monkeypatch)
    with qtbot.waitSignal(services.progress.history_ready, timeout=10_000):
        services.progress.load_in_background()
    assert services.progress.is_loaded
    assert services.progress.findChildren(QTimer) == []  # no timer looks for the result


def test_legend_is_a_qt_label_and_exports_carry_their_own(
    services: Services, qtbot: QtBot, tmp_path: Path
) -> None:
    seed_demo(services)
    pane = ProgressPane(services)
    qtbot.addWidget(pane)
    assert pane.chart.pain_ax.get_legend() is None  # nothing re-rendered per redraw
    entries = {e.label: e for _title, group in pane.legend.entries for e in group}
    shapes = {entries[name].symbol for name in ("Tolerated", "Exceeded", "Unknown")}
    assert len(shapes) == 3  # shape, not colour alone
    assert "Tolerated" in pane.legend.text()
    pane.export_to(tmp_path / "chart.svg")
    assert b"Tolerated" in (tmp_path / "chart.svg").read_bytes()
    assert pane.chart.pain_ax.get_legend() is None
    pane.apply_palette(True)
    dark = {e.label: e.colour for _title, group in pane.legend.entries for e in group}
    assert dark["Tolerated"] == pane.chart.palette.tolerated


def test_bars_hold_the_days_in_view_and_labels_do_not_overlap(
    services: Services, qtbot: QtBot
) -> None:
    seed_demo(services)
    pane = ProgressPane(services)
    qtbot.addWidget(pane)
    pane.set_range(RangePreset.TWO_WEEKS)
    _values, bar_edges, _floor = pane.chart.held_bars.get_data()
    edges = np.asarray(bar_edges, dtype=np.float64)
    lo, hi = pane.chart.pain_ax.get_xlim()
    assert edges.min() >= lo - 1.5
    assert edges.max() <= hi + 1.5
    assert pane.chart.load_x.size == len(services.progress.history().loads)  # full series kept
    pane.set_range(RangePreset.ALL)
    shown = [t.get_position()[0] for t in pane.chart.events.labels if t.get_visible()]
    assert shown
    lo, hi = pane.chart.pain_ax.get_xlim()
    gap = (hi - lo) * 12.0 / pane.chart.pain_ax.bbox.width
    ordered = sorted(shown)
    assert all(b - a >= gap - 1e-9 for a, b in itertools.pairwise(ordered))


def test_column_envelope_keeps_the_tallest_day_of_each_column() -> None:
    x = np.array([0.0, 1, 2, 5, 6, 9])
    values = np.array([1.0, 3, 2, 4, 1, 7])
    below = np.array([1.0, 0, 0, 0, 2, 0])
    top, edges, floor = column_envelope(x, values, None, -0.5, 9.5, 5)
    assert top.tolist() == [3, 2, 4, 1, 7]
    assert len(edges) == 6
    assert not floor.any()
    top, _edges, floor = column_envelope(x, values, below, -0.5, 9.5, 5)
    assert floor.tolist() == [1, 0, 0, 2, 0]
    assert top.tolist() == [3, 2, 4, 3, 7]
    empty = column_envelope(np.zeros(0), np.zeros(0), None, 0.0, 1.0, 3)[0]
    assert empty.tolist() == [0, 0, 0]
