"""The Measures pane (issue 15): take and record the outcome measures, see and edit them.

Sitting tolerance has a built-in stopwatch (stops itself at 30 min), the single-leg
bridge a tempo counter that beeps each repetition; VISA-H is a total typed in; pain-free
running is shown, worked out from runs and verdicts. Both timers read the injected
clock; a ``QTimer`` only calls :meth:`MeasuresPane.tick`, which tests call themselves
after moving the fake clock. Every reading is one reading: the pane says so (R5).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
)

from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.guidance import DISCLAIMER
from pht_desktop.domain.measure_timers import SittingStopwatch, TempoCounter
from pht_desktop.domain.measures import (
    BRIDGE_MAX_REPS,
    DEFAULT_TEMPO_S,
    GUIDES,
    INTERVAL_WEEKS_RANGE,
    NOT_A_DIAGNOSIS,
    SITTING_CAP_MIN,
    TEMPO_RANGE,
    VISA_H_RANGE,
    Measure,
    MeasureKind,
    Side,
    limb_symmetry,
    minutes_text,
)
from pht_desktop.services.measures import DuplicateMeasureError
from pht_desktop.services.registry import Services
from pht_desktop.ui import ask, style
from pht_desktop.ui.measure_form import MeasureForm
from pht_desktop.ui.measures_model import MeasuresModel
from pht_desktop.ui.ports import QT_BEEP, Chime
from pht_desktop.ui.qt_dates import to_qdate

TICK_MS = 100
SIDES = (Side.LEFT, Side.RIGHT, Side.BOTH)


def _clock_text(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60:02d}:{whole % 60:02d}"


class MeasuresPane(style.ScrollColumn):
    """Take a measure, record it, and keep the list (edit, delete, undo)."""

    def __init__(self, services: Services, chime: Chime = QT_BEEP) -> None:
        super().__init__()
        self.services = services
        self.measures = services.measures
        self.clock = services.clock
        self.beep: Callable[[], None] = chime.play
        """The tempo beep; tests replace it to count beeps."""
        self.stopwatch = SittingStopwatch(self.clock)
        self.counter: TempoCounter | None = None
        self._counting_side = Side.LEFT
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self.tick)

        column = self.column
        column.addWidget(style.section_title(self.tr("Outcome measures")))
        column.addWidget(
            style.small_text(
                self.tr(
                    "Every 1–4 weeks, take the same measures the same way: they show whether "
                    "the tendon is getting stronger and more tolerant. "
                )
                + NOT_A_DIAGNOSIS
            )
        )
        self.due_label = QLabel("")
        self.due_label.setWordWrap(True)
        self.due_label.setAccessibleName(self.tr("Measures due"))
        column.addWidget(self.due_label)
        column.addLayout(self._build_interval())
        self.sitting = self._build_sitting()
        self.bridge = self._build_bridge()
        self.visa = self._build_visa()
        for form in (self.sitting, self.bridge, self.visa):
            column.addWidget(form)
        column.addWidget(self._build_running())
        column.addWidget(self._build_table())
        column.addWidget(style.small_text(DISCLAIMER))
        column.addStretch(1)
        self.measures.changed.connect(self.refresh)
        services.exercises.changed.connect(self.refresh)
        services.morning.changed.connect(self.refresh)
        self.refresh()

    def _today(self) -> QDate:
        return to_qdate(self.clock.now().date())

    # --- building ----------------------------------------------------------------------------
    def _build_interval(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Remind me every")))
        self.interval_spin = QSpinBox()
        self.interval_spin.setRange(*INTERVAL_WEEKS_RANGE)
        self.interval_spin.setSuffix(self.tr(" weeks"))
        self.interval_spin.setAccessibleName(self.tr("Measure reminder interval"))
        self.interval_spin.setValue(self.measures.interval_weeks())
        self.interval_spin.valueChanged.connect(self._interval_changed)
        row.addWidget(self.interval_spin)
        row.addStretch(1)
        return row

    def _build_sitting(self) -> MeasureForm:
        form = MeasureForm(MeasureKind.SITTING, self._today())
        self.sit_clock = QLabel(_clock_text(0))
        self.sit_clock.setFont(style.scaled_font(self.sit_clock, 2.4, bold=True))
        self.sit_clock.setAccessibleName(self.tr("Sitting stopwatch"))
        buttons = QHBoxLayout()
        self.sit_start = QPushButton(self.tr("Start sitting"))
        self.sit_stop = QPushButton(self.tr("First pain: stop"))
        self.sit_stop.setEnabled(False)
        self.sit_start.clicked.connect(self.start_sitting)
        self.sit_stop.clicked.connect(self.stop_sitting)
        buttons.addWidget(self.sit_clock)
        buttons.addWidget(self.sit_start)
        buttons.addWidget(self.sit_stop)
        buttons.addStretch(1)
        form.body.addLayout(buttons)
        self.sit_minutes = QDoubleSpinBox()
        self.sit_minutes.setRange(0, SITTING_CAP_MIN)
        self.sit_minutes.setDecimals(1)
        self.sit_minutes.setSingleStep(0.5)
        self.sit_minutes.setSuffix(" min")
        self.sit_minutes.setAccessibleName(self.tr("Sitting tolerance minutes"))
        self.sit_cap = QCheckBox(
            self.tr("Reached {cap} min without pain").format(cap=SITTING_CAP_MIN)
        )
        self.sit_cap.toggled.connect(self._cap_toggled)
        form.form.addRow(self.tr("Minutes"), self.sit_minutes)
        form.form.addRow("", self.sit_cap)
        form.save_button.clicked.connect(self.save_sitting)
        form.finish()
        return form

    def _build_bridge(self) -> MeasureForm:
        form = MeasureForm(MeasureKind.BRIDGE, self._today())
        row = QHBoxLayout()
        self.tempo_spin = QSpinBox()
        self.tempo_spin.setRange(*TEMPO_RANGE)
        self.tempo_spin.setValue(DEFAULT_TEMPO_S)
        self.tempo_spin.setSuffix(self.tr(" s per rep"))
        self.tempo_spin.setAccessibleName(self.tr("Bridge tempo"))
        self.count_label = QLabel("0")
        self.count_label.setFont(style.scaled_font(self.count_label, 2.4, bold=True))
        self.count_label.setAccessibleName(self.tr("Bridge repetitions counted"))
        self.count_left = QPushButton(self.tr("Count left side"))
        self.count_right = QPushButton(self.tr("Count right side"))
        self.count_stop = QPushButton(self.tr("Stop: can't keep the tempo"))
        self.count_stop.setEnabled(False)
        self.count_left.clicked.connect(lambda: self.start_counting(Side.LEFT))
        self.count_right.clicked.connect(lambda: self.start_counting(Side.RIGHT))
        self.count_stop.clicked.connect(self.stop_counting)
        for widget in (self.count_label, self.tempo_spin, self.count_left, self.count_right):
            row.addWidget(widget)
        row.addWidget(self.count_stop)
        row.addStretch(1)
        form.body.addLayout(row)
        self.left_reps = QSpinBox()
        self.right_reps = QSpinBox()
        for spin, name in ((self.left_reps, "Left"), (self.right_reps, "Right")):
            spin.setRange(0, BRIDGE_MAX_REPS)
            spin.setAccessibleName(self.tr("{side} repetitions").format(side=name))
            spin.valueChanged.connect(self._show_symmetry)
        self.side_combo = QComboBox()
        for side in SIDES:
            self.side_combo.addItem(self.tr(side.value.capitalize()), side)
        self.side_combo.setAccessibleName(self.tr("Painful side"))
        self.side_combo.currentIndexChanged.connect(self._show_symmetry)
        self.symmetry_label = QLabel("")
        self.symmetry_label.setAccessibleName(self.tr("Bridge symmetry"))
        form.form.addRow(self.tr("Left reps"), self.left_reps)
        form.form.addRow(self.tr("Right reps"), self.right_reps)
        form.form.addRow(self.tr("Painful side"), self.side_combo)
        form.form.addRow("", self.symmetry_label)
        form.save_button.clicked.connect(self.save_bridge)
        form.finish()
        return form

    def _build_visa(self) -> MeasureForm:
        form = MeasureForm(MeasureKind.VISA_H, self._today())
        self.visa_spin = QSpinBox()
        self.visa_spin.setRange(*VISA_H_RANGE)
        self.visa_spin.setSuffix(" /100")
        self.visa_spin.setAccessibleName(self.tr("VISA-H total score"))
        form.form.addRow(self.tr("Total score"), self.visa_spin)
        form.save_button.clicked.connect(self.save_visa)
        form.finish()
        return form

    def _build_running(self) -> QGroupBox:
        box = QGroupBox(MeasureKind.RUNNING.label)
        layout = QVBoxLayout(box)
        guide = GUIDES[MeasureKind.RUNNING]
        layout.addWidget(style.small_text(self.tr("What it shows: ") + guide.shows))
        layout.addWidget(style.small_text(self.tr("The same way each time: ") + guide.how))
        self.running_label = QLabel("")
        self.running_label.setAccessibleName(self.tr("Pain-free running"))
        layout.addWidget(self.running_label)
        return box

    def _build_table(self) -> QGroupBox:
        box = QGroupBox(self.tr("Your entries"))
        layout = QVBoxLayout(box)
        self.model = MeasuresModel(self.measures, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(180)
        self.table.setAccessibleName(self.tr("Measure entries"))
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.edit_button = QPushButton(self.tr("Edit"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.undo_button = QPushButton(self.tr("Undo"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_button.clicked.connect(self.undo)
        for button in (self.edit_button, self.delete_button, self.undo_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.table_status = style.small_text("")
        layout.addWidget(self.table_status)
        return box

    # --- refresh -----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Due line, pain-free running, undo button (the table model refreshes itself)."""
        due = self.measures.due_line()
        self.due_label.setText(due)
        self.due_label.setVisible(bool(due))
        runs = self.measures.pain_free_runs()
        if runs:
            day, seconds = max(runs, key=lambda r: (r[1], r[0]))
            self.running_label.setText(
                self.tr("Longest pain-free run: {minutes} min, on {day}.").format(
                    minutes=minutes_text(seconds / 60), day=day.isoformat()
                )
            )
        else:
            self.running_label.setText(
                self.tr("No pain-free run yet: log a run, then next morning's check-in.")
            )
        self.interval_spin.blockSignals(True)
        self.interval_spin.setValue(self.measures.interval_weeks())
        self.interval_spin.blockSignals(False)
        self.undo_button.setEnabled(self.measures.can_undo)
        self.undo_button.setToolTip(self.measures.undo_words())
        today = self._today()
        for form in (self.sitting, self.bridge, self.visa):
            form.date_edit.setMaximumDate(today)

    def _interval_changed(self, value: int) -> None:
        try:
            self.measures.set_interval_weeks(value)
        except ValidationError as error:
            self.table_status.setText(error.message)

    # --- the timers --------------------------------------------------------------------------
    def _run_ticker(self) -> None:
        running = self.stopwatch.running or (self.counter is not None and self.counter.running)
        if running and not self._ticker.isActive():
            self._ticker.start()
        elif not running:
            self._ticker.stop()

    def tick(self) -> None:
        """Read the clock once: the stopwatch's digits, the counter's beeps."""
        if self.stopwatch.running:
            if self.stopwatch.tick():
                self._sitting_done(reached_cap=True)
            self.sit_clock.setText(_clock_text(self.stopwatch.elapsed_s()))
        if self.counter is not None and self.counter.running:
            for _ in range(self.counter.tick()):
                self.beep()
            self.count_label.setText(str(self.counter.reps))
        self._run_ticker()

    def start_sitting(self) -> None:
        self.stopwatch.start()
        self.sit_start.setEnabled(False)
        self.sit_stop.setEnabled(True)
        self.sitting.status.setText(self.tr("Sit on your firm chair; stop at the first pain."))
        self.tick()

    def stop_sitting(self) -> None:
        self.stopwatch.stop()
        self._sitting_done(reached_cap=self.stopwatch.reached_cap)

    def _sitting_done(self, reached_cap: bool) -> None:
        self.sit_start.setEnabled(True)
        self.sit_stop.setEnabled(False)
        self.sit_clock.setText(_clock_text(self.stopwatch.elapsed_s()))
        self.sit_minutes.setValue(self.stopwatch.minutes())
        self.sit_cap.setChecked(reached_cap)
        if reached_cap:
            self.beep()
            self.sitting.status.setText(
                self.tr("{cap} min without pain: the test is complete. Save it.").format(
                    cap=SITTING_CAP_MIN
                )
            )
        else:
            self.sitting.status.setText(self.tr("Timed. Check the minutes and save."))

    def _cap_toggled(self, on: bool) -> None:
        if on:
            self.sit_minutes.setValue(SITTING_CAP_MIN)

    def start_counting(self, side: Side) -> None:
        try:
            self.counter = TempoCounter(self.clock, self.tempo_spin.value())
        except ValidationError as error:
            style.show_error(self.bridge.error, error.message)
            return
        self._counting_side = side
        self.counter.start()
        self.count_label.setText("0")
        for button in (self.count_left, self.count_right):
            button.setEnabled(False)
        self.tempo_spin.setEnabled(False)
        self.count_stop.setEnabled(True)
        self.bridge.status.setText(
            self.tr("{side} side: lift and lower once per beep.").format(
                side=self.tr(side.value.capitalize())
            )
        )
        self._run_ticker()

    def stop_counting(self) -> None:
        if self.counter is None:
            return
        reps = self.counter.stop()
        target = self.left_reps if self._counting_side is Side.LEFT else self.right_reps
        target.setValue(reps)
        self.count_label.setText(str(reps))
        for button in (self.count_left, self.count_right):
            button.setEnabled(True)
        self.tempo_spin.setEnabled(True)
        self.count_stop.setEnabled(False)
        self.bridge.status.setText(
            self.tr(
                "{side} side: {reps} reps. Rest, then the other side at the same tempo."
            ).format(side=self.tr(self._counting_side.value.capitalize()), reps=reps)
        )
        self._run_ticker()

    def _show_symmetry(self) -> None:
        sym = limb_symmetry(
            self.left_reps.value(), self.right_reps.value(), Side(self.side_combo.currentData())
        )
        self.symmetry_label.setText("" if sym is None else sym.sentence())

    # --- saving ------------------------------------------------------------------------------
    def save_sitting(self) -> None:
        self._save(
            self.sitting,
            value=self.sit_minutes.value(),
            reached_cap=self.sit_cap.isChecked(),
        )

    def save_bridge(self) -> None:
        self._save(
            self.bridge,
            left_reps=self.left_reps.value(),
            right_reps=self.right_reps.value(),
            painful_side=Side(self.side_combo.currentData()),
            tempo_s=self.tempo_spin.value(),
        )

    def save_visa(self) -> None:
        self._save(self.visa, value=self.visa_spin.value())

    def _save(self, form: MeasureForm, **fields: object) -> None:
        try:
            measure = Measure(
                kind=form.kind,
                day=form.day(),  # type: ignore[arg-type]
                note=form.note_edit.text(),
                **fields,  # type: ignore[arg-type]
            )
        except ValidationError as error:
            style.show_error(form.error, error.message)
            return
        self._store(form, measure, replace=False)

    def _store(self, form: MeasureForm, measure: Measure, replace: bool) -> None:
        try:
            if form.editing_id is not None:
                self.measures.edit(form.editing_id, measure)
            else:
                self.measures.record(measure, replace_existing=replace)
        except DuplicateMeasureError as duplicate:
            if form.editing_id is not None:
                style.show_error(form.error, duplicate.message.replace(" Replace it?", ""))
                return
            ask.ask(
                self,
                self.tr("Replace the entry?"),
                duplicate.message,
                lambda yes: self._store(form, measure, replace=True) if yes else None,
            )
            return
        except ValidationError as error:
            style.show_error(form.error, error.message)
            return
        style.show_error(form.error, None)
        form.status.setText(
            self.tr("Saved: {reading} on {day}.").format(
                reading=measure.value_text(), day=measure.day.isoformat()
            )
        )
        form.set_editing(None)
        form.note_edit.clear()

    # --- the table ---------------------------------------------------------------------------
    def _selected(self) -> Measure | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.table_status.setText(self.tr("Choose an entry in the table first."))
            return None
        return self.model.row_at(rows[0].row())

    def edit_selected(self) -> None:
        """Load the entry into its form; Save then changes it (Undo takes it back)."""
        measure = self._selected()
        if measure is None:
            return
        form = {
            MeasureKind.SITTING: self.sitting,
            MeasureKind.BRIDGE: self.bridge,
            MeasureKind.VISA_H: self.visa,
        }[measure.kind]
        form.date_edit.setDate(to_qdate(measure.day))
        form.note_edit.setText(measure.note)
        if measure.kind is MeasureKind.SITTING:
            assert measure.value is not None
            self.sit_cap.setChecked(measure.reached_cap)
            self.sit_minutes.setValue(measure.value)
        elif measure.kind is MeasureKind.BRIDGE:
            self.left_reps.setValue(measure.left_reps or 0)
            self.right_reps.setValue(measure.right_reps or 0)
            self.side_combo.setCurrentIndex(SIDES.index(measure.painful_side or Side.LEFT))
            self.tempo_spin.setValue(measure.tempo_s or DEFAULT_TEMPO_S)
        else:
            self.visa_spin.setValue(int(measure.value or 0))
        form.set_editing(measure.id)
        form.status.setText(self.tr("Editing the entry of {day}.").format(day=measure.day))
        self.ensureWidgetVisible(form)
        form.save_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def delete_selected(self) -> None:
        measure = self._selected()
        if measure is None or measure.id is None:
            return
        self.measures.delete(measure.id)
        self.table_status.setText(
            self.tr("Deleted {kind} of {day}. Undo brings it back.").format(
                kind=measure.kind.label.lower(), day=measure.day.isoformat()
            )
        )

    def undo(self) -> None:
        try:
            words = self.measures.undo()
        except ValidationError as error:
            self.table_status.setText(error.message)
            return
        self.table_status.setText(self.tr("Undone: {what}.").format(what=words))
