"""The dose row of the log form: sets × reps (or holds of seconds) and rest, the ± nudge,
and unequal sets (from the hold timer or an edit) kept whole until a number changes (R2.3).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSizePolicy

from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.exercise import (
    HOLD_SECONDS_RANGE,
    MAX_SETS,
    REPS_RANGE,
    REST_SECONDS_RANGE,
    Load,
    SetEntry,
    dose_label,
    nudge_dose,
    plan_sets,
)
from pht_desktop.ui.setting_fields import RangeSpinBox
from pht_desktop.ui.style import SPACING, error_label, show_error, small_text


def compact_spin(low: int, high: int, name: str, suffix: str = "") -> RangeSpinBox:
    """Settings' field (issue 13): an out-of-range entry is kept for the domain to refuse
    next to the field, with the allowed range, instead of being silently clamped."""
    box = RangeSpinBox(low, high, suffix)
    box.setAccessibleName(name)
    # Five of these share one row: they may shrink to their text so the pane fits 1024 px.
    box.setMinimumWidth(0)
    box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    return box


class DoseFields(QObject):
    """The dose's spin boxes and nudge buttons in one row (:attr:`row`), with a note line
    (:attr:`note`, unequal sets as held) and an error line (:attr:`error`) for the form."""

    edited = Signal()
    """The user changed a number (never emitted while :meth:`set_sets` fills them)."""

    def __init__(self, dose_type: Callable[[], str | None], parent: QObject) -> None:
        super().__init__(parent)
        self._dose_type = dose_type
        self._override: tuple[SetEntry, ...] | None = None
        self._loading = False
        # The ranges the domain validates (R2.3), never retyped here.
        self.sets = compact_spin(1, MAX_SETS, self.tr("Number of sets"))
        self.reps = compact_spin(*REPS_RANGE, self.tr("Reps per set"))
        self.hold = compact_spin(*HOLD_SECONDS_RANGE, self.tr("Seconds per hold"), self.tr(" s"))
        self.rest = compact_spin(
            *REST_SECONDS_RANGE, self.tr("Rest seconds between sets"), self.tr(" s rest")
        )
        self.reps_label = QLabel(self.tr("Reps"))
        self.row = QHBoxLayout()
        self.row.addWidget(self.sets)
        self.row.addWidget(QLabel(self.tr("sets ×")))
        self.row.addWidget(self.reps)
        self.row.addWidget(self.reps_label)
        self.row.addWidget(self.hold)
        self.row.addWidget(self.rest)
        for box in (self.sets, self.reps, self.hold, self.rest):
            box.valueChanged.connect(self._on_value)
            box.editingFinished.connect(self.check)
        self.minus_button = QPushButton("−")
        self.minus_button.setAccessibleName(self.tr("Nudge the dose down one step"))
        self.minus_button.setToolTip(self.tr("One step less: 5 s per hold or 1 rep."))
        self.minus_button.clicked.connect(lambda: self.nudge(-1))
        self.plus_button = QPushButton("+")
        self.plus_button.setAccessibleName(self.tr("Nudge the dose up one step"))
        self.plus_button.setToolTip(self.tr("One step more: 5 s per hold or 1 rep."))
        self.plus_button.clicked.connect(lambda: self.nudge(1))
        for button in (self.minus_button, self.plus_button):
            button.setFixedWidth(5 * SPACING)  # one sign: the style's 80 px would widen the row
            self.row.addWidget(button)
        self.row.addStretch(1)
        self.note = small_text("")
        self.error = error_label()

    def show_kind(self, is_hold: bool) -> None:
        """Holds show their seconds ("3 sets × 5 holds of 30 s"); reps do not."""
        self.hold.setVisible(is_hold)
        self.reps_label.setText(self.tr("holds of") if is_hold else self.tr("reps"))

    def set_sets(self, entries: tuple[SetEntry, ...]) -> None:
        """Show sets in the spin boxes, or keep unequal sets whole and say so."""
        if not entries:
            return
        first = entries[0]
        self._loading = True
        self.sets.setValue(len(entries))
        self.reps.setValue(first.reps)
        if first.hold_seconds is not None:
            self.hold.setValue(first.hold_seconds)
        self.rest.setValue(first.rest_seconds or 0)
        self._loading = False
        equal = all(
            (e.reps, e.hold_seconds, e.rest_seconds)
            == (first.reps, first.hold_seconds, first.rest_seconds)
            for e in entries
        )
        self._override = None if equal else tuple(entries)
        held = dose_label(entries, Load.bodyweight()).removesuffix(", bodyweight")
        self.note.setText(
            ""
            if equal
            else self.tr("Sets as held: {dose} — change a number above to replace them.").format(
                dose=held
            )
        )

    def _on_value(self) -> None:
        if self._loading:
            return
        if self._override is not None:
            self._override = None
            self.note.setText("")
        self.edited.emit()

    def check(self) -> None:
        """A committed dose number is checked at once; a refusal names the allowed range."""
        try:
            self.current_sets()
        except ValidationError as error:
            show_error(self.error, error.message)
        else:
            show_error(self.error, None)

    def current_sets(self) -> tuple[SetEntry, ...]:
        """The sets as they will be saved (validated by the domain on construction)."""
        if self._override is not None:
            return self._override
        hold = self.hold.value() if self._dose_type() == "hold" else None
        return plan_sets(self.sets.value(), self.reps.value(), hold, self.rest.value())

    def nudge(self, step: int) -> None:
        """One step up or down: ±5 s per hold or ±1 rep (domain ``nudge_dose``)."""
        dose_type = self._dose_type()
        if dose_type is None or dose_type == "run":
            return
        try:
            self.set_sets(nudge_dose(self.current_sets(), step, dose_type))
        except ValidationError as error:
            show_error(self.error, error.message)
