"""Guidance from verdicts: streaks, progress, going back, sentences (R3.5, R2.7, R5)."""

from __future__ import annotations

from datetime import date

import pytest

from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.guidance import (
    DISCLAIMER,
    Suggestion,
    guidance,
    streak_at_current_dose,
    verdict_sentence,
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


@pytest.mark.parametrize(
    ("outcomes", "progress_after", "suggestion"),
    [
        ("TTTTT", 6, Suggestion.HOLD),
        ("TTTTTT", 6, Suggestion.PROGRESS),
        ("TTTTUTT", 6, Suggestion.PROGRESS),
        ("TTTTTET", 6, Suggestion.HOLD),
        ("TTT", 3, Suggestion.PROGRESS),
        ("TT", 3, Suggestion.HOLD),
        ("TTTTTTTE", 6, Suggestion.GO_BACK),
        ("TTEU", 6, Suggestion.GO_BACK),  # latest known verdict at this dose exceeded
    ],
)
def test_r3_5_r2_7_progress_threshold(
    outcomes: str, progress_after: int, suggestion: Suggestion
) -> None:
    verdicts = run(outcomes)
    today = d(len(outcomes) + 1)
    result = guidance(verdicts, today, progress_after=progress_after)
    assert result.suggestion is suggestion
    assert result.disclaimer == DISCLAIMER


def test_r3_5_progress_sentence_names_streak_and_dose() -> None:
    result = guidance(run("TTTTTT", "3x45 s band"), d(7))
    assert result.streak == 6
    assert result.suggestion_text.startswith("Progress: 6 tolerated load days in a row at 3x45 s")


def test_r3_5_hold_sentence_says_how_far_to_go() -> None:
    result = guidance(run("TT"), d(3), progress_after=5)
    assert result.suggestion is Suggestion.HOLD
    assert result.suggestion_text == (
        "Hold this dose: A. Progress after 5 tolerated load days in a row (now 2)."
    )
    assert guidance([], d(3)).suggestion_text == "Hold: no load days logged yet."


def test_r3_5_go_back_names_last_tolerated_dose_and_its_numbers() -> None:
    verdicts = [
        v(2, T, "A", pain=1, reference=3),
        v(3, T, "A", pain=2, reference=3),
        v(4, T, "B", pain=3, reference=3),
        v(5, E, "B", pain=5, reference=3),
    ]
    result = guidance(verdicts, d(6))
    assert result.suggestion is Suggestion.GO_BACK
    last = result.last_tolerated
    assert last is not None
    assert (last.dose, last.day, last.morning_pain, last.reference) == ("A", d(3), 2, 3)
    assert result.suggestion_text == (
        "Go back to A, last tolerated on 2026-03-03 (2/10 next morning, baseline 3/10)."
    )
    assert result.yesterday == "Exceeded: 5/10 this morning, baseline 3/10"
    assert result.propose_stage_change is None


def test_r3_5_go_back_never_names_the_dose_that_was_too_much() -> None:
    """Found in review: with only the exceeded dose tolerated before, the advice is to
    reduce below it, not to "go back" to it."""
    same = guidance([v(2, T, "A", pain=1), v(3, E, "A", pain=6)], d(4))
    assert same.suggestion is Suggestion.GO_BACK
    assert same.last_tolerated is None
    assert same.suggestion_text.startswith("Go back: A was too much on 2026-")
    assert "reduce below it" in same.suggestion_text
    nothing = guidance([v(3, E, "A", pain=6)], d(4))
    assert nothing.suggestion is Suggestion.GO_BACK
    assert nothing.last_tolerated is None
    assert "no lower tolerated load on record" in nothing.suggestion_text


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
    result = guidance(verdicts, d(8), progress_after=6)
    assert (result.streak, result.dose) == (7, "Hold 5 × 40 s")
    assert result.suggestion is Suggestion.PROGRESS


def test_r3_5_after_going_back_the_new_dose_is_held() -> None:
    verdicts = [v(2, T, "A"), v(3, E, "B", pain=5), v(4, U, "A")]
    result = guidance(verdicts, d(4))  # today's load day at A has no verdict yet
    assert (result.suggestion, result.dose, result.streak) == (Suggestion.HOLD, "A", 0)


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
    assert guidance(verdicts, d(5)).yesterday == "Unknown: no morning entry"
    assert guidance(verdicts, d(4)).yesterday == "No load yesterday"
    assert guidance(verdicts, d(3)).yesterday == "Exceeded: 6/10 this morning, baseline 3/10"
    assert guidance(verdicts, d(3)).yesterday_verdict == verdicts[0]


def test_r3_8_r3_9_notes_carry_yesterdays_flags() -> None:
    result = guidance([v(4, T, during=7, week_rose=True)], d(5))
    assert len(result.notes) == 2
    assert "7/10" in result.notes[0]
    assert "higher than last week" in result.notes[1]
    assert guidance([v(4, T, during=5)], d(5)).notes == ()


@pytest.mark.parametrize(
    ("stage", "kwargs", "proposed"),
    [
        (2, {}, (2, 3)),
        (4, {}, (4, 5)),
        (5, {}, None),  # no stage after 5
        (None, {}, None),
        (2, {"at_top_dose": False}, None),  # progress the dose within the stage first
        (2, {"stage_since": d(3)}, None),  # the streak began in the previous stage
        (2, {"stage_since": d(1)}, (2, 3)),
    ],
)
def test_r2_7_stage_change_is_only_proposed(
    stage: int | None, kwargs: dict[str, object], proposed: tuple[int, int] | None
) -> None:
    result = guidance(run("TTTTTT"), d(7), current_stage=stage, **kwargs)  # type: ignore[arg-type]
    assert result.suggestion is Suggestion.PROGRESS
    proposal = result.propose_stage_change
    got = None if proposal is None else (proposal.current, proposal.proposed)
    assert got == proposed
    if proposal is not None:
        assert "confirm" in proposal.text


def test_r2_7_no_stage_proposal_while_holding() -> None:
    assert guidance(run("TTTTT"), d(6), current_stage=2).propose_stage_change is None


@pytest.mark.parametrize(("kwargs"), [{"progress_after": 0}, {"current_stage": 6}])
def test_r2_7_bad_settings_are_rejected(kwargs: dict[str, int]) -> None:
    with pytest.raises(ValidationError):
        guidance([], d(1), **kwargs)  # type: ignore[arg-type]


def test_r5_disclaimer_text() -> None:
    assert DISCLAIMER == (
        "General education and self-monitoring, not individual clinical advice. "
        "Consult a registered health practitioner."
    )


def test_r3_5_end_to_end_from_entries_to_guidance() -> None:
    baselines = [BaselineChange(d(1), 3, "sitting")]
    pains = {2: 2, 3: 3, 4: 2, 5: 4}
    entries = [MorningEntry(d(k), p, "sitting") for k, p in pains.items()]
    loads = [LoadDay(d(1), dose="A"), LoadDay(d(2), dose="A"), LoadDay(d(3), dose="B")]
    loads.append(LoadDay(d(4), dose="B"))
    result = guidance(compute_verdicts(loads, entries, baselines), d(5))
    assert result.yesterday == "Exceeded: 4/10 this morning, baseline 3/10"
    assert result.suggestion is Suggestion.GO_BACK
    assert result.last_tolerated is not None
    assert (result.last_tolerated.dose, result.last_tolerated.day) == ("A", d(2))
