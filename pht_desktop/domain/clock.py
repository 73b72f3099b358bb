"""Injectable time source, so tests never sleep; the one place that knows the local zone.

``monotonic`` measures durations (it stops while the machine sleeps, which is why
the scheduler also watches wall-clock gaps); ``now`` gives the local wall time, aware,
in :meth:`Clock.zone` — an IANA zone (``zoneinfo``) whose rules give each instant its
own offset, so a July evening is in summer time even when read in December. A fixed
offset is used only where the platform names no zone. Every local date ("today", a
load day, a morning, a week, a chart day) comes from :func:`local_date` with this zone.
"""

from __future__ import annotations

import sys
import time
import warnings
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

ZONE_RECHECK_S = 60.0
"""How often (monotonic seconds) the real clock asks the platform for its zone again, so
a machine moved to another zone (travel) is followed within a minute."""


class Clock(Protocol):
    def monotonic(self) -> float: ...

    def now(self) -> datetime:
        """Aware local wall time, in :meth:`zone`."""
        ...

    def zone(self) -> tzinfo:
        """The local time zone: a ``ZoneInfo`` when the platform names one."""
        ...


def local_date(moment: datetime, zone: tzinfo) -> date:
    """The local calendar date of an aware instant under ``zone``'s rules at that instant.

    One helper for sessions, runs, mornings, prompts and bouts, so a 23:30 session stays on
    its evening's date across DST changes (R3.2 "calendar day (local time)").
    """
    from pht_desktop.domain.errors import ValidationError

    if not isinstance(moment, datetime) or moment.utcoffset() is None:
        raise ValidationError("time", "A time needs its time zone to find its calendar date.")
    return moment.astimezone(zone).date()


def fixed_offset(zone: tzinfo) -> timedelta | None:
    """The zone's UTC offset when it never changes (a fixed offset or UTC), else None.

    Lets a reader sum per local day in SQL with one offset; a zone with DST or a history
    of changes (every real IANA place) answers None and is bucketed exactly instead.
    """
    if isinstance(zone, timezone):
        return zone.utcoffset(None)
    if isinstance(zone, ZoneInfo) and zone.key in _FIXED_KEYS:
        return timedelta(0)
    return None


_FIXED_KEYS = frozenset({"UTC", "Etc/UTC", "Etc/UCT", "Etc/Universal", "Etc/Zulu", "Etc/GMT"})


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


def platform_zone_name() -> str | None:
    """The platform's IANA zone name, read afresh (``tzlocal``); None when it has none.

    ``tzlocal`` caches its answer, so the cache is reloaded: a changed zone (travel) must
    be seen. An odd configuration (two files disagreeing) is treated as no name.
    """
    import tzlocal

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # tzlocal warns about mismatched offsets
            tzlocal.reload_localzone()
            name = tzlocal.get_localzone_name()
    except (ZoneInfoNotFoundError, ValueError, OSError, LookupError):
        return None
    return name or None


def zone_from_name(name: str | None) -> tzinfo:
    """``ZoneInfo(name)``; without a usable name, the platform's fixed offset right now."""
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    fixed = datetime.now(UTC).astimezone().tzinfo
    assert fixed is not None  # astimezone() always gives an aware time
    return fixed


class SystemClock:
    """The real clock; its monotonic time stops while the machine sleeps, everywhere.

    The zone is looked up again every :data:`ZONE_RECHECK_S` seconds (cheap file reads),
    so a zone change is followed; days already stored keep the date they were lived on.
    """

    def __init__(
        self,
        platform_monotonic: Callable[[], float] | None = None,
        zone_name: Callable[[], str | None] = platform_zone_name,
    ) -> None:
        self._monotonic = platform_monotonic or _windows_unbiased_monotonic() or time.monotonic
        self._zone_name = zone_name
        self._zone: tzinfo | None = None
        self._checked = 0.0

    def monotonic(self) -> float:
        return self._monotonic()

    def zone(self) -> tzinfo:
        mono = self.monotonic()
        if self._zone is None or mono - self._checked >= ZONE_RECHECK_S:
            self._zone = zone_from_name(self._zone_name())
            self._checked = mono
        return self._zone

    def now(self) -> datetime:
        return datetime.now(self.zone())


class FakeClock:
    """A clock tests move by hand; wall and monotonic time can drift apart.

    Built like the real one: the wall time is an instant shown in a ``ZoneInfo`` zone
    (default UTC; from ``start`` when it carries one), so ``now()`` gets each instant's
    own offset across DST. ``set_zone`` is the machine travelling.
    """

    def __init__(
        self,
        start: datetime | None = None,
        tz: tzinfo | str | None = None,
    ) -> None:
        if start is None:
            start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
        zone = _as_zone(tz if tz is not None else start.tzinfo)
        if start.tzinfo is None:
            start = start.replace(tzinfo=zone)
        self._zone = zone
        self._wall = start.astimezone(UTC)
        self._mono = 1000.0

    def monotonic(self) -> float:
        return self._mono

    def zone(self) -> tzinfo:
        return self._zone

    def now(self) -> datetime:
        return self._wall.astimezone(self._zone)

    def set_zone(self, zone: tzinfo | str) -> None:
        """The machine's time zone changed (travel): the instant stays, the wall moves."""
        self._zone = _as_zone(zone)

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
        """Jump to the instant ``when`` (naive: local wall time in the clock's zone)."""
        if when.tzinfo is None:
            when = when.replace(tzinfo=self._zone)
        self._wall = when.astimezone(UTC)


def _as_zone(value: tzinfo | str | None) -> tzinfo:
    """A ``ZoneInfo`` for a name, UTC or a ZoneInfo; a fixed offset stays one (no name)."""
    if value is None or value is UTC:
        return ZoneInfo("UTC")
    if isinstance(value, str):
        return ZoneInfo(value)
    return value
