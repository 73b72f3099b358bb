"""Settings' one saving model (issue 13): every change applies at once, the last one can
be undone (the GNOME and macOS convention), and a refused value says why next to its field.

- :class:`UndoBar` shows the last change ("Saved: Sitting interval 30 → 40 minutes.")
  with one *Undo* button; forms report each change through a :data:`ChangeRecorder`.
- :class:`RangeSpinBox` lets any whole number be typed, so an out-of-range entry reaches
  the domain's check and is refused with its message instead of being silently clamped
  to the nearest limit; the arrows stay inside the allowed range.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QSpinBox,
)

from pht_desktop.ui.style import SPACING, small_text

ChangeRecorder = Callable[[str, Callable[[], object]], None]
"""``record(what, undo)``: a change was saved; ``undo()`` puts the previous value back."""


def no_recorder(_what: str, _undo: Callable[[], object]) -> None:
    """A form used on its own (tests, the welcome) keeps no undo."""


class UndoBar(QFrame):
    """The last change and its *Undo* button, at the top of Settings."""

    def __init__(self) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        row = QHBoxLayout(self)
        row.setContentsMargins(SPACING, SPACING // 2, SPACING, SPACING // 2)
        row.setSpacing(SPACING)
        self.label = small_text(self.tr("Changes are saved as you make them."))
        self.label.setAccessibleName(self.tr("Last change"))
        row.addWidget(self.label, 1)
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setToolTip(self.tr("Put back the value before the last change."))
        self.undo_button.clicked.connect(self.undo)
        self.undo_button.hide()
        row.addWidget(self.undo_button)
        self._what = ""
        self._undo: Callable[[], object] | None = None
        self._undoing = False

    def record(self, what: str, undo: Callable[[], object]) -> None:
        """A change was saved: say what, and offer to take it back."""
        if self._undoing:
            return  # the undo itself puts a value back: not a new change
        self._what, self._undo = what, undo
        self.label.setText(self.tr("Saved: {what}.").format(what=what))
        self.undo_button.show()

    def undo(self) -> None:
        """Take back the last change (once); the bar then says it was undone."""
        if self._undo is None:
            return
        undo, self._undo = self._undo, None
        self._undoing = True
        try:
            undo()
        finally:
            self._undoing = False
        self.label.setText(self.tr("Undone: {what}.").format(what=self._what))
        self.undo_button.hide()

    @property
    def can_undo(self) -> bool:
        return self._undo is not None


class RangeSpinBox(QSpinBox):
    """A whole-number field whose allowed range is checked where it is saved, not clamped.

    Qt's own range is wide, so typing 10 into a 15–90 field keeps the 10 for the domain
    to refuse (with the range in its message); the arrow keys and buttons step only
    inside ``low``..``high``. Values commit on Enter or leaving the field.
    """

    WIDE = 99_999

    def __init__(self, low: int, high: int, suffix: str = "") -> None:
        super().__init__()
        self.low, self.high = low, high
        self.setRange(0 if low >= 0 else -self.WIDE, self.WIDE)
        if suffix:
            self.setSuffix(suffix)
        self.setKeyboardTracking(False)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFixedWidth(max(self.sizeHint().width(), 16 * SPACING))

    def stepBy(self, steps: int) -> None:
        self.setValue(min(self.high, max(self.low, self.value() + steps)))

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        flags = QAbstractSpinBox.StepEnabledFlag.StepNone
        if self.value() < self.high:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
        if self.value() > self.low:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        return flags


def refused(message: str) -> str:
    """A domain refusal, as shown next to its field: nothing was saved."""
    return QCoreApplication.translate("SettingFields", "{message} Nothing was changed.").format(
        message=message
    )
