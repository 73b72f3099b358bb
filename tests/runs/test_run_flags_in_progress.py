"""The Progress load panel marks hilly and fast runs by shape (issue 14, docs/ux.md)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import numpy as np
from matplotlib.figure import Figure

from pht_desktop.services.registry import Services
from pht_desktop.ui.charts.figure import ProgressFigure
from pht_desktop.ui.charts.geometry import day_number
from tests.runs import runfiles as rf


def test_hilly_and_fast_runs_get_their_own_marks(services: Services) -> None:
    services.run_import.import_files(
        [
            ("hills.gpx", rf.gpx_bytes(rf.hilly(datetime(2026, 2, 24, 7, tzinfo=UTC)))),
            ("reps.fit", rf.fit_bytes(rf.intervals(datetime(2026, 2, 26, 7, tzinfo=UTC)))),
            ("easy.tcx", rf.tcx_bytes(rf.flat_easy(datetime(2026, 2, 27, 7, tzinfo=UTC)))),
        ]
    )
    data = services.progress.history()
    flags = {d.day: (d.hilly, d.fast) for d in data.loads}
    assert flags == {
        date(2026, 2, 24): (True, False),
        date(2026, 2, 26): (False, True),
        date(2026, 2, 27): (False, False),
    }
    chart = ProgressFigure(Figure())
    chart.set_data(data)
    hilly_x = np.asarray(chart.hilly_marks.get_xdata(), dtype=float)
    fast_x = np.asarray(chart.fast_marks.get_xdata(), dtype=float)
    assert np.round(hilly_x).tolist() == [round(day_number(date(2026, 2, 24)))]
    assert np.round(fast_x).tolist() == [round(day_number(date(2026, 2, 26)))]
    assert (chart.hilly_marks.get_marker(), chart.fast_marks.get_marker()) == ("^", ">")
    labels = [e.label for _title, entries in chart.legend_entries() for e in entries]
    assert {"Hilly run", "Fast run"} <= set(labels)
