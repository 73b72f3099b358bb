"""What the verdicts suggest, in plain words and numbers (R3.5, R2.7, R5).

Pure functions over :class:`~pht_desktop.domain.verdicts.Verdict` values. The app
suggests; it never changes the plan by itself: a stage move is only *proposed*
(``propose_stage_change``) for the UI to ask the user to confirm (R2.7, R3.5).

Streak rule (R3.5 "a run of tolerated days at the same load"): walking back from the
latest load day, the current dose is the latest load day's dose label. Tolerated days at
that dose count; an exceeded day or a different dose ends the streak; unknown days at
the same dose are skipped — they neither count nor break it, because an unknown is never
guessed either way (R3.2).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from pht_desktop.domain import validation
from pht_desktop.domain.morning import BaselineMode
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


class Suggestion(StrEnum):
    """What to do with the load next (R3.5)."""

    PROGRESS = "progress"
    HOLD = "hold"
    GO_BACK = "go_back"


@dataclass(frozen=True, slots=True)
class LastTolerated:
    """The load to go back to after an exceeded day, with its numbers (R3.5)."""

    dose: str | None
    day: date
    morning_pain: int
    reference: int
    mode: BaselineMode


@dataclass(frozen=True, slots=True)
class StageProposal:
    """A stage move for the user to confirm; nothing changes until they do (R2.7)."""

    current: int
    proposed: int
    text: str


@dataclass(frozen=True, slots=True)
class Guidance:
    """Everything the Today pane says about load, as words and numbers (R3.5, R5)."""

    yesterday: str
    yesterday_verdict: Verdict | None
    notes: tuple[str, ...]
    streak: int
    dose: str | None
    suggestion: Suggestion
    suggestion_text: str
    last_tolerated: LastTolerated | None
    propose_stage_change: StageProposal | None
    disclaimer: str = DISCLAIMER


def _dose_words(dose: str | None) -> str:
    return dose if dose else "the current load"


def _days(count: int) -> str:
    return f"{count} tolerated load day{'s' if count != 1 else ''}"


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
            "over the ceiling of 6 whatever this morning says."
        )
    if verdict.week_rose:
        notes.append("Mean morning pain this week is higher than last week's.")
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


def _last_known_at_dose(ordered: list[Verdict], dose: str | None) -> Verdict | None:
    """The latest decided (not unknown) verdict on a day that included ``dose``."""
    for verdict in reversed(ordered):
        if _has(verdict, dose) and verdict.outcome is not Outcome.UNKNOWN:
            return verdict
    return None


def last_tolerated_before(
    verdicts: Iterable[Verdict], exceeded: Verdict, dose: str | None = None
) -> LastTolerated | None:
    """The load to go back to after ``exceeded`` (R3.5): the latest tolerated day before
    it without the exceeded dose (a step back); None when there is none, so the
    guidance never names the very dose that was just too much."""
    dose = dose if dose is not None else exceeded.dose
    earlier = sorted(
        (v for v in verdicts if v.day < exceeded.day and v.outcome is Outcome.TOLERATED),
        key=lambda v: v.day,
    )
    other = [v for v in earlier if not (dose in v.doses or v.dose == dose)]
    pick = other[-1] if other else None
    if pick is None or pick.next_morning_pain is None or pick.reference is None:
        return None
    return LastTolerated(pick.dose, pick.day, pick.next_morning_pain, pick.reference, pick.mode)


def guidance(
    verdicts: Iterable[Verdict],
    today: date,
    *,
    progress_after: int = DEFAULT_PROGRESS_AFTER,
    current_stage: int | None = None,
    stage_since: date | None = None,
    at_top_dose: bool = True,
) -> Guidance:
    """Today's guidance from the verdicts (R3.5), with a stage proposal to confirm (R2.7).

    Only load days before ``today`` are judged (today's has no next morning yet), but a
    load day logged today still sets the current dose. PROGRESS needs ``progress_after``
    tolerated days in a row at the current dose. A stage move is proposed when PROGRESS
    holds, ``at_top_dose`` (the caller knows the stage's top dose, R2.7), the stage is below
    5, and the streak's days all fall on or after ``stage_since`` (the current stage's date).
    """
    threshold = validation.int_in_range(
        progress_after, 1, 60, "progress_after", "Tolerated days before progressing"
    )
    if current_stage is not None:
        current_stage = validation.int_in_range(current_stage, 1, MAX_STAGE, "stage", "Stage")
    ordered = sorted((v for v in verdicts if v.day <= today), key=lambda v: v.day)
    yesterday_day = today - timedelta(days=1)
    yesterday = next((v for v in ordered if v.day == yesterday_day), None)
    streak, dose = streak_at_current_dose(ordered)
    last_known: Verdict | None = None
    if ordered:
        for current in _current_doses(ordered):
            known = _last_known_at_dose(ordered, current)
            if known is not None and known.outcome is Outcome.EXCEEDED:
                last_known, dose = known, current
                break

    last_tolerated: LastTolerated | None = None
    proposal: StageProposal | None = None
    if last_known is not None:
        suggestion = Suggestion.GO_BACK
        last_tolerated = last_tolerated_before(ordered, last_known, dose)
        if last_tolerated is None:
            text = (
                f"Go back: {_dose_words(dose)} was too much on {last_known.day.isoformat()}; "
                "reduce below it (no lower tolerated load on record yet)."
            )
        else:
            text = (
                f"Go back to {_dose_words(last_tolerated.dose)}, last tolerated on "
                f"{last_tolerated.day.isoformat()} ({last_tolerated.morning_pain}/10 next "
                f"morning, {last_tolerated.mode.reference_word} {last_tolerated.reference}/10)."
            )
    elif streak >= threshold:
        suggestion = Suggestion.PROGRESS
        text = (
            f"Progress: {_days(streak)} in a row at {_dose_words(dose)}. "
            "You may step the load up a little."
        )
        streak_days = _streak_days(ordered, dose)
        in_stage = stage_since is None or all(d >= stage_since for d in streak_days[:threshold])
        if current_stage is not None and current_stage < MAX_STAGE and at_top_dose and in_stage:
            proposal = StageProposal(
                current=current_stage,
                proposed=current_stage + 1,
                text=(
                    f"Move from stage {current_stage} to stage {current_stage + 1}? "
                    "Nothing changes unless you confirm."
                ),
            )
    else:
        suggestion = Suggestion.HOLD
        if not ordered:
            text = "Hold: no load days logged yet."
        else:
            text = (
                f"Hold this dose: {_dose_words(dose)}. Progress after {threshold} tolerated "
                f"load days in a row (now {streak})."
            )
    return Guidance(
        yesterday=verdict_sentence(yesterday),
        yesterday_verdict=yesterday,
        notes=_notes(yesterday),
        streak=streak,
        dose=dose,
        suggestion=suggestion,
        suggestion_text=text,
        last_tolerated=last_tolerated,
        propose_stage_change=proposal,
    )


def _streak_days(ordered: list[Verdict], dose: str | None) -> list[date]:
    """Tolerated days at ``dose`` since the last exceeded day, latest first."""
    days: list[date] = []
    for verdict in reversed(ordered):
        if verdict.outcome is Outcome.EXCEEDED:
            break
        if verdict.outcome is Outcome.TOLERATED and _has(verdict, dose):
            days.append(verdict.day)
    return days
