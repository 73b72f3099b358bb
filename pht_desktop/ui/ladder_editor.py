"""The ladder of a user's own exercise, which they edit (R2.9, issue 11).

A built-in exercise climbs the protocol's ladder; an exercise of the user's own climbs
this one: a first rung (sets, seconds per hold or reps per set, rest), a number of rungs,
a step per rung and an optional load step in kg. The preview lists the rungs, the top
one being that exercise's top dose. Saving goes through the service, all or nothing; a
bad value is refused next to the form with nothing changed.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pht_desktop.domain.dose_ladder import (
    CUSTOM_LOAD_STEP_MAX_KG,
    CUSTOM_RUNGS_RANGE,
    CustomLadder,
    LadderSteps,
    checked_custom_ladder,
)
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.exercise import HOLD_SECONDS_RANGE, MAX_SETS, REST_SECONDS_RANGE
from pht_desktop.services.exercises import ExerciseInfo
from pht_desktop.services.registry import Services
from pht_desktop.ui.setting_fields import RangeSpinBox, refused
from pht_desktop.ui.style import error_label, show_error, small_text

EDITABLE = ("hold", "reps")


def _spin(low: int, high: int, name: str, suffix: str = "") -> RangeSpinBox:
    box = RangeSpinBox(low, high, suffix)
    box.setAccessibleName(name)
    return box


def rung_list(ladder: CustomLadder) -> str:
    """The rungs in words, easiest first; the last is the exercise's top dose (R2.9)."""
    words = [f"{n}. {rung.words()}" for n, rung in enumerate(ladder.ladder().rungs, start=1)]
    return " → ".join(words)


class LadderEditor(QWidget):
    """Choose one of your own exercises, edit its ladder, save it."""

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        layout = QVBoxLayout(self)
        layout.addWidget(
            small_text(
                self.tr(
                    "Your own exercises climb a ladder you set: a first dose, then a few "
                    "small steps. The plan moves you one level up after enough tolerated load "
                    "days; the top level is that exercise's top dose. Built-in exercises "
                    "follow the protocol's ladders."
                )
            )
        )
        self.exercise = QComboBox()
        self.exercise.setAccessibleName(self.tr("Exercise whose ladder to edit"))
        self.exercise.currentIndexChanged.connect(self._load)
        layout.addWidget(self.exercise)
        self.box = QGroupBox(self.tr("Ladder"))
        layout.addWidget(self.box)
        self._build_fields(QFormLayout(self.box))
        layout.addStretch(1)
        services.exercises.changed.connect(self.refresh)
        self.refresh()

    def _build_fields(self, form: QFormLayout) -> None:
        self.sets = _spin(1, MAX_SETS, self.tr("Sets on every level"))
        self.first = _spin(*HOLD_SECONDS_RANGE, self.tr("First level"))
        self.rest = _spin(*REST_SECONDS_RANGE, self.tr("Rest between sets"), " s")
        self.rungs = _spin(*CUSTOM_RUNGS_RANGE, self.tr("Number of levels"))
        self.step = _spin(0, 60, self.tr("Added per level"))
        self.load_step = QDoubleSpinBox()
        self.load_step.setRange(0.0, CUSTOM_LOAD_STEP_MAX_KG)
        self.load_step.setDecimals(1)
        self.load_step.setSingleStep(0.5)
        self.load_step.setSuffix(" kg")
        self.load_step.setAccessibleName(self.tr("Load added per level"))
        self.load_step.setFixedWidth(self.sets.maximumWidth())  # as narrow as the others
        self.first_label = QLabel(self.tr("First level"))
        self.step_label = QLabel(self.tr("Added per level"))
        form.addRow(self.tr("Sets"), self.sets)
        form.addRow(self.first_label, self.first)
        form.addRow(self.tr("Rest"), self.rest)
        form.addRow(self.tr("Levels"), self.rungs)
        form.addRow(self.step_label, self.step)
        form.addRow(self.tr("Load step (weights only)"), self.load_step)
        self.preview = small_text("")
        self.preview.setAccessibleName(self.tr("The ladder's levels"))
        form.addRow(self.preview)
        self.save_button = QPushButton(self.tr("Save ladder"))
        self.save_button.clicked.connect(self.save)
        self.error = error_label()
        self.message = QLabel("")
        self.message.setWordWrap(True)
        form.addRow(self.error)
        form.addRow(self.save_button)
        form.addRow(self.message)
        for spin in (self.sets, self.first, self.rest, self.rungs, self.step):
            spin.valueChanged.connect(self._update_preview)
        self.load_step.valueChanged.connect(self._update_preview)

    # --- which exercise -----------------------------------------------------------------
    def refresh(self) -> None:
        """The user's own hold and reps exercises; keeps the current choice."""
        current = self.exercise_id()
        own = [
            e
            for e in self.services.exercises.catalogue()
            if not e.builtin and e.dose_type in EDITABLE
        ]
        self.exercise.blockSignals(True)
        self.exercise.clear()
        for info in own:
            self.exercise.addItem(info.name, info.id)
        self.exercise.blockSignals(False)
        if current is not None:
            self.select(current)
        self._load()

    def exercise_id(self) -> int | None:
        value = self.exercise.currentData()
        return value if isinstance(value, int) else None

    def select(self, exercise_id: int | None) -> None:
        """Show ``exercise_id``'s ladder when it is one of the user's own (else no change)."""
        index = self.exercise.findData(exercise_id)
        if index >= 0:
            self.exercise.setCurrentIndex(index)

    def _info(self) -> ExerciseInfo | None:
        exercise_id = self.exercise_id()
        return None if exercise_id is None else self.services.exercises.exercise(exercise_id)

    def _load(self) -> None:
        """Fill the fields from the stored ladder of the chosen exercise."""
        info = self._info()
        self.box.setEnabled(info is not None)
        show_error(self.error, None)
        self.message.setText(
            "" if info is not None else self.tr("Add an exercise of your own to give it a ladder.")
        )
        if info is None:
            self.preview.setText("")
            return
        ladder = self.services.exercises.ladder(info.id)
        hold = info.dose_type == "hold"
        self.first_label.setText(
            self.tr("First level: seconds per hold")
            if hold
            else self.tr("First level: reps per set")
        )
        self.step_label.setText(
            self.tr("Seconds added per level") if hold else self.tr("Reps added per level")
        )
        self.first.setSuffix(" s" if hold else "")
        self.step.setSuffix(" s" if hold else "")
        self.sets.setValue(ladder.sets)
        self.first.setValue((ladder.hold_s or 0) if hold else ladder.reps)
        self.rest.setValue(ladder.rest_s)
        self.rungs.setValue(ladder.steps.rungs)
        self.step.setValue(ladder.step)
        self.load_step.setValue(ladder.steps.load_step_kg)
        self._update_preview()

    # --- editing ------------------------------------------------------------------------
    def _steps(self) -> LadderSteps:
        return LadderSteps(self.rungs.value(), self.step.value(), self.load_step.value())

    def _update_preview(self) -> None:
        """The rungs as they would be saved; a value the domain refuses shows why."""
        info = self._info()
        if info is None:
            return
        first = self.first.value()
        try:
            ladder = checked_custom_ladder(
                info.dose_type, self.sets.value(), first, first, self.rest.value(), self._steps()
            )
        except ValidationError as error:
            self.preview.setText(error.message)
            return
        text = self.tr("Levels: {levels} (top dose).").format(levels=rung_list(ladder))
        if ladder.steps.load_step_kg > 0:
            text += " " + self.tr("With a weight, each level up adds {kg:g} kg.").format(
                kg=ladder.steps.load_step_kg
            )
        self.preview.setText(text)

    def save(self) -> None:
        exercise_id = self.exercise_id()
        if exercise_id is None:
            return
        try:
            self.services.exercises.save_ladder(
                exercise_id,
                self.sets.value(),
                self.first.value(),
                self.rest.value(),
                self._steps(),
            )
        except ValidationError as error:
            show_error(self.error, refused(error.message))
            self.message.setText("")
            return
        show_error(self.error, None)
        self.message.setText(self.tr("Ladder saved: Today's plan climbs it from now on."))
