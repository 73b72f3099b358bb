"""The sitting-break scheduler: a pure state machine fed with clock readings (R1).

Nothing here waits or owns a timer. The service layer calls :meth:`BreakScheduler.tick`
with a :class:`Reading` (monotonic time, aware local wall time, seconds since the last
user input) when :meth:`BreakScheduler.next_wakeup_seconds` said it would next be needed
(every second during a stand, every 15 s while sitting, up to a minute while paused),
forwards the user's answers to the action methods, and persists or shows the
:data:`Effect` values every call returns. This package alone decides those intervals.

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

One concept per module: :mod:`.states` (tuning, states, a reading), :mod:`.effects` (what
each call returns), :mod:`.parts` (the open bout, prompt, stand, absence and pause),
:mod:`.engine` (stepping with the clocks and keeping the records), :mod:`.machine` (the
:class:`BreakScheduler` the service drives) and :mod:`.timing` (pure helpers). Callers
import from the package.
"""

from pht_desktop.domain.scheduler.effects import (
    AskWereYouUp,
    AwayResolved,
    AwayStarted,
    BoutEnded,
    BoutStarted,
    Effect,
    PauseEnded,
    PauseStarted,
    PromptAnswered,
    PromptDeferred,
    PromptDue,
    SleepDetected,
    StandEnded,
    StandStarted,
)
from pht_desktop.domain.scheduler.machine import BreakScheduler
from pht_desktop.domain.scheduler.states import (
    DEFER_RETRY_S,
    MIN_WAKE_S,
    SLEEP_GAP_S,
    AwayAnswer,
    BoutEndReason,
    PromptResponse,
    Reading,
    SchedulerError,
    SchedulerState,
    StandSource,
    WereYouUp,
)
from pht_desktop.domain.scheduler.timing import nudge_due, split_by_day

__all__ = [
    "DEFER_RETRY_S",
    "MIN_WAKE_S",
    "SLEEP_GAP_S",
    "AskWereYouUp",
    "AwayAnswer",
    "AwayResolved",
    "AwayStarted",
    "BoutEndReason",
    "BoutEnded",
    "BoutStarted",
    "BreakScheduler",
    "Effect",
    "PauseEnded",
    "PauseStarted",
    "PromptAnswered",
    "PromptDeferred",
    "PromptDue",
    "PromptResponse",
    "Reading",
    "SchedulerError",
    "SchedulerState",
    "SleepDetected",
    "StandEnded",
    "StandSource",
    "StandStarted",
    "WereYouUp",
    "nudge_due",
    "split_by_day",
]
