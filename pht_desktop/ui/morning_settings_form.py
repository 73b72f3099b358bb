"""Settings → "Morning test & baseline" (R3.1, R3.6, R3.7, R2.7; docs/ux.md Settings).

Each setting shows its range and a one-line why, and applies at once (Settings' one
model, ``setting_fields``): a refused value leaves its message next to the field and
writes nothing; a saved one can be undone. Dated things (test, baseline) are events: a
button adds one, old ones stay in the history, and Undo takes the new one back.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTimeEdit,
    QWidget,
)

from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.morning import (
    DEFAULT_BASELINE_MORNINGS,
    OTHER_NAME_MAX_LENGTH,
    BaselineMode,
    MorningTest,
    split_test_key,
)
from pht_desktop.domain.setting_specs import PROGRESS_AFTER
from pht_desktop.domain.validation import PAIN_MAX, PAIN_MIN
from pht_desktop.services.registry import Services
from pht_desktop.ui.morning_tests import add_test_items
from pht_desktop.ui.qt_dates import to_date, to_qdate
from pht_desktop.ui.setting_fields import ChangeRecorder, RangeSpinBox, no_recorder, refused
from pht_desktop.ui.style import SPACING, error_label, field_column, row, show_error, small_text

# Marked for translation; shown through ``QCoreApplication.translate(CONTEXT, …)``.
CONTEXT = "MorningSettingsForm"
MODE_WHY: dict[BaselineMode, str] = {
    BaselineMode.FIXED: str(
        QT_TRANSLATE_NOOP(
            "MorningSettingsForm",
            "Next morning compared with your baseline, your usual morning pain (the default).",
        )
    ),
    BaselineMode.PRE_LOAD: str(
        QT_TRANSLATE_NOOP(
            "MorningSettingsForm",
            "Next morning compared with the morning of the load day: back to where you were "
            "within 24 hours.",
        )
    ),
}

SOURCE_WORDS = {
    "manual": str(QT_TRANSLATE_NOOP("MorningSettingsForm", "set by hand")),
    "derived": str(QT_TRANSLATE_NOOP("MorningSettingsForm", "from your first mornings")),
}


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setAccessibleName(name)
    return edit


class MorningSettingsForm(QGroupBox):
    """The locked test, the baseline and its history, the mode, progress-after, reminder."""

    def __init__(self, services: Services, record: ChangeRecorder = no_recorder) -> None:
        super().__init__()
        self.setTitle(self.tr("Morning test && baseline"))  # "&&": a literal ampersand
        self.services = services
        self.record = record
        """Told of every saved change with a way back (the Settings pane's Undo)."""
        form = QFormLayout(self)
        form.addRow(
            small_text(
                self.tr(
                    "Use the same test at about the same time each morning. A change of test "
                    "is kept with its date; readings on two different tests are never compared."
                )
            )
        )

        self._add_test(form)
        self._add_baseline(form)
        self._add_mode(form)
        self._add_progress_after(form)
        self._add_reminder(form)
        services.morning.changed.connect(self.refresh)
        self.refresh()

    def _add_test(self, form: QFormLayout) -> None:
        """The locked test (R3.7): changing it is a dated event, never a silent edit."""
        self.current_test = QLabel()
        self.current_test.setAccessibleName(self.tr("Current morning test"))
        form.addRow(self.tr("Current test"), self.current_test)
        self.test_kind = QComboBox()
        self.test_kind.setAccessibleName(self.tr("Morning test"))
        add_test_items(self.test_kind)
        self.test_kind.currentIndexChanged.connect(self._on_kind_changed)
        self.test_name = QLineEdit()
        self.test_name.setPlaceholderText(self.tr("Name your test"))
        self.test_name.setMaxLength(OTHER_NAME_MAX_LENGTH)
        self.test_name.setAccessibleName(self.tr("Name of your own morning test"))
        self.test_date = _date_edit(self.tr("Test change date"))
        self.change_test = QPushButton(self.tr("Change test"))
        self.change_test.clicked.connect(self._save_test)
        self.test_error = error_label()
        form.addRow(
            self.tr("Test"),
            field_column(
                row(
                    self.test_kind,
                    self.test_name,
                    QLabel(self.tr("from")),
                    self.test_date,
                    self.change_test,
                ),
                self.test_error,
            ),
        )

    def _add_baseline(self, form: QFormLayout) -> None:
        """The baseline (R3.1): set by hand or worked out, with its history kept."""
        self.baseline_pain = RangeSpinBox(PAIN_MIN, PAIN_MAX, "/10")
        self.baseline_pain.setAccessibleName(self.tr("Baseline pain"))
        self.baseline_date = _date_edit(self.tr("Baseline date"))
        self.set_baseline = QPushButton(self.tr("Set baseline"))
        self.set_baseline.clicked.connect(self._save_baseline)
        self.baseline_error = error_label()
        self.derive_n = RangeSpinBox(1, 30)
        self.derive_n.setValue(DEFAULT_BASELINE_MORNINGS)
        self.derive_n.setAccessibleName(self.tr("Number of first mornings"))
        self.derive = QPushButton(self.tr("Work it out"))
        self.derive.setAccessibleName(self.tr("Work out my baseline from my first mornings"))
        self.derive.setToolTip(
            self.tr("The middle value of your first mornings on your current test.")
        )
        self.derive.clicked.connect(self._derive_baseline)
        self.derive_error = error_label()
        form.addRow(
            self.tr("Baseline"),
            field_column(
                row(
                    self.baseline_pain,
                    QLabel(self.tr("from")),
                    self.baseline_date,
                    self.set_baseline,
                ),
                self.baseline_error,
                row(
                    QLabel(self.tr("or work it out from my first")),
                    self.derive_n,
                    QLabel(self.tr("mornings")),
                    self.derive,
                ),
                self.derive_error,
            ),
        )
        self.history = QListWidget()
        self.history.setAccessibleName(self.tr("Baseline history"))
        self.history.setMaximumHeight(6 * 3 * SPACING)
        form.addRow(self.tr("Baseline history"), self.history)

    def _add_mode(self, form: QFormLayout) -> None:
        """What the next morning is compared with (R3.6)."""
        self.mode = QComboBox()
        self.mode.setAccessibleName(self.tr("Baseline mode"))
        for mode in BaselineMode:
            self.mode.addItem(mode.label, mode.value)
        self.mode.activated.connect(self._save_mode)
        self.mode_why = small_text("")
        self.mode_error = error_label()
        form.addRow(
            self.tr("Baseline mode"), field_column(row(self.mode), self.mode_why, self.mode_error)
        )

    def _add_progress_after(self, form: QFormLayout) -> None:
        """Tolerated days at one dose before a step up is offered (R2.7)."""
        assert PROGRESS_AFTER.bounds is not None  # a whole-number setting
        low, high = PROGRESS_AFTER.bounds
        self.progress_after = RangeSpinBox(low, high, self.tr(" tolerated days"))
        self.progress_after.setAccessibleName(self.tr("Tolerated days before progressing"))
        self.progress_after.valueChanged.connect(self._save_progress_after)
        self.progress_error = error_label()
        progress_why = small_text(
            self.tr(
                "{low}–{high} days at one dose. You move up a stage when your tendon copes, "
                "not by the calendar, and only when you say so."
            ).format(low=low, high=high)
        )
        form.addRow(
            self.tr("Progress after"),
            field_column(row(self.progress_after), progress_why, self.progress_error),
        )

    def _add_reminder(self, form: QFormLayout) -> None:
        """The morning reminder: only when this morning is not recorded yet."""
        self.reminder = QTimeEdit()
        self.reminder.setDisplayFormat("HH:mm")
        self.reminder.setKeyboardTracking(False)
        self.reminder.setAccessibleName(self.tr("Morning reminder time"))
        self.reminder.timeChanged.connect(self._save_reminder)
        self.reminder_error = error_label()
        reminder_why = small_text(
            self.tr("A notification at this time when this morning is not recorded yet.")
        )
        form.addRow(
            self.tr("Reminder"), field_column(row(self.reminder), reminder_why, self.reminder_error)
        )

    # --- showing ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the stored values; signals are held so showing never writes back."""
        morning = self.services.morning
        today = to_qdate(morning.today())
        for edit in (self.test_date, self.baseline_date):
            edit.setMaximumDate(today)
            edit.setDate(today)
        current = morning.current_test()
        if current.since is None:
            self.current_test.setText(current.label)
        else:
            self.current_test.setText(
                self.tr("{test} (since {date})").format(
                    test=current.label, date=current.since.isoformat()
                )
            )
        kind, name = split_test_key(current.key)
        widgets: tuple[QWidget, ...] = (
            self.test_kind,
            self.mode,
            self.progress_after,
            self.reminder,
        )
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.test_kind.setCurrentIndex(max(0, self.test_kind.findData(kind)))
            self.test_name.setText(name)
            self._on_kind_changed()
            mode = morning.baseline_mode()
            self.mode.setCurrentIndex(self.mode.findData(mode.value))
            self.mode_why.setText(QCoreApplication.translate(CONTEXT, MODE_WHY[mode]))
            self.progress_after.setValue(morning.progress_after())
            at = morning.reminder_time()
            self.reminder.setTime(QTime(at.hour, at.minute))
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        baseline = morning.current_baseline()
        if baseline is not None:
            self.baseline_pain.setValue(baseline.pain)
        self.history.clear()
        for record in reversed(morning.baseline_history()):
            change = record.change
            words = SOURCE_WORDS.get(record.source)
            words = record.source if words is None else QCoreApplication.translate(CONTEXT, words)
            self.history.addItem(
                self.tr("{date}  {pain}/10  ({source})").format(
                    date=change.effective_date.isoformat(), pain=change.pain, source=words
                )
            )
        if not morning.baseline_history():
            self.history.addItem(
                self.tr("No baseline yet: set one, or work it out from your first mornings.")
            )

    def _on_kind_changed(self, _index: int = 0) -> None:
        self.test_name.setEnabled(self.test_kind.currentData() == MorningTest.OTHER.value)

    # --- saving ----------------------------------------------------------------------------
    def _save_test(self) -> None:
        try:
            change = self.services.morning.set_test(
                self.test_kind.currentData(), self.test_name.text(), to_date(self.test_date.date())
            )
        except ValidationError as error:
            show_error(self.test_error, refused(error.message))
            return
        show_error(self.test_error, None)
        self.record(
            self.tr("morning test {test} from {date}").format(
                test=self.services.morning.current_test().label,
                date=change.effective_date.isoformat(),
            ),
            lambda: self.services.morning.undo_test(change),
        )

    def _save_baseline(self) -> None:
        try:
            change = self.services.morning.set_baseline(
                self.baseline_pain.value(), to_date(self.baseline_date.date())
            )
        except ValidationError as error:
            show_error(self.baseline_error, refused(error.message))
            return
        show_error(self.baseline_error, None)
        self.record(
            self.tr("baseline {pain}/10 from {date}").format(
                pain=change.pain, date=change.effective_date.isoformat()
            ),
            lambda: self.services.morning.undo_baseline(change),
        )

    def _derive_baseline(self) -> None:
        try:
            change = self.services.morning.derive_baseline(self.derive_n.value())
        except ValidationError as error:
            show_error(self.derive_error, refused(error.message))
            return
        show_error(self.derive_error, None)
        self.record(
            self.tr("baseline {pain}/10 from your first mornings").format(pain=change.pain),
            lambda: self.services.morning.undo_baseline(change),
        )

    def _save_mode(self, _index: int) -> None:
        before = self.services.morning.baseline_mode()
        try:
            after = self.services.morning.set_baseline_mode(self.mode.currentData())
        except ValidationError as error:
            show_error(self.mode_error, refused(error.message))
            return
        show_error(self.mode_error, None)
        if after != before:
            self.record(
                self.tr("compare with: {mode}").format(mode=after.label),
                lambda: self.services.morning.set_baseline_mode(before.value),
            )

    def _save_progress_after(self, value: int) -> None:
        before = self.services.morning.progress_after()
        try:
            after = self.services.morning.set_progress_after(value)
        except ValidationError as error:
            show_error(self.progress_error, refused(error.message))
            return
        show_error(self.progress_error, None)
        if after != before:
            self.record(
                self.tr("progress after {old} → {new} tolerated days").format(
                    old=before, new=after
                ),
                lambda: self.services.morning.set_progress_after(before),
            )

    def _save_reminder(self, value: QTime) -> None:
        before = self.services.morning.reminder_time()
        try:
            after = self.services.morning.set_reminder_time(
                f"{value.hour():02d}:{value.minute():02d}"
            )
        except ValidationError as error:
            show_error(self.reminder_error, refused(error.message))
            return
        show_error(self.reminder_error, None)
        if after != before:
            self.record(
                self.tr("morning reminder {old} → {new}").format(
                    old=before.strftime("%H:%M"), new=after.strftime("%H:%M")
                ),
                lambda: self.services.morning.set_reminder_time(before.strftime("%H:%M")),
            )
