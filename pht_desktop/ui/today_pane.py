"""Today first (docs/ux.md): the sitting clock, this morning, yesterday's verdict."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QWidget

from pht_desktop.services.registry import Services
from pht_desktop.ui.guidance_card import GuidanceCard
from pht_desktop.ui.measures_due_line import MeasuresDueLine
from pht_desktop.ui.morning_card import MorningCard
from pht_desktop.ui.mornings_chart import MorningsChart
from pht_desktop.ui.plan_card import PlanCard
from pht_desktop.ui.sitting_card import SittingCard
from pht_desktop.ui.style import SPACING, TITLE_WIDTH, ScrollColumn, section_title


def _separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


def _titled(title: str, widget: QWidget) -> QWidget:
    """A card of one widget with its title in the titles' column."""
    host = QWidget()
    row = QHBoxLayout(host)
    row.setContentsMargins(0, 0, 0, 0)
    row.setSpacing(2 * SPACING)
    label = section_title(title)
    label.setMinimumWidth(TITLE_WIDTH)
    row.addWidget(label, 0, Qt.AlignmentFlag.AlignTop)
    row.addWidget(widget, 1)
    return host


class TodayPane(ScrollColumn):
    """A scrolling column of cards, each answering one question."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        layout = self.column
        layout.setSpacing(2 * SPACING)
        self.sitting = SittingCard(services)
        self.morning = MorningCard(services)
        self.guidance = GuidanceCard(services)
        self.plan = PlanCard(services)
        layout.addWidget(self.sitting)
        layout.addWidget(_separator())
        layout.addWidget(self.morning)
        layout.addWidget(_separator())
        layout.addWidget(self.guidance)
        layout.addWidget(_separator())
        layout.addWidget(self.plan)
        self.measures_due = MeasuresDueLine(services.measures)
        layout.addWidget(self.measures_due)
        # Secondary, so last: the shape of the last two weeks at a glance.
        self.mornings = MorningsChart(services)
        self.mornings_row = _titled(self.tr("LAST 14 MORNINGS"), self.mornings)
        self.mornings_separator = _separator()
        layout.addWidget(self.mornings_separator)
        layout.addWidget(self.mornings_row)
        services.morning.changed.connect(self._show_mornings)
        self._show_mornings()
        layout.addStretch(1)

    def _show_mornings(self) -> None:
        """The small chart waits until there is a morning or a verdict to show."""
        self.mornings_row.setVisible(self.mornings.has_data)
        self.mornings_separator.setVisible(self.mornings.has_data)
