"""Today first (docs/ux.md): the sitting clock, this morning, yesterday's verdict."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame

from pht_desktop.services.registry import Services
from pht_desktop.ui.guidance_card import GuidanceCard
from pht_desktop.ui.measures_due_line import MeasuresDueLine
from pht_desktop.ui.morning_card import MorningCard
from pht_desktop.ui.plan_card import PlanCard
from pht_desktop.ui.sitting_card import SittingCard
from pht_desktop.ui.style import ScrollColumn


def _separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


class TodayPane(ScrollColumn):
    """A scrolling column of cards, each answering one question."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        layout = self.column
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
        layout.addStretch(1)
