"""TODAY'S PLAN (docs/ux.md): the exercise to do now, its dose, one click to start."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QWidget

from pht_desktop.services.registry import Services
from pht_desktop.ui.style import SPACING, TITLE_WIDTH, scaled_font, section_title, small_text


class PlanCard(QWidget):
    """Emits ``start_requested(exercise_id, timed)``; the window opens the logger."""

    start_requested = Signal(int, bool)

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(2 * SPACING)
        title = section_title(self.tr("TODAY'S PLAN"))
        title.setMinimumWidth(TITLE_WIDTH)
        grid.addWidget(title, 0, 0)
        self.summary = QLabel("")
        self.summary.setFont(scaled_font(self.summary, 1.15))
        self.summary.setAccessibleName(self.tr("Today's plan"))
        grid.addWidget(self.summary, 0, 1)
        self.start = QPushButton(self.tr("Start timer"))
        self.start.setAccessibleName(self.tr("Start today's exercise"))
        self.start.setToolTip(self.tr("Opens the hold timer with this dose (Ctrl+T)"))
        self.start.clicked.connect(self._start)
        grid.addWidget(self.start, 0, 2)
        self.detail = small_text("")
        grid.addWidget(self.detail, 1, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        self._exercise_id: int | None = None
        self._timed = False
        services.exercises.changed.connect(self.refresh)
        services.profile.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        plan = self.services.exercises.todays_plan()
        if plan is None:
            self._exercise_id = None
            self.summary.setText(self.tr("No exercise for your stage yet: add one in Exercises."))
            self.detail.setText("")
            self.start.setEnabled(False)
            return
        info = plan.exercise
        self._exercise_id = info.id
        self._timed = info.dose_type == "hold"
        self.summary.setText(f"<b>{info.name}</b>  {plan.dose}")
        if plan.from_history:
            detail = self.tr("Stage {stage}, your last dose. {how_to}")
        else:
            detail = self.tr("Stage {stage}, the protocol's starting dose. {how_to}")
        self.detail.setText(detail.format(stage=info.stage, how_to=info.how_to))
        self.start.setText(self.tr("Start timer") if self._timed else self.tr("Log it"))
        self.start.setEnabled(True)

    def planned(self) -> tuple[int, bool] | None:
        """Today's exercise id and whether it is a timed hold (None: nothing planned)."""
        return None if self._exercise_id is None else (self._exercise_id, self._timed)

    def _start(self) -> None:
        if self._exercise_id is not None:
            self.start_requested.emit(self._exercise_id, self._timed)
