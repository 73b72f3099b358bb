"""What the Progress pane plots, as pure aggregation over plain records (R1.3, R3).

The store hands over flat records (one per session, run, bout, prompt, stand); this
module turns them into per-day series, verdicts (via :func:`judge`, never a
second copy of R3.2), a summary for a date range and the sitting-vs-next-morning pairs.
Everything is keyed by local calendar date, so charts and verdicts bucket days alike.

One concept per module: :mod:`.ranges` (the range buttons), :mod:`.records` (what goes in
and what comes out), :mod:`.aggregate` (records → per-day series), :mod:`.summary` (the
sentence for a range) and :mod:`.sitting_morning` (sitting against the next morning).
Callers import the package.
"""

from pht_desktop.domain.progress.aggregate import (
    build_progress,
    daily_loads,
    daily_sitting,
    event_marks,
    split_by_day,
)
from pht_desktop.domain.progress.ranges import RangePreset, preset_bounds
from pht_desktop.domain.progress.records import (
    BoutItem,
    DayLoad,
    DaySitting,
    EventMark,
    LoadItem,
    ProgressData,
    ProgressSource,
    SittingDayItem,
)
from pht_desktop.domain.progress.sitting_morning import (
    LONG_SITTING_S,
    ROLLING_DAYS,
    SittingMorningPair,
    SittingSplit,
    rolling_means,
    sitting_vs_morning,
    split_by_sitting,
)
from pht_desktop.domain.progress.summary import Summary, summarize

__all__ = [
    "LONG_SITTING_S",
    "ROLLING_DAYS",
    "BoutItem",
    "DayLoad",
    "DaySitting",
    "EventMark",
    "LoadItem",
    "ProgressData",
    "ProgressSource",
    "RangePreset",
    "SittingDayItem",
    "SittingMorningPair",
    "SittingSplit",
    "Summary",
    "build_progress",
    "daily_loads",
    "daily_sitting",
    "event_marks",
    "preset_bounds",
    "rolling_means",
    "sitting_vs_morning",
    "split_by_day",
    "split_by_sitting",
    "summarize",
]
