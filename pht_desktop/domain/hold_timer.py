"""The isometric hold timer as a pure state machine (R2.3).

The UI calls :meth:`HoldTimer.tick` a few times a second; the timer reads the injected
clock's ``monotonic()`` (never wall time, so a clock change cannot add or steal seconds)
and returns the events that happened since the last reading, in order, even when one
reading spans several phases. Time counts only while not paused.

Phases: GET_READY → HOLD → REST → HOLD … across all sets → DONE. A rest follows every
hold except the last (between holds and between sets alike; a plan has one rest length).

What is logged (:meth:`HoldTimer.result`): each set with at least one hold becomes one
:class:`SetEntry` (reps = holds done, hold_seconds = seconds held) when all its holds
lasted the same whole number of seconds, else one entry per hold (reps = 1). A hold cut
short by :meth:`HoldTimer.stop_early` is logged with the seconds actually held, rounded
down, if at least 1. Rest is logged as planned: the tendon dose is the holds.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from pht_desktop.domain import validation
from pht_desktop.domain.clock import Clock
from pht_desktop.domain.exercise import HOLD_SECONDS_RANGE, MAX_SETS, REST_SECONDS_RANGE, SetEntry

_EPSILON: Final = 1e-6
"""Float slack so that 40 s measured as 39.9999999 still rounds down to 40."""

MAX_HOLDS: Final = 50
"""Holds in one set; a SetEntry allows up to 200 reps, a timed plan needs far fewer."""


class Phase(StrEnum):
    GET_READY = "get_ready"
    HOLD = "hold"
    REST = "rest"
    DONE = "done"


@dataclass(frozen=True, slots=True)
class HoldPlan:
    """sets × holds per set × hold_s, with rest_s after each hold but the last (R2.3)."""

    sets: int
    holds: int
    hold_s: int
    rest_s: int
    get_ready_s: int = 5

    def __post_init__(self) -> None:
        int_in_range = validation.int_in_range
        set_ = object.__setattr__
        set_(self, "sets", int_in_range(self.sets, 1, MAX_SETS, "sets", "Sets"))
        set_(self, "holds", int_in_range(self.holds, 1, MAX_HOLDS, "holds", "Holds per set"))
        set_(self, "hold_s", int_in_range(self.hold_s, *HOLD_SECONDS_RANGE, "hold_s", "Hold", "s"))
        set_(self, "rest_s", int_in_range(self.rest_s, *REST_SECONDS_RANGE, "rest_s", "Rest", "s"))
        set_(
            self,
            "get_ready_s",
            int_in_range(self.get_ready_s, 0, 60, "get_ready_s", "Get ready", "seconds"),
        )

    @property
    def total_holds(self) -> int:
        return self.sets * self.holds

    @property
    def total_s(self) -> int:
        """Planned holds plus rests, without the get-ready countdown."""
        return self.total_holds * self.hold_s + (self.total_holds - 1) * self.rest_s


@dataclass(frozen=True, slots=True)
class PhaseChanged:
    """The timer entered ``phase``; set/hold numbers are those of the current or next hold."""

    phase: Phase
    set_no: int
    hold_no: int


@dataclass(frozen=True, slots=True)
class HoldCompleted:
    """A hold ended; ``complete`` is False for one cut short (the UI sounds only on True)."""

    set_no: int
    hold_no: int
    seconds: int
    complete: bool = True


@dataclass(frozen=True, slots=True)
class Finished:
    """The timer reached DONE; ``entries`` is :meth:`HoldTimer.result`."""

    entries: tuple[SetEntry, ...]
    stopped_early: bool


Event = PhaseChanged | HoldCompleted | Finished


@dataclass(frozen=True, slots=True)
class _Held:
    set_no: int
    hold_no: int
    seconds: int


class HoldTimer:
    """Counts a hold plan from the clock; starts in GET_READY when constructed.

    Every method that changes state first catches up to the clock, so time before a
    pause, skip or stop is never lost, and returns the events that produced.
    """

    def __init__(self, plan: HoldPlan, clock: Clock) -> None:
        self.plan = plan
        self._clock = clock
        self._last = clock.monotonic()
        self._phase = Phase.GET_READY if plan.get_ready_s > 0 else Phase.HOLD
        self._elapsed = 0.0  # counted seconds in the current phase
        self._index = 0  # 0-based current (or next) hold
        self._done_s = 0.0  # planned seconds of holds and rests already over
        self._active_s = 0.0  # all counted (unpaused) seconds
        self._paused = False
        self._stopped_early = False
        self._held: list[_Held] = []

    # --- reading ---------------------------------------------------------------------------
    @property
    def phase(self) -> Phase:
        return self._phase

    @property
    def done(self) -> bool:
        """True once the plan is finished or stopped (read through a method so that
        type narrowing does not outlive the calls that change the phase)."""
        return self._phase is Phase.DONE

    @property
    def paused(self) -> bool:
        return self._paused

    @property
    def set_no(self) -> int:
        """1-based set of the current (or next) hold."""
        return min(self._index, self.plan.total_holds - 1) // self.plan.holds + 1

    @property
    def hold_no(self) -> int:
        """1-based hold within its set, of the current (or next) hold."""
        return min(self._index, self.plan.total_holds - 1) % self.plan.holds + 1

    @property
    def active_seconds(self) -> float:
        """Seconds counted so far (paused time excluded), as of the last reading."""
        return self._active_s

    def _phase_length(self) -> float:
        return {
            Phase.GET_READY: float(self.plan.get_ready_s),
            Phase.HOLD: float(self.plan.hold_s),
            Phase.REST: float(self.plan.rest_s),
            Phase.DONE: 0.0,
        }[self._phase]

    @property
    def remaining_seconds(self) -> int:
        """Whole seconds left in this phase, for the big digits (counts 40 … 1)."""
        if self._phase is Phase.DONE:
            return 0
        return max(0, math.ceil(self._phase_length() - self._elapsed - _EPSILON))

    @property
    def phase_progress(self) -> float:
        """0–1 through the current phase."""
        length = self._phase_length()
        return 1.0 if length <= 0 else min(1.0, self._elapsed / length)

    @property
    def progress(self) -> float:
        """0–1 through the whole plan (holds and rests, not the get-ready countdown)."""
        if self._phase is Phase.DONE and not self._stopped_early:
            return 1.0
        running = self._elapsed if self._phase in (Phase.HOLD, Phase.REST) else 0.0
        return min(1.0, (self._done_s + running) / self.plan.total_s)

    def _label(self, index: int) -> str:
        plan = self.plan
        if plan.sets == 1 or plan.holds == 1:
            return f"Hold {index + 1} of {plan.total_holds}"
        return f"Set {index // plan.holds + 1}, hold {index % plan.holds + 1} of {plan.holds}"

    @property
    def current_label(self) -> str | None:
        """The hold being held or coming up now, e.g. "Set 2, hold 3 of 5"."""
        return None if self._phase is Phase.DONE else self._label(self._index)

    @property
    def next_hold_label(self) -> str | None:
        """The hold after the one being held; None outside a hold, where
        :attr:`current_label` already names the coming hold (no label said twice)."""
        if self._phase is not Phase.HOLD:
            return None
        index = self._index + 1
        return self._label(index) if index < self.plan.total_holds else None

    # --- driving ---------------------------------------------------------------------------
    def tick(self) -> list[Event]:
        """Catch up to the clock; the events since the last reading, in order."""
        now = self._clock.monotonic()
        delta = max(0.0, now - self._last)
        self._last = now
        if self._paused or self._phase is Phase.DONE:
            return []
        events: list[Event] = []
        self._active_s += delta
        while delta > 0 and not self.done:
            left = self._phase_length() - self._elapsed
            if delta + _EPSILON >= left:
                delta = max(0.0, delta - max(0.0, left))
                self._end_phase(events)
            else:
                self._elapsed += delta
                delta = 0.0
        if self.done:
            self._active_s -= delta  # time after the end does not count
        return events

    def pause(self) -> list[Event]:
        events = self.tick()
        if self._phase is not Phase.DONE:
            self._paused = True
        return events

    def resume(self) -> list[Event]:
        self._last = self._clock.monotonic()
        self._paused = False
        return []

    def toggle_pause(self) -> list[Event]:
        """The space bar: pause if running, resume if paused."""
        return self.resume() if self._paused else self.pause()

    def skip_rest(self) -> list[Event]:
        """End a rest (or the get-ready countdown) now and start the next hold.

        Skipping also ends a pause: the user asked to go on.
        """
        if self._paused:
            self.resume()
        events = self.tick()
        if self._phase in (Phase.REST, Phase.GET_READY):
            if self._phase is Phase.REST:
                self._done_s += self.plan.rest_s
            self._enter(Phase.HOLD, events)
        return events

    def stop_early(self) -> list[Event]:
        """Stop now; a hold in progress is logged with the whole seconds held, if >= 1."""
        events = [] if self._paused else self.tick()
        if self._phase is Phase.DONE:
            return events
        if self._phase is Phase.HOLD:
            seconds = math.floor(self._elapsed + _EPSILON)
            if seconds >= 1:
                self._held.append(_Held(self.set_no, self.hold_no, seconds))
                events.append(HoldCompleted(self.set_no, self.hold_no, seconds, complete=False))
        self._stopped_early = True
        self._paused = False
        self._done_s += self._elapsed if self._phase in (Phase.HOLD, Phase.REST) else 0.0
        self._finish(events)
        return events

    # --- transitions -----------------------------------------------------------------------
    def _enter(self, phase: Phase, events: list[Event]) -> None:
        self._phase = phase
        self._elapsed = 0.0
        events.append(PhaseChanged(phase, self.set_no, self.hold_no))

    def _finish(self, events: list[Event]) -> None:
        self._enter(Phase.DONE, events)
        events.append(Finished(self.result(), self._stopped_early))

    def _end_phase(self, events: list[Event]) -> None:
        if self._phase is Phase.GET_READY:
            self._enter(Phase.HOLD, events)
        elif self._phase is Phase.HOLD:
            held = _Held(self.set_no, self.hold_no, self.plan.hold_s)
            self._held.append(held)
            self._done_s += self.plan.hold_s
            events.append(HoldCompleted(held.set_no, held.hold_no, held.seconds))
            if self._index + 1 >= self.plan.total_holds:
                self._finish(events)
                return
            self._index += 1
            self._enter(Phase.REST if self.plan.rest_s > 0 else Phase.HOLD, events)
        elif self._phase is Phase.REST:
            self._done_s += self.plan.rest_s
            self._enter(Phase.HOLD, events)

    # --- outcome ---------------------------------------------------------------------------
    def result(self) -> tuple[SetEntry, ...]:
        """What was really held, grouped per set when its holds were equal (see module)."""
        entries: list[SetEntry] = []
        rest = self.plan.rest_s
        for set_no in range(1, self.plan.sets + 1):
            holds = [h.seconds for h in self._held if h.set_no == set_no]
            if not holds:
                continue
            if len(set(holds)) == 1:
                entries.append(SetEntry(len(holds), holds[0], rest))
            else:
                entries.extend(SetEntry(1, seconds, rest) for seconds in holds)
        return tuple(entries)
