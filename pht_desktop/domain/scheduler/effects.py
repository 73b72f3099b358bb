"""Effects: the small values every scheduler call returns, for the service to persist
or show (R1.3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, TypeAlias

from pht_desktop.domain.break_settings import PauseKind
from pht_desktop.domain.scheduler.states import (
    AwayAnswer,
    BoutEndReason,
    PromptResponse,
    StandSource,
)


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
