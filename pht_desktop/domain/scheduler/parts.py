"""The scheduler's internal mutable parts: the open bout, prompt, stand, absence, pause."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pht_desktop.domain.break_settings import PauseKind
from pht_desktop.domain.scheduler.effects import PromptAnswered
from pht_desktop.domain.scheduler.states import PromptResponse


@dataclass(slots=True)
class Bout:
    start_mono: float
    start_wall: datetime
    suspended_mono: float | None = None  # set while away: sitting stopped there


@dataclass(slots=True)
class Prompt:
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
class Stand:
    source: Literal["prompted", "self_started"]
    start_mono: float
    start_wall: datetime
    planned_s: float
    prompt: Prompt | None


@dataclass(slots=True)
class Away:
    start_mono: float
    start_wall: datetime
    back_mono: float | None = None
    back_wall: datetime | None = None
    asked_mono: float | None = None
    prompt_cut: bool = False  # the absence closed a prompt that was due


@dataclass(slots=True)
class Pause:
    kind: PauseKind
    until_wall: datetime
    until_elapsed: float | None  # monotonic + slept seconds; None: wall-based
    started_elapsed: float  # monotonic + slept seconds when the pause began
