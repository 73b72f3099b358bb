"""Log a run as a load session (R2.4), with the readiness checklist before stage 5 (R2.8)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pht_desktop.domain.clock import Clock
from pht_desktop.domain.dose_ladder import Rung
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.exercise import RunDraft, RunStyle
from pht_desktop.domain.measures import is_strength_item
from pht_desktop.services.registry import Services
from pht_desktop.ui.style import error_label, show_error, small_text


def to_qdatetime(moment: datetime) -> QDateTime:
    """An aware datetime shown in local time."""
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def from_qdatetime(value: QDateTime) -> datetime:
    """The edit's local time as an aware datetime."""
    return datetime.fromtimestamp(value.toSecsSinceEpoch()).astimezone()


FOLLOW_EVERY_MS = 15_000
"""While shown, a following "When" moves on at least this often (minutes are shown)."""


class FollowClock(QObject):
    """A log form's "When" that is *now* until the user changes it, and says which.

    Before issue 17 the time was the one the pane was opened at: a session saved at 07:08
    was stored at 07:06. While following, :meth:`moment` is the clock's now at the moment
    of saving (not the minute on screen) and the edit is moved on while shown; the
    user's own change stops that, and "Now" (:meth:`follow`) starts it again.
    """

    def __init__(self, edit: QDateTimeEdit, clock: Clock, hint: QLabel) -> None:
        super().__init__(edit)
        self.edit = edit
        self.clock = clock
        self.hint = hint
        self.following = True
        self._setting = False
        self._timer = QTimer(self)
        self._timer.setInterval(FOLLOW_EVERY_MS)
        self._timer.timeout.connect(self.sync)
        edit.dateTimeChanged.connect(self._changed)
        edit.installEventFilter(self)
        self.follow()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Move on at once when shown, and only while shown (no idle wake-ups)."""
        if watched is self.edit and event.type() == QEvent.Type.Show:
            self.sync()
            self._timer.start()
        elif watched is self.edit and event.type() == QEvent.Type.Hide:
            self._timer.stop()
        return False

    def follow(self) -> None:
        """Follow the clock again (a fresh form, the "Now" button)."""
        self.following = True
        self.hint.setText(self.tr("Now — follows the clock until you change it"))
        self.sync()

    def hold(self, moment: datetime) -> None:
        """Show a given time and keep it (editing an entry, repeating one)."""
        self._set(moment)
        self._held()

    def sync(self) -> None:
        if self.following:
            self._set(self.clock.now())

    def moment(self) -> datetime:
        """The time to save: now while following, else the time the user set."""
        if self.following:
            return self.clock.now()
        return from_qdatetime(self.edit.dateTime())

    def _set(self, moment: datetime) -> None:
        self._setting = True
        try:
            self.edit.setDateTime(to_qdatetime(moment))
        finally:
            self._setting = False

    def _changed(self) -> None:
        if not self._setting:
            self._held()

    def _held(self) -> None:
        self.following = False
        self.hint.setText(self.tr("Set by you — press Now to follow the clock"))


class PainSpin(QSpinBox):
    """Pain during, 0–10 (R3.3, R3.8), or "—" for not recorded (stored as None)."""

    def __init__(self, accessible_name: str) -> None:
        super().__init__()
        self.setRange(-1, 10)
        self.setSpecialValueText("—")
        self.setValue(-1)
        self.setAccessibleName(accessible_name)
        self.setToolTip(
            self.tr("Pain during the run: 0–2 is safe, 3–5 acceptable, 6 or more is too much.")
        )

    def pain(self) -> int | None:
        value = self.value()
        return None if value < 0 else value

    def set_pain(self, pain: int | None) -> None:
        self.setValue(-1 if pain is None else pain)


class RunForm(QGroupBox):
    """Date/time, duration, distance, run-walk or continuous, hills, speed, pain, note."""

    saved = Signal(int)
    """Emitted with the run id after a save (new or edited)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Log a run"))
        self.services = services
        self.editing_id: int | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_readiness())
        self._build_fields()
        layout.addLayout(self._field_rows())
        layout.addLayout(self._build_buttons())
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Run form message"))
        layout.addWidget(self.message)
        layout.addStretch(1)
        self._errors = {
            "performed_at": self.when_error,
            "duration_s": self.duration_error,
            "distance_km": self.distance_error,
            "pain_during": self.pain_error,
            "note": self.note_error,
        }
        services.profile.changed.connect(self.refresh_readiness)
        services.measures.changed.connect(self.refresh_readiness)
        self.refresh_readiness()
        self.reset()

    def _build_readiness(self) -> QGroupBox:
        """The R2.8 checklist box, filled by :meth:`refresh_readiness`."""
        self.readiness = QGroupBox(self.tr("Before running: readiness checklist"))
        readiness_layout = QVBoxLayout(self.readiness)
        readiness_layout.addWidget(
            small_text(
                self.tr(
                    "For your information, not a rule: running is part of stage 5 "
                    "(energy storage: springy loads such as running and hopping)."
                )
            )
        )
        self.readiness_items = QLabel("")
        self.readiness_items.setWordWrap(True)
        self.readiness_items.setAccessibleName(self.tr("Running readiness checklist"))
        readiness_layout.addWidget(self.readiness_items)
        return self.readiness

    def _build_when(self) -> None:
        """The "When" edit that follows the clock until changed (issue 17)."""
        self.when = QDateTimeEdit()
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setAccessibleName(self.tr("Run date and time"))
        self.when_hint = small_text("")
        self.when_hint.setAccessibleName(self.tr("Whether the time follows the clock"))
        self.when_now = QPushButton(self.tr("Now"))
        self.when_now.setAccessibleName(self.tr("Set the time to now"))
        self.follow = FollowClock(self.when, self.services.clock, self.when_hint)
        self.when_now.clicked.connect(self.follow.follow)
        self.when_error = error_label()

    def _build_fields(self) -> None:
        """Every input with its error label; laid out by :meth:`_field_rows`."""
        self._build_when()
        self.duration = QSpinBox()
        self.duration.setRange(1, 480)
        self.duration.setValue(20)
        self.duration.setSuffix(self.tr(" min"))
        self.duration.setAccessibleName(self.tr("Run duration in minutes"))
        self.duration_error = error_label()
        self.distance = QDoubleSpinBox()
        self.distance.setRange(0.0, 200.0)
        self.distance.setDecimals(2)
        self.distance.setSingleStep(0.5)
        self.distance.setSpecialValueText("—")
        self.distance.setSuffix(self.tr(" km"))
        self.distance.setAccessibleName(self.tr("Run distance in kilometres (— for not measured)"))
        self.distance_error = error_label()
        self.run_style = QComboBox()
        self.run_style.addItem(self.tr("Run-walk"), RunStyle.RUN_WALK.value)
        self.run_style.addItem(self.tr("Continuous"), RunStyle.CONTINUOUS.value)
        self.run_style.setAccessibleName(self.tr("Run style"))
        self.hills = QCheckBox(self.tr("Hills"))
        self.hills.setAccessibleName(self.tr("Ran hills"))
        self.speed = QCheckBox(self.tr("Speed work"))
        self.speed.setAccessibleName(self.tr("Ran fast (speed work)"))
        self.pain = PainSpin(self.tr("Pain during the run, 0 to 10"))
        self.pain_error = error_label()
        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("Run note"))
        self.note_error = error_label()

    def _field_rows(self) -> QFormLayout:
        """The fields in form order, each error label on the row under its field."""
        form = QFormLayout()
        when_row = QHBoxLayout()
        when_row.addWidget(self.when)
        when_row.addWidget(self.when_now)
        when_row.addWidget(self.when_hint, 1)
        form.addRow(self.tr("When"), when_row)
        form.addRow("", self.when_error)
        form.addRow(self.tr("Duration"), self.duration)
        form.addRow("", self.duration_error)
        form.addRow(self.tr("Distance"), self.distance)
        form.addRow("", self.distance_error)
        form.addRow(self.tr("Style"), self.run_style)
        flags = QHBoxLayout()
        flags.addWidget(self.hills)
        flags.addWidget(self.speed)
        flags.addStretch(1)
        form.addRow(self.tr("Flags"), flags)
        pain = QHBoxLayout()
        pain.addWidget(self.pain)
        pain.addStretch(1)
        form.addRow(self.tr("Pain during (0–10)"), pain)
        form.addRow("", self.pain_error)
        form.addRow(self.tr("Note"), self.note)
        form.addRow("", self.note_error)
        return form

    def _build_buttons(self) -> QHBoxLayout:
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("Save run"))
        self.save_button.setAccessibleName(self.tr("Save run"))
        self.save_button.clicked.connect(self.save)
        self.cancel_button = QPushButton(self.tr("Cancel edit"))
        self.cancel_button.clicked.connect(self.reset)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        return buttons

    def refresh_readiness(self) -> None:
        """R2.8: the checklist shows before stage 5 only."""
        readiness = self.services.exercises.running_readiness()
        lines = []
        for item in readiness.items:
            lines.append(f"☐ {item}")
            if is_strength_item(item):  # read from the bridge test, not guessed (issue 15)
                _similar, reading = self.services.measures.checklist_strength()
                lines.append("    " + reading)
        self.readiness_items.setText("\n".join(lines))
        self.readiness.setVisible(readiness.show)

    def reset(self) -> None:
        """A fresh form timed now (also ends an edit)."""
        self.editing_id = None
        self.setTitle(self.tr("Log a run"))
        self.cancel_button.hide()
        self.follow.follow()
        self.pain.setValue(-1)
        self.note.clear()
        self.hills.setChecked(False)
        self.speed.setChecked(False)
        self._clear_errors()

    def fill_planned(self, dose: Rung) -> None:
        """Today's planned run (issue 11): its minutes, style, strides or hills (R2.4)."""
        self.reset()
        self.duration.setValue(dose.total_min or self.duration.value())
        style = RunStyle.CONTINUOUS if dose.continuous else RunStyle.RUN_WALK
        self.run_style.setCurrentIndex(self.run_style.findData(style.value))
        self.hills.setChecked(dose.extra == "hills")
        self.speed.setChecked(dose.extra == "strides")
        if dose.run_min is not None and dose.walk_min is not None and not dose.continuous:
            self.note.setText(
                self.tr("run {run} min / walk {walk} min").format(
                    run=dose.run_min, walk=dose.walk_min
                )
            )

    def load_run(self, run_id: int) -> None:
        """Fill the form from a stored run to edit it."""
        run = self.services.exercises.run(run_id)
        self.editing_id = run_id
        self.setTitle(self.tr("Edit run"))
        self.cancel_button.show()
        self.follow.hold(run.performed_at)
        self.duration.setValue(max(1, round(run.duration_s / 60)))
        self.distance.setValue(run.distance_km or 0.0)
        self.run_style.setCurrentIndex(self.run_style.findData(run.style.value))
        self.hills.setChecked(run.hills)
        self.speed.setChecked(run.speed)
        self.pain.set_pain(run.pain_during)
        self.note.setText(run.note)
        self._clear_errors()

    def draft(self) -> RunDraft:
        distance = self.distance.value()
        return RunDraft(
            performed_at=self.follow.moment(),
            duration_s=self.duration.value() * 60,
            distance_km=None if distance == 0 else distance,
            style=RunStyle(str(self.run_style.currentData())),
            hills=self.hills.isChecked(),
            speed=self.speed.isChecked(),
            pain_during=self.pain.pain(),
            note=self.note.text(),
        )

    def _clear_errors(self) -> None:
        for label in self._errors.values():
            show_error(label, None)

    def save(self) -> None:
        """Validate and store; an error goes next to its field and nothing is written."""
        self._clear_errors()
        exercises = self.services.exercises
        try:
            if self.editing_id is None:
                run_id, warnings = exercises.log_run(self.draft())
            else:
                run_id = self.editing_id
                warnings = exercises.update_run(run_id, self.draft())
        except ValidationError as error:
            show_error(self._errors.get(error.field, self.note_error), error.message)
            self.message.setText(self.tr("Not saved: please fix the field marked above."))
            return
        self.message.setText("\n".join([self.tr("Run saved."), *warnings]))
        self.reset()
        self.saved.emit(run_id)
