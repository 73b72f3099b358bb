"""The sentence above the charts for one range: load days by verdict, morning pain from
the first week to the last, the tolerated streak (R3.2, R3.5, R3.9)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from pht_desktop.domain.guidance import streak_at_current_dose
from pht_desktop.domain.plural import counted
from pht_desktop.domain.progress.records import ProgressData
from pht_desktop.domain.verdicts import Outcome, weekly_means


@dataclass(frozen=True, slots=True)
class Summary:
    """The line above the charts, for one range (R3.2, R3.5, R3.9)."""

    load_days: int
    tolerated: int
    exceeded: int
    unknown: int
    first_week_mean: float | None
    last_week_mean: float | None
    streak: int

    @property
    def tolerated_percent(self) -> float | None:
        """Share of decided load days that were tolerated; unknown days are left out."""
        decided = self.tolerated + self.exceeded
        return None if decided == 0 else 100 * self.tolerated / decided

    def sentence(self) -> str:
        """Plain words for one range, zero figures left out (issue 13), e.g.
        "24 load days: 20 tolerated, 4 exceeded. Morning pain went from 3.1/10 in the
        first week to 2.0/10 in the last."."""
        if self.load_days == 0 and self.first_week_mean is None:
            return "Nothing recorded in this range."
        sentences: list[str] = []
        days = counted(self.load_days, "load day")
        judged = [
            f"{count} {word}"
            for count, word in (
                (self.tolerated, "tolerated"),
                (self.exceeded, "exceeded"),
                (self.unknown, "unknown"),
            )
            if count
        ]
        if self.load_days == 0:
            sentences.append("No load days in this range.")
        elif self.tolerated + self.exceeded == 0:
            sentences.append(f"{days}, none with a verdict yet.")
        else:
            sentences.append(f"{days}: {', '.join(judged)}.")
        first, last = self.first_week_mean, self.last_week_mean
        if first is not None and last is not None and first != last:
            sentences.append(
                f"Morning pain went from {first:.1f}/10 in the first week to {last:.1f}/10 "
                "in the last."
            )
        elif last is not None:
            sentences.append(f"Morning pain averaged {last:.1f}/10.")
        # Any load, in the range; the Today pane counts the streak at one dose instead.
        if self.streak >= 2:
            sentences.append(f"The last {self.streak} load days were all tolerated.")
        return " ".join(sentences)


def summarize(data: ProgressData, start: date, end: date) -> Summary:
    """Counts and means for the days ``start``..``end``; the streak runs up to ``end``.

    The streak is the guidance's rule (R3.5): tolerated days in a row, unknown days
    skipped, an exceeded day ends it.
    """
    part = data.between(start, end)
    outcomes = [v.outcome for v in part.verdicts]
    means = weekly_means(part.mornings)
    streak, _dose = streak_at_current_dose(part.verdicts)
    return Summary(
        load_days=len(part.verdicts),
        tolerated=outcomes.count(Outcome.TOLERATED),
        exceeded=outcomes.count(Outcome.EXCEEDED),
        unknown=outcomes.count(Outcome.UNKNOWN),
        first_week_mean=means[0][1] if means else None,
        last_week_mean=means[-1][1] if means else None,
        streak=streak,
    )
