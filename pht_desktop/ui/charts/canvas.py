"""The Qt side of the charts: ``FigureCanvasQTAgg``, the toolbar, wheel zoom and hover.

Hover looks the day up by rounding the x position (a dict lookup, no search over
artists), and shows it in a ``QToolTip`` so nothing is redrawn while the mouse moves.
"""

from __future__ import annotations

from collections.abc import Callable

from matplotlib.backend_bases import Event, MouseEvent
from matplotlib.backends.backend_qt import NavigationToolbar2QT
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QToolTip, QWidget

ZOOM_STEP = 1.25
MIN_SPAN_DAYS = 3.0


class ChartCanvas(FigureCanvasQTAgg):
    """A canvas with mouse-wheel zoom on x and a hover tooltip.

    ``hover`` returns the tooltip text for an x position (None: hide); ``zoomed`` is
    called after a wheel zoom so the owner can refit its y axes.
    """

    def __init__(
        self,
        figure: Figure,
        hover: Callable[[float], str | None] | None = None,
        zoomed: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(figure)  # type: ignore[no-untyped-call]
        self._hover = hover
        self._zoomed = zoomed
        self.last_tooltip: str | None = None
        self.mpl_connect("scroll_event", self._on_scroll)
        self.mpl_connect("motion_notify_event", self._on_motion)

    def _on_scroll(self, event: Event) -> None:
        if not isinstance(event, MouseEvent) or event.inaxes is None or event.xdata is None:
            return
        ax = event.inaxes
        lo, hi = ax.get_xlim()
        factor = 1 / ZOOM_STEP if event.button == "up" else ZOOM_STEP
        span = max((hi - lo) * factor, MIN_SPAN_DAYS)
        share = (event.xdata - lo) / (hi - lo) if hi > lo else 0.5
        new_lo = event.xdata - share * span
        ax.set_xlim(new_lo, new_lo + span)
        if self._zoomed is not None:
            self._zoomed()
        self.request_draw()

    def _on_motion(self, event: Event) -> None:
        if not isinstance(event, MouseEvent):
            return
        text = None
        if event.inaxes is not None and event.xdata is not None and self._hover is not None:
            text = self._hover(event.xdata)
        self.show_tooltip(text)

    def request_draw(self) -> None:
        """``draw_idle`` with a type: redraw once the event loop is free."""
        self.draw_idle()  # type: ignore[no-untyped-call]

    def show_tooltip(self, text: str | None) -> None:
        """Show (or hide, with None) the hover text; tests read ``last_tooltip``."""
        if text == self.last_tooltip:
            return
        self.last_tooltip = text
        if text is None:
            QToolTip.hideText()
        elif self.isVisible():
            QToolTip.showText(QCursor.pos(), text, self)


def make_toolbar(canvas: ChartCanvas, parent: QWidget) -> NavigationToolbar2QT:
    """Pan and zoom from matplotlib's own toolbar; coordinates are shown by the tooltip."""
    return NavigationToolbar2QT(canvas, parent, coordinates=False)  # type: ignore[no-untyped-call]
