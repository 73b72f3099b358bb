"""Injectable time source, so tests never sleep.

``monotonic`` measures durations (it stops while the machine sleeps, which is why
the scheduler also watches wall-clock gaps); ``now`` gives the local wall time
(timezone-aware) for calendar days.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Protocol


class Clock(Protocol):
    def monotonic(self) -> float: ...

    def now(self) -> datetime:
        """Aware local wall time."""
        ...


def _windows_unbiased_monotonic() -> Callable[[], float] | None:
    """Seconds that stop while Windows sleeps (QueryUnbiasedInterruptTime).

    Python's ``time.monotonic`` keeps counting through sleep on Windows, which would
    hide a sleep from the scheduler (no wall-clock gap) and record it as sitting.
    """
    if sys.platform != "win32":
        return None
    import ctypes

    kernel32 = ctypes.windll.kernel32
    value = ctypes.c_ulonglong(0)

    def unbiased() -> float:
        kernel32.QueryUnbiasedInterruptTime(ctypes.byref(value))
        return value.value / 10_000_000  # 100 ns units

    return unbiased


class SystemClock:
    """The real clock; its monotonic time stops while the machine sleeps, everywhere."""

    def __init__(self, platform_monotonic: Callable[[], float] | None = None) -> None:
        self._monotonic = platform_monotonic or _windows_unbiased_monotonic() or time.monotonic

    def monotonic(self) -> float:
        return self._monotonic()

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
