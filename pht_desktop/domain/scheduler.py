"""The sitting-break scheduler: a pure state machine fed with clock readings (R1).

Nothing here waits or owns a timer. The service layer calls :meth:`BreakScheduler.tick`
with a :class:`Reading` (monotonic time, aware local wall time, seconds since the last
user input) when :meth:`BreakScheduler.next_wakeup_seconds` said it would next be needed
(every second during a stand, every 15 s while sitting, up to a minute while paused),
forwards the user's answers to the action methods, and persists or shows the
:data:`Effect` values every call returns. This module alone decides those intervals.

Why two clocks: durations (bout, stand, snooze, deferral) come from monotonic deltas
only, so a wall clock moved by NTP or by hand never makes a negative or giant bout.
Calendar questions (working hours, "until tomorrow") use wall time. Monotonic time
stops while the machine sleeps, so a wall-clock gap much larger than the monotonic
delta between two readings means "the machine slept": the bout is closed at the last
reading (sleep is never sitting) and a fresh one starts, with no burst of prompts.

R1.2 is the heart of it: the *sitting clock* restarts only after a real stand (a
confirmed break, "I was up" after an absence, or an unanswered absence of at least the
break length when ``away_unknown_counts_as_break`` is on). Snoozing, skipping or
closing a prompt never restarts it. Bout *records* can close for other reasons (sleep,
pause, an unanswered absence); when that happens without a stand the sitting already
done is carried into the clock, so :attr:`PromptDue.bout_seconds` is the continuous
sitting the prompt is about, which may span more than one bout record.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from typing import Literal, TypeAlias

from pht_desktop.domain.break_settings import BreakSettings, PauseKind
from pht_desktop.domain.clock import Clock
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.validation import short_text

#: A wall-clock jump this much larger than the monotonic delta means the machine slept.
SLEEP_GAP_S = 120.0
#: A deferred prompt is offered again after this long (never past the ceiling).
DEFER_RETRY_S = 60.0
#: Input newer than this after an absence began means the user is back.
_RESUME_EPS_S = 1.0
#: Wake-up hints: at most once a second; rarer when nothing can happen soon.
MIN_WAKE_S = 1.0
_SITTING_WAKE_S = 15.0
"""While sitting, ticks this far apart are enough: an absence is found retroactively (the
idle source says since when), and a due prompt is still woken for on time."""
_WATCH_WAKE_S = 5.0
"""While a prompt is up or the user is away: soon enough to notice they stopped typing
(the prompt may take focus) or came back (Were you up? is asked)."""
_IDLE_WAKE_S = 60.0

BoutEndReason: TypeAlias = Literal[
    "stood", "away_unknown", "sleep", "paused", "outside_hours", "idle_stood", "quit"
]
PromptResponse: TypeAlias = Literal["stood", "snoozed", "skipped", "no_answer"]
StandSource: TypeAlias = Literal["prompted", "self_started", "idle_confirmed"]
AwayAnswer: TypeAlias = Literal["stood", "sat_elsewhere", "sat_here", "unknown"]


class SchedulerState(StrEnum):
    """Where the scheduler is; the UI shows it, the service never sets it."""

    SITTING = "sitting"
    PROMPTING = "prompting"
    STANDING = "standing"
    SNOOZED = "snoozed"
    PAUSED = "paused"
    AWAY = "away"
    ASKING_WERE_YOU_UP = "asking_were_you_up"
    OUTSIDE_HOURS = "outside_hours"
    DEFERRED = "deferred"
    STOPPED = "stopped"


class WereYouUp(StrEnum):
    """Answers to "you were away for N minutes: were you up?"."""

    STOOD = "stood"
    SAT_ELSEWHERE = "sat_elsewhere"
    SAT_HERE = "sat_here"


class SchedulerError(ValidationError):
    """An action the current state does not allow (e.g. a third snooze in a row).

    A :class:`ValidationError` so the UI shows ``message`` like any refused input.
    """

    def __init__(self, message: str) -> None:
        super().__init__("action", message)


@dataclass(frozen=True, slots=True)
class Reading:
    """One look at the clocks; ``idle_seconds`` is None when idle time is unknown."""

    monotonic: float
    wall: datetime
    idle_seconds: float | None = None

    def __post_init__(self) -> None:
        if self.wall.tzinfo is None or self.wall.utcoffset() is None:
            raise ValueError("Reading.wall must be timezone-aware local time")
        idle = self.idle_seconds
        if idle is not None and (math.isnan(idle) or math.isinf(idle)):
            object.__setattr__(self, "idle_seconds", None)
        elif idle is not None and idle < 0:
            object.__setattr__(self, "idle_seconds", 0.0)

    @classmethod
    def from_clock(cls, clock: Clock, idle_seconds: float | None = None) -> Reading:
        return cls(clock.monotonic(), clock.now(), idle_seconds)


# --- Effects: small values the service persists or shows -------------------------


@dataclass(frozen=True, slots=True)
class BoutStarted:
    """A sitting bout record opened (R1.3)."""

    started_at: datetime


@dataclass(frozen=True, slots=True)
class BoutEnded:
    """A sitting bout record closed; ``ended_at`` is ``started_at + sat_seconds``."""

    started_at: datetime
    ended_at: datetime
    sat_seconds: float
    end_reason: BoutEndReason


@dataclass(frozen=True, slots=True)
class PromptDue:
    """Show the break prompt now (or call :meth:`BreakScheduler.defer` if may_defer).

    ``fired_at``/``bout_seconds`` belong to the first firing; a deferred prompt is
    offered again with the same values and a higher ``deferrals``.
    """

    at: datetime
    fired_at: datetime
    bout_seconds: float
    snoozes_in_row: int
    can_snooze: bool
    deferrals: int
    may_defer: bool


@dataclass(frozen=True, slots=True)
class PromptDeferred:
    """The prompt was held back (OS do-not-disturb, full screen); shown by ``show_by``."""

    reason: str
    at: datetime
    deferrals: int
    show_by: datetime


@dataclass(frozen=True, slots=True)
class PromptAnswered:
    """The full R1.3 record of one prompt, emitted once its outcome is known.

    For ``stood`` that is when the stand ends, so ``seconds_stood`` is real.
    ``snoozes`` counts the snoozes in a row before this prompt fired.
    """

    fired_at: datetime
    bout_seconds: float
    response: PromptResponse
    answered_at: datetime
    seconds_stood: float
    skip_reason: str | None
    deferrals: int
    snoozes: int


@dataclass(frozen=True, slots=True)
class StandStarted:
    """A stand countdown of ``planned_seconds`` began (for the UI)."""

    source: Literal["prompted", "self_started"]
    at: datetime
    planned_seconds: float


@dataclass(frozen=True, slots=True)
class StandEnded:
    """The record of one stand (R1.3); ``idle_confirmed`` stands are retrospective."""

    source: StandSource
    started_at: datetime
    ended_at: datetime
    seconds: float
    ended_early: bool


@dataclass(frozen=True, slots=True)
class AwayStarted:
    """No input for at least the break length: the bout is suspended since ``since``."""

    since: datetime


@dataclass(frozen=True, slots=True)
class AskWereYouUp:
    """Input is back after an absence: ask whether the user stood meanwhile."""

    since: datetime
    until: datetime
    away_seconds: float
    timeout_seconds: float


@dataclass(frozen=True, slots=True)
class AwayResolved:
    """How an absence was settled; ``counted_as_break`` says if it restarted the clock."""

    answer: AwayAnswer
    away_seconds: float
    counted_as_break: bool


@dataclass(frozen=True, slots=True)
class SleepDetected:
    """The machine slept (OS signal or a wall-clock gap); nothing of it was sitting."""

    slept_at: datetime
    resumed_at: datetime
    gap_seconds: float


@dataclass(frozen=True, slots=True)
class PauseStarted:
    kind: PauseKind
    at: datetime
    until: datetime


@dataclass(frozen=True, slots=True)
class PauseEnded:
    at: datetime
    automatic: bool


Effect: TypeAlias = (
    BoutStarted
    | BoutEnded
    | PromptDue
    | PromptDeferred
    | PromptAnswered
    | StandStarted
    | StandEnded
    | AwayStarted
    | AskWereYouUp
    | AwayResolved
    | SleepDetected
    | PauseStarted
    | PauseEnded
)


# --- Internal mutable parts --------------------------------------------------------


@dataclass(slots=True)
class _Bout:
    start_mono: float
    start_wall: datetime
    suspended_mono: float | None = None  # set while away: sitting stopped there


@dataclass(slots=True)
class _Prompt:
    fired_mono: float
    fired_wall: datetime
    bout_seconds: float
    snoozes: int
    deferrals: int = 0
    retry_mono: float | None = None

    def answered(
        self, response: PromptResponse, at: datetime, stood: float, reason: str | None = None
    ) -> PromptAnswered:
        return PromptAnswered(
            fired_at=self.fired_wall,
            bout_seconds=self.bout_seconds,
            response=response,
            answered_at=at,
            seconds_stood=stood,
            skip_reason=reason,
            deferrals=self.deferrals,
            snoozes=self.snoozes,
        )


@dataclass(slots=True)
class _Stand:
    source: Literal["prompted", "self_started"]
    start_mono: float
    start_wall: datetime
    planned_s: float
    prompt: _Prompt | None


@dataclass(slots=True)
class _Away:
    start_mono: float
    start_wall: datetime
    back_mono: float | None = None
    back_wall: datetime | None = None
    asked_mono: float | None = None
    prompt_cut: bool = False  # the absence closed a prompt that was due


@dataclass(slots=True)
class _Pause:
    kind: PauseKind
    until_wall: datetime
    until_elapsed: float | None  # monotonic + slept seconds; None: wall-based
    started_elapsed: float  # monotonic + slept seconds when the pause began


_PROMPT_STATES = (SchedulerState.PROMPTING, SchedulerState.DEFERRED)
_WATCH_IDLE = (
    SchedulerState.SITTING,
    SchedulerState.SNOOZED,
    SchedulerState.PROMPTING,
    SchedulerState.DEFERRED,
)


def _utc_seconds(a: datetime, b: datetime) -> float:
    """``b - a`` in real seconds, correct even across a DST change in one zone."""
    return (b.astimezone(UTC) - a.astimezone(UTC)).total_seconds()


class BreakScheduler:
    """R1 sitting-break state machine. Every public call returns the effects it caused.

    Effects that arise while an action is refused (the clocks moved first) are kept and
    returned by the next call, so nothing is lost. The startup effects (the first
    :class:`BoutStarted`) come with the first call.
    """

    def __init__(self, settings: BreakSettings, reading: Reading) -> None:
        self._settings = settings
        self._state = SchedulerState.SITTING
        self._last = reading
        self._mono = reading.monotonic
        self._slept_s = 0.0
        self._asleep: Reading | None = None
        self._bout: _Bout | None = None
        self._prompt: _Prompt | None = None
        self._stand: _Stand | None = None
        self._away: _Away | None = None
        self._pause: _Pause | None = None
        self._carry_s = 0.0
        self._due_base_s = 0.0
        self._due_is_snooze = False
        self._snoozes = 0
        self._pending: list[Effect] = []
        self._fresh_start(reading, reset=True)

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
    def can_snooze(self) -> bool:
        """After ``max_snoozes_in_row`` snoozes only Stand or Skip remain."""
        return self._snoozes < self._settings.max_snoozes_in_row

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
            SchedulerState.PROMPTING: _WATCH_WAKE_S,
            SchedulerState.AWAY: _WATCH_WAKE_S,
            SchedulerState.DEFERRED: MIN_WAKE_S,
            SchedulerState.ASKING_WERE_YOU_UP: MIN_WAKE_S,
            SchedulerState.PAUSED: _IDLE_WAKE_S,
            SchedulerState.OUTSIDE_HOURS: _IDLE_WAKE_S,
            SchedulerState.STOPPED: _IDLE_WAKE_S,
        }.get(self._state, _SITTING_WAKE_S)
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
            candidates.append(_utc_seconds(reading.wall, self._pause.until_wall))
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
        allowed = (*_PROMPT_STATES, SchedulerState.SITTING, SchedulerState.SNOOZED)
        self._require(allowed, "There is nothing to stand up from right now.")
        mono, wall = self._mono, reading.wall
        prompt = self._prompt if self._state in _PROMPT_STATES else None
        self._prompt = None
        if self._bout is not None:
            self._end_bout(mono, "stood")
        self._reset_clock()
        source: Literal["prompted", "self_started"] = "prompted" if prompt else "self_started"
        self._stand = _Stand(source, mono, wall, self._settings.break_s, prompt)
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
        self._require(_PROMPT_STATES, "There is no prompt to snooze.")
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
        self._require(_PROMPT_STATES, "There is no prompt to skip.")
        text = short_text(reason, "skip_reason", "The reason", max_length=200) or None
        self._answer("skipped", reading, text)
        self._wait_full_interval()
        return self._flush()

    def dismiss(self, reading: Reading) -> list[Effect]:
        """The prompt was closed without an answer: recorded as no answer, timed as a skip
        (so closing the window cannot get round the snooze limit)."""
        self._advance(reading)
        self._require(_PROMPT_STATES, "There is no prompt to close.")
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
        self._pause = _Pause(
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

    # --- the engine ------------------------------------------------------------------

    def _advance(self, reading: Reading, force: bool = False) -> None:
        """Bring the machine up to ``reading`` (shared by ticks and actions)."""
        if self._state is SchedulerState.STOPPED:
            return
        last = self._last
        mono = max(reading.monotonic, self._mono)  # monotonic never goes back for us
        d_mono = mono - self._mono
        d_wall = _utc_seconds(last.wall, reading.wall)
        if reading == last and not force:
            return
        self._last = reading
        if self._asleep is not None:
            asleep, self._asleep = self._asleep, None
            gap = max(0.0, _utc_seconds(asleep.wall, reading.wall), d_mono)
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
        if self._state in _WATCH_IDLE and idle is not None and idle >= self._settings.break_s:
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
                self._prompt = _Prompt(mono, reading.wall, clock, self._snoozes)
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
        prompt_cut = self._state in _PROMPT_STATES
        if prompt_cut:
            self._answer("no_answer", reading)
            self._wait_full_interval()
        floor = self._bout.start_mono if self._bout is not None else self._mono
        start = min(max(since_mono, floor), self._mono)
        if self._bout is not None:
            self._bout.suspended_mono = start
        wall = self._wall_at(start, reading)
        self._away = _Away(start, wall, prompt_cut=prompt_cut)
        self._state = SchedulerState.AWAY
        self._pending.append(AwayStarted(wall))

    def _check_back(self, reading: Reading) -> None:
        away = self._away
        assert away is not None
        idle = reading.idle_seconds
        back = self._mono if idle is None else self._mono - idle
        if back <= away.start_mono + _RESUME_EPS_S:
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
        self._bout = _Bout(start_mono, self._wall_at(start_mono, reading))
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
        if self._state in _PROMPT_STATES and self._prompt is not None:
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


# --- Pure helpers ---------------------------------------------------------------------


def nudge_due(
    shown_mono: float,
    last_nudge_mono: float | None,
    now_mono: float,
    every_s: float,
    idle_s: float | None,
    away_after_s: float,
) -> bool:
    """Whether a prompt still on screen, unanswered, should be nudged again now (issue 17).

    Once per ``every_s`` (0: never) after it was shown or last nudged, and only while the
    user is at the desk: idle for ``away_after_s`` (the break length, R1.2) means away.
    Monotonic time stops while the machine sleeps and a missed interval is not made up,
    so a wake brings at most one nudge, never a burst.
    """
    if every_s <= 0 or (idle_s is not None and idle_s >= away_after_s):
        return False
    since = now_mono - (shown_mono if last_nudge_mono is None else last_nudge_mono)
    return since >= every_s


def split_by_day(start: datetime, end: datetime) -> list[tuple[date, float]]:
    """Seconds of ``[start, end)`` falling on each local calendar day (start's zone).

    A bout across midnight stays one record; daily statistics split it with this.
    """
    if start.tzinfo is None or end.tzinfo is None:
        raise ValueError("split_by_day needs timezone-aware datetimes")
    end = end.astimezone(start.tzinfo)
    out: list[tuple[date, float]] = []
    cursor = start
    while _utc_seconds(cursor, end) > 0:
        midnight = datetime.combine(cursor.date() + timedelta(days=1), time(0), start.tzinfo)
        stop = midnight if _utc_seconds(midnight, end) > 0 else end
        out.append((cursor.date(), _utc_seconds(cursor, stop)))
        cursor = stop
    return out
