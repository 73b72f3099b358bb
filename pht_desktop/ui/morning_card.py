"""The morning check-in on the Today pane (R3.3, R3.4, R3.7; docs/ux.md "Today first").

Pain is one click (or one key) on a row of eleven buttons; the date defaults to today
and may go back, never forward. A second entry for a date is only written after the user
confirms through :func:`pht_desktop.ui.ask.ask` (R3.4). What is shown always comes from
the service after ``changed``, so the card never disagrees with the database.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt
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
from pht_desktop.domain.morning import DuplicateEntry, label_for_test
from pht_desktop.domain.validation import PAIN_MAX, PAIN_MIN
from pht_desktop.services.registry import Services
from pht_desktop.ui import ask
from pht_desktop.ui.style import SPACING, error_label, section_title, show_error, small_text

# Keyed by the int QKeyEvent.key() returns.
_DIGIT_KEYS: dict[int, int] = {int(Qt.Key.Key_0.value) + n: n for n in range(10)}
_STEP_KEYS: dict[int, int] = {
    int(Qt.Key.Key_Left.value): -1,
    int(Qt.Key.Key_Down.value): -1,
    int(Qt.Key.Key_Right.value): 1,
    int(Qt.Key.Key_Up.value): 1,
}
_SAVE_KEYS = (int(Qt.Key.Key_Return.value), int(Qt.Key.Key_Enter.value))


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def to_date(qdate: QDate) -> date:
    return date(qdate.year(), qdate.month(), qdate.day())


class MorningCard(QWidget):
    """MORNING CHECK-IN: this morning's pain on the locked test, against the baseline."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self._today = services.morning.today()

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(2 * SPACING)
        title = section_title(self.tr("MORNING CHECK-IN"))
        grid.addWidget(title, 0, 0, Qt.AlignmentFlag.AlignTop)

        body = QVBoxLayout()
        body.setSpacing(SPACING)
        self.test_label = QLabel()
        self.test_label.setToolTip(
            self.tr(
                "Your locked morning test: the same test at about the same time each morning, "
                "so mornings compare. Change it in Settings."
            )
        )
        body.addWidget(self.test_label)

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
            button.setMinimumWidth(4 * SPACING)
            button.installEventFilter(self)
            self.pain_group.addButton(button, value)
            self.pain_buttons.append(button)
            row.addWidget(button)
        row.addStretch(1)
        self.pain_error = error_label()
        self.pain_group.idClicked.connect(lambda _value: show_error(self.pain_error, None))
        body.addLayout(row)
        body.addWidget(self.pain_error)

        actions = QHBoxLayout()
        actions.setSpacing(SPACING)
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
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setAccessibleName(self.tr("Save morning pain"))
        self.save_button.clicked.connect(self.save)
        self.baseline_label = QLabel()
        self.baseline_label.setAccessibleName(self.tr("Baseline"))
        self.baseline_label.setToolTip(
            self.tr(
                "Your usual morning pain on this test. A load day is tolerated when the next "
                "morning is at or below it."
            )
        )
        actions.addWidget(self.date_edit)
        actions.addWidget(self.save_button)
        actions.addWidget(self.baseline_label)
        actions.addStretch(1)
        body.addLayout(actions)
        self.date_error = error_label()
        body.addWidget(self.date_error)
        self.status_label = small_text("")
        self.status_label.setAccessibleName(self.tr("Morning check-in status"))
        body.addWidget(self.status_label)
        grid.addLayout(body, 0, 1)
        grid.setColumnStretch(1, 1)

        services.morning.changed.connect(self.refresh)
        self.refresh()

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
            self.tr("{test} — pain this morning, 0–10").format(test=label_for_test(test))
        )
        baseline = morning.baseline_on(day)
        self.baseline_label.setText(
            self.tr("no baseline yet (set it in Settings)")
            if baseline is None
            else self.tr("baseline {pain}/10").format(pain=baseline.pain)
        )
        self._show_status(day)

    def _show_status(self, day: date) -> None:
        entry = self.services.morning.entry_for(day)
        if entry is None:
            if day == self._today:
                self.status_label.setText(self.tr("Nothing recorded for this morning yet."))
            else:
                self.status_label.setText(
                    self.tr("Nothing recorded for {date} yet.").format(date=day.isoformat())
                )
            return
        self.status_label.setText(
            self.tr("Saved: {pain}/10 on {date}").format(
                pain=entry.pain, date=entry.day.isoformat()
            )
        )

    def _on_date_changed(self, _qdate: QDate) -> None:
        show_error(self.date_error, None)
        self.refresh()

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
        self._clear_errors()

    def _replace(self, day: date, pain: int, confirmed: bool) -> None:
        if not confirmed:
            self.status_label.setText(
                self.tr("Kept the earlier entry for {date}.").format(date=day.isoformat())
            )
            return
        try:
            self.services.morning.record_morning(day, pain, replace=True)
        except ValidationError as error:
            self._show_error(error)
            return
        self._clear_errors()

    def _show_error(self, error: ValidationError) -> None:
        """The message goes next to the field that caused it (docs/ux.md)."""
        if error.field == "pain":
            show_error(self.pain_error, error.message)
        else:
            show_error(self.date_error, error.message)

    def _clear_errors(self) -> None:
        show_error(self.pain_error, None)
        show_error(self.date_error, None)
