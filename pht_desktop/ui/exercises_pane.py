"""The Exercises pane (docs/ux.md): catalogue left, log form / hold timer / runs right,
history below (R2, R2.1–R2.8, R3.8).

The pane only arranges its widgets, one module each: :mod:`.catalogue_panel`,
:mod:`.session_form`, :mod:`.hold_timer_widget`, :mod:`.run_form` and
:mod:`.history_panel`; they talk to the services only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QTabWidget, QVBoxLayout, QWidget

from pht_desktop.domain.exercise import EffortKind, SessionDraft
from pht_desktop.domain.plan import PlanItem
from pht_desktop.services.registry import Services
from pht_desktop.ui.catalogue_panel import CataloguePanel
from pht_desktop.ui.history_panel import HistoryPanel
from pht_desktop.ui.hold_timer_widget import HoldTimerWidget
from pht_desktop.ui.ladder_editor import LadderEditor
from pht_desktop.ui.ports import QT_BEEP, Chime
from pht_desktop.ui.run_form import RunForm
from pht_desktop.ui.session_form import SessionForm
from pht_desktop.ui.style import SPACING


class ExercisesPane(QWidget):
    """Catalogue | log form, hold timer, runs; history below (docs/ux.md)."""

    def __init__(self, services: Services, chime: Chime = QT_BEEP) -> None:
        super().__init__()
        self.services = services
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        self.form = SessionForm(services)
        self.timer = HoldTimerWidget(services, chime)
        self.form.hold_timer = self.timer
        self.runs = RunForm(services)
        self.catalogue = CataloguePanel(services, self.form)
        self.right = QTabWidget()
        self.right.addTab(self.form, self.tr("Log"))
        self.right.addTab(self.timer, self.tr("Hold timer"))
        self.right.addTab(self.runs, self.tr("Run"))
        self.ladder = LadderEditor(services)
        self.right.addTab(self.ladder, self.tr("Ladder"))
        self.catalogue.tree.currentItemChanged.connect(
            lambda *_: self.ladder.select(self.catalogue.selected_id())
        )
        self.form.timer_button.clicked.connect(self._show_timer)
        self.timer.start_requested.connect(self.start_hold_timer)
        self.timer.start_button.setEnabled(self.form.timer_button.isEnabled())
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.catalogue)
        top.addWidget(self.right)
        top.setStretchFactor(1, 2)
        self.history = HistoryPanel(services, self)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.history)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split)

    def _show_timer(self) -> None:
        if self.timer.timer is not None:
            self.right.setCurrentWidget(self.timer)

    def start_hold_timer(self, exercise_id: int | None = None) -> None:
        """Open the timer with an exercise's dose (a shortcut from Today can call this)."""
        if exercise_id is not None:
            self.form.select_exercise(exercise_id)
        self.form.start_timer()
        self._show_timer()

    def start_planned(self, item: PlanItem) -> None:
        """Today's plan item (issue 11): the form gets exactly that dose, load and effort
        included; a hold goes on to the timer, a run to the run form."""
        if item.dose_type == "run":
            self.runs.fill_planned(item.dose)
            self.right.setCurrentWidget(self.runs)
            return
        effort = item.effort_pct
        draft = SessionDraft(
            exercise_id=item.exercise_id,
            performed_at=self.services.clock.now(),
            sets=item.sets,
            load=item.load,
            effort_kind=EffortKind.PERCENT if effort is not None else EffortKind.RPE,
            effort_value=effort,
        )
        self.form.reset()
        self.form.fill(draft)
        self.right.setCurrentWidget(self.form)
        if item.timed:
            self.form.start_timer()
            self._show_timer()

    def edit_session(self, session_id: int) -> None:
        self.form.load_session(session_id)
        self.right.setCurrentWidget(self.form)

    def edit_run(self, run_id: int) -> None:
        self.runs.load_run(run_id)
        self.right.setCurrentWidget(self.runs)
