"""TODAY'S PLAN: the one instruction for today, its reason and numbers, one click to do it.

Everything here comes from :meth:`PlanService.today_plan` (issue 11), the same plan Ctrl+T,
the tray, the break offer and the report use. The card shows the headline (what to do),
one sentence why, the numbers behind it, a button per exercise that fills the log form or
the hold timer with exactly that dose, and the moves the plan proposes: a stage move
through :class:`StageMoveDialog` (R2.10, R2.8) and a sitting interval (R1.5, R3.10), both
recorded only once the user confirms. The R5 disclaimer is always on the card.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.plan import Plan, PlanItem, PlanKind, StageMove
from pht_desktop.domain.profile import STAGE_NAMES
from pht_desktop.services.registry import Services
from pht_desktop.ui import ask
from pht_desktop.ui.style import (
    EXCEEDED_COLOUR,
    SPACING,
    TITLE_WIDTH,
    error_label,
    scaled_font,
    section_title,
    set_text_colour,
    show_error,
    small_text,
)

if TYPE_CHECKING:
    from pht_desktop.ui.stage_dialog import StageMoveDialog

MAX_ROWS = 3


class PlanCard(QWidget):
    """Emits ``item_requested(PlanItem)``; the window fills the form or starts the timer."""

    item_requested = Signal(object)
    plan_shown = Signal(object)
    """The plan now on the card (the tray names the same one)."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.plan: Plan | None = None
        self.dialog: StageMoveDialog | None = None
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(2 * SPACING)
        title = section_title(self.tr("TODAY'S PLAN"))
        title.setMinimumWidth(TITLE_WIDTH)
        grid.addWidget(title, 0, 0, Qt.AlignmentFlag.AlignTop)
        body = QVBoxLayout()
        body.setSpacing(SPACING)
        self.headline = QLabel("")
        self.headline.setWordWrap(True)
        self.headline.setFont(scaled_font(self.headline, 1.1, bold=True))
        self.headline.setAccessibleName(self.tr("Today's plan"))
        self.reason = QLabel("")
        self.reason.setWordWrap(True)
        self.reason.setAccessibleName(self.tr("Why"))
        self.numbers = small_text("")
        self.numbers.setAccessibleName(self.tr("The numbers behind it"))
        body.addWidget(self.headline)
        body.addWidget(self.reason)
        body.addWidget(self.numbers)

        self._add_item_rows(body)

        self.clinician = QLabel("")
        self.clinician.setWordWrap(True)
        set_text_colour(self.clinician, EXCEEDED_COLOUR)
        self.clinician.setAccessibleName(self.tr("When to see a clinician"))
        body.addWidget(self.clinician)

        self._add_moves(body)
        self.error = error_label()
        self.status = small_text("")
        self.status.hide()  # shown with what a confirmed move recorded
        body.addWidget(self.error)
        body.addWidget(self.status)
        self.disclaimer = small_text("")
        self.disclaimer.setAccessibleName(self.tr("Disclaimer"))
        body.addWidget(self.disclaimer)
        grid.addLayout(body, 0, 1)
        grid.setColumnStretch(1, 1)

        for source in (services.exercises, services.morning, services.profile, services.plan):
            source.changed.connect(self.refresh)
        self.refresh()

    def _add_item_rows(self, body: QVBoxLayout) -> None:
        """A row per plan item, its button filling the form or timer with that dose."""
        self.rows: list[tuple[QLabel, QPushButton]] = []
        for index in range(MAX_ROWS):
            row = QHBoxLayout()
            label = QLabel("")
            label.setWordWrap(True)
            button = QPushButton("")
            button.clicked.connect(lambda _checked=False, i=index: self._request(i))
            button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            row.addWidget(label, 1)
            row.addWidget(button)
            row.addStretch(0 if index else 1)
            body.addLayout(row)
            self.rows.append((label, button))
        self.start = self.rows[0][1]
        self.start.setToolTip(
            self.tr("Fills the log form or the hold timer with this dose (Ctrl+T)")
        )

    def _add_moves(self, body: QVBoxLayout) -> None:
        """The proposed stage move (R2.10) and sitting interval (R1.5), with their answers."""
        moves = QHBoxLayout()
        self.stage_button = QPushButton("")
        self.stage_button.setAccessibleName(self.tr("Stage move"))
        self.stage_button.clicked.connect(self.open_stage_dialog)
        self.undo_stage_button = QPushButton(self.tr("Undo today's stage change"))
        self.undo_stage_button.clicked.connect(self._undo_stage)
        moves.addWidget(self.stage_button)
        moves.addWidget(self.undo_stage_button)
        moves.addStretch(1)
        body.addLayout(moves)
        self.sitting_label = small_text("")
        self.sitting_yes = QPushButton(self.tr("Change it"))
        self.sitting_no = QPushButton(self.tr("Not now"))
        self.sitting_yes.clicked.connect(lambda: self._answer_sitting(True))
        self.sitting_no.clicked.connect(lambda: self._answer_sitting(False))
        sitting = QHBoxLayout()
        sitting.addWidget(self.sitting_label, 1)
        sitting.addWidget(self.sitting_yes)
        sitting.addWidget(self.sitting_no)
        body.addLayout(sitting)

    # --- showing the plan ------------------------------------------------------------------
    def refresh(self) -> None:
        """Ask the one plan again: verdicts are never cached (R3.6)."""
        plan = self.services.plan.today_plan()
        self.plan = plan
        self.headline.setText(plan.headline)
        self.reason.setText(plan.reason)
        self.numbers.setText(" · ".join(plan.numbers))
        self.numbers.setVisible(bool(plan.numbers))
        for index, (label, button) in enumerate(self.rows):
            item = plan.items[index] if index < len(plan.items) else None
            visible = item is not None and len(plan.items) > 1
            label.setVisible(visible)
            button.setVisible(item is not None)
            if item is None:
                continue
            label.setText(item.words)
            button.setText(self._button_text(item))
            button.setAccessibleName(
                self.tr("{action}: {exercise}").format(action=button.text(), exercise=item.name)
            )
        self.clinician.setText(plan.clinician or "")
        self.clinician.setVisible(plan.clinician is not None)
        self._show_stage_move(plan.stage_move)
        self.undo_stage_button.setVisible(self.services.plan.can_undo_stage_move())
        move = plan.sitting_move
        for widget in (self.sitting_label, self.sitting_yes, self.sitting_no):
            widget.setVisible(move is not None)
        if move is not None:
            self.sitting_label.setText(
                self.tr("Sitting interval {current} → {proposed} min? {reason}").format(
                    current=move.current_min, proposed=move.proposed_min, reason=move.reason
                )
            )
        self.disclaimer.setText(plan.disclaimer)
        self.plan_shown.emit(plan)

    def _button_text(self, item: PlanItem) -> str:
        if item.timed:
            return self.tr("Start timer")
        if item.dose_type == "run":
            return self.tr("Log the run")
        return self.tr("Log it")

    def _show_stage_move(self, move: StageMove | None) -> None:
        self.stage_button.setVisible(move is not None)
        if move is None:
            return
        name = STAGE_NAMES[move.proposed]
        if move.proposed > move.current:
            text = self.tr("Move to stage {stage} ({name})…")
        else:
            text = self.tr("Go back to stage {stage} ({name})…")
        self.stage_button.setText(text.format(stage=move.proposed, name=name))

    def planned(self) -> PlanItem | None:
        """The plan's first item (Ctrl+T, the tray): None when nothing is planned."""
        return None if self.plan is None else self.plan.first

    def _request(self, index: int) -> None:
        if self.plan is not None and index < len(self.plan.items):
            self.item_requested.emit(self.plan.items[index])

    # --- moves the user confirms ----------------------------------------------------------
    def open_stage_dialog(self) -> None:
        """The proposal with its reason and, before stage 5, the R2.8 checkboxes."""
        if self.plan is None or self.plan.stage_move is None:
            return
        from pht_desktop.ui.stage_dialog import StageMoveDialog  # built when asked for

        move = self.plan.stage_move
        dialog = StageMoveDialog(move, self)
        # Issue 15: the latest outcome measures beside the streak, and the bridge for R2.8.
        dialog.set_measures(self.services.measures.stage_dialog_text(move.checklist))
        dialog.confirmed.connect(self._confirm_stage)
        self.dialog = dialog
        dialog.open()

    def _confirm_stage(self, _move: StageMove, ticked: tuple[str, ...]) -> None:
        dialog = self.dialog
        event = (
            None if dialog is None else dialog.record(self.services.plan.accept_stage_move, ticked)
        )
        if event is None:
            return
        show_error(self.error, None)
        self.status.setText(
            self.tr("Stage {stage} recorded from {date}.").format(
                stage=event.stage, date=event.effective_date.isoformat()
            )
        )
        self.status.show()

    def _undo_stage(self) -> None:
        def answer(yes: bool) -> None:
            if not yes:
                return
            try:
                self.services.plan.undo_stage_move()
            except ValidationError as failure:
                show_error(self.error, failure.message)
                return
            self.status.setText(self.tr("Today's stage change was undone."))
            self.status.show()

        ask.ask(
            self,
            self.tr("Undo today's stage change?"),
            self.tr("Your stage goes back to what it was before today's change."),
            answer,
        )

    def _answer_sitting(self, accepted: bool) -> None:
        if self.plan is None or self.plan.sitting_move is None:
            return
        move = self.plan.sitting_move
        try:
            self.services.plan.answer_sitting_move(move, accepted)
        except ValidationError as failure:
            show_error(self.error, failure.message)
            return
        if accepted:
            self.status.setText(
                self.tr("Sitting interval set to {minutes} min.").format(minutes=move.proposed_min)
            )
            self.status.show()
        self.refresh()

    def kind(self) -> PlanKind | None:
        return None if self.plan is None else self.plan.kind
