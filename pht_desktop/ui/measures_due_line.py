"""The Today line when an outcome measure is due (issue 15): one sentence, one button.

Hidden when nothing is due, so Today stays calm; the button opens the Measures pane.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from pht_desktop.services.measures import MeasuresService


class MeasuresDueLine(QWidget):
    """ "Outcome measures due: sitting tolerance (last 15 days ago)…  [Take them]"."""

    open_requested = Signal()

    def __init__(self, measures: MeasuresService) -> None:
        super().__init__()
        self._measures = measures
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel("")
        self.label.setWordWrap(True)
        self.label.setAccessibleName(self.tr("Measures due"))
        self.button = QPushButton(self.tr("Take them"))
        self.button.clicked.connect(self.open_requested)
        row.addWidget(self.label, 1)
        row.addWidget(self.button)
        measures.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        text = self._measures.due_line()
        self.label.setText(text)
        self.setVisible(bool(text))
