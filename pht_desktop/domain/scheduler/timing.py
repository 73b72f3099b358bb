"""Pure timing helpers around the scheduler: when to nudge a prompt, a bout by day."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from pht_desktop.domain.scheduler.states import utc_seconds


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
    while utc_seconds(cursor, end) > 0:
        midnight = datetime.combine(cursor.date() + timedelta(days=1), time(0), start.tzinfo)
        stop = midnight if utc_seconds(midnight, end) > 0 else end
        out.append((cursor.date(), utc_seconds(cursor, stop)))
        cursor = stop
    return out
