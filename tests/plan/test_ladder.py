"""Dose ladders: rungs per exercise, matching a logged dose to a rung (R2.9, R2.3, R2.6)."""

from __future__ import annotations

import pytest

from pht_desktop.domain.catalogue import CATALOGUE
from pht_desktop.domain.dose_ladder import (
    HSR_LADDER,
    ISOMETRIC_LADDER,
    RUN_LADDER,
    STRETCH_LADDER,
    LadderKind,
    LadderSteps,
    Performed,
    custom_ladder,
    ladder_for,
)


@pytest.mark.parametrize(
    ("done", "rung"),
    [
        (Performed(sets=2, reps=1, hold_s=30, effort_pct=50), -1),
        (Performed(sets=3, reps=1, hold_s=30, effort_pct=50), 0),
        (Performed(sets=5, reps=1, hold_s=30, effort_pct=70), 2),
        (Performed(sets=5, reps=1, hold_s=40), 3),  # effort not recorded: not held against
        (Performed(sets=5, reps=1, hold_s=45, effort_pct=70), 4),
        (Performed(sets=5, reps=1, hold_s=45, effort_pct=80), 5),
        (Performed(sets=5, reps=1, hold_s=45, effort_pct=60), 1),
    ],
)
def test_isometric_rung_of(done: Performed, rung: int) -> None:
    """R2.3/R2.9: hold time, effort and number of holds place a session on the ladder."""
    assert ISOMETRIC_LADDER.rung_of(done) == rung


@pytest.mark.parametrize(
    ("sets", "reps", "rung"),
    [(3, 15, 0), (3, 12, 1), (4, 10, 2), (4, 8, 3), (2, 15, -1), (3, 8, 1), (3, 13, 1)],
)
def test_hsr_rung_of(sets: int, reps: int, rung: int) -> None:
    """R2.6: 15RM → 8RM has fewer reps at each rung; the nearest reps decide."""
    assert HSR_LADDER.rung_of(Performed(sets=sets, reps=reps)) == rung


@pytest.mark.parametrize(
    ("done", "rung"),
    [
        (Performed(1, 1, run_total_min=19.5), 0),
        (Performed(1, 1, run_total_min=30), 3),
        (Performed(1, 1, run_total_min=30, continuous=True), 5),
        (Performed(1, 1, run_total_min=30, continuous=True, speed=True), 6),
        (Performed(1, 1, run_total_min=30, continuous=True, hills=True), 7),
        (Performed(1, 1, run_total_min=10), -1),
    ],
)
def test_run_rung_of(done: Performed, rung: int) -> None:
    """R2.4: strides and hills are the run ladder's last rungs."""
    assert RUN_LADDER.rung_of(done) == rung


def test_every_catalogue_exercise_has_a_ladder_with_a_derived_top() -> None:
    """R2.9: the top dose is the top rung of each ladder, derived, never assumed."""
    for entry in CATALOGUE:
        ladder = ladder_for(entry.slug, entry.stage, entry.dose_type, avoid_early=entry.avoid_early)
        assert ladder.top == len(ladder.rungs) - 1
        assert ladder.low <= ladder.entry <= ladder.top
        if entry.avoid_early:
            assert ladder is STRETCH_LADDER
        if entry.stage == 1:
            assert ladder is ISOMETRIC_LADDER


def test_custom_ladder_steps_from_the_users_own_dose() -> None:
    holds = custom_ladder("hold", 4, 1, 20, 60, LadderSteps(step=10))
    assert holds.kind is LadderKind.HOLD
    assert [r.hold_s for r in holds.rungs] == [20, 30, 40, 50]
    reps = custom_ladder("reps", 3, 8, None, 90, LadderSteps(step=1))
    assert [r.reps for r in reps.rungs] == [8, 9, 10, 11]
    assert reps.rung_of(Performed(3, 10)) == 2


def test_below_first_is_lighter_than_the_first_rung() -> None:
    """R3.5: after even the first rung was too much, never that dose again."""
    assert ISOMETRIC_LADDER.below_first().sets < ISOMETRIC_LADDER.rungs[0].sets
    run = RUN_LADDER.below_first()
    assert run.total_min is not None
    assert run.total_min < (RUN_LADDER.rungs[0].total_min or 0)
