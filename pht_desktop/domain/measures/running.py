"""Pain-free running time, never typed: the longest run on a load day the one verdict
engine calls tolerated (R3.2)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from pht_desktop.domain.verdicts import PAIN_DURING_CEILING, Outcome, Verdict


@dataclass(frozen=True, slots=True)
class RunItem:
    """A live run as the measure needs it: its local date, length and pain during."""

    day: date
    seconds: int
    pain_during: int | None = None


def pain_free_runs(runs: Iterable[RunItem], verdicts: Iterable[Verdict]) -> list[tuple[date, int]]:
    """Per load day judged tolerated (R3.2), the longest run that day, oldest first.

    ``verdicts`` come from :func:`~pht_desktop.domain.verdicts.compute_verdicts` (one rule,
    one function): tolerated means the next morning was at or below the reference of the
    mode in use (R3.6). A run with pain during at or above the R3.8 ceiling is left out,
    since R3.8 flags it whatever the next morning says. Unknown days never count.
    """
    tolerated = {v.day for v in verdicts if v.outcome is Outcome.TOLERATED}
    best: dict[date, int] = {}
    for run in runs:
        over = run.pain_during is not None and run.pain_during >= PAIN_DURING_CEILING
        if run.day in tolerated and not over and run.seconds > best.get(run.day, 0):
            best[run.day] = run.seconds
    return sorted(best.items())


def pain_free_running_s(
    runs: Iterable[RunItem],
    verdicts: Iterable[Verdict],
    start: date | None = None,
    end: date | None = None,
) -> int | None:
    """The longest pain-free run (seconds) with its day in [start, end]; None: none yet."""
    chosen = [
        s
        for day, s in pain_free_runs(runs, verdicts)
        if (start is None or day >= start) and (end is None or day <= end)
    ]
    return max(chosen) if chosen else None
