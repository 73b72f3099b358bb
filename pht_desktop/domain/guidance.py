"""Yesterday's verdict in plain words and numbers, and the R5 disclaimer (R3.5, R3.8, R3.9).

Pure functions over :class:`~pht_desktop.domain.verdicts.Verdict` values. What to do
today — progress, hold, go back, a stage move — is decided in one place only,
:func:`pht_desktop.domain.plan.plan_today` (issue 11, R2.9, R2.10): this module only
says what yesterday's load day came to, so no second, unseen rule runs beside the plan.

Streak rule (R3.5 "a run of tolerated days at the same load"), used by the Progress
summary: walking back from the latest load day, the current dose is the latest load
day's dose label. Tolerated days at that dose count; an exceeded day or a different dose
ends the streak; unknown days at the same dose are skipped — they neither count nor
break it, because an unknown is never guessed either way (R3.2).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from pht_desktop.domain.verdicts import Outcome, Verdict

DISCLAIMER = (
    "General education and self-monitoring, not individual clinical advice. "
    "Consult a registered health practitioner."
)
"""R5: shown on every screen that gives guidance."""

DEFAULT_PROGRESS_AFTER = 6
"""Tolerated load days at one dose before progressing is suggested (R2.7, user-settable)."""

MAX_STAGE = 5
"""The protocol has five stages (R2)."""


@dataclass(frozen=True, slots=True)
class Yesterday:
    """The YESTERDAY line of the Today pane: the verdict, its sentence and flags (R3.5)."""

    sentence: str
    verdict: Verdict | None
    notes: tuple[str, ...]
    disclaimer: str = DISCLAIMER


def verdict_sentence(verdict: Verdict | None) -> str:
    """One line on a load day's verdict, e.g. "Tolerated: 2/10 this morning, baseline 3/10"."""
    if verdict is None:
        return "No load yesterday"
    if verdict.outcome is Outcome.UNKNOWN:
        return f"Unknown: {verdict.reason}"
    head = "Tolerated" if verdict.outcome is Outcome.TOLERATED else "Exceeded"
    return (
        f"{head}: {verdict.next_morning_pain}/10 this morning, "
        f"{verdict.mode.reference_word} {verdict.reference}/10"
    )


def _notes(verdict: Verdict | None) -> tuple[str, ...]:
    if verdict is None:
        return ()
    notes: list[str] = []
    if verdict.pain_during_over_ceiling:
        notes.append(
            f"Pain during the session reached {verdict.load_day.max_pain_during}/10: "
            "6 or more is too much, whatever this morning says."
        )
    if verdict.week_rose:
        notes.append("Your average morning pain this week is higher than last week's.")
    return tuple(notes)


def _has(verdict: Verdict, dose: str | None) -> bool:
    """Whether the load day included ``dose`` (None: a day logged without labels)."""
    return dose in verdict.doses if dose is not None else verdict.dose is None


def _current_doses(ordered: list[Verdict]) -> tuple[str | None, ...]:
    """The doses of the latest load day: what the user is doing now."""
    return ordered[-1].doses or (None,)


def streak_at_current_dose(verdicts: Iterable[Verdict]) -> tuple[int, str | None]:
    """Tolerated load days in a row at a current dose, and that dose (R3.5).

    Each of the latest load day's doses (one per exercise) is followed on its own: days
    without it neither count nor break its streak, so a second exercise on some days does
    not reset the first one's. Any exceeded day ends every streak (the tendon answers the
    day's whole load). The dose with the longest streak is the one reported.
    """
    ordered = sorted(verdicts, key=lambda v: v.day)
    if not ordered:
        return 0, None
    best = max(_current_doses(ordered), key=lambda dose: len(_streak_days(ordered, dose)))
    return len(_streak_days(ordered, best)), best


def yesterday(verdicts: Iterable[Verdict], today: date) -> Yesterday:
    """The load day before ``today``, in one sentence with its flags (R3.5, R3.8, R3.9)."""
    day = today - timedelta(days=1)
    verdict = next((v for v in verdicts if v.day == day), None)
    return Yesterday(verdict_sentence(verdict), verdict, _notes(verdict))


def _streak_days(ordered: list[Verdict], dose: str | None) -> list[date]:
    """Tolerated days at ``dose`` since the last exceeded day, latest first."""
    days: list[date] = []
    for verdict in reversed(ordered):
        if verdict.outcome is Outcome.EXCEEDED:
            break
        if verdict.outcome is Outcome.TOLERATED and _has(verdict, dose):
            days.append(verdict.day)
    return days
