"""Yesterday's verdict in words, its flags, the streak and the disclaimer (R3.5, R3.8, R3.9, R5).

What to do today is tested in tests/plan (the one plan, issue 11)."""

from __future__ import annotations

from datetime import date

import pytest

from pht_desktop.domain.guidance import (
    DISCLAIMER,
    streak_at_current_dose,
    verdict_sentence,
    yesterday,
)
from pht_desktop.domain.morning import BaselineChange, BaselineMode, MorningEntry
from pht_desktop.domain.verdicts import (
    REASON_NO_MORNING,
    LoadDay,
    Outcome,
    Verdict,
    compute_verdicts,
)

T, E, U = Outcome.TOLERATED, Outcome.EXCEEDED, Outcome.UNKNOWN


def d(day: int) -> date:
    return date(2026, 3, day)


def v(
    day: int,
    outcome: Outcome,
    dose: str | None = "A",
    pain: int | None = 2,
    reference: int | None = 3,
    mode: BaselineMode = BaselineMode.FIXED,
    during: int | None = None,
    week_rose: bool = False,
) -> Verdict:
    """A hand-made verdict, so guidance is tested apart from the verdict rule."""
    return Verdict(
        load_day=LoadDay(d(day), during, dose),
        outcome=outcome,
        next_morning_pain=None if outcome is U else pain,
        reference=reference,
        mode=mode,
        reason=REASON_NO_MORNING if outcome is U else None,
        pain_during_over_ceiling=during is not None and during >= 6,
        week_rose=week_rose,
    )


def run(outcomes: str, dose: str | None = "A", first: int = 1) -> list[Verdict]:
    kinds = {"T": T, "E": E, "U": U}
    return [v(first + i, kinds[c], dose) for i, c in enumerate(outcomes)]


@pytest.mark.parametrize(
    ("verdicts", "streak", "dose"),
    [
        pytest.param([], 0, None, id="nothing"),
        pytest.param(run("TTT"), 3, "A", id="three-tolerated"),
        pytest.param(run("TTUT"), 3, "A", id="unknown-neither-breaks-nor-counts"),
        pytest.param(run("TTET"), 1, "A", id="exceeded-breaks"),
        pytest.param(run("TTE"), 0, "A", id="ends-on-exceeded"),
        pytest.param(run("TTT") + run("TT", "B", 4), 2, "B", id="dose-change-breaks"),
        pytest.param(run("TTT") + run("U", "B", 4), 0, "B", id="new-dose-unknown-yet"),
        pytest.param(run("UUU"), 0, "A", id="all-unknown"),
        pytest.param(list(reversed(run("TETT"))), 2, "A", id="order-does-not-matter"),
    ],
)
def test_r3_5_streak_counts_tolerated_days_at_current_dose(
    verdicts: list[Verdict], streak: int, dose: str | None
) -> None:
    assert streak_at_current_dose(verdicts) == (streak, dose)


def test_r3_5_a_second_exercise_on_some_days_does_not_reset_the_streak() -> None:
    """Found in review: a daily hold plus an every-other-day HSR session must still build
    the hold's streak toward progressing (each dose is followed on its own)."""

    def day(n: int, doses: tuple[str, ...]) -> Verdict:
        return Verdict(
            load_day=LoadDay(d(n), None, " + ".join(doses), doses),
            outcome=T,
            next_morning_pain=2,
            reference=3,
            mode=BaselineMode.FIXED,
            reason=None,
            pain_during_over_ceiling=False,
            week_rose=False,
        )

    verdicts = [
        day(n, ("Hold 5 × 40 s",) + (("Bridge 3 × 12",) if n % 2 else ())) for n in range(1, 8)
    ]
    assert streak_at_current_dose(verdicts) == (7, "Hold 5 × 40 s")


@pytest.mark.parametrize(
    ("verdict", "sentence"),
    [
        (v(5, T, pain=2, reference=3), "Tolerated: 2/10 this morning, baseline 3/10"),
        (v(5, E, pain=5, reference=3), "Exceeded: 5/10 this morning, baseline 3/10"),
        (v(5, U), "Unknown: no morning entry"),
        (
            v(5, T, pain=1, reference=2, mode=BaselineMode.PRE_LOAD),
            "Tolerated: 1/10 this morning, pre-load morning 2/10",
        ),
        (None, "No load yesterday"),
    ],
)
def test_r3_5_verdict_sentences(verdict: Verdict | None, sentence: str) -> None:
    assert verdict_sentence(verdict) == sentence


def test_r3_5_yesterday_is_the_load_day_before_today() -> None:
    verdicts = [v(2, E, pain=6), v(4, U)]
    assert yesterday(verdicts, d(5)).sentence == "Unknown: no morning entry"
    assert yesterday(verdicts, d(4)).sentence == "No load yesterday"
    assert yesterday(verdicts, d(4)).verdict is None
    assert yesterday(verdicts, d(3)).sentence == "Exceeded: 6/10 this morning, baseline 3/10"
    assert yesterday(verdicts, d(3)).verdict == verdicts[0]


def test_r3_8_r3_9_notes_carry_yesterdays_flags() -> None:
    result = yesterday([v(4, T, during=7, week_rose=True)], d(5))
    assert len(result.notes) == 2
    assert "7/10" in result.notes[0]
    assert "higher than last week" in result.notes[1]
    assert yesterday([v(4, T, during=5)], d(5)).notes == ()


def test_r5_disclaimer_text() -> None:
    assert DISCLAIMER == (
        "General education and self-monitoring, not individual clinical advice. "
        "Consult a registered health practitioner."
    )


def test_r3_5_end_to_end_from_entries_to_yesterday() -> None:
    baselines = [BaselineChange(d(1), 3, "sitting")]
    pains = {2: 2, 3: 3, 4: 2, 5: 4}
    entries = [MorningEntry(d(k), p, "sitting") for k, p in pains.items()]
    loads = [LoadDay(d(1), dose="A"), LoadDay(d(2), dose="A"), LoadDay(d(3), dose="B")]
    loads.append(LoadDay(d(4), dose="B"))
    result = yesterday(compute_verdicts(loads, entries, baselines), d(5))
    assert result.sentence == "Exceeded: 4/10 this morning, baseline 3/10"
    assert result.verdict is not None
    assert result.verdict.dose == "B"
