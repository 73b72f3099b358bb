"""The break scheduler's engine: state, stepping with the clocks, absences, sleep and
the records they open and close (R1.2, R1.3)."""

from __future__ import annotations

from datetime import datetime, timedelta

from pht_desktop.domain.break_settings import BreakSettings
from pht_desktop.domain.scheduler.effects import (
    AskWereYouUp,
    AwayResolved,
    AwayStarted,
    BoutEnded,
    BoutStarted,
    Effect,
    PauseEnded,
    PromptDue,
    SleepDetected,
    StandEnded,
)
from pht_desktop.domain.scheduler.parts import (
    Away,
    Bout,
    Pause,
    Prompt,
    Stand,
)
from pht_desktop.domain.scheduler.states import (
    PROMPT_STATES,
    RESUME_EPS_S,
    SLEEP_GAP_S,
    WATCH_IDLE,
    BoutEndReason,
    PromptResponse,
    Reading,
    SchedulerError,
    SchedulerState,
    utc_seconds,
)


class SchedulerEngine:
    """The machine's inside: its state, how time moves it, and the records it keeps.

    :class:`~pht_desktop.domain.scheduler.machine.BreakScheduler` adds what the service
    calls (views, clock feeding, actions) on top.
    """

    def __init__(self, settings: BreakSettings, reading: Reading) -> None:
        self._settings = settings
        self._state = SchedulerState.SITTING
        self._last = reading
        self._mono = reading.monotonic
        self._slept_s = 0.0
        self._asleep: Reading | None = None
        self._bout: Bout | None = None
        self._prompt: Prompt | None = None
        self._stand: Stand | None = None
        self._away: Away | None = None
        self._pause: Pause | None = None
        self._carry_s = 0.0
        self._due_base_s = 0.0
        self._due_is_snooze = False
        self._snoozes = 0
        self._pending: list[Effect] = []
        self._fresh_start(reading, reset=True)

    @property
    def can_snooze(self) -> bool:
        """After ``max_snoozes_in_row`` snoozes only Stand or Skip remain."""
        return self._snoozes < self._settings.max_snoozes_in_row

    # --- the engine ------------------------------------------------------------------

    def _advance(self, reading: Reading, force: bool = False) -> None:
        """Bring the machine up to ``reading`` (shared by ticks and actions)."""
        if self._state is SchedulerState.STOPPED:
            return
        last = self._last
        mono = max(reading.monotonic, self._mono)  # monotonic never goes back for us
        d_mono = mono - self._mono
        d_wall = utc_seconds(last.wall, reading.wall)
        if reading == last and not force:
            return
        self._last = reading
        if self._asleep is not None:
            asleep, self._asleep = self._asleep, None
            gap = max(0.0, utc_seconds(asleep.wall, reading.wall), d_mono)
            self._slept_s += max(0.0, d_wall - d_mono)
            self._mono = mono
            self._wake(asleep, reading, gap)
            self._step(reading, prompts_allowed=False)  # no burst on the wake itself
            return
        if d_wall - d_mono > SLEEP_GAP_S:
            self._go_to_sleep(last)
            self._slept_s += d_wall - d_mono
            self._mono = mono
            self._wake(last, reading, d_wall - d_mono)
            self._step(reading, prompts_allowed=False)
            return
        self._mono = mono
        self._step(reading)

    def _step(self, reading: Reading, prompts_allowed: bool = True) -> None:
        """One look at the state once the clocks have moved: each state's rule, in order."""
        if self._state is SchedulerState.PAUSED:
            self._step_paused(reading)
            return
        if not self._step_hours(reading):
            return
        if self._state is SchedulerState.STANDING:
            self._step_standing(reading)
            return
        if self._step_absence(reading) or not prompts_allowed:
            return
        self._step_prompt(reading)

    def _step_paused(self, reading: Reading) -> None:
        """A pause ends by elapsed time (sleep counted) or at its wall-clock end."""
        pause = self._pause
        assert pause is not None
        by_time = (
            pause.until_elapsed is not None and self._mono + self._slept_s >= pause.until_elapsed
        )
        if by_time or reading.wall >= pause.until_wall:
            self._end_pause(reading, automatic=True)

    def _step_hours(self, reading: Reading) -> bool:
        """Working hours begin or end (R1.1); True while inside them and already counting."""
        inside = self._settings.in_working_hours(reading.wall)
        if self._state is SchedulerState.OUTSIDE_HOURS:
            if inside:
                self._begin_bout(self._mono, reading, reset=True)
            return False
        if not inside:
            self._close_all(self._mono, reading, "outside_hours")
            self._state = SchedulerState.OUTSIDE_HOURS
            return False
        return True

    def _step_standing(self, reading: Reading) -> None:
        """A stand ends at its planned length; a new bout starts there."""
        end = self._stand_end_mono()
        if self._mono >= end:
            self._end_stand(end)
            self._begin_bout(end, reading, reset=True)

    def _step_absence(self, reading: Reading) -> bool:
        """Idle long enough, away, or asking "were you up?": True when this step was theirs."""
        mono = self._mono
        idle = reading.idle_seconds
        if self._state in WATCH_IDLE and idle is not None and idle >= self._settings.break_s:
            self._start_away(mono - idle, reading)
            return True
        if self._state is SchedulerState.AWAY:
            self._check_back(reading)
            return True
        if self._state is SchedulerState.ASKING_WERE_YOU_UP:
            away = self._away
            assert away is not None
            assert away.asked_mono is not None
            if mono - away.asked_mono >= self._settings.were_you_up_timeout_s:
                self._away_unknown(reading)
            return True
        return False

    def _step_prompt(self, reading: Reading) -> None:
        """A deferred prompt comes back at its retry time; a bout prompts when due."""
        mono = self._mono
        if self._state is SchedulerState.DEFERRED:
            prompt = self._prompt
            assert prompt is not None
            assert prompt.retry_mono is not None
            if mono >= prompt.retry_mono:
                self._state = SchedulerState.PROMPTING
                self._emit_prompt_due(reading)
            return
        if self._state in (SchedulerState.SITTING, SchedulerState.SNOOZED):
            clock = self._clock_s(mono)
            if clock >= self._due_s():
                self._prompt = Prompt(mono, reading.wall, clock, self._snoozes)
                self._state = SchedulerState.PROMPTING
                self._emit_prompt_due(reading)

    def _emit_prompt_due(self, reading: Reading) -> None:
        prompt = self._prompt
        assert prompt is not None
        may_defer = self._mono < prompt.fired_mono + self._settings.defer_ceiling_s
        self._pending.append(
            PromptDue(
                reading.wall,
                prompt.fired_wall,
                prompt.bout_seconds,
                self._snoozes,
                self.can_snooze,
                prompt.deferrals,
                may_defer,
            )
        )

    # --- absences ---------------------------------------------------------------------

    def _start_away(self, since_mono: float, reading: Reading) -> None:
        """Input stopped at ``since_mono``: suspend the bout there, close any prompt."""
        prompt_cut = self._state in PROMPT_STATES
        if prompt_cut:
            self._answer("no_answer", reading)
            self._wait_full_interval()
        floor = self._bout.start_mono if self._bout is not None else self._mono
        start = min(max(since_mono, floor), self._mono)
        if self._bout is not None:
            self._bout.suspended_mono = start
        wall = self._wall_at(start, reading)
        self._away = Away(start, wall, prompt_cut=prompt_cut)
        self._state = SchedulerState.AWAY
        self._pending.append(AwayStarted(wall))

    def _check_back(self, reading: Reading) -> None:
        away = self._away
        assert away is not None
        idle = reading.idle_seconds
        back = self._mono if idle is None else self._mono - idle
        if back <= away.start_mono + RESUME_EPS_S:
            return
        away.back_mono = back
        away.back_wall = self._wall_at(back, reading)
        away.asked_mono = self._mono
        self._state = SchedulerState.ASKING_WERE_YOU_UP
        timeout = float(self._settings.were_you_up_timeout_s)
        away_s = back - away.start_mono
        self._pending.append(AskWereYouUp(away.start_wall, away.back_wall, away_s, timeout))

    def _away_unknown(self, reading: Reading) -> None:
        """No answer in time: close the bout as 'away_unknown' (R1.2: a break only if the
        setting says so and the absence was long enough)."""
        away = self._away
        assert away is not None
        assert away.back_mono is not None
        away_s = max(0.0, away.back_mono - away.start_mono)
        long_enough = away_s >= self._settings.break_s
        counted = self._settings.away_unknown_counts_as_break and long_enough
        self._pending.append(AwayResolved("unknown", away_s, counted))
        self._away = None
        if self._bout is not None:
            self._end_bout(away.start_mono, "away_unknown")
        snoozed = self._due_is_snooze
        # R1.2: idle at least a break long restarts the sitting clock, even unanswered;
        # whether it also counts as a *break* in the figures is the user's setting.
        self._begin_bout(away.back_mono, reading, reset=long_enough)
        if not long_enough and snoozed:
            self._state = SchedulerState.SNOOZED

    # --- sleep --------------------------------------------------------------------------

    def _go_to_sleep(self, at: Reading) -> None:
        """Close what is open at ``at`` (the last reading before the gap)."""
        if self._state in (SchedulerState.PAUSED, SchedulerState.OUTSIDE_HOURS):
            return
        self._close_all(self._mono, at, "sleep")
        self._state = SchedulerState.SITTING  # no bout until the wake

    def _wake(self, slept: Reading, reading: Reading, gap: float) -> None:
        """Start afresh after sleep: one prompt at most, after a full interval if the
        sleep was at least a break long (R1.2), else the earlier sitting carries on."""
        self._pending.append(SleepDetected(slept.wall, reading.wall, gap))
        if self._state in (SchedulerState.PAUSED, SchedulerState.OUTSIDE_HOURS):
            return
        self._fresh_start(reading, reset=gap >= self._settings.break_s)

    # --- records ----------------------------------------------------------------------

    def _fresh_start(self, reading: Reading, reset: bool) -> None:
        if self._settings.in_working_hours(reading.wall):
            self._begin_bout(self._mono, reading, reset=reset)
        else:
            self._state = SchedulerState.OUTSIDE_HOURS

    def _begin_bout(self, start_mono: float, reading: Reading, reset: bool) -> None:
        if reset:
            self._reset_clock()
        start_mono = min(start_mono, self._mono)
        self._bout = Bout(start_mono, self._wall_at(start_mono, reading))
        self._state = SchedulerState.SITTING
        self._pending.append(BoutStarted(self._bout.start_wall))

    def _end_bout(self, end_mono: float, reason: BoutEndReason) -> None:
        bout = self._bout
        assert bout is not None
        stop = end_mono if bout.suspended_mono is None else min(end_mono, bout.suspended_mono)
        sat = max(0.0, stop - bout.start_mono)
        self._carry_s += sat
        self._bout = None
        ended = bout.start_wall + timedelta(seconds=sat)
        self._pending.append(BoutEnded(bout.start_wall, ended, sat, reason))

    def _end_stand(self, end_mono: float) -> None:
        stand = self._stand
        assert stand is not None
        seconds = max(0.0, min(end_mono, stand.start_mono + stand.planned_s) - stand.start_mono)
        ended_at = stand.start_wall + timedelta(seconds=seconds)
        early = seconds < stand.planned_s
        self._pending.append(StandEnded(stand.source, stand.start_wall, ended_at, seconds, early))
        if stand.prompt is not None:
            self._pending.append(stand.prompt.answered("stood", stand.start_wall, seconds))
        self._stand = None

    def _answer(
        self, response: PromptResponse, reading: Reading, reason: str | None = None
    ) -> None:
        assert self._prompt is not None
        self._pending.append(self._prompt.answered(response, reading.wall, 0.0, reason))
        self._prompt = None

    def _close_all(
        self,
        mono: float,
        at: Reading,
        reason: BoutEndReason,
        prompt_response: PromptResponse = "no_answer",
    ) -> None:
        """Close the open prompt, stand, absence and bout at ``mono`` with ``reason``."""
        if self._state in PROMPT_STATES and self._prompt is not None:
            skip_reason = reason if prompt_response == "skipped" else None
            self._answer(prompt_response, at, skip_reason)
        self._prompt = None
        if self._stand is not None:
            self._end_stand(mono)
        if self._away is not None:
            away = self._away
            back = away.back_mono if away.back_mono is not None else mono
            self._pending.append(AwayResolved("unknown", max(0.0, back - away.start_mono), False))
            self._away = None
        if self._bout is not None:
            self._end_bout(mono, reason)

    def _end_pause(self, reading: Reading, automatic: bool) -> None:
        """R1.2: a pause is no stand. Pausing and resuming at once must not restart the
        sitting clock or hand back the snoozes; a pause at least a break long may have
        been spent standing, so it restarts the clock like an absence would."""
        pause = self._pause
        assert pause is not None
        paused_s = self._mono + self._slept_s - pause.started_elapsed
        self._pause = None
        self._pending.append(PauseEnded(reading.wall, automatic))
        self._fresh_start(reading, reset=paused_s >= self._settings.break_s)
        if self._state is SchedulerState.SITTING:
            self._step(reading)

    # --- small helpers ----------------------------------------------------------------

    def _clock_s(self, mono: float) -> float:
        """The R1.2 sitting clock: carried sitting plus the open bout's sitting."""
        bout = self._bout
        if bout is None:
            return self._carry_s
        stop = mono if bout.suspended_mono is None else min(mono, bout.suspended_mono)
        return self._carry_s + max(0.0, stop - bout.start_mono)

    def _reset_clock(self) -> None:
        """R1.2: only a real stand (or a long enough absence) gets here."""
        self._carry_s = 0.0
        self._due_base_s = 0.0
        self._due_is_snooze = False
        self._snoozes = 0

    def _due_s(self) -> float:
        step = self._settings.snooze_s if self._due_is_snooze else self._settings.interval_s
        return self._due_base_s + step

    def _wait_full_interval(self) -> None:
        self._snoozes = 0
        self._due_base_s = self._clock_s(self._mono)
        self._due_is_snooze = False
        self._state = SchedulerState.SITTING

    def _stand_end_mono(self) -> float:
        assert self._stand is not None
        return self._stand.start_mono + self._stand.planned_s

    def _wall_at(self, mono: float, reading: Reading) -> datetime:
        """Wall time of an earlier monotonic instant, derived from ``reading``."""
        return reading.wall - timedelta(seconds=max(0.0, self._mono - mono))

    def _now_mono(self, reading: Reading) -> float:
        return max(reading.monotonic, self._mono)

    def _require(self, states: tuple[SchedulerState, ...], message: str) -> None:
        self._require_running()
        if self._state not in states:
            raise SchedulerError(message)

    def _require_running(self) -> None:
        if self._state is SchedulerState.STOPPED:
            raise SchedulerError("Break reminders have stopped.")

    def _flush(self) -> list[Effect]:
        out, self._pending = self._pending, []
        return out
