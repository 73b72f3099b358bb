"""The stage-move proposal: why, the R2.8 checklist as real checkboxes, the user decides.

Non-modal (``open()``, never ``exec()``), so nothing blocks in tests. Before stage 5 the
move button stays disabled until every running-readiness item is ticked (R2.8, R2.10).
``measures`` is the place for the latest outcome measures (issue 15), hidden when empty.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.plan import StageMove
from pht_desktop.domain.profile import STAGE_NAMES, StageEvent
from pht_desktop.ui.style import error_label, show_error, small_text


class StageMoveDialog(QDialog):
    """Emits ``confirmed(move, ticked)`` when the user moves; closing changes nothing."""

    confirmed = Signal(object, object)

    def __init__(self, move: StageMove, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage_move = move
        forward = move.proposed > move.current
        self.setWindowTitle(
            self.tr("Move to the next stage?") if forward else self.tr("Go back a stage?")
        )
        layout = QVBoxLayout(self)
        name = STAGE_NAMES[move.proposed]
        self.question = QLabel(
            self.tr("Move from stage {current} to stage {proposed} ({name})?").format(
                current=move.current, proposed=move.proposed, name=name
            )
        )
        self.question.setWordWrap(True)
        layout.addWidget(self.question)
        self.reason = small_text(move.reason)  # the reason sentence comes from domain/
        layout.addWidget(self.reason)
        self.measures = small_text("")
        self.measures.setAccessibleName(self.tr("Latest outcome measures"))
        self.measures.hide()
        layout.addWidget(self.measures)
        self.checks: list[QCheckBox] = []
        if move.checklist:
            layout.addWidget(QLabel(self.tr("Before running, tick what is true for you:")))
            for item in move.checklist:
                box = QCheckBox(item)
                box.toggled.connect(self._update)
                self.checks.append(box)
                layout.addWidget(box)
        layout.addWidget(
            small_text(
                self.tr(
                    "The change is kept with today's date and this reason; you can undo it "
                    "today from the Today pane."
                )
            )
        )
        self.error = error_label()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.move_button = QPushButton(self.tr("Move to stage {stage}").format(stage=move.proposed))
        self.move_button.setDefault(False)
        self.cancel_button = buttons.addButton(
            self.tr("Not now"), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.addButton(self.move_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.move_button.clicked.connect(self._confirm)
        self.cancel_button.clicked.connect(self.reject)
        layout.addWidget(buttons)
        self._update()

    def set_measures(self, text: str) -> None:
        """Show the latest outcome measures beside the proposal (issue 15's hook)."""
        self.measures.setText(text)
        self.measures.setVisible(bool(text))

    def ticked(self) -> tuple[str, ...]:
        return tuple(box.text() for box in self.checks if box.isChecked())

    def _update(self) -> None:
        self.move_button.setEnabled(all(box.isChecked() for box in self.checks))

    def _confirm(self) -> None:
        self.confirmed.emit(self.stage_move, self.ticked())

    def record(
        self,
        accept: Callable[[StageMove, tuple[str, ...]], StageEvent],
        ticked: tuple[str, ...],
    ) -> StageEvent | None:
        """Record the confirmed move with ``accept``; a refusal is shown here and the
        dialog stays open (nothing changed), a success closes it."""
        try:
            event = accept(self.stage_move, ticked)
        except ValidationError as failure:
            show_error(self.error, failure.message)
            return None
        self.accept()
        return event
