"""The scheduler's vocabulary: its tuning, its states, a clock reading (R1)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Literal, TypeAlias

from pht_desktop.domain.clock import Clock
from pht_desktop.domain.errors import ValidationError

#: A wall-clock jump this much larger than the monotonic delta means the machine slept.
SLEEP_GAP_S = 120.0
#: A deferred prompt is offered again after this long (never past the ceiling).
DEFER_RETRY_S = 60.0
#: Input newer than this after an absence began means the user is back.
RESUME_EPS_S = 1.0
#: Wake-up hints: at most once a second; rarer when nothing can happen soon.
MIN_WAKE_S = 1.0
SITTING_WAKE_S = 15.0
"""While sitting, ticks this far apart are enough: an absence is found retroactively (the
idle source says since when), and a due prompt is still woken for on time."""
WATCH_WAKE_S = 5.0
"""While a prompt is up or the user is away: soon enough to notice they stopped typing
(the prompt may take focus) or came back (Were you up? is asked)."""
IDLE_WAKE_S = 60.0

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


PROMPT_STATES = (SchedulerState.PROMPTING, SchedulerState.DEFERRED)
WATCH_IDLE = (
    SchedulerState.SITTING,
    SchedulerState.SNOOZED,
    SchedulerState.PROMPTING,
    SchedulerState.DEFERRED,
)


def utc_seconds(a: datetime, b: datetime) -> float:
    """``b - a`` in real seconds, correct even across a DST change in one zone."""
    return (b.astimezone(UTC) - a.astimezone(UTC)).total_seconds()
