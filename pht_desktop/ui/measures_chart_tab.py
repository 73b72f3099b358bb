"""The *Measures* tab on Progress (issue 15): outcome measures over weeks, stages marked.

A :class:`ChartPage` of its own, so the Progress pane only adds it as one more page
(``add_page``): Export and the sentences then work for it as for the others. The figure
is made the first time the tab is shown (or :meth:`ensure_built`), then refilled through
``set_data`` whenever measures, runs or mornings change.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent

from pht_desktop.domain.measures import NOT_A_DIAGNOSIS, MeasureKind
from pht_desktop.services.registry import Services
from pht_desktop.ui.chart_page import ChartPage
from pht_desktop.ui.charts.canvas import ChartCanvas
from pht_desktop.ui.charts.figure import new_figure
from pht_desktop.ui.charts.measures_figure import MeasuresFigure
from pht_desktop.ui.theme import is_dark


class MeasuresPage(ChartPage):
    """Each measure on its own scale; the sentence says what changed since the stage began."""

    def __init__(self, services: Services) -> None:
        super().__init__(
            self.tr(
                "Your outcome measures over the weeks, each on its own scale: sitting "
                "tolerance, single-leg bridge symmetry (painful side ÷ other side), the "
                "longest pain-free run and VISA-H. Vertical lines mark stage changes. "
            )
            + NOT_A_DIAGNOSIS,
            self.tr("Measures chart"),
        )
        self.services = services
        self.measures_chart: MeasuresFigure | None = None
        self.has_data = False
        """Whether there is any reading (the Progress pane shows its tabs for it)."""
        for service in (services.measures, services.exercises, services.morning):
            service.changed.connect(self.refresh)
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        self.ensure_built()
        super().showEvent(event)

    def ensure_built(self) -> MeasuresFigure:
        if self.measures_chart is None:
            figure = new_figure(9.0, 7.0)
            chart = MeasuresFigure(figure, dark=is_dark(self.palette()))
            self.measures_chart = chart
            canvas = ChartCanvas(figure, resized=lambda _w, _h: chart.fit_layout(), pannable=False)
            self.set_chart(chart, canvas)
            self.refresh()
        return self.measures_chart

    def refresh(self) -> None:
        """The sentence always (Progress reads every tab's); the chart once it is built."""
        measures = self.services.measures
        stages = measures.stage_changes()
        readings = measures.readings()
        self.has_data = bool(readings)
        empty = self.tr("No outcome measures yet: take them in the Measures pane.")
        self.says_label.setText(measures.stage_summary() or empty)
        self.show_empty(None if readings else empty)
        chart, canvas = self.measures_chart, self.canvas
        if chart is None or canvas is None:
            return
        capped = [m.day for m in measures.measures(kind=MeasureKind.SITTING) if m.reached_cap]
        chart.set_data(readings, stages, capped)
        canvas.request_draw()

    def apply_palette(self, dark: bool) -> None:
        if self.measures_chart is not None and self.canvas is not None:
            self.measures_chart.apply_palette(dark)
            self.canvas.request_draw()
