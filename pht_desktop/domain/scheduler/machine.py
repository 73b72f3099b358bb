"""The break scheduler the service drives: read-only views, clock feeding and the
user's actions; every call returns the effects it caused (R1)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Literal

from pht_desktop.domain.break_settings import BreakSettings, PauseKind
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.scheduler.effects import (
    AwayResolved,
    Effect,
    PauseStarted,
    PromptDeferred,
    StandEnded,
    StandStarted,
)
from pht_desktop.domain.scheduler.engine import SchedulerEngine
from pht_desktop.domain.scheduler.parts import (
    Pause,
    Stand,
)
from pht_desktop.domain.scheduler.states import (
    DEFER_RETRY_S,
    IDLE_WAKE_S,
    MIN_WAKE_S,
    PROMPT_STATES,
    SITTING_WAKE_S,
    WATCH_WAKE_S,
    AwayAnswer,
    Reading,
    SchedulerError,
    SchedulerState,
    WereYouUp,
    utc_seconds,
)
from pht_desktop.domain.validation import short_text


class BreakScheduler(SchedulerEngine):
    """R1 sitting-break state machine. Every public call returns the effects it caused.

    Effects that arise while an action is refused (the clocks moved first) are kept and
    returned by the next call, so nothing is lost. The startup effects (the first
    :class:`BoutStarted`) come with the first call.
    """

    # --- read-only views for the UI ----------------------------------------------

    @property
    def state(self) -> SchedulerState:
        return self._state

    @property
    def settings(self) -> BreakSettings:
        return self._settings

    @property
    def snoozes_in_row(self) -> int:
        return self._snoozes

    @property
    def pause_until(self) -> datetime | None:
        return (
            self._pause.until_wall if self._state is SchedulerState.PAUSED and self._pause else None
        )

    def current_bout_seconds(self, reading: Reading) -> float:
        """Continuous sitting so far (the R1.2 sitting clock), 0 when not tracking."""
        if self._state in (
            SchedulerState.STANDING,
            SchedulerState.PAUSED,
            SchedulerState.OUTSIDE_HOURS,
            SchedulerState.STOPPED,
        ):
            return 0.0
        return self._clock_s(self._now_mono(reading))

    def seconds_to_next_prompt(self, reading: Reading) -> float | None:
        """Countdown for the tray; None when no prompt is scheduled (paused, away...)."""
        mono = self._now_mono(reading)
        if self._state in (SchedulerState.SITTING, SchedulerState.SNOOZED):
            return max(0.0, self._due_s() - self._clock_s(mono))
        if self._state is SchedulerState.PROMPTING:
            return 0.0
        if self._state is SchedulerState.DEFERRED and self._prompt is not None:
            return max(0.0, (self._prompt.retry_mono or mono) - mono)
        return None

    def stand_remaining_seconds(self, reading: Reading) -> float | None:
        if self._state is not SchedulerState.STANDING or self._stand is None:
            return None
        elapsed = self._now_mono(reading) - self._stand.start_mono
        return max(0.0, self._stand.planned_s - elapsed)

    def next_wakeup_seconds(self, reading: Reading) -> float:
        """How long the service may wait before the next tick (1 s to 60 s)."""
        mono = self._now_mono(reading)
        cap = {
            SchedulerState.STANDING: MIN_WAKE_S,
            SchedulerState.PROMPTING: WATCH_WAKE_S,
            SchedulerState.AWAY: WATCH_WAKE_S,
            SchedulerState.DEFERRED: MIN_WAKE_S,
            SchedulerState.ASKING_WERE_YOU_UP: MIN_WAKE_S,
            SchedulerState.PAUSED: IDLE_WAKE_S,
            SchedulerState.OUTSIDE_HOURS: IDLE_WAKE_S,
            SchedulerState.STOPPED: IDLE_WAKE_S,
        }.get(self._state, SITTING_WAKE_S)
        candidates = [cap]
        to_prompt = self.seconds_to_next_prompt(reading)
        if to_prompt is not None and self._state is not SchedulerState.PROMPTING:
            candidates.append(to_prompt)
        stand_left = self.stand_remaining_seconds(reading)
        if stand_left is not None:
            candidates.append(stand_left)
        if self._state is SchedulerState.ASKING_WERE_YOU_UP and self._away is not None:
            asked = self._away.asked_mono if self._away.asked_mono is not None else mono
            candidates.append(asked + self._settings.were_you_up_timeout_s - mono)
        if self._state is SchedulerState.PAUSED and self._pause is not None:
            if self._pause.until_elapsed is not None:
                candidates.append(self._pause.until_elapsed - (mono + self._slept_s))
            candidates.append(utc_seconds(reading.wall, self._pause.until_wall))
        if self._state is SchedulerState.OUTSIDE_HOURS:
            change = self._settings.seconds_until_hours_change(reading.wall)
            if change is not None:
                candidates.append(change)
        return min(max(min(candidates), MIN_WAKE_S), cap)

    def restore_prompt_chain(
        self, snoozes_in_row: int, due_base_s: float, after_snooze: bool
    ) -> None:
        """A restart that continues the bout (the service's restart rule) also continues
        where its prompts were: snoozes already used stay used (R1.2's two-snooze limit),
        and the next prompt is due from where the last one left off."""
        if self._state not in (SchedulerState.SITTING, SchedulerState.SNOOZED):
            return
        self._snoozes = min(max(0, snoozes_in_row), self._settings.max_snoozes_in_row)
        self._due_base_s = max(0.0, due_base_s)
        self._due_is_snooze = after_snooze
        self._state = SchedulerState.SNOOZED if after_snooze else SchedulerState.SITTING

    # --- clock feeding -------------------------------------------------------------

    def tick(self, reading: Reading) -> list[Effect]:
        """Advance to ``reading``; at most one :class:`PromptDue` per call."""
        self._advance(reading)
        return self._flush()

    def on_sleep(self, reading: Reading) -> list[Effect]:
        """The OS says the machine is about to sleep: close everything now."""
        self._advance(reading)
        if self._asleep is None and self._state is not SchedulerState.STOPPED:
            self._go_to_sleep(reading)
            self._asleep = reading
        return self._flush()

    def on_resume(self, reading: Reading) -> list[Effect]:
        """The OS says the machine woke up (a tick after a gap does the same)."""
        self._advance(reading)
        return self._flush()

    # --- user actions ----------------------------------------------------------------

    def stand_now(self, reading: Reading) -> list[Effect]:
        """Start a stand countdown; answers an open prompt, or is self-started."""
        self._advance(reading)
        allowed = (*PROMPT_STATES, SchedulerState.SITTING, SchedulerState.SNOOZED)
        self._require(allowed, "There is nothing to stand up from right now.")
        mono, wall = self._mono, reading.wall
        prompt = self._prompt if self._state in PROMPT_STATES else None
        self._prompt = None
        if self._bout is not None:
            self._end_bout(mono, "stood")
        self._reset_clock()
        source: Literal["prompted", "self_started"] = "prompted" if prompt else "self_started"
        self._stand = Stand(source, mono, wall, self._settings.break_s, prompt)
        self._state = SchedulerState.STANDING
        self._pending.append(StandStarted(source, wall, self._settings.break_s))
        return self._flush()

    def finish_stand(self, reading: Reading) -> list[Effect]:
        """The user sat down: record the seconds stood; the sitting clock restarts (R1.2)."""
        self._advance(reading)
        self._require((SchedulerState.STANDING,), "No stand is running.")
        self._end_stand(min(self._mono, self._stand_end_mono()))
        self._begin_bout(self._mono, reading, reset=True)
        return self._flush()

    def sit_down_early(self, reading: Reading) -> list[Effect]:
        """Same as :meth:`finish_stand`; the record says ``ended_early``."""
        return self.finish_stand(reading)

    def snooze(self, reading: Reading) -> list[Effect]:
        """Ask again after ``snooze_min``; the bout keeps growing (R1.2)."""
        self._advance(reading)
        self._require(PROMPT_STATES, "There is no prompt to snooze.")
        if not self.can_snooze:
            raise SchedulerError(
                f"You have snoozed {self._snoozes} times in a row; "
                "please stand up now or skip this break."
            )
        self._answer("snoozed", reading)
        self._snoozes += 1
        self._due_base_s = self._clock_s(self._mono)
        self._due_is_snooze = True
        self._state = SchedulerState.SNOOZED
        return self._flush()

    def skip(self, reading: Reading, reason: str | None = None) -> list[Effect]:
        """Skip this break: the next prompt comes after another full interval of sitting."""
        self._advance(reading)
        self._require(PROMPT_STATES, "There is no prompt to skip.")
        text = short_text(reason, "skip_reason", "The reason", max_length=200) or None
        self._answer("skipped", reading, text)
        self._wait_full_interval()
        return self._flush()

    def dismiss(self, reading: Reading) -> list[Effect]:
        """The prompt was closed without an answer: recorded as no answer, timed as a skip
        (so closing the window cannot get round the snooze limit)."""
        self._advance(reading)
        self._require(PROMPT_STATES, "There is no prompt to close.")
        self._answer("no_answer", reading)
        self._wait_full_interval()
        return self._flush()

    def defer(self, reading: Reading, reason: str) -> list[Effect]:
        """Hold a due prompt back (do-not-disturb, full screen) but never past the ceiling."""
        self._advance(reading)
        self._require((SchedulerState.PROMPTING,), "There is no prompt waiting to be shown.")
        prompt = self._prompt
        assert prompt is not None
        ceiling = prompt.fired_mono + self._settings.defer_ceiling_s
        if self._mono >= ceiling:
            raise SchedulerError("This prompt has waited long enough and must be shown now.")
        text = short_text(reason, "defer_reason", "The reason", max_length=100, required=True)
        prompt.deferrals += 1
        prompt.retry_mono = min(self._mono + DEFER_RETRY_S, ceiling)
        self._state = SchedulerState.DEFERRED
        show_by = reading.wall + timedelta(seconds=ceiling - self._mono)
        self._pending.append(PromptDeferred(text, reading.wall, prompt.deferrals, show_by))
        return self._flush()

    def answer_were_you_up(self, reading: Reading, answer: WereYouUp | str) -> list[Effect]:
        """Settle an absence: ``stood`` is a stand (R1.2); sitting answers keep the bout."""
        self._advance(reading)
        self._require((SchedulerState.ASKING_WERE_YOU_UP,), "That question has expired.")
        try:
            choice = WereYouUp(answer)
        except ValueError:
            raise ValidationError(
                "answer", "Please answer: I stood, I sat elsewhere, or I sat here."
            ) from None
        away = self._away
        assert away is not None
        assert away.back_mono is not None
        assert away.back_wall is not None
        away_s = max(0.0, away.back_mono - away.start_mono)
        self._away = None
        if choice is WereYouUp.STOOD:
            self._pending.append(AwayResolved("stood", away_s, counted_as_break=True))
            self._pending.append(
                StandEnded("idle_confirmed", away.start_wall, away.back_wall, away_s, False)
            )
            if self._bout is not None:
                self._end_bout(away.start_mono, "idle_stood")
            self._begin_bout(away.back_mono, reading, reset=True)
        else:
            said: AwayAnswer = "sat_here" if choice is WereYouUp.SAT_HERE else "sat_elsewhere"
            self._pending.append(AwayResolved(said, away_s, counted_as_break=False))
            if self._bout is not None:
                self._bout.suspended_mono = None  # the absence was sitting, too
            self._state = SchedulerState.SNOOZED if self._due_is_snooze else SchedulerState.SITTING
            if away.prompt_cut:
                # The absence cut short a prompt that was due and it was sitting after
                # all: the stand is still owed, so ask again now, not a full interval on.
                self._due_base_s = max(0.0, self._clock_s(self._mono) - self._settings.interval_s)
                self._due_is_snooze = False
                self._state = SchedulerState.SITTING
                self._step(reading)
        return self._flush()

    def pause(self, reading: Reading, kind: PauseKind | str) -> list[Effect]:
        """Pause prompts for 30 min, 1 h or until local midnight; resumes by itself."""
        self._advance(reading)
        self._require_running()
        try:
            pause_kind = PauseKind(kind)
        except ValueError:
            raise ValidationError(
                "pause", "Pause for 30 minutes, 1 hour or until tomorrow."
            ) from None
        if self._state is not SchedulerState.PAUSED:
            self._close_all(self._mono, reading, "paused", prompt_response="skipped")
        duration = pause_kind.duration_s
        until_elapsed = None if duration is None else self._mono + self._slept_s + duration
        self._pause = Pause(
            pause_kind,
            pause_kind.ends_at(reading.wall),
            until_elapsed,
            started_elapsed=self._mono + self._slept_s,
        )
        self._state = SchedulerState.PAUSED
        self._pending.append(PauseStarted(pause_kind, reading.wall, self._pause.until_wall))
        return self._flush()

    def resume(self, reading: Reading) -> list[Effect]:
        """End a pause early; the sitting clock carries on unless the pause lasted a break."""
        self._advance(reading)
        self._require((SchedulerState.PAUSED,), "Break reminders are not paused.")
        self._end_pause(reading, automatic=False)
        return self._flush()

    def update_settings(self, reading: Reading, settings: BreakSettings) -> list[Effect]:
        """Apply new settings now; a running stand keeps its planned length."""
        self._advance(reading)
        self._settings = settings
        self._advance(reading, force=True)
        return self._flush()

    def quit(self, reading: Reading) -> list[Effect]:
        """The app is closing: close every open record ('quit'); the scheduler stops."""
        self._advance(reading)
        if self._state is not SchedulerState.STOPPED:
            self._close_all(self._mono, reading, "quit")
            self._pause = None
            self._state = SchedulerState.STOPPED
        return self._flush()
