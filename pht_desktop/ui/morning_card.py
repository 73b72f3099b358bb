"""The morning check-in on the Today pane (R3.3, R3.4, R3.7; docs/ux.md "Today first").

Pain is one click on a row of eleven large buttons, and that click saves (issue 13);
from the keyboard, a digit or the arrows choose and Enter saves. The card then folds to
the answer ("2/10 this morning · baseline 3/10") with *Undo* and *Change*. The date
defaults to today and may go back, never forward. A second entry for a date is only
written after the user confirms through :func:`pht_desktop.ui.ask.ask` (R3.4). What is
shown always comes from the service after ``changed``, so the card never disagrees with
the database.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.morning import DuplicateEntry, MorningEntry, label_for_test
from pht_desktop.domain.validation import PAIN_MAX, PAIN_MIN
from pht_desktop.services.registry import Services
from pht_desktop.ui import ask
from pht_desktop.ui.qt_dates import to_date, to_qdate
from pht_desktop.ui.style import (
    SPACING,
    TITLE_WIDTH,
    WhatIsThis,
    error_label,
    scaled_font,
    section_title,
    show_error,
    small_text,
)

# Keyed by the int QKeyEvent.key() returns.
_DIGIT_KEYS: dict[int, int] = {int(Qt.Key.Key_0.value) + n: n for n in range(10)}
_STEP_KEYS: dict[int, int] = {
    int(Qt.Key.Key_Left.value): -1,
    int(Qt.Key.Key_Down.value): -1,
    int(Qt.Key.Key_Right.value): 1,
    int(Qt.Key.Key_Up.value): 1,
}
_SAVE_KEYS = (int(Qt.Key.Key_Return.value), int(Qt.Key.Key_Enter.value))


BASELINE_EXPLAINED = str(
    QT_TRANSLATE_NOOP(
        "MorningCard",
        "Your baseline is your usual morning pain on this test, before any exercise. "
        "After a day with exercise (a load day), the next morning at or below it means "
        "the tendon tolerated the load.",
    )
)


class MorningCard(QWidget):
    """MORNING CHECK-IN: this morning's pain on the locked test, against the baseline."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self._today = services.morning.today()
        self._editing = False
        """Change was pressed: the row shows again although the date has an entry."""
        self._undo: tuple[date, MorningEntry | None] | None = None
        """The check-in just saved and what was there before, for Undo."""

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(2 * SPACING)
        title = section_title(self.tr("MORNING CHECK-IN"))
        title.setMinimumWidth(TITLE_WIDTH)
        grid.addWidget(title, 0, 0, Qt.AlignmentFlag.AlignTop)

        body = QVBoxLayout()
        body.setSpacing(SPACING)
        body.addWidget(self._build_answer())
        body.addWidget(self._build_asking())
        body.addLayout(self._build_actions())
        self.date_error = error_label()
        body.addWidget(self.date_error)
        self.status_label = small_text("")
        self.status_label.setAccessibleName(self.tr("Morning check-in status"))
        self.status_label.hide()
        body.addWidget(self.status_label)
        grid.addLayout(body, 0, 1)
        grid.setColumnStretch(1, 1)

        services.morning.changed.connect(self.refresh)
        self.refresh()

    # --- building ---------------------------------------------------------------------------
    def _build_answer(self) -> QWidget:
        """Answered: the answer, Undo and Change."""
        self.answer_host = QWidget()
        answer = QHBoxLayout(self.answer_host)
        answer.setContentsMargins(0, 0, 0, 0)
        answer.setSpacing(2 * SPACING)
        self.answer_label = QLabel()
        self.answer_label.setFont(scaled_font(self.answer_label, 1.3, bold=True))
        self.answer_label.setAccessibleName(self.tr("This morning's answer"))
        self.undo_button = QPushButton(self.tr("Undo"))
        self.undo_button.setToolTip(self.tr("Take back the answer you just gave."))
        self.undo_button.clicked.connect(self.undo)
        self.change_button = QPushButton(self.tr("Change"))
        self.change_button.setToolTip(self.tr("Choose another number for this morning."))
        self.change_button.clicked.connect(self.change)
        answer.addWidget(self.answer_label)
        answer.addWidget(self.undo_button)
        answer.addWidget(self.change_button)
        answer.addStretch(1)
        return self.answer_host

    def _build_asking(self) -> QWidget:
        """Asking: the question and the row of eleven."""
        self.input_host = QWidget()
        asking = QVBoxLayout(self.input_host)
        asking.setContentsMargins(0, 0, 0, 0)
        asking.setSpacing(SPACING)
        self.test_label = QLabel()
        self.test_label.setWordWrap(True)
        self.test_label.setToolTip(
            self.tr(
                "Your morning test: the same movement at about the same time each morning, "
                "so mornings compare. Change it in Settings."
            )
        )
        asking.addWidget(self.test_label)
        asking.addLayout(self._build_pain_row())
        scale = QHBoxLayout()
        for index, words in enumerate((self.tr("0 = no pain"), self.tr("10 = worst imaginable"))):
            end = small_text(words)
            end.setWordWrap(False)
            scale.addWidget(end)
            if index == 0:
                scale.addStretch(1)
        asking.addLayout(scale)
        self.pain_error = error_label()
        asking.addWidget(self.pain_error)
        return self.input_host

    def _build_pain_row(self) -> QHBoxLayout:
        """0 to 10 as eleven checkable buttons, one click to answer."""
        row = QHBoxLayout()
        row.setSpacing(SPACING // 2)
        self.pain_group = QButtonGroup(self)
        self.pain_group.setExclusive(True)
        self.pain_buttons: list[QPushButton] = []
        for value in range(PAIN_MIN, PAIN_MAX + 1):
            button = QPushButton(str(value))
            button.setCheckable(True)
            button.setAccessibleName(self.tr("Morning pain {value} of 10").format(value=value))
            button.setToolTip(
                self.tr("{value}/10 (0 = no pain, 10 = worst imaginable)").format(value=value)
            )
            button.setFont(scaled_font(button, 1.25, bold=True))
            button.setMinimumSize(6 * SPACING, 6 * SPACING)
            button.installEventFilter(self)
            self.pain_group.addButton(button, value)
            self.pain_buttons.append(button)
            row.addWidget(button, 1)
        self.pain_group.idClicked.connect(self._on_clicked)
        return row

    def _build_actions(self) -> QHBoxLayout:
        """The baseline (explained) and the date the check-in is for."""
        actions = QHBoxLayout()
        actions.setSpacing(SPACING)
        self.baseline_label = QLabel()
        self.baseline_label.setAccessibleName(self.tr("Baseline"))
        self.baseline_label.setToolTip(
            QCoreApplication.translate("MorningCard", BASELINE_EXPLAINED)
        )
        self.date_edit = QDateEdit()
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setAccessibleName(self.tr("Morning check-in date"))
        self.date_edit.setToolTip(
            self.tr("Today by default; pick an earlier date to fill in a morning.")
        )
        self.date_edit.setMaximumDate(to_qdate(self._today))
        self.date_edit.setDate(to_qdate(self._today))
        self.date_edit.dateChanged.connect(self._on_date_changed)
        actions.addWidget(self.baseline_label)
        actions.addWidget(WhatIsThis(QCoreApplication.translate("MorningCard", BASELINE_EXPLAINED)))
        actions.addStretch(1)
        actions.addWidget(small_text(self.tr("Morning of")))
        actions.addWidget(self.date_edit)
        return actions

    # --- reading ----------------------------------------------------------------------------
    def chosen_date(self) -> date:
        return to_date(self.date_edit.date())

    def selected_pain(self) -> int | None:
        value = self.pain_group.checkedId()
        return None if value < 0 else value

    def has_entry_today(self) -> bool:
        """Whether this morning is recorded; the app asks first thing when it is not."""
        return self.services.morning.has_entry_today()

    # --- showing ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the data as stored; also moves "today" on after midnight."""
        morning = self.services.morning
        today = morning.today()
        on_today = self.chosen_date() == self._today
        self._today = today
        self.date_edit.setMaximumDate(to_qdate(today))
        if on_today and self.chosen_date() != today:
            self.date_edit.setDate(to_qdate(today))
        day = self.chosen_date()
        test = morning.test_on(day)
        self.test_label.setText(
            self.tr("How much does it hurt this morning? Your test: {test}.").format(
                test=label_for_test(test)
            )
        )
        baseline = morning.baseline_on(day)
        self.baseline_label.setText(
            self.tr("No baseline yet (set it in Settings).")
            if baseline is None
            else self.tr("Your baseline: {pain}/10").format(pain=baseline.pain)
        )
        self._show_state(day)

    def _show_state(self, day: date) -> None:
        """Fold to the answer when the date has one; otherwise ask."""
        entry = self.services.morning.entry_for(day)
        answered = entry is not None and not self._editing
        self.answer_host.setVisible(answered)
        self.input_host.setVisible(not answered)
        can_undo = self._undo is not None and self._undo[0] == day
        self.undo_button.setVisible(answered and can_undo)
        if entry is None:
            self.answer_label.setText("")
            self.pain_group.setExclusive(False)
            for button in self.pain_buttons:
                button.setChecked(False)
            self.pain_group.setExclusive(True)
            if day != self._today:
                self._say(self.tr("Nothing recorded for {date} yet.").format(date=day.isoformat()))
            elif not self.status_label.text().startswith(self.tr("Undone")):
                self._say("")
            return
        if day == self._today:
            text = self.tr("{pain}/10 this morning").format(pain=entry.pain)
        else:
            text = self.tr("{pain}/10 on the morning of {date}").format(
                pain=entry.pain, date=day.isoformat()
            )
        self.answer_label.setText(text)

    def _say(self, text: str) -> None:
        """The status line, hidden while it has nothing to say (no empty gap)."""
        self.status_label.setText(text)
        self.status_label.setVisible(bool(text))

    def change(self) -> None:
        """Show the row again to give another number for this date (asks before replacing)."""
        self._editing = True
        self._show_state(self.chosen_date())
        self.focus_checkin()

    def undo(self) -> None:
        """Take back the check-in just saved: the earlier answer again, or none."""
        if self._undo is None:
            return
        day, previous = self._undo
        self._undo = None
        self._say(self.tr("Undone."))
        self.services.morning.undo_morning(day, previous)
        self.focus_checkin()

    def _on_date_changed(self, _qdate: QDate) -> None:
        show_error(self.date_error, None)
        self._editing = False
        self._say("")
        self.refresh()

    def _on_clicked(self, value: int) -> None:
        """A click on a number is the answer: saved at once (issue 13)."""
        show_error(self.pain_error, None)
        self.select_pain(value)
        self.save()

    def select_pain(self, value: int) -> None:
        """Check one pain button (clicks, digits and arrows all come here)."""
        if PAIN_MIN <= value <= PAIN_MAX:
            button = self.pain_buttons[value]
            button.setChecked(True)
            button.setFocus(Qt.FocusReason.OtherFocusReason)
            show_error(self.pain_error, None)

    def focus_checkin(self) -> None:
        """Put the keyboard on the pain row: the first question of the day."""
        value = self.selected_pain()
        self.pain_buttons[0 if value is None else value].setFocus(Qt.FocusReason.OtherFocusReason)

    # --- keyboard ---------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Digits 0–9 choose, arrows step, Enter saves, while a pain button has focus."""
        if isinstance(watched, QAbstractButton) and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = int(event.key())
            if key in _DIGIT_KEYS:
                self.select_pain(_DIGIT_KEYS[key])
                return True
            if key in _STEP_KEYS:
                current = self.selected_pain()
                start = self.pain_group.id(watched) if current is None else current
                step = _STEP_KEYS[key]
                self.select_pain(min(PAIN_MAX, max(PAIN_MIN, start + step)))
                return True
            if key in _SAVE_KEYS:
                self.save()
                return True
        return super().eventFilter(watched, event)

    # --- saving -----------------------------------------------------------------------------
    def save(self) -> None:
        """Write the chosen pain for the chosen date; ask before replacing (R3.4)."""
        pain = self.selected_pain()
        if pain is None:
            show_error(self.pain_error, self.tr("Choose your pain from 0 (none) to 10 first."))
            return
        day = self.chosen_date()
        try:
            self.services.morning.record_morning(day, pain)
        except DuplicateEntry as duplicate:
            if duplicate.existing.pain == pain:
                self._saved(day, None, same=True)
                return
            old = duplicate.existing.pain
            ask.ask(
                self,
                self.tr("Replace the morning entry?"),
                self.tr("{date} already has {old}/10. Replace it with {new}/10?").format(
                    date=day.isoformat(), old=old, new=pain
                ),
                lambda yes: self._replace(day, pain, yes),
            )
            return
        except ValidationError as error:
            self._show_error(error)
            return
        self._saved(day, None)

    def _saved(self, day: date, previous: MorningEntry | None, same: bool = False) -> None:
        """Fold to the answer; Undo can take this one back (unless nothing changed)."""
        self._clear_errors()
        self._editing = False
        self._undo = None if same else (day, previous)
        self._say("")
        self._show_state(day)
        self.change_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _replace(self, day: date, pain: int, confirmed: bool) -> None:
        if not confirmed:
            self._editing = False
            self._say(self.tr("Kept the earlier entry for {date}.").format(date=day.isoformat()))
            self._show_state(day)
            return
        previous = self.services.morning.entry_for(day)
        try:
            self.services.morning.record_morning(day, pain, replace=True)
        except ValidationError as error:
            self._show_error(error)
            return
        self._saved(day, previous)

    def _show_error(self, error: ValidationError) -> None:
        """The message goes next to the field that caused it (docs/ux.md)."""
        if error.field == "pain":
            show_error(self.pain_error, error.message)
        else:
            show_error(self.date_error, error.message)

    def _clear_errors(self) -> None:
        show_error(self.pain_error, None)
        show_error(self.date_error, None)
