"""The Qt side of the charts: ``FigureCanvasQTAgg`` with our own zoom, pan and hover.

No matplotlib toolbar (issue 13): its subplot and "Customize" dialogs are for engineers.
The wheel zooms the date axis around the pointer, a drag with the left button pans it,
and the pane's range buttons and *Reset view* put it back.

Hover looks the day up by rounding the x position (a dict lookup, no search over
artists), and shows it in a ``QToolTip`` so nothing is redrawn while the mouse moves.
"""

from __future__ import annotations

from collections.abc import Callable

from matplotlib.axes import Axes
from matplotlib.backend_bases import Event, MouseEvent, ResizeEvent
from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
from matplotlib.figure import Figure
from PySide6.QtCore import Qt
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QToolTip

ZOOM_STEP = 1.25
MIN_SPAN_DAYS = 3.0


class ChartCanvas(FigureCanvasQTAgg):
    """A canvas with wheel zoom and drag pan on x, a hover tooltip and a resize hook.

    ``hover`` returns the tooltip text for an x position (None: hide); ``zoomed`` is
    called after a zoom or pan step so the owner can refit its y axes; ``resized`` gets
    the new size in pixels so the owner can keep its margins in pixels.
    """

    def __init__(
        self,
        figure: Figure,
        hover: Callable[[float], str | None] | None = None,
        zoomed: Callable[[], None] | None = None,
        resized: Callable[[float, float], None] | None = None,
        pannable: bool = True,
    ) -> None:
        super().__init__(figure)  # type: ignore[no-untyped-call]
        self._hover = hover
        self._zoomed = zoomed
        self._resized = resized
        self._pannable = pannable
        self._drag: tuple[float, tuple[float, float], Axes] | None = None
        self.last_tooltip: str | None = None
        self.mpl_connect("scroll_event", self._on_scroll)
        self.mpl_connect("motion_notify_event", self._on_motion)
        self.mpl_connect("button_press_event", self._on_press)
        self.mpl_connect("button_release_event", self._on_release)
        self.mpl_connect("resize_event", self._on_resize)
        if pannable:
            self.setCursor(Qt.CursorShape.OpenHandCursor)

    def _on_resize(self, event: Event) -> None:
        if self._resized is not None and isinstance(event, ResizeEvent):
            self._resized(float(self.figure.bbox.width), float(self.figure.bbox.height))

    def _on_scroll(self, event: Event) -> None:
        if not self._pannable:
            return
        if not isinstance(event, MouseEvent) or event.inaxes is None or event.xdata is None:
            return
        self.zoom_at(
            event.inaxes, float(event.xdata), 1 / ZOOM_STEP if event.button == "up" else ZOOM_STEP
        )

    def zoom_at(self, ax: Axes, x: float, factor: float) -> None:
        """Scale the date span by ``factor`` keeping ``x`` under the pointer."""
        lo, hi = ax.get_xlim()
        span = max((hi - lo) * factor, MIN_SPAN_DAYS)
        share = (x - lo) / (hi - lo) if hi > lo else 0.5
        new_lo = x - share * span
        ax.set_xlim(new_lo, new_lo + span)
        self._changed()

    def _on_press(self, event: Event) -> None:
        if not self._pannable or not isinstance(event, MouseEvent):
            return
        if event.button == 1 and event.inaxes is not None:
            self._drag = (float(event.x), event.inaxes.get_xlim(), event.inaxes)
            self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def _on_release(self, _event: Event) -> None:
        if self._drag is not None:
            self._drag = None
            self.setCursor(Qt.CursorShape.OpenHandCursor)

    def pan_by_pixels(self, ax: Axes, start: tuple[float, float], dx_px: float) -> None:
        """Move the date axis so the day under the pointer follows it by ``dx_px``."""
        lo, hi = start
        width = max(float(ax.bbox.width), 1.0)
        shift = -dx_px * (hi - lo) / width
        ax.set_xlim(lo + shift, hi + shift)
        self._changed()

    def _on_motion(self, event: Event) -> None:
        if not isinstance(event, MouseEvent):
            return
        if self._drag is not None:
            x0, limits, ax = self._drag
            self.pan_by_pixels(ax, limits, float(event.x) - x0)
            return
        text = None
        if event.inaxes is not None and event.xdata is not None and self._hover is not None:
            text = self._hover(event.xdata)
        self.show_tooltip(text)

    def _changed(self) -> None:
        if self._zoomed is not None:
            self._zoomed()
        self.request_draw()

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
