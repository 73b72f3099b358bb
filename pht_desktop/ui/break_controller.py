"""Drives the break service from the app's tick timer and shows what it asks for (R1).

Cheap idling: the app's tick timer is single-shot and re-armed after each tick for as
long as :meth:`BreakController.seconds_until_due` allows — what the scheduler's
``next_wakeup_seconds`` asks for (1 s during a stand, 15 s while sitting, up to 60 s while
paused; the app caps it at 30 s) — so the idle source is read and the scheduler ticked
only when something can happen. Any state change or user action makes the next tick due at
once (the app then re-arms the timer within a second).

Never pause silently (issue 3, item 6): when do-not-disturb is on or a full-screen
window is in front, a prompt that may still wait is deferred (recorded) and the tray says
"stand when you can"; past the ceiling it is shown anyway.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from pht_desktop.domain.break_settings import PauseKind
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.scheduler import (
    AskWereYouUp,
    PromptDue,
    SchedulerState,
    StandStarted,
    nudge_due,
)
from pht_desktop.domain.setting_specs import NUDGE_EVERY_MIN
from pht_desktop.services.registry import Services
from pht_desktop.ui.durations import minutes_text
from pht_desktop.ui.ports import QT_BEEP, Chime, IdleSource, Notifications, QuietCheck
from pht_desktop.ui.sitting_words import minutes_to_next_stand, pause_choices, status_line
from pht_desktop.ui.tray import Tray

if TYPE_CHECKING:
    from pht_desktop.ui.prompt_window import PromptWindow
    from pht_desktop.ui.were_you_up import WereYouUpWindow

log = logging.getLogger(__name__)

#: Input newer than this means "the user is typing": the prompt refuses focus.
TYPING_S = 2.0
#: The optional heads-up notification comes this long before the prompt.
NOTIFY_BEFORE_S = 60.0
NOTIFY_KEY = "break-soon"
NUDGE_KEY = "break-nudge"


class BreakController(QObject):
    """Glue between the timer, the desktop (idle, DND) and the break windows.

    The adapters are handed in by the composition root (``app.py``), which also
    connects the sleep watcher to :meth:`on_sleep` / :meth:`on_resume`.
    """

    #: The user accepted the plan's standing hold offered during a stand (a BreakOffer).
    start_hold_requested = Signal(object)

    def __init__(
        self,
        services: Services,
        tray: Tray | None,
        *,
        idle_source: IdleSource,
        quiet_check: QuietCheck,
        notifier: Notifications,
        chime: Chime = QT_BEEP,
    ) -> None:
        super().__init__()
        self.services = services
        self.chime = chime
        self.breaks = services.breaks
        self.clock = services.clock
        self.tray = tray
        self.idle = idle_source
        self.quiet_check = quiet_check
        self._notifier = notifier
        self._notified = False
        self._due_mono = -math.inf
        self._last_idle: float | None = None
        self._stand_window_for_self = False
        self._tray_text = ""
        self._shown_mono: float | None = None
        self._last_nudge: float | None = None
        self._nudge_every_s = 0.0

        # The break windows are built the first time one is needed: most starts show
        # none for half an hour, and many sessions none at all (start-up time, memory).
        self._prompt: PromptWindow | None = None
        self._were_you_up: WereYouUpWindow | None = None

        self.breaks.prompt_due.connect(self._on_prompt_due)
        self.breaks.ask_were_you_up.connect(self._on_ask)
        self.breaks.stand_started.connect(self._on_stand_started)
        self.breaks.state_changed.connect(self._on_state)
        self.breaks.changed.connect(self._make_due)
        self._build_tray_menu()

    @property
    def prompt(self) -> PromptWindow:
        """The break prompt (and the stand window it turns into), built on first use."""
        if self._prompt is None:
            from pht_desktop.ui.prompt_window import PromptWindow

            prompt = PromptWindow(self.breaks.settings().snooze_min)
            prompt.stand_requested.connect(lambda: self._do(self.breaks.stand_now))
            prompt.snooze_requested.connect(lambda: self._do(self.breaks.snooze))
            prompt.skip_requested.connect(lambda r: self._do(lambda: self.breaks.skip(r)))
            prompt.dismissed.connect(lambda: self._do(self.breaks.dismiss))
            prompt.done_requested.connect(lambda: self._do(self.breaks.finish_stand))
            prompt.sit_early_requested.connect(lambda: self._do(self.breaks.sit_down_early))
            prompt.start_hold_requested.connect(self.start_hold_requested)
            self._prompt = prompt
        return self._prompt

    @property
    def were_you_up(self) -> WereYouUpWindow:
        """The "were you up?" question after an away gap, built on first use."""
        if self._were_you_up is None:
            from pht_desktop.ui.were_you_up import WereYouUpWindow

            window = WereYouUpWindow()
            window.answered.connect(lambda a: self._do(lambda: self.breaks.answer_were_you_up(a)))
            self._were_you_up = window
        return self._were_you_up

    def _prompt_asking(self) -> bool:
        return self._prompt is not None and self._prompt.asking

    def _prompt_standing(self) -> bool:
        return self._prompt is not None and self._prompt.standing

    def _question_shown(self) -> bool:
        return self._were_you_up is not None and self._were_you_up.isVisible()

    # --- the timer ---------------------------------------------------------------------

    def tick(self) -> None:
        """Called by the app's tick timer; real work only when due.

        The timer usually fires only when due; an early call (a user action re-armed it)
        costs a compare. Views refresh on the service's ``pulse``, sent on due ticks only.
        """
        now = self.clock.monotonic()
        if now < self._due_mono:
            return
        idle = self.idle.seconds_since_input()
        self._last_idle = idle
        self.breaks.tick(idle)
        wake = self.breaks.next_wakeup_seconds()
        status = self.breaks.status()
        to_prompt = status.seconds_to_next_prompt
        # The scheduler says when it next needs a tick; the only wake-up added here is
        # the optional heads-up notification's, a presentation choice (ui_options).
        if self._wants_heads_up() and to_prompt is not None and not self._notified:
            if to_prompt <= NOTIFY_BEFORE_S and status.state is SchedulerState.SITTING:
                self._heads_up(to_prompt)
            elif to_prompt > NOTIFY_BEFORE_S:
                wake = min(wake, to_prompt - NOTIFY_BEFORE_S)
        self._due_mono = now + max(1.0, wake) - 0.05
        if not self._typing():
            for window in (self._prompt, self._were_you_up):
                if window is not None and window.isVisible():
                    window.set_typing(False)
        if self._prompt_asking():
            self._while_asking(now, idle, status.bout_seconds)
        if self._prompt_standing():
            self._refresh_stand()
        self._update_tray()
        self.breaks.announce_pulse()

    # --- what the service asks for --------------------------------------------------------

    def _on_prompt_due(self, due: PromptDue) -> None:
        reason = self.quiet_check() if due.may_defer else None
        if reason:
            try:
                self.breaks.defer(reason)
            except ValidationError as error:
                log.info("could not defer the prompt (%s); showing it", error)
            else:
                self._update_tray()
                return
        self._close_heads_up()
        options = self.breaks.ui_options()
        self.prompt.show_prompt(due, self._typing(), self.breaks.settings().snooze_min)
        self._shown_mono, self._last_nudge = self.clock.monotonic(), None
        self._nudge_every_s = 60.0 * self.services.settings.value(NUDGE_EVERY_MIN)
        if options.sound:
            self.chime.play()

    def _on_ask(self, event: AskWereYouUp) -> None:
        self.were_you_up.ask(event, self._typing())

    def _on_stand_started(self, event: StandStarted) -> None:
        if event.source == "prompted" or self._stand_window_for_self:
            # Issue 11: the offer comes from today's plan and fits this break's length.
            self.prompt.set_hold_offer(self.services.plan.break_offer(int(event.planned_seconds)))
            self.prompt.show_stand(event.planned_seconds, self._typing())
        self._stand_window_for_self = False

    def _on_state(self, value: str) -> None:
        """State-driven windows: whatever the scheduler moved on from is closed."""
        state = SchedulerState(value)
        if state is not SchedulerState.PROMPTING and self._prompt_asking():
            self.prompt.close_quietly()
        if state is not SchedulerState.STANDING and self._prompt_standing():
            self.prompt.close_quietly()
        if state is not SchedulerState.ASKING_WERE_YOU_UP and self._question_shown():
            self.were_you_up.close_quietly()
        if state not in (SchedulerState.SITTING, SchedulerState.SNOOZED):
            self._notified = False
        self._make_due()
        self._update_tray_actions(state)
        self._update_tray()

    def on_sleep(self) -> None:
        """The machine is about to sleep (the platform's sleep watcher says so)."""
        self.breaks.on_sleep()
        self._make_due()

    def on_resume(self) -> None:
        """The machine woke up."""
        self.breaks.on_resume()
        self._make_due()

    # --- user actions from the tray --------------------------------------------------------

    def stand_from_tray(self) -> None:
        """I'm standing, from the tray: open the countdown window (there is no card)."""
        self._stand_window_for_self = True
        self._do(self.breaks.stand_now)
        self._stand_window_for_self = False

    def pause(self, kind: PauseKind) -> None:
        self._do(lambda: self.breaks.pause(kind))

    def resume(self) -> None:
        self._do(self.breaks.resume)

    def _do(self, action: Callable[[], None]) -> None:
        """Run a user action; a refusal (the state moved on) is logged, never raised."""
        try:
            action()
        except ValidationError as error:
            log.info("break action refused: %s", error)
            self._on_state(self.breaks.status().state.value)
        self._make_due()

    # --- tray ------------------------------------------------------------------------------

    def _build_tray_menu(self) -> None:
        self.stand_action = QAction(self.tr("I'm standing"))
        self.stand_action.triggered.connect(self.stand_from_tray)
        self.pause_menu = QMenu(self.tr("Pause reminders"))
        self.pause_actions: dict[PauseKind, QAction] = {}
        for kind, label in pause_choices():
            action = self.pause_menu.addAction(label)
            action.triggered.connect(lambda _=False, k=kind: self.pause(k))
            self.pause_actions[kind] = action
        self.resume_action = QAction(self.tr("Resume reminders"))
        self.resume_action.triggered.connect(self.resume)
        self.resume_action.setEnabled(False)
        tray = self.tray
        if tray is None:
            return
        for action in (self.stand_action, self.pause_menu.menuAction(), self.resume_action):
            action.setParent(tray.menu)
            tray.menu.insertAction(tray.feature_anchor, action)

    def _update_tray_actions(self, state: SchedulerState) -> None:
        self.stand_action.setEnabled(
            state
            in (
                SchedulerState.SITTING,
                SchedulerState.SNOOZED,
                SchedulerState.PROMPTING,
                SchedulerState.DEFERRED,
            )
        )
        self.resume_action.setEnabled(state is SchedulerState.PAUSED)
        self.pause_menu.setEnabled(state is not SchedulerState.STOPPED)

    def _update_tray(self) -> None:
        """Tooltip and status line; set only when the words change (minute resolution)."""
        if self.tray is None:
            return
        status = self.breaks.status()
        text = status_line(status)
        if text != self._tray_text:
            self._tray_text = text
            self.tray.set_status(text)
        self.tray.set_attention(status.state is SchedulerState.DEFERRED)
        self.tray.set_countdown(minutes_to_next_stand(status))

    # --- helpers ---------------------------------------------------------------------------

    def _refresh_stand(self) -> None:
        remaining = self.breaks.status().stand_remaining
        if remaining is not None:
            self.prompt.update_stand(remaining)

    def _typing(self) -> bool:
        idle = self._last_idle
        return idle is not None and idle < TYPING_S

    def _make_due(self) -> None:
        self._due_mono = -math.inf

    def seconds_until_due(self) -> float:
        """How long the app's timer may sleep before this controller has work."""
        return max(0.0, self._due_mono - self.clock.monotonic())

    def _wants_heads_up(self) -> bool:
        return self.breaks.ui_options().notify_before

    def _heads_up(self, seconds: float) -> None:
        self._notified = True
        self._notifier.notify(
            self.tr("Stand up in a minute"),
            self.tr(
                "A standing break is due in about {seconds} s. Finish your sentence, then stand."
            ).format(seconds=max(1, round(seconds))),
            NOTIFY_KEY,
        )

    def _while_asking(self, now: float, idle: float | None, bout_seconds: float) -> None:
        """The prompt on screen: its bout stays current, and it is nudged again while
        unanswered (the domain's :func:`nudge_due` decides when; never a burst)."""
        self.prompt.update_bout(bout_seconds)
        if self._shown_mono is None:
            return
        away_after = self.breaks.settings().break_s
        if nudge_due(
            self._shown_mono, self._last_nudge, now, self._nudge_every_s, idle, away_after
        ):
            self._last_nudge = now
            self._notifier.notify(
                self.tr("Still sitting"),
                self.tr("You've been sitting {duration}. Stand for a few minutes.").format(
                    duration=minutes_text(bout_seconds)
                ),
                NUDGE_KEY,
            )
            if self.breaks.ui_options().sound:
                self.chime.play()

    def _close_heads_up(self) -> None:
        self._notifier.close(NOTIFY_KEY)
