"""The log form of the Exercises pane: one exercise session's dose, load, effort, pain
during, note and time, logged or edited (R2, R2.1–R2.8).

Warnings (R2.1 compressive before stage 4, R2.6 HSR 48 h) are shown but never block a
save; a validation error appears next to the field that caused it and nothing is written.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.exercise import (
    KG_MAX,
    PERCENT_RANGE,
    RPE_RANGE,
    EffortKind,
    Load,
    LoadKind,
    SessionDraft,
    SetEntry,
)
from pht_desktop.domain.hold_timer import HoldPlan
from pht_desktop.services.exercises import ExerciseInfo
from pht_desktop.services.registry import Services
from pht_desktop.ui.dose_fields import DoseFields, compact_spin
from pht_desktop.ui.exercise_labels import (
    CONTEXT,
    DISCLAIMER,
    choice_box,
    exercise_choice,
    exercise_tooltip,
)
from pht_desktop.ui.hold_timer_widget import HoldTimerWidget
from pht_desktop.ui.run_form import FollowClock, PainSpin
from pht_desktop.ui.style import compact_choice, error_label, show_error, small_text


class SessionForm(QGroupBox):
    """Log (or edit) one exercise session: dose, load, effort, pain during, note, time."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.setTitle(self.tr("Log a session"))
        self.services = services
        self.editing_id: int | None = None
        self._loading = False
        self.hold_timer: HoldTimerWidget | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self._build_exercise_row(form)
        self._build_dose_row(form)
        self._build_load_row(form)
        self._build_effort_row(form)
        self._build_pain_and_note_rows(form)
        self._build_when_row(form)
        layout.addLayout(form)
        layout.addLayout(self._build_buttons())
        self._build_messages(layout)
        self._errors: dict[str, QLabel] = self._error_labels()
        self._connect_edits()
        services.exercises.changed.connect(self.refresh_exercises)
        services.profile.changed.connect(self.refresh_exercises)
        self.refresh_exercises()
        self._on_load_kind()
        self.reset()

    # --- building ---------------------------------------------------------------------------
    def _build_exercise_row(self, form: QFormLayout) -> None:
        self.exercise = choice_box()
        self.exercise.setAccessibleName(self.tr("Exercise"))
        self.exercise.currentIndexChanged.connect(self._on_exercise)
        self.exercise_error = error_label()
        form.addRow(self.tr("Exercise"), self.exercise)
        form.addRow("", self.exercise_error)

    def _build_dose_row(self, form: QFormLayout) -> None:
        self.dose = DoseFields(self._dose_type, self)
        # The form reads and tests click these directly.
        self.sets, self.reps, self.hold, self.rest = (
            self.dose.sets,
            self.dose.reps,
            self.dose.hold,
            self.dose.rest,
        )
        self.dose.edited.connect(self._on_edited)
        form.addRow(self.tr("Dose"), self.dose.row)
        form.addRow("", self.dose.note)
        form.addRow("", self.dose.error)

    def _build_load_row(self, form: QFormLayout) -> None:
        self.load_kind = choice_box()
        self.load_kind.addItem(self.tr("Bodyweight"), LoadKind.BODYWEIGHT.value)
        self.load_kind.addItem(self.tr("Band"), LoadKind.BAND.value)
        self.load_kind.addItem(self.tr("Weight (kg)"), LoadKind.KG.value)
        self.load_kind.setAccessibleName(self.tr("Load kind"))
        self.load_kind.currentIndexChanged.connect(self._on_load_kind)
        self.band_colour = QLineEdit()
        self.band_colour.setPlaceholderText(self.tr("band colour"))
        self.band_colour.setAccessibleName(self.tr("Band colour"))
        self.kg = QDoubleSpinBox()
        self.kg.setRange(0.0, KG_MAX)
        self.kg.setDecimals(1)
        self.kg.setSingleStep(2.5)
        self.kg.setSuffix(self.tr(" kg"))
        self.kg.setAccessibleName(self.tr("Weight in kilograms"))
        load = QHBoxLayout()
        load.addWidget(self.load_kind)
        load.addWidget(self.band_colour)
        load.addWidget(self.kg)
        load.addStretch(1)
        self.load_error = error_label()
        form.addRow(self.tr("Load"), load)
        form.addRow("", self.load_error)

    def _build_effort_row(self, form: QFormLayout) -> None:
        self.effort_kind = choice_box()
        effort_words = self.tr("Effort, 1–10 (how hard it felt)")
        compact_choice(self.effort_kind, len(effort_words))  # shown whole, not cut off
        self.effort_kind.addItem(effort_words, EffortKind.RPE.value)
        self.effort_kind.addItem(self.tr("% of max"), EffortKind.PERCENT.value)
        self.effort_kind.setAccessibleName(self.tr("Effort scale"))
        self.effort_kind.currentIndexChanged.connect(self._on_effort_kind)
        self.effort = compact_spin(
            0, RPE_RANGE[1], self.tr("Perceived effort (— for not recorded)")
        )
        self.effort.setSpecialValueText("—")
        effort = QHBoxLayout()
        effort.addWidget(self.effort_kind)
        effort.addWidget(self.effort)
        effort.addStretch(1)
        self.effort_error = error_label()
        form.addRow(self.tr("Effort"), effort)
        form.addRow("", self.effort_error)

    def _build_pain_and_note_rows(self, form: QFormLayout) -> None:
        self.pain = PainSpin(self.tr("Pain during, 0 to 10 (— for not recorded)"))
        self.pain_error = error_label()
        pain = QHBoxLayout()
        pain.addWidget(self.pain)
        pain.addWidget(
            small_text(self.tr("0–10: 0–2 is safe, 3–5 is acceptable, 6 or more is too much"))
        )
        pain.addStretch(1)
        form.addRow(self.tr("Pain during"), pain)
        form.addRow("", self.pain_error)

        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("Session note"))
        self.note_error = error_label()
        form.addRow(self.tr("Note"), self.note)
        form.addRow("", self.note_error)

    def _build_when_row(self, form: QFormLayout) -> None:
        """The session's time: follows the clock until the user picks one (FollowClock)."""
        self.when = QDateTimeEdit()
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setAccessibleName(self.tr("Session date and time"))
        self.when.dateTimeChanged.connect(self._preview_warnings)
        self.now_button = QPushButton(self.tr("Now"))
        self.now_button.setAccessibleName(self.tr("Set the time to now"))
        self.when_hint = small_text("")
        self.when_hint.setAccessibleName(self.tr("Whether the time follows the clock"))
        self.follow = FollowClock(self.when, self.services.clock, self.when_hint)
        self.now_button.clicked.connect(self.set_now)
        when = QHBoxLayout()
        when.addWidget(self.when)
        when.addWidget(self.now_button)
        when.addWidget(self.when_hint, 1)
        self.when_error = error_label()
        form.addRow(self.tr("When"), when)
        form.addRow("", self.when_error)

    def _build_buttons(self) -> QHBoxLayout:
        buttons = QHBoxLayout()
        self.repeat_button = QPushButton(self.tr("Repeat last"))
        self.repeat_button.setAccessibleName(self.tr("Repeat the last session's dose"))
        self.repeat_button.clicked.connect(self.repeat_last)
        self.timer_button = QPushButton(self.tr("Start hold timer"))
        self.timer_button.setAccessibleName(self.tr("Start the hold timer with this dose"))
        self.timer_button.clicked.connect(self.start_timer)
        self.cancel_button = QPushButton(self.tr("Cancel edit"))
        self.cancel_button.clicked.connect(self.reset)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setAccessibleName(self.tr("Save session"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        for button in (self.repeat_button, self.timer_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        return buttons

    def _build_messages(self, layout: QVBoxLayout) -> None:
        self.warning = QLabel("")
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName(self.tr("Warnings"))
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Log form message"))
        layout.addWidget(self.warning)
        layout.addWidget(self.message)
        layout.addWidget(small_text(QCoreApplication.translate(CONTEXT, DISCLAIMER)))
        layout.addStretch(1)

    def _error_labels(self) -> dict[str, QLabel]:
        """Which label shows a refusal of each draft field (ValidationError.field)."""
        return {
            "exercise_id": self.exercise_error,
            "sets": self.dose.error,
            "reps": self.dose.error,
            "hold_seconds": self.dose.error,
            "rest_seconds": self.dose.error,
            "load": self.load_error,
            "load_kind": self.load_error,
            "band_colour": self.load_error,
            "load_kg": self.load_error,
            "effort_kind": self.effort_error,
            "effort_value": self.effort_error,
            "pain_during": self.pain_error,
            "note": self.note_error,
            "performed_at": self.when_error,
        }

    def _connect_edits(self) -> None:
        """Any edit clears a stale "Session saved." (``_on_edited``)."""
        for signal in (
            self.note.textEdited,
            self.band_colour.textEdited,
            self.pain.valueChanged,
            self.effort.valueChanged,
            self.kg.valueChanged,
            self.load_kind.currentIndexChanged,
            self.effort_kind.currentIndexChanged,
        ):
            signal.connect(self._on_edited)

    # --- choices ----------------------------------------------------------------------------
    def refresh_exercises(self) -> None:
        """The choice list follows the catalogue order (current stage first)."""
        current = self.exercise_id()
        self._loading = True
        self.exercise.clear()
        for info in self.services.exercises.catalogue():
            self.exercise.addItem(exercise_choice(info), info.id)
            self.exercise.setItemData(
                self.exercise.count() - 1, exercise_tooltip(info), Qt.ItemDataRole.ToolTipRole
            )
        index = self.exercise.findData(current) if current is not None else 0
        self.exercise.setCurrentIndex(max(0, index))
        self._loading = False
        if self.exercise_id() != current:
            self._on_exercise()

    def exercise_id(self) -> int | None:
        value = self.exercise.currentData()
        return value if isinstance(value, int) else None

    def current_info(self) -> ExerciseInfo | None:
        exercise_id = self.exercise_id()
        return None if exercise_id is None else self.services.exercises.exercise(exercise_id)

    def select_exercise(self, exercise_id: int) -> None:
        index = self.exercise.findData(exercise_id)
        if index < 0:  # archived: list it so history can still be edited
            info = self.services.exercises.exercise(exercise_id)
            self.exercise.addItem(exercise_choice(info), info.id)
            index = self.exercise.count() - 1
        self.exercise.setCurrentIndex(index)

    def _on_exercise(self) -> None:
        if self._loading:
            return
        info = self.current_info()
        if info is None:
            return
        self._on_edited()
        is_hold = info.dose_type == "hold"
        self.dose.show_kind(is_hold)
        self.timer_button.setEnabled(is_hold)
        if self.hold_timer is not None:
            self.hold_timer.start_button.setEnabled(is_hold)
        if self.editing_id is None:
            # The plan's starting rung (issue 11); none for a stretch to avoid early (R2.2).
            sets = self.services.plan.hand_picked_sets(info)
            self.dose.set_sets(sets)
            if not sets:
                self.message.setText(
                    self.tr(
                        "No dose filled in: seated stretches are avoided before stage 4 "
                        "(they press on the tendon). Enter what you did."
                    )
                )
        self._preview_warnings()

    def _on_load_kind(self) -> None:
        kind = LoadKind(str(self.load_kind.currentData()))
        self.band_colour.setVisible(kind is LoadKind.BAND)
        self.kg.setVisible(kind is LoadKind.KG)

    def _on_effort_kind(self) -> None:
        kind = EffortKind(str(self.effort_kind.currentData()))
        high = RPE_RANGE[1] if kind is EffortKind.RPE else PERCENT_RANGE[1]
        self.effort.high = high
        self.effort.setSuffix("" if kind is EffortKind.RPE else self.tr(" %"))

    def _on_edited(self) -> None:
        """Any edit makes "Session saved." stale: it would read as if this form was saved."""
        if not self._loading:
            self.message.setText("")

    def _dose_type(self) -> str | None:
        info = self.current_info()
        return None if info is None else info.dose_type

    def load(self) -> Load:
        kind = LoadKind(str(self.load_kind.currentData()))
        if kind is LoadKind.BAND:
            return Load(kind, band_colour=self.band_colour.text())
        if kind is LoadKind.KG:
            return Load(kind, kg=self.kg.value())
        return Load.bodyweight()

    def draft(self) -> SessionDraft:
        """The form as a draft; building it may raise :class:`ValidationError`."""
        effort = self.effort.value()
        return SessionDraft(
            exercise_id=self.exercise_id() or 0,
            performed_at=self.follow.moment(),
            sets=self.dose.current_sets(),
            load=self.load(),
            effort_kind=EffortKind(str(self.effort_kind.currentData())),
            effort_value=None if effort == 0 else effort,
            pain_during=self.pain.pain(),
            note=self.note.text(),
        )

    def fill(self, draft: SessionDraft) -> None:
        """Put a draft's values into the form (repeat last, edit)."""
        self.select_exercise(draft.exercise_id)
        self.dose.set_sets(draft.sets)
        self.load_kind.setCurrentIndex(self.load_kind.findData(draft.load.kind.value))
        self.band_colour.setText(draft.load.band_colour or "")
        self.kg.setValue(draft.load.kg or 0.0)
        self.effort_kind.setCurrentIndex(self.effort_kind.findData(draft.effort_kind.value))
        self.effort.setValue(draft.effort_value or 0)
        self.pain.set_pain(draft.pain_during)
        self.note.setText(draft.note)
        self.follow.hold(draft.performed_at)

    # --- actions ----------------------------------------------------------------------------
    def set_now(self) -> None:
        """Follow the clock again: the session is timed when it is saved."""
        self.follow.follow()

    def reset(self) -> None:
        """A fresh form timed now, keeping the exercise (also ends an edit)."""
        self.editing_id = None
        self.setTitle(self.tr("Log a session"))
        self.cancel_button.hide()
        self.pain.setValue(-1)
        self.note.clear()
        self.set_now()
        self._on_exercise()

    def repeat_last(self) -> None:
        """Copy the previous session's dose, load and effort in one click."""
        exercise_id = self.exercise_id()
        if exercise_id is None:
            return
        draft = self.services.exercises.repeat_last(exercise_id)
        if draft is None:
            self.message.setText(
                self.tr("Nothing logged for this exercise yet: its default dose is shown.")
            )
            return
        self.fill(draft)
        self.message.setText(
            self.tr("Last session's dose copied; pain and note are left for today.")
        )

    def load_session(self, session_id: int) -> None:
        """Edit a stored session in this form."""
        logged = self.services.exercises.session(session_id)
        self.editing_id = session_id
        self.fill(logged.as_draft())
        self.setTitle(self.tr("Edit session of {exercise}").format(exercise=logged.exercise_name))
        self.cancel_button.show()
        self.message.setText("")
        self._preview_warnings()

    def _clear_errors(self) -> None:
        for label in set(self._errors.values()):
            show_error(label, None)

    def _preview_warnings(self) -> None:
        """Show R2.1 / R2.6 notes before saving, so the user can decide."""
        exercise_id = self.exercise_id()
        if exercise_id is None or self._loading:
            return
        probe = SessionDraft(exercise_id, self.follow.moment(), (SetEntry(1),))
        warnings = self.services.exercises.session_warnings(probe, self.editing_id)
        self.warning.setText("\n".join(f"⚠ {w}" for w in warnings))

    def save(self) -> None:
        """Validate in the domain and store; warnings shown, never blocking (R2.1, R2.6)."""
        self._clear_errors()
        exercises = self.services.exercises
        try:
            draft = self.draft()
            if self.editing_id is None:
                _, warnings = exercises.log_session(draft)
                done = self.tr("Session saved.")
            else:
                warnings = exercises.update_session(self.editing_id, draft)
                done = self.tr("Session updated.")
        except ValidationError as error:
            show_error(self._errors.get(error.field, self.note_error), error.message)
            self.message.setText(self.tr("Not saved: please fix the field marked above."))
            return
        self.reset()
        self.message.setText(done)
        self.warning.setText("\n".join(f"⚠ {w}" for w in warnings))

    def start_timer(self) -> None:
        """Run this dose on the hold timer (R2.3); it logs what was really held."""
        info = self.current_info()
        if info is None or info.dose_type != "hold" or self.hold_timer is None:
            return
        self._clear_errors()
        effort = self.effort.value()
        try:
            plan = HoldPlan(
                self.sets.value(), self.reps.value(), self.hold.value(), self.rest.value()
            )
            load = self.load()
        except ValidationError as error:
            show_error(self._errors.get(error.field, self.dose.error), error.message)
            return
        self.hold_timer.start(
            info.id,
            plan,
            load,
            EffortKind(str(self.effort_kind.currentData())),
            None if effort == 0 else effort,
        )
