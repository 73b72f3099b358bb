"""Injectable time source, so tests never sleep.

``monotonic`` measures durations (it stops while the machine sleeps, which is why
the scheduler also watches wall-clock gaps); ``now`` gives the local wall time
(timezone-aware) for calendar days.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Protocol


class Clock(Protocol):
    def monotonic(self) -> float: ...

    def now(self) -> datetime:
        """Aware local wall time."""
        ...


class SystemClock:
    """The real clock."""

    def monotonic(self) -> float:
        return time.monotonic()

    def now(self) -> datetime:
        return datetime.now().astimezone()


class FakeClock:
    """A clock tests move by hand; wall and monotonic time can drift apart."""

    def __init__(self, start: datetime | None = None, tz: tzinfo | None = None) -> None:
        if start is None:
            start = datetime(2026, 3, 2, 9, 0, tzinfo=tz or UTC)
        elif start.tzinfo is None:
            start = start.replace(tzinfo=tz or UTC)
        self._wall = start
        self._mono = 1000.0

    def monotonic(self) -> float:
        return self._mono

    def now(self) -> datetime:
        return self._wall

    def advance(self, seconds: float) -> None:
        """Both clocks move together: ordinary time passing."""
        self._mono += seconds
        self._wall += timedelta(seconds=seconds)

    def sleep_machine(self, seconds: float) -> None:
        """The machine slept: wall time moves, monotonic time does not."""
        self._wall += timedelta(seconds=seconds)

    def jump_wall(self, seconds: float) -> None:
        """The user (or NTP) moved the wall clock."""
        self._wall += timedelta(seconds=seconds)

    def set_wall(self, when: datetime) -> None:
        self._wall = when
