"""First run (issue 8, item 4): the essentials in under a minute, every one defaulted.

Three short pages — your stage (with the R5 disclaimer), sitting breaks, mornings and
start-up — so pressing Enter three times is a sensible setup. Nothing is written until
"Save and start", and then only after every field validated: a message appears next to
the field that caused it and nothing is saved. "Skip for now" (or closing the window)
stores nothing but marks the welcome as seen; Help ▸ Welcome… opens it again.

Non-modal (``show()``): the app keeps working behind it.
"""

from __future__ import annotations

import dataclasses
from datetime import time

from PySide6.QtCore import Qt, QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from pht_desktop.domain import setting_specs, validation
from pht_desktop.domain.break_settings import INT_LIMITS, WEEKDAY_NAMES, BreakSettings
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.guidance import DISCLAIMER
from pht_desktop.domain.morning import MorningTest, key_for_test, split_test_key
from pht_desktop.domain.plan import REACTIVE_RESET_REASON
from pht_desktop.domain.profile import PATHOLOGY_IN_PLAIN_WORDS, PATHOLOGY_STAGES, STAGE_NAMES
from pht_desktop.services.registry import Services
from pht_desktop.ui.morning_tests import add_test_items
from pht_desktop.ui.pathology_words import pathology_word
from pht_desktop.ui.ports import NoStartAtLogin, StartAtLogin
from pht_desktop.ui.style import SPACING, error_label, scaled_font, show_error, small_text

#: Settings key: the welcome was finished or skipped (it is not shown again by itself).
FIRST_RUN_DONE = setting_specs.FIRST_RUN_DONE.key
DEFAULT_HOURS = ("09:00", "17:00")
DEFAULT_WORKDAYS = (0, 1, 2, 3, 4)
PAGE_STAGE, PAGE_BREAKS, PAGE_MORNING = range(3)


def welcome_is_due(services: Services) -> bool:
    """The welcome opens by itself only on a new folder: never once it is finished or
    skipped, and never over a history already there (the demo, a restored backup) whose
    settings were chosen before (issue 13). Help ▸ Welcome… still opens it."""
    if services.settings.value(setting_specs.FIRST_RUN_DONE):
        return False
    return not services.morning.entries() and not services.exercises.history()


def _qtime(text: str) -> QTime:
    if text == "24:00":
        return QTime(23, 59)
    parsed = time.fromisoformat(text)
    return QTime(parsed.hour, parsed.minute)


class FirstRunWizard(QDialog):
    """The welcome. ``finished_setup`` fires once it is saved or skipped."""

    finished_setup = Signal()

    def __init__(
        self,
        services: Services,
        autostart: StartAtLogin | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.autostart: StartAtLogin = autostart if autostart is not None else NoStartAtLogin()
        #: True after "Skip for now" or closing; False after saving.
        self.skipped = False
        self._closed = False
        self.setModal(False)
        self.setWindowTitle(self.tr("Welcome to PHT Desktop"))
        self.setAccessibleName(self.tr("Welcome to PHT Desktop"))

        layout = QVBoxLayout(self)
        layout.setSpacing(2 * SPACING)
        layout.setContentsMargins(3 * SPACING, 3 * SPACING, 3 * SPACING, 2 * SPACING)
        self.heading = QLabel()
        self.heading.setFont(scaled_font(self.heading, 1.3, bold=True))
        self.step_label = small_text("")
        layout.addWidget(self.heading)
        layout.addWidget(self.step_label)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_stage_page())
        self.pages.addWidget(self._build_breaks_page())
        self.pages.addWidget(self._build_morning_page())
        layout.addWidget(self.pages, 1)

        buttons = QHBoxLayout()
        self.skip_button = QPushButton(self.tr("S&kip for now"))
        self.skip_button.setToolTip(
            self.tr("Keep the defaults; Help ▸ Welcome… opens this again any time.")
        )
        self.skip_button.setAutoDefault(False)
        self.back_button = QPushButton(self.tr("&Back"))
        self.back_button.setAutoDefault(False)
        self.next_button = QPushButton(self.tr("&Next"))
        self.finish_button = QPushButton(self.tr("&Save and start"))
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.finish_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.skip_button.clicked.connect(self.skip)
        self.back_button.clicked.connect(lambda: self.go_to(self.pages.currentIndex() - 1))
        self.next_button.clicked.connect(lambda: self.go_to(self.pages.currentIndex() + 1))
        self.finish_button.clicked.connect(self.save)
        self.go_to(PAGE_STAGE)

    # --- pages ------------------------------------------------------------------------------
    def _build_stage_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.addRow(
            small_text(
                self.tr(
                    "PHT Desktop reminds you to stand up from sitting, times your tendon "
                    "exercises, and compares each morning's pain with your usual level. "
                    "A few quick choices, one page each, and you are set; every one can be "
                    "changed later in Settings."
                )
            )
        )
        self.disclaimer = small_text(DISCLAIMER)
        self.disclaimer.setAccessibleName(self.tr("Disclaimer"))
        self.disclaimer.setFont(scaled_font(self.disclaimer, 0.9, bold=True))
        form.addRow(self.disclaimer)
        self.stage = QComboBox()
        self.stage.setAccessibleName(self.tr("Current rehab stage"))
        for number, name in STAGE_NAMES.items():
            self.stage.addItem(
                self.tr("Stage %1: %2").replace("%1", str(number)).replace("%2", name), number
            )
        current = self.services.profile.current_stage()
        self.stage.setCurrentIndex(max(0, self.stage.findData(current)))
        form.addRow(self.tr("Your rehab &stage"), self.stage)
        form.addRow(
            "",
            small_text(
                self.tr(
                    "Not sure? Start at stage 1 (isometric holds): it calms pain and is safe "
                    "early on. Your practitioner may tell you otherwise."
                )
            ),
        )
        self.stage_error = error_label()
        form.addRow("", self.stage_error)
        # R4: how irritable the tendon is sets where the plan starts, in plain words.
        self.pathology = QComboBox()
        self.pathology.setAccessibleName(self.tr("Tendon condition"))
        for value in PATHOLOGY_STAGES:
            self.pathology.addItem(pathology_word(value), value)
            self.pathology.setItemData(
                self.pathology.count() - 1,
                PATHOLOGY_IN_PLAIN_WORDS[value],
                Qt.ItemDataRole.ToolTipRole,
            )
        current_pathology = self.services.profile.current_pathology_stage()
        self.pathology.setCurrentIndex(max(0, self.pathology.findData(current_pathology)))
        form.addRow(self.tr("&Irritability"), self.pathology)
        self.pathology_words = small_text("")
        self.pathology_words.setAccessibleName(self.tr("What this stage of pathology means"))
        form.addRow("", self.pathology_words)
        # R4: reactive above stage 1 → the proposal to start again at stage 1, confirmed
        # by ticking it (recorded with its reason at Finish, undone the same day on Today).
        self.reactive_reset = QCheckBox(self.tr("Start again at stage &1 instead"))
        self.reactive_reset.setToolTip(REACTIVE_RESET_REASON)
        form.addRow("", self.reactive_reset)
        self.pathology.currentIndexChanged.connect(self._explain_pathology)
        self.stage.currentIndexChanged.connect(self._explain_pathology)
        self._explain_pathology()
        return page

    def _reactive_reset_offered(self) -> bool:
        return str(self.pathology.currentData()) == "reactive" and int(self.stage.currentData()) > 1

    def _explain_pathology(self, _index: int = 0) -> None:
        """R4 in one plain sentence for the chosen term, with what it changes."""
        self.pathology_words.setText(PATHOLOGY_IN_PLAIN_WORDS[str(self.pathology.currentData())])
        self.reactive_reset.setVisible(self._reactive_reset_offered())

    def _build_breaks_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        settings = self.services.breaks.settings()
        form.addRow(
            small_text(
                self.tr(
                    "Sitting presses on the tendon where it attaches to the sitting bone. "
                    "A short standing break every 30–40 minutes spreads the load."
                )
            )
        )
        low, high, what, _unit = INT_LIMITS["sitting_interval_min"]
        self.interval = QSpinBox()
        self.interval.setRange(low, high)
        self.interval.setSuffix(self.tr(" min"))
        self.interval.setValue(settings.sitting_interval_min)
        self.interval.setAccessibleName(self.tr("Remind me to stand after sitting, minutes"))
        self.interval.setToolTip(f"{what}: {low}–{high}")
        form.addRow(self.tr("Remind me to stand after"), self.interval)
        self.interval_error = error_label()
        form.addRow("", self.interval_error)

        hours = settings.working_hours
        self.use_hours = QCheckBox(self.tr("Only remind me during &working hours"))
        self.use_hours.setChecked(hours is not None)
        self.use_hours.setToolTip(self.tr("Off: reminders whenever the computer is in use."))
        form.addRow(self.use_hours)
        self.hours_box = QWidget()
        grid = QGridLayout(self.hours_box)
        grid.setContentsMargins(0, 0, 0, 0)
        span = next(iter(hours.values())) if hours else DEFAULT_HOURS
        self.start_time = QTimeEdit(_qtime(span[0]))
        self.start_time.setDisplayFormat("HH:mm")
        self.start_time.setAccessibleName(self.tr("Working hours start"))
        self.end_time = QTimeEdit(_qtime(span[1]))
        self.end_time.setDisplayFormat("HH:mm")
        self.end_time.setAccessibleName(self.tr("Working hours end"))
        grid.addWidget(QLabel(self.tr("From")), 0, 0)
        grid.addWidget(self.start_time, 0, 1)
        grid.addWidget(QLabel(self.tr("to")), 0, 2)
        grid.addWidget(self.end_time, 0, 3)
        days = set(hours) if hours else set(DEFAULT_WORKDAYS)
        self.day_boxes: list[QCheckBox] = []
        for day, name in enumerate(WEEKDAY_NAMES):
            box = QCheckBox(name[:3])
            box.setAccessibleName(name)
            box.setChecked(day in days)
            self.day_boxes.append(box)
            grid.addWidget(box, 1, day)
        form.addRow(self.hours_box)
        self.hours_error = error_label()
        form.addRow(self.hours_error)
        self.use_hours.toggled.connect(self.hours_box.setEnabled)
        self.hours_box.setEnabled(self.use_hours.isChecked())
        return page

    def _build_morning_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.addRow(
            small_text(
                self.tr(
                    "Each morning, do the same simple test and rate the pain 0–10. A day's "
                    "load was tolerated when the next morning is no worse than your usual "
                    "level (your baseline)."
                )
            )
        )
        current = self.services.morning.current_test()
        kind, name = split_test_key(current.key)
        self.test = QComboBox()
        self.test.setAccessibleName(self.tr("Morning test"))
        add_test_items(self.test)
        self.test.setCurrentIndex(max(0, self.test.findData(kind)))
        form.addRow(self.tr("Morning &test"), self.test)
        self.test_name = QLineEdit(name if kind == MorningTest.OTHER.value else "")
        self.test_name.setAccessibleName(self.tr("Name of your own test"))
        self.test_name.setPlaceholderText(self.tr("e.g. Hop on the sore leg"))
        form.addRow(self.tr("Its &name"), self.test_name)
        self.test_error = error_label()
        form.addRow("", self.test_error)
        self.test.currentIndexChanged.connect(self._on_test_changed)
        self._on_test_changed()

        self.baseline = QSpinBox()
        self.baseline.setRange(-1, 10)
        self.baseline.setSpecialValueText(self.tr("Not sure yet"))
        self.baseline.setSuffix("/10")
        baseline = self.services.morning.current_baseline()
        self.baseline.setValue(-1 if baseline is None else baseline.pain)
        self.baseline.setAccessibleName(self.tr("Usual morning pain on this test, 0 to 10"))
        form.addRow(self.tr("Usual morning &pain"), self.baseline)
        form.addRow(
            "",
            small_text(
                self.tr(
                    "Not sure? Leave it: after three mornings the app can suggest one "
                    "(Settings ▸ Morning test & baseline)."
                )
            ),
        )
        self.baseline_error = error_label()
        form.addRow("", self.baseline_error)

        self.start_at_login = QCheckBox(self.tr("Start PHT Desktop when I &log in"))
        self.start_at_login.setToolTip(
            self.tr(
                "It opens quietly to the tray: a reminder you must start yourself "
                "is easy to forget."
            )
        )
        self.start_at_login.setChecked(True)
        form.addRow(self.start_at_login)
        self.autostart_error = error_label()
        form.addRow(self.autostart_error)
        return page

    def _on_test_changed(self) -> None:
        own = self.test.currentData() == MorningTest.OTHER.value
        self.test_name.setEnabled(own)
        show_error(self.test_error, None)

    # --- navigation -------------------------------------------------------------------------
    def go_to(self, index: int) -> None:
        index = max(PAGE_STAGE, min(PAGE_MORNING, index))
        self.pages.setCurrentIndex(index)
        titles = (
            self.tr("Welcome — your rehab stage"),
            self.tr("Sitting breaks"),
            self.tr("Mornings and start-up"),
        )
        self.heading.setText(titles[index])
        self.step_label.setText(
            # The wizard counts its own pages: the words never disagree with it (issue 13).
            self.tr("Step %1 of %2")
            .replace("%1", str(index + 1))
            .replace("%2", str(self.pages.count()))
        )
        last = index == PAGE_MORNING
        self.back_button.setEnabled(index > PAGE_STAGE)
        self.next_button.setVisible(not last)
        self.finish_button.setVisible(last)
        default = self.finish_button if last else self.next_button
        default.setDefault(True)
        (self.next_button if last else self.finish_button).setDefault(False)
        # As if tabbed into: a number field's text is selected, ready to type over.
        first = (self.stage, self.interval, self.test)[index]
        first.setFocus(Qt.FocusReason.TabFocusReason)

    # --- reading and checking -----------------------------------------------------------------
    def working_hours(self) -> dict[int, tuple[str, str]] | None:
        if not self.use_hours.isChecked():
            return None
        start = self.start_time.time().toString("HH:mm")
        end = self.end_time.time().toString("HH:mm")
        return {day: (start, end) for day, box in enumerate(self.day_boxes) if box.isChecked()}

    def _clear_errors(self) -> None:
        for label in (
            self.stage_error,
            self.interval_error,
            self.hours_error,
            self.test_error,
            self.baseline_error,
            self.autostart_error,
        ):
            show_error(label, None)

    def _fail(self, label: QLabel, page: int, message: str) -> None:
        show_error(label, message)
        self.go_to(page)

    def _validated(self) -> tuple[int, BreakSettings, str, int | None] | None:
        """Every choice checked, or None with the message next to its field."""
        try:
            stage = validation.int_in_range(self.stage.currentData(), 1, 5, "stage", "Stage")
        except ValidationError as error:
            self._fail(self.stage_error, PAGE_STAGE, error.message)
            return None
        try:
            breaks = dataclasses.replace(
                self.services.breaks.settings(),
                sitting_interval_min=self.interval.value(),
                working_hours=self.working_hours(),
            )
        except ValidationError as error:
            label = self.hours_error if error.field == "working_hours" else self.interval_error
            self._fail(label, PAGE_BREAKS, error.message)
            return None
        try:
            test = key_for_test(self.test.currentData(), self.test_name.text())
        except ValidationError as error:
            self._fail(self.test_error, PAGE_MORNING, error.message)
            return None
        baseline: int | None = None
        if self.baseline.value() >= 0:
            try:
                baseline = validation.pain(self.baseline.value(), "baseline")
            except ValidationError as error:
                self._fail(self.baseline_error, PAGE_MORNING, error.message)
                return None
        return stage, breaks, test, baseline

    # --- saving -----------------------------------------------------------------------------
    def save(self) -> None:
        """Validate everything, then store what differs from now; errors store nothing."""
        self._clear_errors()
        checked = self._validated()
        if checked is None:
            return
        stage, breaks, test, baseline = checked
        if not self._apply_autostart():
            return
        services = self.services
        if breaks != services.breaks.settings():
            services.breaks.save_settings(breaks, services.breaks.ui_options())
        # A first explicit choice is recorded even when it equals the default, so the
        # history says since when (R2.7, R3.7).
        if stage != services.profile.current_stage() or not services.profile.stage_history():
            services.profile.set_stage(stage, note="first run")
        pathology = str(self.pathology.currentData())
        if pathology != services.profile.current_pathology_stage():
            services.profile.set_pathology_stage(pathology)
        move = services.plan.reactive_move()
        if move is not None and self._reactive_reset_offered() and self.reactive_reset.isChecked():
            services.plan.accept_stage_move(move)
        if test != services.morning.current_test().key or not services.morning.test_history():
            kind, name = split_test_key(test)
            services.morning.set_test(kind, name)
        current = services.morning.current_baseline()
        if baseline is not None and (current is None or current.pain != baseline):
            services.morning.set_baseline(baseline)
        self._finish(skipped=False)

    def _apply_autostart(self) -> bool:
        """Write or remove the login entry first: if the desktop refuses, nothing is saved."""
        wanted = self.start_at_login.isChecked()
        try:
            if wanted:
                self.autostart.enable()
            elif self.autostart.is_enabled():
                self.autostart.disable()
        except OSError as error:
            self._fail(
                self.autostart_error,
                PAGE_MORNING,
                self.tr("Could not change start at login: %1").replace("%1", str(error)),
            )
            return False
        return True

    def skip(self) -> None:
        """Store nothing but that the welcome was seen."""
        self._finish(skipped=True)

    def _finish(self, skipped: bool) -> None:
        if self._closed:
            return
        self._closed = True
        self.skipped = skipped
        self.services.settings.set_value(setting_specs.FIRST_RUN_DONE, True)
        self.hide()
        self.finished_setup.emit()

    def reject(self) -> None:
        """Escape or the window's close button: the same as "Skip for now"."""
        self._finish(skipped=True)
        super().reject()

    def accept(self) -> None:
        """Enter lands on Next or Save through the default button, never here directly."""
        self.save()
