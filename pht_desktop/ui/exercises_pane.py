"""The Exercises pane (docs/ux.md): catalogue left, log form / hold timer / runs right,
history below (R2, R2.1–R2.8, R3.8).

Widgets talk to :class:`~pht_desktop.services.exercises.ExerciseService` only. Warnings
(R2.1 compressive before stage 4, R2.6 HSR 48 h) are shown but never block a save;
validation errors appear next to the field that caused them and nothing is written.
"""

from __future__ import annotations

from datetime import date
from typing import Final

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pht_desktop.domain.catalogue import STAGE_NAMES
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.exercise import (
    HOLD_SECONDS_RANGE,
    KG_MAX,
    MAX_SETS,
    PERCENT_RANGE,
    REPS_RANGE,
    REST_SECONDS_RANGE,
    RPE_RANGE,
    EffortKind,
    Load,
    LoadKind,
    SessionDraft,
    SetEntry,
    dose_label,
    nudge_dose,
    plan_sets,
)
from pht_desktop.domain.hold_timer import HoldPlan
from pht_desktop.domain.plan import PlanItem
from pht_desktop.services.exercises import ExerciseInfo, HistoryFilter, HistoryRow
from pht_desktop.services.registry import Services
from pht_desktop.ui import ask
from pht_desktop.ui.history_model import ROW_ROLE, HistoryModel
from pht_desktop.ui.hold_timer_widget import HoldTimerWidget
from pht_desktop.ui.run_form import FollowClock, PainSpin, RunForm
from pht_desktop.ui.setting_fields import RangeSpinBox
from pht_desktop.ui.style import SPACING, compact_choice, error_label, show_error, small_text

COMPRESSIVE_MARK: Final = "◆"
AVOID_EARLY_MARK: Final = "⦸"
# Context of this module's text outside a widget (the constants and helpers below).
CONTEXT: Final = "ExercisesPane"
# Marked for translation; shown through ``QCoreApplication.translate(CONTEXT, …)``.
COMPRESSIVE_TIP: Final = str(
    QT_TRANSLATE_NOOP(
        "ExercisesPane",
        "◆ Compressive: the hip is flexed to 90° or more (or flexed with the knee straight, "
        "or across the body) under load or stretch, which presses the tendon against the "
        "sitting bone. The protocol adds these from stage 4.",
    )
)
AVOID_EARLY_TIP: Final = str(
    QT_TRANSLATE_NOOP(
        "ExercisesPane",
        "⦸ Avoid early: seated hamstring stretches compress and stretch the tendon at once; "
        "leave them out in the early stages.",
    )
)
DISCLAIMER: Final = str(
    QT_TRANSLATE_NOOP(
        "ExercisesPane",
        "General education and self-monitoring, not individual clinical advice. "
        "Consult a registered health practitioner.",
    )
)
ID_ROLE: Final = int(Qt.ItemDataRole.UserRole)


CHOICE_CHARS: Final = 16
"""Width of the pane's choice lists, in characters."""


def exercise_label(info: ExerciseInfo) -> str:
    """Name with its markers, e.g. "Walking lunge ◆"."""
    marks = [COMPRESSIVE_MARK] if info.compressive else []
    if info.avoid_early:
        marks.append(
            QCoreApplication.translate("ExercisesPane", "{mark} avoid early").format(
                mark=AVOID_EARLY_MARK
            )
        )
    if info.archived:
        marks.append(QCoreApplication.translate("ExercisesPane", "(archived)"))
    return " ".join([info.name, *marks])


def exercise_choice(info: ExerciseInfo) -> str:
    """The log form's choice, e.g. "Walking lunge ◆ (stage 4)"."""
    return QCoreApplication.translate("ExercisesPane", "{exercise} (stage {stage})").format(
        exercise=exercise_label(info), stage=info.stage
    )


def exercise_tooltip(info: ExerciseInfo) -> str:
    lines = [info.how_to] if info.how_to else []
    if info.compressive:
        lines.append(QCoreApplication.translate(CONTEXT, COMPRESSIVE_TIP))
    if info.avoid_early:
        lines.append(QCoreApplication.translate(CONTEXT, AVOID_EARLY_TIP))
    return "\n\n".join(lines)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _choice() -> QComboBox:
    """Long exercise names must not set the pane's minimum width, so opening Exercises
    never widens the window (issue 13); the popup still shows whole names."""
    box = QComboBox()
    compact_choice(box, CHOICE_CHARS)
    return box


def _spin(low: int, high: int, name: str, suffix: str = "") -> RangeSpinBox:
    """Settings' field (issue 13): an out-of-range entry is kept for the domain to refuse
    next to the field, with the allowed range, instead of being silently clamped."""
    box = RangeSpinBox(low, high, suffix)
    box.setAccessibleName(name)
    # Five of these share one row: they may shrink to their text so the pane fits 1024 px.
    box.setMinimumWidth(0)
    box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    return box


# --- catalogue --------------------------------------------------------------------------------
class CataloguePanel(QWidget):
    """The catalogue grouped by stage (current first and open), and the user's own exercises."""

    def __init__(self, services: Services, form: SessionForm) -> None:
        super().__init__()
        self.services = services
        self.form = form
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(self.tr("Exercise catalogue by stage"))
        self.tree.currentItemChanged.connect(self._on_current)
        layout.addWidget(self.tree, 1)
        layout.addWidget(
            small_text(
                self.tr("{compressive} compressive · {avoid} avoid early").format(
                    compressive=COMPRESSIVE_MARK, avoid=AVOID_EARLY_MARK
                )
            )
        )
        self.show_archived = QCheckBox(self.tr("Show archived"))
        self.show_archived.toggled.connect(self.refresh)
        layout.addWidget(self.show_archived)

        box = QGroupBox(self.tr("Your own exercises"))
        form_layout = QFormLayout(box)
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("Name"))
        self.name.setAccessibleName(self.tr("Exercise name"))
        self.stage = _choice()
        for number, name in STAGE_NAMES.items():
            self.stage.addItem(
                self.tr("{number} — {name}").format(number=number, name=name), number
            )
        self.stage.setAccessibleName(self.tr("Exercise stage"))
        self.dose_type = _choice()
        self.dose_type.addItem(self.tr("Timed holds"), "hold")
        self.dose_type.addItem(self.tr("Reps"), "reps")
        self.dose_type.setAccessibleName(self.tr("Exercise dose type"))
        self.compressive = QCheckBox(self.tr("Compressive {mark}").format(mark=COMPRESSIVE_MARK))
        self.compressive.setToolTip(QCoreApplication.translate(CONTEXT, COMPRESSIVE_TIP))
        self.compressive.setAccessibleName(self.tr("Compressive exercise"))
        self.add_button = QPushButton(self.tr("Add exercise"))
        self.add_button.clicked.connect(self.add_exercise)
        self.rename_button = QPushButton(self.tr("Rename selected"))
        self.rename_button.setToolTip(
            self.tr("Give the selected exercise of yours the name above.")
        )
        self.rename_button.clicked.connect(self.rename_selected)
        self.archive_button = QPushButton(self.tr("Archive selected"))
        self.archive_button.clicked.connect(self.archive_selected)
        self.delete_button = QPushButton(self.tr("Delete selected"))
        self.delete_button.setToolTip(self.tr("Only an exercise of yours that has no history."))
        self.delete_button.clicked.connect(self.delete_selected)
        self.error = error_label()
        self.message = QLabel("")
        self.message.setWordWrap(True)
        form_layout.addRow(self.tr("Name"), self.name)
        form_layout.addRow(self.tr("Stage"), self.stage)
        form_layout.addRow(self.tr("Dose"), self.dose_type)
        form_layout.addRow("", self.compressive)
        form_layout.addRow("", self.error)
        form_layout.addRow(self.add_button)
        manage = QHBoxLayout()
        for button in (self.rename_button, self.archive_button, self.delete_button):
            manage.addWidget(button)
        form_layout.addRow(manage)
        form_layout.addRow(self.message)
        layout.addWidget(box)
        services.exercises.changed.connect(self.refresh)
        services.profile.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Rebuild the tree: the current stage first and expanded (docs/ux.md)."""
        selected = self.selected_id()
        exercises = self.services.exercises
        current = exercises.current_stage()
        rows = exercises.catalogue(include_archived=self.show_archived.isChecked())
        self.tree.blockSignals(True)
        self.tree.clear()
        groups: dict[int, QTreeWidgetItem] = {}
        for info in rows:
            group = groups.get(info.stage)
            if group is None:
                if info.stage == current:
                    title = self.tr("Stage {number} — {name} (your stage)")
                else:
                    title = self.tr("Stage {number} — {name}")
                title = title.format(number=info.stage, name=STAGE_NAMES[info.stage])
                group = QTreeWidgetItem(self.tree, [title])
                group.setFlags(Qt.ItemFlag.ItemIsEnabled)
                group.setExpanded(info.stage == current)
                groups[info.stage] = group
            item = QTreeWidgetItem(group, [exercise_label(info)])
            item.setData(0, ID_ROLE, info.id)
            item.setToolTip(0, exercise_tooltip(info))
            if info.id == selected:
                self.tree.setCurrentItem(item)
        self.tree.blockSignals(False)
        self._update_buttons()

    def item_for(self, exercise_id: int) -> QTreeWidgetItem | None:
        for index in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(index)
            if group is None:
                continue
            for child in range(group.childCount()):
                item = group.child(child)
                if item is not None and item.data(0, ID_ROLE) == exercise_id:
                    return item
        return None

    def selected_id(self) -> int | None:
        item = self.tree.currentItem()
        value = None if item is None else item.data(0, ID_ROLE)
        return value if isinstance(value, int) else None

    def select(self, exercise_id: int) -> None:
        item = self.item_for(exercise_id)
        if item is not None:
            self.tree.setCurrentItem(item)

    def _on_current(self, *_args: object) -> None:
        exercise_id = self.selected_id()
        if exercise_id is not None:
            self.form.select_exercise(exercise_id)
        self._update_buttons()

    def _update_buttons(self) -> None:
        exercise_id = self.selected_id()
        info = None if exercise_id is None else self.services.exercises.exercise(exercise_id)
        own = info is not None and not info.builtin
        self.rename_button.setEnabled(own)
        self.delete_button.setEnabled(own)
        self.archive_button.setEnabled(info is not None)
        self.archive_button.setText(
            self.tr("Restore selected")
            if info is not None and info.archived
            else self.tr("Archive selected")
        )

    def _done(self, message: str) -> None:
        show_error(self.error, None)
        self.message.setText(message)

    def add_exercise(self) -> None:
        try:
            new_id = self.services.exercises.add_exercise(
                self.name.text(),
                int(self.stage.currentData()),
                str(self.dose_type.currentData()),
                compressive=self.compressive.isChecked(),
            )
        except ValidationError as error:
            show_error(self.error, error.message)
            return
        self.name.clear()
        self._done(self.tr("Exercise added."))
        self.select(new_id)

    def rename_selected(self) -> None:
        exercise_id = self.selected_id()
        if exercise_id is None:
            return
        try:
            self.services.exercises.rename_exercise(exercise_id, self.name.text())
        except ValidationError as error:
            show_error(self.error, error.message)
            return
        self.name.clear()
        self._done(self.tr("Exercise renamed; its history keeps it."))

    def archive_selected(self) -> None:
        exercise_id = self.selected_id()
        if exercise_id is None:
            return
        archived = not self.services.exercises.exercise(exercise_id).archived
        self.services.exercises.archive_exercise(exercise_id, archived)
        self._done(
            self.tr("Archived: hidden from the list, history kept.")
            if archived
            else self.tr("Restored.")
        )

    def delete_selected(self) -> None:
        """Delete an unused exercise of the user's; one with history may only be archived."""
        exercise_id = self.selected_id()
        if exercise_id is None:
            return
        try:
            self.services.exercises.delete_exercise(exercise_id)
        except ValidationError as error:
            show_error(self.error, error.message)

            def answer(yes: bool) -> None:
                if yes:
                    self.services.exercises.archive_exercise(exercise_id, True)
                    self.message.setText(self.tr("Archived: hidden from the list, history kept."))

            ask.ask(
                self,
                self.tr("Archive instead?"),
                self.tr("{reason}\n\nArchive it now?").format(reason=error.message),
                answer,
            )
            return
        self._done(self.tr("Exercise deleted."))


# --- log form ---------------------------------------------------------------------------------
class SessionForm(QGroupBox):
    """Log (or edit) one exercise session: dose, load, effort, pain during, note, time."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.setTitle(self.tr("Log a session"))
        self.services = services
        self.editing_id: int | None = None
        self._override: tuple[SetEntry, ...] | None = None
        self._loading = False
        self.hold_timer: HoldTimerWidget | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()

        self.exercise = _choice()
        self.exercise.setAccessibleName(self.tr("Exercise"))
        self.exercise.currentIndexChanged.connect(self._on_exercise)
        self.exercise_error = error_label()
        form.addRow(self.tr("Exercise"), self.exercise)
        form.addRow("", self.exercise_error)

        # The ranges the domain validates (R2.3), never retyped here.
        self.sets = _spin(1, MAX_SETS, self.tr("Number of sets"))
        self.reps = _spin(*REPS_RANGE, self.tr("Reps per set"))
        self.hold = _spin(*HOLD_SECONDS_RANGE, self.tr("Seconds per hold"), self.tr(" s"))
        self.rest = _spin(
            *REST_SECONDS_RANGE, self.tr("Rest seconds between sets"), self.tr(" s rest")
        )
        self.reps_label = QLabel(self.tr("Reps"))
        dose = QHBoxLayout()
        dose.addWidget(self.sets)
        dose.addWidget(QLabel(self.tr("sets ×")))
        dose.addWidget(self.reps)
        dose.addWidget(self.reps_label)
        dose.addWidget(self.hold)
        dose.addWidget(self.rest)
        for box in (self.sets, self.reps, self.hold, self.rest):
            box.valueChanged.connect(self._on_dose_edited)
            box.editingFinished.connect(self._check_dose)
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
            dose.addWidget(button)
        dose.addStretch(1)
        self.sets_note = small_text("")
        self.sets_error = error_label()
        form.addRow(self.tr("Dose"), dose)
        form.addRow("", self.sets_note)
        form.addRow("", self.sets_error)

        self.load_kind = _choice()
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

        self.effort_kind = _choice()
        self.effort_kind.addItem(self.tr("Effort, 1–10 (how hard it felt)"), EffortKind.RPE.value)
        self.effort_kind.addItem(self.tr("% of max"), EffortKind.PERCENT.value)
        self.effort_kind.setAccessibleName(self.tr("Effort scale"))
        self.effort_kind.currentIndexChanged.connect(self._on_effort_kind)
        self.effort = _spin(0, RPE_RANGE[1], self.tr("Perceived effort (— for not recorded)"))
        self.effort.setSpecialValueText("—")
        effort = QHBoxLayout()
        effort.addWidget(self.effort_kind)
        effort.addWidget(self.effort)
        effort.addStretch(1)
        self.effort_error = error_label()
        form.addRow(self.tr("Effort"), effort)
        form.addRow("", self.effort_error)

        self.pain = PainSpin(self.tr("Pain during, 0 to 10 (— for not recorded)"))
        self.pain_error = error_label()
        pain = QHBoxLayout()
        pain.addWidget(self.pain)
        pain.addWidget(small_text(self.tr("0–10: 0–2 safe, 3–5 acceptable, 6+ over the ceiling")))
        pain.addStretch(1)
        form.addRow(self.tr("Pain during"), pain)
        form.addRow("", self.pain_error)

        self.note = QLineEdit()
        self.note.setAccessibleName(self.tr("Session note"))
        self.note_error = error_label()
        form.addRow(self.tr("Note"), self.note)
        form.addRow("", self.note_error)

        self.when = QDateTimeEdit()
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.when.setAccessibleName(self.tr("Session date and time"))
        self.when.dateTimeChanged.connect(self._preview_warnings)
        self.now_button = QPushButton(self.tr("Now"))
        self.now_button.setAccessibleName(self.tr("Set the time to now"))
        self.when_hint = small_text("")
        self.when_hint.setAccessibleName(self.tr("Whether the time follows the clock"))
        self.follow = FollowClock(self.when, services.clock, self.when_hint)
        self.now_button.clicked.connect(self.set_now)
        when = QHBoxLayout()
        when.addWidget(self.when)
        when.addWidget(self.now_button)
        when.addWidget(self.when_hint, 1)
        self.when_error = error_label()
        form.addRow(self.tr("When"), when)
        form.addRow("", self.when_error)
        layout.addLayout(form)

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
        layout.addLayout(buttons)

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
        self._errors: dict[str, QLabel] = {
            "exercise_id": self.exercise_error,
            "sets": self.sets_error,
            "reps": self.sets_error,
            "hold_seconds": self.sets_error,
            "rest_seconds": self.sets_error,
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
        services.exercises.changed.connect(self.refresh_exercises)
        services.profile.changed.connect(self.refresh_exercises)
        self.refresh_exercises()
        self._on_load_kind()
        self.reset()

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
        self.hold.setVisible(is_hold)
        self.reps_label.setText(self.tr("holds of") if is_hold else self.tr("reps"))
        self.timer_button.setEnabled(is_hold)
        if self.hold_timer is not None:
            self.hold_timer.start_button.setEnabled(is_hold)
        if self.editing_id is None:
            # The plan's starting rung (issue 11); none for a stretch to avoid early (R2.2).
            sets = self.services.plan.hand_picked_sets(info)
            self.set_sets(sets)
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

    # --- dose -------------------------------------------------------------------------------
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
        self.sets_note.setText(
            ""
            if equal
            else self.tr("Sets as held: {dose} — change a number above to replace them.").format(
                dose=held
            )
        )

    def _on_dose_edited(self) -> None:
        self._on_edited()
        if not self._loading and self._override is not None:
            self._override = None
            self.sets_note.setText("")

    def _on_edited(self) -> None:
        """Any edit makes "Session saved." stale: it would read as if this form was saved."""
        if not self._loading:
            self.message.setText("")

    def _check_dose(self) -> None:
        """A committed dose number is checked at once; a refusal names the allowed range."""
        try:
            self.current_sets()
        except ValidationError as error:
            show_error(self.sets_error, error.message)
        else:
            show_error(self.sets_error, None)

    def current_sets(self) -> tuple[SetEntry, ...]:
        """The sets as they will be saved (validated by the domain on construction)."""
        if self._override is not None:
            return self._override
        info = self.current_info()
        hold = self.hold.value() if info is not None and info.dose_type == "hold" else None
        return plan_sets(self.sets.value(), self.reps.value(), hold, self.rest.value())

    def nudge(self, step: int) -> None:
        """One step up or down: ±5 s per hold or ±1 rep (domain ``nudge_dose``)."""
        info = self.current_info()
        if info is None or info.dose_type == "run":
            return
        try:
            self.set_sets(nudge_dose(self.current_sets(), step, info.dose_type))
        except ValidationError as error:
            show_error(self.sets_error, error.message)

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
            sets=self.current_sets(),
            load=self.load(),
            effort_kind=EffortKind(str(self.effort_kind.currentData())),
            effort_value=None if effort == 0 else effort,
            pain_during=self.pain.pain(),
            note=self.note.text(),
        )

    def fill(self, draft: SessionDraft) -> None:
        """Put a draft's values into the form (repeat last, edit)."""
        self.select_exercise(draft.exercise_id)
        self.set_sets(draft.sets)
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
            show_error(self._errors.get(error.field, self.sets_error), error.message)
            return
        self.hold_timer.start(
            info.id,
            plan,
            load,
            EffortKind(str(self.effort_kind.currentData())),
            None if effort == 0 else effort,
        )


# --- history ----------------------------------------------------------------------------------
class HistoryPanel(QWidget):
    """Sessions and runs, newest first, filterable; edit and delete with undo."""

    def __init__(self, services: Services, pane: ExercisesPane) -> None:
        super().__init__()
        self.services = services
        self.pane = pane
        self._deleted: HistoryRow | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        self.exercise_filter = _choice()
        self.exercise_filter.setAccessibleName(self.tr("Filter history by exercise"))
        self.stage_filter = _choice()
        self.stage_filter.addItem(self.tr("All stages"), None)
        for number in STAGE_NAMES:
            self.stage_filter.addItem(self.tr("Stage {number}").format(number=number), number)
        self.stage_filter.setAccessibleName(self.tr("Filter history by stage"))
        self.date_filter = QCheckBox(self.tr("Dates"))
        self.date_filter.setAccessibleName(self.tr("Filter history by date range"))
        self.start = QDateEdit()
        self.end = QDateEdit()
        for edit, name in ((self.start, self.tr("From date")), (self.end, self.tr("To date"))):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setAccessibleName(name)
        today = services.clock.now().date()
        self.start.setDate(_qdate(today.replace(day=1)))
        self.end.setDate(_qdate(today))
        self._default_end = self.end.date()
        filters.addWidget(QLabel(self.tr("History")))
        filters.addWidget(self.exercise_filter, 1)
        filters.addWidget(self.stage_filter)
        filters.addWidget(self.date_filter)
        filters.addWidget(self.start)
        filters.addWidget(QLabel(self.tr("to")))
        filters.addWidget(self.end)
        layout.addLayout(filters)

        self.model = HistoryModel(services.exercises, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Exercise history"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(self.edit_selected)
        layout.addWidget(self.table, 1)

        actions = QHBoxLayout()
        self.edit_button = QPushButton(self.tr("Edit"))
        self.edit_button.setAccessibleName(self.tr("Edit the selected entry"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setAccessibleName(self.tr("Delete the selected entry"))
        self.delete_button.clicked.connect(self.delete_selected)
        actions.addWidget(self.edit_button)
        actions.addWidget(self.delete_button)
        actions.addStretch(1)
        layout.addLayout(actions)

        self.undo_bar = QFrame()
        self.undo_bar.setFrameShape(QFrame.Shape.StyledPanel)
        undo_layout = QHBoxLayout(self.undo_bar)
        self.undo_label = QLabel("")
        self.undo_button = QPushButton(self.tr("Undo delete"))
        self.undo_button.setAccessibleName(self.tr("Undo delete"))
        self.undo_button.clicked.connect(self.undo_delete)
        undo_layout.addWidget(self.undo_label, 1)
        undo_layout.addWidget(self.undo_button)
        self.undo_bar.hide()
        layout.addWidget(self.undo_bar)

        self.exercise_filter.currentIndexChanged.connect(self.apply_filter)
        self.stage_filter.currentIndexChanged.connect(self.apply_filter)
        self.date_filter.toggled.connect(self._on_dates_toggled)
        self.start.dateChanged.connect(self.apply_filter)
        self.end.dateChanged.connect(self.apply_filter)
        services.exercises.changed.connect(self.refresh_choices)
        self.refresh_choices()

    def refresh_choices(self) -> None:
        """Exercise choices for the filter, archived ones included (their history stays)."""
        current = self.exercise_filter.currentData()
        self.exercise_filter.blockSignals(True)
        self.exercise_filter.clear()
        self.exercise_filter.addItem(self.tr("All exercises and runs"), None)
        self.exercise_filter.addItem(self.tr("Runs only"), "runs")
        for info in self.services.exercises.catalogue(include_archived=True):
            self.exercise_filter.addItem(exercise_label(info), info.id)
        index = self.exercise_filter.findData(current)
        self.exercise_filter.setCurrentIndex(max(0, index))
        self.exercise_filter.blockSignals(False)

    def current_filter(self) -> HistoryFilter:
        choice = self.exercise_filter.currentData()
        stage = self.stage_filter.currentData()
        dated = self.date_filter.isChecked()
        return HistoryFilter(
            exercise_id=choice if isinstance(choice, int) else None,
            runs_only=choice == "runs",
            stage=stage if isinstance(stage, int) else None,
            start=_pydate(self.start.date()) if dated else None,
            end=_pydate(self.end.date()) if dated else None,
        )

    def _on_dates_toggled(self, on: bool) -> None:
        """An untouched "to" date follows today (the app may stay open for days)."""
        if on and self.end.date() == self._default_end:
            today = _qdate(self.services.clock.now().date())
            self._default_end = today
            self.end.blockSignals(True)
            self.end.setDate(today)
            self.end.blockSignals(False)
        self.apply_filter()

    def apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())

    def selected_row(self) -> HistoryRow | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        row = self.model.data(rows[0], ROW_ROLE)
        return row if isinstance(row, HistoryRow) else None

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def edit_selected(self) -> None:
        row = self.selected_row()
        if row is None:
            return
        if row.kind == "run":
            self.pane.edit_run(row.id)
        else:
            self.pane.edit_session(row.id)

    def delete_selected(self) -> None:
        """Soft delete, with an Undo bar: nothing vanishes silently."""
        row = self.selected_row()
        if row is None:
            return
        if row.kind == "run":
            self.services.exercises.delete_run(row.id)
        else:
            self.services.exercises.delete_session(row.id)
        self._deleted = row
        when = row.local_time.strftime("%Y-%m-%d %H:%M")
        self.undo_label.setText(
            self.tr("Deleted {exercise} of {when}.").format(exercise=row.exercise, when=when)
        )
        self.undo_bar.show()

    def undo_delete(self) -> None:
        row = self._deleted
        if row is None:
            return
        if row.kind == "run":
            self.services.exercises.undo_delete_run(row.id)
        else:
            self.services.exercises.undo_delete_session(row.id)
        self._deleted = None
        self.undo_bar.hide()


# --- the pane ---------------------------------------------------------------------------------
class ExercisesPane(QWidget):
    """Catalogue | log form, hold timer, runs; history below (docs/ux.md)."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SPACING, SPACING, SPACING, SPACING)
        self.form = SessionForm(services)
        self.timer = HoldTimerWidget(services)
        self.form.hold_timer = self.timer
        self.runs = RunForm(services)
        self.catalogue = CataloguePanel(services, self.form)
        self.right = QTabWidget()
        self.right.addTab(self.form, self.tr("Log"))
        self.right.addTab(self.timer, self.tr("Hold timer"))
        self.right.addTab(self.runs, self.tr("Run"))
        self.form.timer_button.clicked.connect(self._show_timer)
        self.timer.start_requested.connect(self.start_hold_timer)
        self.timer.start_button.setEnabled(self.form.timer_button.isEnabled())
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.catalogue)
        top.addWidget(self.right)
        top.setStretchFactor(1, 2)
        self.history = HistoryPanel(services, self)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.history)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split)

    def _show_timer(self) -> None:
        if self.timer.timer is not None:
            self.right.setCurrentWidget(self.timer)

    def start_hold_timer(self, exercise_id: int | None = None) -> None:
        """Open the timer with an exercise's dose (a shortcut from Today can call this)."""
        if exercise_id is not None:
            self.form.select_exercise(exercise_id)
        self.form.start_timer()
        self._show_timer()

    def start_planned(self, item: PlanItem) -> None:
        """Today's plan item (issue 11): the form gets exactly that dose, load and effort
        included; a hold goes on to the timer, a run to the run form."""
        if item.dose_type == "run":
            self.runs.fill_planned(item.dose)
            self.right.setCurrentWidget(self.runs)
            return
        effort = item.effort_pct
        draft = SessionDraft(
            exercise_id=item.exercise_id,
            performed_at=self.services.clock.now(),
            sets=item.sets,
            load=item.load,
            effort_kind=EffortKind.PERCENT if effort is not None else EffortKind.RPE,
            effort_value=effort,
        )
        self.form.reset()
        self.form.fill(draft)
        self.right.setCurrentWidget(self.form)
        if item.timed:
            self.form.start_timer()
            self._show_timer()

    def edit_session(self, session_id: int) -> None:
        self.form.load_session(session_id)
        self.right.setCurrentWidget(self.form)

    def edit_run(self, run_id: int) -> None:
        self.runs.load_run(run_id)
        self.right.setCurrentWidget(self.runs)
