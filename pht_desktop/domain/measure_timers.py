"""The sitting-tolerance stopwatch and the bridge tempo counter, as pure clock readers.

Both read the injected clock's ``monotonic()`` (never wall time, so a clock change
cannot add or steal seconds), like the hold timer; a ``QTimer`` only calls ``tick`` and
tests move a fake clock. Nothing here sleeps or knows about Qt.
"""

from __future__ import annotations

import math
from typing import Final

from pht_desktop.domain.clock import Clock
from pht_desktop.domain.measures import SITTING_CAP_MIN, TEMPO_RANGE
from pht_desktop.domain.validation import int_in_range

CAP_S: Final = SITTING_CAP_MIN * 60
_EPSILON: Final = 1e-6


class SittingStopwatch:
    """Sit until the first sitting-bone pain, or 30 min: then it stops by itself."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._started: float | None = None
        self._stopped_at: float | None = None

    @property
    def running(self) -> bool:
        return self._started is not None and self._stopped_at is None

    def start(self) -> None:
        self._started = self._clock.monotonic()
        self._stopped_at = None

    def elapsed_s(self) -> float:
        """Seconds sat so far (frozen once stopped), never above the 30 min cap."""
        if self._started is None:
            return 0.0
        end = self._stopped_at if self._stopped_at is not None else self._clock.monotonic()
        return min(max(end - self._started, 0.0), float(CAP_S))

    def tick(self) -> bool:
        """Read the clock; True the moment the cap is reached (the watch then stops)."""
        if self.running and self.elapsed_s() >= CAP_S - _EPSILON:
            assert self._started is not None
            self._stopped_at = self._started + CAP_S
            return True
        return False

    @property
    def reached_cap(self) -> bool:
        return self._started is not None and self.elapsed_s() >= CAP_S - _EPSILON

    def stop(self) -> float:
        """The first pain: freeze and return the seconds sat."""
        if self.running:
            self.tick()
        if self.running:
            self._stopped_at = self._clock.monotonic()
        return self.elapsed_s()

    def minutes(self) -> float:
        """What is recorded: minutes to one decimal (30 exactly at the cap)."""
        return round(self.elapsed_s() / 60, 1)


class TempoCounter:
    """Beeps every ``tempo_s`` seconds; each beep is one repetition (lift and lower).

    ``tick`` returns how many beeps fell since the last reading (a late tick catches up,
    so the count never drifts); :meth:`stop` freezes the count when the user can no
    longer keep the tempo.
    """

    def __init__(self, clock: Clock, tempo_s: int) -> None:
        self._clock = clock
        self.tempo_s = int_in_range(tempo_s, *TEMPO_RANGE, "tempo_s", "The tempo", "s per rep")
        self._started: float | None = None
        self._beats = 0
        self.running = False

    def start(self) -> None:
        self._started = self._clock.monotonic()
        self._beats = 0
        self.running = True

    def tick(self) -> int:
        """New beeps since the last tick (0 when stopped)."""
        if not self.running or self._started is None:
            return 0
        due = math.floor((self._clock.monotonic() - self._started) / self.tempo_s + _EPSILON)
        new = max(due - self._beats, 0)
        self._beats += new
        return new

    @property
    def reps(self) -> int:
        return self._beats

    def seconds_to_next(self) -> float:
        if not self.running or self._started is None:
            return 0.0
        return (self._beats + 1) * self.tempo_s - (self._clock.monotonic() - self._started)

    def stop(self) -> int:
        """Count what is due, then freeze: the repetitions done at the tempo."""
        self.tick()
        self.running = False
        return self._beats
