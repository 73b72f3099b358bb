"""The hold timer (R2.3): big digits, a sound at the end of each hold, and a log of what
was really held.

The counting lives in the pure :class:`~pht_desktop.domain.hold_timer.HoldTimer`, read
from the injected clock; a ``QTimer`` only calls :meth:`HoldTimerWidget.tick` while the
timer runs (stopped when idle or paused, so an idle app does not wake up). Tests advance
a fake clock and call :meth:`tick` themselves.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.exercise import EffortKind, Load, SessionDraft, SetEntry, dose_label
from pht_desktop.domain.hold_timer import (
    Event,
    Finished,
    HoldCompleted,
    HoldPlan,
    HoldTimer,
    Phase,
)
from pht_desktop.domain.setting_specs import HOLD_TIMER_SOUND
from pht_desktop.services.registry import Services
from pht_desktop.ui.ports import QT_BEEP, Chime
from pht_desktop.ui.run_form import PainSpin
from pht_desktop.ui.style import SPACING, error_label, scaled_font, show_error, small_text

TICK_MS: Final = 150
SOUND_SETTING: Final = HOLD_TIMER_SOUND.key
"""Setting key: beep at the end of each hold (default on)."""

# Marked for translation; shown through ``QCoreApplication.translate("HoldTimerWidget", …)``.
PHASE_WORDS: Final = {
    Phase.GET_READY: str(QT_TRANSLATE_NOOP("HoldTimerWidget", "Get ready")),
    Phase.HOLD: str(QT_TRANSLATE_NOOP("HoldTimerWidget", "Hold")),
    Phase.REST: str(QT_TRANSLATE_NOOP("HoldTimerWidget", "Rest")),
    Phase.DONE: str(QT_TRANSLATE_NOOP("HoldTimerWidget", "Done")),
}


class HoldTimerWidget(QGroupBox):
    """Runs one :class:`HoldPlan` for one exercise, then offers to log the holds."""

    logged = Signal(int)
    """Emitted with the new session id after "Log these holds"."""

    start_requested = Signal()
    """*Start timer* on this tab: the pane starts the Log tab's dose."""

    def __init__(
        self, services: Services, chime: Chime = QT_BEEP, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Hold timer"))
        self.services = services
        self.chime = chime
        self._timer: HoldTimer | None = None
        self._exercise_id = 0
        self._exercise_name = ""
        self._load = Load.bodyweight()
        self._effort_kind = EffortKind.RPE
        self._effort_value: int | None = None
        self._started_at: datetime | None = None
        self._result: tuple[SetEntry, ...] = ()
        self.holds_sounded = 0
        self._ticker = QTimer(self)
        self._ticker.setInterval(TICK_MS)
        self._ticker.timeout.connect(self.tick)
        self._build()
        self._show_idle()

    # --- layout -----------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        # The words name a button on this tab (issue 13): the dose comes from the Log tab.
        self.heading = QLabel(
            self.tr("Choose a timed-hold exercise on the Log tab, then press Start timer here.")
        )
        self.heading.setWordWrap(True)
        self.phase_label = QLabel("")
        self.phase_label.setFont(scaled_font(self.phase_label, 1.3, bold=True))
        self.phase_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.digits = QLabel("")
        self.digits.setFont(scaled_font(self.digits, 4.0, bold=True))
        self.digits.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.digits.setAccessibleName(self.tr("Seconds left"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setAccessibleName(self.tr("Progress through this phase"))
        self.position = QLabel("")
        self.position.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.next_label = small_text("")
        self.next_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for widget in (
            self.heading,
            self.phase_label,
            self.digits,
            self.progress,
            self.position,
            self.next_label,
        ):
            layout.addWidget(widget)
        layout.addLayout(self._build_buttons())
        # Space pauses while the timer runs; once it is done the shortcut is switched
        # off so Space presses the focused button (e.g. "Log these holds").
        self.space_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Space), self)
        self.space_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.space_shortcut.activated.connect(self.toggle_pause)
        layout.addWidget(self._build_result())
        self.saved_label = QLabel("")
        self.saved_label.setWordWrap(True)
        layout.addWidget(self.saved_label)
        layout.addStretch(1)

    def _build_buttons(self) -> QHBoxLayout:
        buttons = QHBoxLayout()
        self.start_button = QPushButton(self.tr("Start timer"))
        self.start_button.setAccessibleName(self.tr("Start the hold timer with the Log tab's dose"))
        self.start_button.clicked.connect(self.start_requested)
        buttons.addWidget(self.start_button)
        self.pause_button = QPushButton(self.tr("Pause (Space)"))
        self.pause_button.setAccessibleName(self.tr("Pause or resume the hold timer"))
        self.pause_button.clicked.connect(self.toggle_pause)
        self.skip_button = QPushButton(self.tr("Skip rest"))
        self.skip_button.setAccessibleName(self.tr("Skip the rest and start the next hold"))
        self.skip_button.clicked.connect(self.skip_rest)
        self.stop_button = QPushButton(self.tr("Stop early"))
        self.stop_button.setAccessibleName(self.tr("Stop the hold timer early"))
        self.stop_button.clicked.connect(self.stop_early)
        for button in (self.pause_button, self.skip_button, self.stop_button):
            buttons.addWidget(button)
        return buttons

    def _build_result(self) -> QWidget:
        """Confirmation: what was really held, then log it."""
        self.result_box = QWidget()
        result_layout = QVBoxLayout(self.result_box)
        result_layout.setContentsMargins(0, 0, 0, 0)
        self.result_label = QLabel("")
        self.result_label.setWordWrap(True)
        self.result_label.setAccessibleName(self.tr("What you held"))
        pain_row = QHBoxLayout()
        pain_row.addWidget(QLabel(self.tr("Pain during (0–10)")))
        self.pain = PainSpin(self.tr("Pain during the holds, 0 to 10"))
        pain_row.addWidget(self.pain)
        pain_row.addStretch(1)
        self.log_button = QPushButton(self.tr("Log these holds"))
        self.log_button.setAccessibleName(self.tr("Log these holds"))
        self.log_button.clicked.connect(self.log_holds)
        self.discard_button = QPushButton(self.tr("Discard"))
        self.discard_button.clicked.connect(self._show_idle)
        pain_row.addWidget(self.log_button)
        pain_row.addWidget(self.discard_button)
        self.error = error_label()
        result_layout.addWidget(self.result_label)
        result_layout.addLayout(pain_row)
        result_layout.addWidget(self.error)
        return self.result_box

    # --- driving ----------------------------------------------------------------------------
    @property
    def timer(self) -> HoldTimer | None:
        return self._timer

    @property
    def running(self) -> bool:
        return self._ticker.isActive()

    def start(
        self,
        exercise_id: int,
        plan: HoldPlan,
        load: Load | None = None,
        effort_kind: EffortKind = EffortKind.RPE,
        effort_value: int | None = None,
    ) -> None:
        """Start a plan; load and effort are logged with the holds."""
        info = self.services.exercises.exercise(exercise_id)
        self.space_shortcut.setEnabled(True)
        self._exercise_id = exercise_id
        self._exercise_name = info.name
        self._load = load or Load.bodyweight()
        self._effort_kind = effort_kind
        self._effort_value = effort_value
        self._started_at = self.services.clock.now()
        self._timer = HoldTimer(plan, self.services.clock)
        self.holds_sounded = 0
        if plan.holds == 1:
            heading = self.tr("{name}: {sets} × {seconds} s")
        else:
            heading = self.tr("{name}: {sets} × {holds} × {seconds} s")
        self.heading.setText(
            heading.format(name=info.name, sets=plan.sets, holds=plan.holds, seconds=plan.hold_s)
        )
        self.result_box.hide()
        self.saved_label.setText("")
        self.start_button.hide()
        for button in (self.pause_button, self.skip_button, self.stop_button):
            button.setEnabled(True)
        self._ticker.start()
        self._render()

    def tick(self) -> None:
        """Read the clock once and show the result (the QTimer and tests call this)."""
        if self._timer is None:
            return
        self._handle(self._timer.tick())

    def toggle_pause(self) -> None:
        """Space: pause if running, resume if paused."""
        timer = self._timer
        if timer is None or timer.done:
            return
        self._handle(timer.toggle_pause())
        if timer.paused:
            self._ticker.stop()
        else:
            self._ticker.start()
        self._render()

    def skip_rest(self) -> None:
        if self._timer is None or self._timer.done:
            return
        self._handle(self._timer.skip_rest())
        if not self._timer.done:
            self._ticker.start()

    def stop_early(self) -> None:
        if self._timer is None or self._timer.done:
            return
        self._handle(self._timer.stop_early())

    def _handle(self, events: list[Event]) -> None:
        for event in events:
            if isinstance(event, HoldCompleted) and event.complete:
                self.holds_sounded += 1
                if self.services.settings.value(HOLD_TIMER_SOUND):
                    self.chime.play()
            elif isinstance(event, Finished):
                self._ticker.stop()
                self._show_result(event.entries, event.stopped_early)
        self._render()

    # --- showing ----------------------------------------------------------------------------
    def _render(self) -> None:
        timer = self._timer
        if timer is None:
            return
        phase = timer.phase
        words = QCoreApplication.translate("HoldTimerWidget", PHASE_WORDS[phase])
        if timer.paused:
            words = self.tr("{phase} — paused").format(phase=words)
        self.phase_label.setText(words)
        self.digits.setText("" if phase is Phase.DONE else str(timer.remaining_seconds))
        self.progress.setValue(round(timer.phase_progress * 1000))
        coming = timer.current_label or ""
        if coming and phase is not Phase.HOLD:
            coming = self.tr("Next: {hold}").format(hold=coming)
        self.position.setText(coming)
        upcoming = timer.next_hold_label
        self.next_label.setText(self.tr("Next: {hold}").format(hold=upcoming) if upcoming else "")
        self.pause_button.setText(
            self.tr("Resume (Space)") if timer.paused else self.tr("Pause (Space)")
        )
        self.skip_button.setEnabled(phase in (Phase.REST, Phase.GET_READY))
        self.stop_button.setEnabled(phase is not Phase.DONE)
        self.pause_button.setEnabled(phase is not Phase.DONE)

    def _show_idle(self) -> None:
        self._ticker.stop()
        self._timer = None
        self._result = ()
        self.phase_label.setText("")
        self.digits.setText("")
        self.progress.setValue(0)
        self.position.setText("")
        self.next_label.setText("")
        self.result_box.hide()
        self.start_button.show()
        for button in (self.pause_button, self.skip_button, self.stop_button):
            button.setEnabled(False)

    def _show_result(self, entries: tuple[SetEntry, ...], stopped_early: bool) -> None:
        self._result = entries
        self.pain.setValue(-1)
        show_error(self.error, None)
        if not entries:
            self.result_label.setText(self.tr("Stopped before any hold was held: nothing to log."))
            self.log_button.setEnabled(False)
        else:
            held = dose_label(entries, self._load)
            total = sum(e.reps * (e.hold_seconds or 0) for e in entries)
            if stopped_early:
                sentence = self.tr("You held {dose} (stopped early) — {total} s in all. Log it?")
            else:
                sentence = self.tr("You held {dose} — {total} s in all. Log it?")
            self.result_label.setText(sentence.format(dose=held, total=total))
            self.log_button.setEnabled(True)
        self.log_button.setAutoDefault(True)
        self.space_shortcut.setEnabled(False)
        self.result_box.show()

    @property
    def result(self) -> tuple[SetEntry, ...]:
        """What was really held, as it will be logged."""
        return self._result

    def log_holds(self) -> None:
        """Save the holds as a session (source "timer"); warnings are shown, not blocking."""
        if not self._result or self._started_at is None:
            return
        draft = SessionDraft(
            exercise_id=self._exercise_id,
            performed_at=self._started_at,
            sets=self._result,
            load=self._load,
            effort_kind=self._effort_kind,
            effort_value=self._effort_value,
            pain_during=self.pain.pain(),
        )
        try:
            session_id, warnings = self.services.exercises.log_session(draft, source="timer")
        except ValidationError as error:
            show_error(self.error, error.message)
            return
        self._show_idle()
        self.heading.setText(self.tr("Logged {name}.").format(name=self._exercise_name))
        self.saved_label.setText("\n".join(warnings))
        self.logged.emit(session_id)
