"""One chart tab of the Progress pane: what it shows, what the data says, then the chart.

A new chart is one more :class:`ChartPage` (``ProgressPane.add_page``); Export and the
sentences work for it at once. The measures tab is one too (issue 15).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QStackedWidget, QVBoxLayout, QWidget

from pht_desktop.ui import style
from pht_desktop.ui.charts.canvas import ChartCanvas

if TYPE_CHECKING:
    from matplotlib.figure import Figure


class LaidOutFigure(Protocol):
    """What the pane needs from a chart class: its figure and pixel-true margins."""

    figure: Figure

    def fit_layout(self, width_px: float | None = None, height_px: float | None = None) -> None:
        """Margins and ticks for this size (logical pixels)."""


class ChartPage(QWidget):
    """One chart tab: what it shows, what the data says, then the chart or a sentence."""

    def __init__(self, about: str, accessible: str) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, style.SPACING, 0, 0)
        layout.setSpacing(style.SPACING // 2)
        self.about_label = style.small_text(about)
        self.about_label.setAccessibleName(self.tr("What this chart shows"))
        layout.addWidget(self.about_label)
        self.says_label = QLabel("")
        self.says_label.setWordWrap(True)
        self.says_label.setFont(style.scaled_font(self.says_label, 1.0, bold=True))
        self.says_label.setAccessibleName(self.tr("What your data says"))
        layout.addWidget(self.says_label)
        self.header = QVBoxLayout()
        layout.addLayout(self.header)
        self.body = QStackedWidget()
        self.empty_label = QLabel("")
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty_label.setAccessibleName(self.tr("Empty chart"))
        self.body.addWidget(self.empty_label)
        layout.addWidget(self.body, 1)
        self.chart: LaidOutFigure | None = None
        self.canvas: ChartCanvas | None = None
        self.accessible = accessible
        self.legends: Callable[[], AbstractContextManager[None]] = nullcontext

    def set_chart(self, chart: LaidOutFigure, canvas: ChartCanvas) -> None:
        self.chart, self.canvas = chart, canvas
        canvas.setAccessibleName(self.accessible)
        self.body.addWidget(canvas)
        self.body.setCurrentWidget(canvas)

    def show_empty(self, sentence: str | None) -> None:
        """A sentence instead of empty axes (None: show the chart)."""
        self.empty_label.setText(sentence or "")
        if sentence or self.canvas is None:
            self.body.setCurrentWidget(self.empty_label)
        else:
            self.body.setCurrentWidget(self.canvas)

    @property
    def is_empty(self) -> bool:
        return self.body.currentWidget() is self.empty_label
