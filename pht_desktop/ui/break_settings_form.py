"""Settings ▸ Breaks (R1.1): every value with its range and a one-line why.

Each change applies at once (Settings' one model, ``setting_fields``): the form builds
a :class:`BreakSettings`, which validates everything; on a :class:`ValidationError` the
message appears next to the field and nothing is saved. A saved change can be undone.
"""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QTimeEdit,
    QWidget,
)

from pht_desktop.domain.break_settings import INT_LIMITS, WEEKDAY_NAMES, BreakSettings
from pht_desktop.domain.errors import ValidationError
from pht_desktop.services.breaks import BreakUiOptions
from pht_desktop.services.registry import Services
from pht_desktop.ui.setting_fields import ChangeRecorder, RangeSpinBox, no_recorder, refused
from pht_desktop.ui.style import error_label, field_column, row, show_error, small_text

# The one-line why under each number (R1.1, issue 3).
# Marked for translation; shown through ``QCoreApplication.translate("BreakSettingsForm", …)``.
WHY: dict[str, str] = {
    "sitting_interval_min": str(
        QT_TRANSLATE_NOOP(
            "BreakSettingsForm", "How long you sit before a prompt; the advice is 30–40 min."
        )
    ),
    "break_length_min": str(
        QT_TRANSLATE_NOOP(
            "BreakSettingsForm",
            "How long to stand; the advice is 2–5 min. Away from the computer this long, "
            "you are asked whether you stood up.",
        )
    ),
    "snooze_min": str(
        QT_TRANSLATE_NOOP(
            "BreakSettingsForm", "A snooze asks again this much later; the bout keeps growing."
        )
    ),
    "max_snoozes_in_row": str(
        QT_TRANSLATE_NOOP("BreakSettingsForm", "After this many snoozes only Stand or Skip remain.")
    ),
    "defer_ceiling_min": str(
        QT_TRANSLATE_NOOP(
            "BreakSettingsForm",
            "In do-not-disturb or full screen, a prompt waits at most this long.",
        )
    ),
    "were_you_up_timeout_s": str(
        QT_TRANSLATE_NOOP(
            "BreakSettingsForm",
            "'Were you up?' closes after this long and the time counts as not known.",
        )
    ),
}
_DEFAULT_HOURS = ("09:00", "17:00")


def _qtime(text: str) -> QTime:
    if text == "24:00":
        return QTime(23, 59)
    parsed = time.fromisoformat(text)
    return QTime(parsed.hour, parsed.minute)


class BreakSettingsForm(QGroupBox):
    """Breaks: interval, break length, snooze, working hours, deferral, sound, heads-up."""

    def __init__(self, services: Services, record: ChangeRecorder = no_recorder) -> None:
        super().__init__()
        self.setTitle(self.tr("Breaks"))
        self.services = services
        self.record = record
        """Told of every saved change with a way back (the Settings pane's Undo)."""
        self._loading = False
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(
            small_text(
                self.tr(
                    "Sitting presses on the hamstring tendon where it starts, at the sitting "
                    "bone; short standing breaks take that pressure off. General education, "
                    "not individual clinical advice."
                )
            )
        )
        self.spins: dict[str, RangeSpinBox] = {}
        self.errors: dict[str, QLabel] = {}
        self._add_numbers(form)
        self._add_working_hours(form)
        self._add_toggles(form)
        self.load()

    def _add_numbers(self, form: QFormLayout) -> None:
        """One spin box per number, its range and why shown under it (R1.1)."""
        for name, (low, high, what, unit) in INT_LIMITS.items():
            spin = RangeSpinBox(low, high, f" {unit}" if unit else "")
            spin.setAccessibleName(what)
            allowed = self.tr("{low}–{high} {unit}").format(low=low, high=high, unit=unit).strip()
            spin.setToolTip(self.tr("{what}: {allowed}").format(what=what, allowed=allowed))
            spin.valueChanged.connect(lambda _value, n=name: self.apply(n))
            self.spins[name] = spin
            self.errors[name] = error_label()
            why = small_text(
                self.tr("{allowed}. {why}").format(
                    allowed=allowed,
                    why=QCoreApplication.translate("BreakSettingsForm", WHY[name]),
                )
            )
            form.addRow(what, field_column(row(spin), why, self.errors[name]))

    def _add_working_hours(self, form: QFormLayout) -> None:
        """The working-hours switch and a from–to row per weekday."""
        self.use_hours = QCheckBox(self.tr("Only remind me during working hours"))
        self.use_hours.setToolTip(
            self.tr("Outside these hours the app does not track sitting or remind you.")
        )
        self.use_hours.toggled.connect(self._enable_days)
        self.use_hours.toggled.connect(lambda _on: self.apply("working_hours"))
        form.addRow(self.use_hours)
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        self.day_checks: list[QCheckBox] = []
        self.day_from: list[QTimeEdit] = []
        self.day_to: list[QTimeEdit] = []
        for day, name in enumerate(WEEKDAY_NAMES):
            check = QCheckBox(name)
            check.toggled.connect(lambda _on: self.apply("working_hours"))
            start, end = QTimeEdit(), QTimeEdit()
            for edit, label in (
                (start, self.tr("{day} from").format(day=name)),
                (end, self.tr("{day} to").format(day=name)),
            ):
                edit.setDisplayFormat("HH:mm")
                edit.setKeyboardTracking(False)
                edit.setAccessibleName(label)
                edit.timeChanged.connect(lambda _t: self.apply("working_hours"))
            grid.addWidget(check, day, 0)
            grid.addWidget(QLabel(self.tr("from")), day, 1)
            grid.addWidget(start, day, 2)
            grid.addWidget(QLabel(self.tr("to")), day, 3)
            grid.addWidget(end, day, 4)
            self.day_checks.append(check)
            self.day_from.append(start)
            self.day_to.append(end)
        grid.setColumnStretch(5, 1)
        self.days_host = grid_host
        form.addRow(grid_host)
        self.errors["working_hours"] = error_label()
        form.addRow("", self.errors["working_hours"])

    def _add_toggles(self, form: QFormLayout) -> None:
        """The on/off choices: unanswered absence, sound, heads-up notification."""
        self.away_counts = QCheckBox(self.tr("Count an unanswered absence as a break"))
        self.away_counts.setToolTip(
            self.tr(
                "Off (the default): the sitting clock restarts only when you say you stood. "
                "Time away that you did not answer about counts as not known."
            )
        )
        self.sound = QCheckBox(self.tr("Play a short sound with the prompt"))
        self.notify_before = QCheckBox(self.tr("Notify me a minute before the prompt"))
        self.notify_before.setToolTip(
            self.tr("A desktop notification, so you can finish a sentence.")
        )
        for box, key in (
            (self.away_counts, "away_unknown_counts_as_break"),
            (self.sound, "sound"),
            (self.notify_before, "notify_before"),
        ):
            box.toggled.connect(lambda _on, k=key: self.apply(k))
            form.addRow(box)
        self.errors["away_unknown_counts_as_break"] = error_label()
        form.addRow("", self.errors["away_unknown_counts_as_break"])

    def load(self) -> None:
        """Show what is stored (showing never saves)."""
        self._loading = True
        try:
            settings = self.services.breaks.settings()
            options = self.services.breaks.ui_options()
            for name, spin in self.spins.items():
                spin.setValue(int(getattr(settings, name)))
            hours = settings.working_hours
            self.use_hours.setChecked(hours is not None)
            for day in range(7):
                span = hours.get(day) if hours is not None else None
                self.day_checks[day].setChecked(span is not None if hours is not None else day < 5)
                start, end = span or _DEFAULT_HOURS
                self.day_from[day].setTime(_qtime(start))
                self.day_to[day].setTime(_qtime(end))
            self.away_counts.setChecked(settings.away_unknown_counts_as_break)
            self.sound.setChecked(options.sound)
            self.notify_before.setChecked(options.notify_before)
            self._enable_days(self.use_hours.isChecked())
            self._clear_errors()
        finally:
            self._loading = False

    def values(self) -> dict[str, object]:
        """The form as :class:`BreakSettings` keyword arguments (not yet validated)."""
        out: dict[str, object] = {name: spin.value() for name, spin in self.spins.items()}
        hours: dict[int, tuple[str, str]] | None = None
        if self.use_hours.isChecked():
            hours = {
                day: (
                    self.day_from[day].time().toString("HH:mm"),
                    self.day_to[day].time().toString("HH:mm"),
                )
                for day in range(7)
                if self.day_checks[day].isChecked()
            }
        out["working_hours"] = hours
        out["away_unknown_counts_as_break"] = self.away_counts.isChecked()
        return out

    def apply(self, changed: str = "") -> bool:
        """Validate the whole form through :class:`BreakSettings` and save it at once.

        A refused value keeps its message next to the field and saves nothing (the
        stored value stays in force); a saved change is offered for undo.
        """
        if self._loading:
            return False
        self._clear_errors()
        try:
            settings = BreakSettings(**self.values())  # type: ignore[arg-type]
        except ValidationError as error:
            label = self.errors.get(error.field, self.errors["working_hours"])
            show_error(label, refused(error.message))
            return False
        options = BreakUiOptions(
            sound=self.sound.isChecked(), notify_before=self.notify_before.isChecked()
        )
        before, before_options = self.services.breaks.settings(), self.services.breaks.ui_options()
        if (settings, options) == (before, before_options):
            return True
        self.services.breaks.save_settings(settings, options)
        self.record(
            self._describe(changed, before, settings),
            lambda: self._restore(before, before_options),
        )
        return True

    def _restore(self, settings: BreakSettings, options: BreakUiOptions) -> None:
        self.services.breaks.save_settings(settings, options)
        self.load()

    def _describe(self, changed: str, before: BreakSettings, after: BreakSettings) -> str:
        """What the undo bar says was saved, e.g. "Sitting interval 30 → 40 minutes"."""
        if changed in INT_LIMITS:
            _low, _high, what, unit = INT_LIMITS[changed]
            return (
                self.tr("{what} {old} → {new} {unit}")
                .format(
                    what=what,
                    old=getattr(before, changed),
                    new=getattr(after, changed),
                    unit=unit,
                )
                .strip()
            )
        boxes = {
            "away_unknown_counts_as_break": self.away_counts,
            "sound": self.sound,
            "notify_before": self.notify_before,
        }
        box = boxes.get(changed)
        if box is not None:
            state = self.tr("on") if box.isChecked() else self.tr("off")
            return self.tr("“{setting}” {state}").format(setting=box.text(), state=state)
        return self.tr("working hours")

    def _clear_errors(self) -> None:
        for label in self.errors.values():
            show_error(label, None)

    def _enable_days(self, on: bool) -> None:
        self.days_host.setEnabled(on)
