"""A user's own exercise climbs the ladder they set (R2.9): checked, stored, planned."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pht_desktop.domain.dose_ladder import (
    DEFAULT_STEPS,
    LadderSteps,
    checked_custom_ladder,
)
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.exercise import Load, SessionDraft, plan_sets
from pht_desktop.domain.plan import PlanKind
from pht_desktop.services.registry import Services
from tests.morning.helpers import d


@pytest.mark.parametrize(
    ("dose_type", "sets", "first", "rest", "steps", "field"),
    [
        ("hold", 0, 20, 60, DEFAULT_STEPS, "sets"),
        ("hold", 3, 0, 60, DEFAULT_STEPS, "hold_seconds"),
        ("reps", 3, 0, 60, DEFAULT_STEPS, "reps"),
        ("hold", 3, 20, -1, DEFAULT_STEPS, "rest"),
        ("hold", 3, 20, 60, LadderSteps(rungs=0), "rungs"),
        ("hold", 3, 20, 60, LadderSteps(rungs=11), "rungs"),
        ("hold", 3, 20, 60, LadderSteps(step=61), "step"),
        ("reps", 3, 8, 60, LadderSteps(step=21), "step"),
        ("hold", 3, 20, 60, LadderSteps(rungs=3, step=0), "step"),  # three equal rungs
        ("hold", 3, 590, 60, LadderSteps(rungs=3, step=10), "step"),  # top 610 s
        ("reps", 3, 195, 60, LadderSteps(rungs=4, step=2), "step"),  # top 201 reps
        ("reps", 3, 8, 60, LadderSteps(load_step_kg=-2.5), "load_step"),
        ("reps", 3, 8, 60, LadderSteps(load_step_kg=25.0), "load_step"),
        ("run", 1, 8, 60, DEFAULT_STEPS, "ladder"),
    ],
)
def test_a_bad_ladder_is_refused_with_its_field(
    dose_type: str, sets: int, first: int, rest: int, steps: LadderSteps, field: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        checked_custom_ladder(dose_type, sets, first, first, rest, steps)
    assert refused.value.field == field
    assert refused.value.message


def test_one_rung_may_have_no_step() -> None:
    ladder = checked_custom_ladder("hold", 3, 20, 20, 60, LadderSteps(rungs=1, step=0))
    assert [r.words() for r in ladder.ladder().rungs] == ["3 × 20 s"]


@given(
    hold=st.booleans(),
    sets=st.integers(1, 30),
    first=st.integers(1, 20),  # the top rung stays a dose the form accepts (≤ 200)
    rungs=st.integers(2, 10),
    step=st.integers(1, 20),
    load=st.sampled_from([0.0, 1.25, 2.5, 5.0]),
)
def test_every_rung_asks_more_and_the_top_is_derived(
    hold: bool, sets: int, first: int, rungs: int, step: int, load: float
) -> None:
    """R2.9: rungs strictly grow from the user's first dose; the top rung is first +
    (rungs − 1) × step, the exercise's top dose; a session at a rung is placed on it."""
    kind = "hold" if hold else "reps"
    custom = checked_custom_ladder(kind, sets, first, first, 90, LadderSteps(rungs, step, load))
    ladder = custom.ladder()
    sizes = [(r.hold_s if hold else r.reps) or 0 for r in ladder.rungs]
    assert sizes == [first + i * step for i in range(rungs)]
    assert ladder.top == rungs - 1
    assert ladder.load_step_kg == load
    assert all(r.sets == sets for r in ladder.rungs)


# --- the plan reads the stored ladder ---------------------------------------------------------
def _log(
    services: Services,
    exercise_id: int,
    day: date,
    sets: int,
    size: int,
    hold: bool,
    kg: float | None = None,
) -> None:
    entries = plan_sets(sets, 1 if hold else size, size if hold else None, 60)
    load = Load.weight(kg) if kg is not None else Load.bodyweight()
    when = datetime.combine(day, time(18, 0), UTC)
    services.exercises.log_session(SessionDraft(exercise_id, when, entries, load))
    services.morning.record_morning(day + timedelta(days=1), 2, replace=True)


def _six_tolerated_days(
    services: Services, exercise_id: int, sets: int, size: int, hold: bool, kg: float | None = None
) -> None:
    days = [d(20, 2) + timedelta(days=i) for i in range(6)]
    services.morning.set_baseline(3, days[0] - timedelta(days=1))
    for day in days:
        _log(services, exercise_id, day, sets, size, hold, kg)


def _wall_press(services: Services) -> int:
    """The user's own hold with their ladder: 4 × 20 s, +10 s per rung, 3 rungs."""
    own = services.exercises.add_exercise("My wall press", 1, "hold")
    services.exercises.save_ladder(own, 4, 20, 60, LadderSteps(rungs=3, step=10))
    return own


def test_the_plan_steps_up_the_users_own_ladder(services: Services) -> None:
    """Six tolerated days at the first rung of the user's ladder (4 × 20 s, +10 s) → the
    plan's next dose is 4 × 30 s, the second rung the user set, not the default +5 s."""
    own = _wall_press(services)
    _six_tolerated_days(services, own, 4, 20, hold=True)
    plan = services.plan.today_plan()
    assert plan.kind is PlanKind.PROGRESS
    assert plan.first is not None
    assert plan.first.words == "My wall press 4 × 30 s"
    assert plan.first.rungs == 3


def test_the_users_top_rung_is_the_top_dose(services: Services) -> None:
    """At the top rung the user set (4 × 40 s of 3 rungs) the plan keeps the dose and,
    tolerated for N days, proposes the next stage (R2.9, R2.10)."""
    own = _wall_press(services)
    _six_tolerated_days(services, own, 4, 40, hold=True)
    plan = services.plan.today_plan()
    assert plan.kind is PlanKind.SAME
    assert plan.first is not None
    assert plan.first.words == "My wall press 4 × 40 s"
    assert plan.stage_move is not None
    assert plan.stage_move.proposed == 2


def test_a_load_step_adds_weight_at_each_rung_up(services: Services) -> None:
    own = services.exercises.add_exercise("My cable pull-through", 1, "reps")
    services.exercises.save_ladder(own, 3, 10, 60, LadderSteps(rungs=4, step=2, load_step_kg=1.5))
    _six_tolerated_days(services, own, 3, 10, hold=False, kg=20.0)
    item = services.plan.today_plan().first
    assert item is not None
    assert item.words == "My cable pull-through 3 × 12, 21.5 kg"
    assert item.load == Load.weight(21.5)


def test_a_refused_ladder_changes_nothing(services: Services) -> None:
    own = _wall_press(services)
    before = services.exercises.ladder(own)
    with pytest.raises(ValidationError):
        services.exercises.save_ladder(own, 5, 25, 60, LadderSteps(rungs=3, step=0))
    assert services.exercises.ladder(own) == before


def test_a_builtin_ladder_is_not_editable(services: Services) -> None:
    builtin = next(e for e in services.exercises.catalogue() if e.builtin and e.stage == 1)
    with pytest.raises(ValidationError) as refused:
        services.exercises.save_ladder(builtin.id, 4, 20, 60, DEFAULT_STEPS)
    assert "protocol" in refused.value.message
    assert services.exercises.exercise(builtin.id) == builtin
