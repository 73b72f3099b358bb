"""The hold timer state machine (R2.3): phases, pause, skip, stop early, what is logged."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.exercise import SetEntry
from pht_desktop.domain.hold_timer import (
    Event,
    Finished,
    HoldCompleted,
    HoldPlan,
    HoldTimer,
    Phase,
    PhaseChanged,
)


def make(
    sets: int = 2, holds: int = 2, hold_s: int = 10, rest_s: int = 5, ready: int = 5
) -> tuple[HoldTimer, FakeClock]:
    clock = FakeClock()
    return HoldTimer(HoldPlan(sets, holds, hold_s, rest_s, ready), clock), clock


def step(timer: HoldTimer, clock: FakeClock, seconds: float) -> list[Event]:
    clock.advance(seconds)
    return timer.tick()


def phase_of(timer: HoldTimer) -> Phase:
    """Read through a call, so mypy does not keep a narrowed phase across timer calls."""
    return timer.phase


def phases(events: list[Event]) -> list[Phase]:
    return [e.phase for e in events if isinstance(e, PhaseChanged)]


def test_full_run_to_done() -> None:
    timer, clock = make()
    assert phase_of(timer) is Phase.GET_READY
    assert timer.remaining_seconds == 5
    assert phases(step(timer, clock, 5)) == [Phase.HOLD]
    seen: list[Event] = []
    for _ in range(60):
        seen += step(timer, clock, 1)
    assert timer.done
    assert phase_of(timer) is Phase.DONE
    completed = [e for e in seen if isinstance(e, HoldCompleted)]
    assert [(e.set_no, e.hold_no, e.seconds, e.complete) for e in completed] == [
        (1, 1, 10, True),
        (1, 2, 10, True),
        (2, 1, 10, True),
        (2, 2, 10, True),
    ]
    assert phases(seen) == [Phase.REST, Phase.HOLD] * 3 + [Phase.DONE]
    assert isinstance(seen[-1], Finished)
    assert not seen[-1].stopped_early
    assert timer.result() == (SetEntry(2, 10, 5), SetEntry(2, 10, 5))
    assert timer.progress == 1.0
    assert timer.remaining_seconds == 0
    assert step(timer, clock, 100) == []


def test_one_big_jump_emits_every_event_in_order() -> None:
    timer, clock = make(sets=1, holds=3, hold_s=10, rest_s=5)
    events = step(timer, clock, 1000)
    assert phases(events) == [
        Phase.HOLD,
        Phase.REST,
        Phase.HOLD,
        Phase.REST,
        Phase.HOLD,
        Phase.DONE,
    ]
    assert timer.result() == (SetEntry(3, 10, 5),)
    assert timer.active_seconds == pytest.approx(5 + 3 * 10 + 2 * 5)


def test_remaining_counts_down_for_big_digits() -> None:
    timer, clock = make(hold_s=40, ready=0)
    assert phase_of(timer) is Phase.HOLD
    assert timer.remaining_seconds == 40
    step(timer, clock, 0.3)
    assert timer.remaining_seconds == 40
    step(timer, clock, 39.5)
    assert timer.remaining_seconds == 1
    assert timer.phase_progress == pytest.approx(39.8 / 40)


def test_pause_stops_time_counting() -> None:
    timer, clock = make(hold_s=10, ready=0)
    step(timer, clock, 4)
    timer.pause()
    assert timer.paused
    step(timer, clock, 500)
    assert timer.remaining_seconds == 6
    assert phase_of(timer) is Phase.HOLD
    timer.resume()
    assert step(timer, clock, 5.5) == []
    assert timer.remaining_seconds == 1
    events = step(timer, clock, 0.5)
    assert HoldCompleted(1, 1, 10) in events
    assert timer.active_seconds == pytest.approx(10)


def test_pause_catches_up_first() -> None:
    timer, clock = make(hold_s=10, ready=0)
    clock.advance(12)  # no tick in between: pausing must still count these seconds
    events = timer.pause()
    assert HoldCompleted(1, 1, 10) in events
    assert phase_of(timer) is Phase.REST


def test_toggle_pause_is_the_space_bar() -> None:
    timer, _clock = make()
    timer.toggle_pause()
    assert timer.paused
    timer.toggle_pause()
    assert not timer.paused


def test_skip_rest_starts_next_hold() -> None:
    timer, clock = make(sets=1, holds=2, hold_s=10, rest_s=60, ready=0)
    step(timer, clock, 10)
    assert phase_of(timer) is Phase.REST
    step(timer, clock, 3)
    events = timer.skip_rest()
    assert phases(events) == [Phase.HOLD]
    assert phase_of(timer) is Phase.HOLD
    assert timer.remaining_seconds == 10
    assert timer.current_label == "Hold 2 of 2"
    step(timer, clock, 10)
    assert timer.done
    assert timer.result() == (SetEntry(2, 10, 60),)
    assert timer.active_seconds == pytest.approx(23)


def test_skip_get_ready_and_skip_while_paused() -> None:
    timer, clock = make(sets=1, holds=2, rest_s=30)
    assert phases(timer.skip_rest()) == [Phase.HOLD]
    step(timer, clock, 10)
    timer.pause()
    assert phases(timer.skip_rest()) == [Phase.HOLD]
    assert not timer.paused


def test_skip_during_hold_does_nothing() -> None:
    timer, clock = make(ready=0)
    step(timer, clock, 2)
    assert timer.skip_rest() == []
    assert timer.remaining_seconds == 8


def test_interrupted_hold_logs_seconds_actually_held() -> None:
    timer, clock = make(sets=1, holds=3, hold_s=40, rest_s=10, ready=0)
    step(timer, clock, 40 + 10 + 25.9)
    events = timer.stop_early()
    assert HoldCompleted(1, 2, 25, complete=False) in events
    assert isinstance(events[-1], Finished)
    assert events[-1].stopped_early
    assert phase_of(timer) is Phase.DONE
    assert timer.result() == (SetEntry(1, 40, 10), SetEntry(1, 25, 10))


def test_interrupted_hold_under_a_second_is_not_logged() -> None:
    timer, clock = make(sets=1, holds=1, hold_s=40, ready=0)
    step(timer, clock, 0.9)
    events = timer.stop_early()
    assert not any(isinstance(e, HoldCompleted) for e in events)
    assert timer.result() == ()


def test_stop_while_paused_counts_only_unpaused_seconds() -> None:
    timer, clock = make(sets=1, holds=1, hold_s=40, ready=0)
    step(timer, clock, 12)
    timer.pause()
    clock.advance(20)
    timer.stop_early()
    assert timer.result() == (SetEntry(1, 12, 5),)


def test_stop_during_rest_logs_completed_holds_only() -> None:
    timer, clock = make(sets=2, holds=1, hold_s=10, rest_s=30, ready=0)
    step(timer, clock, 15)
    timer.stop_early()
    assert timer.result() == (SetEntry(1, 10, 30),)
    assert timer.progress < 1.0
    assert timer.stop_early() == []


def test_stage_one_default_plan() -> None:
    timer, clock = make(sets=5, holds=1, hold_s=40, rest_s=120)
    step(timer, clock, 5 + 5 * 40 + 4 * 120)
    assert timer.result() == tuple(SetEntry(1, 40, 120) for _ in range(5))


def test_zero_rest_goes_straight_to_next_hold() -> None:
    timer, clock = make(sets=1, holds=2, hold_s=10, rest_s=0, ready=0)
    assert phases(step(timer, clock, 10)) == [Phase.HOLD]


@pytest.mark.parametrize(
    ("plan", "elapsed", "current", "following"),
    [
        ((2, 5, 10, 5, 5), 0, "Set 1, hold 1 of 5", None),
        ((2, 5, 10, 5, 5), 5, "Set 1, hold 1 of 5", "Set 1, hold 2 of 5"),
        ((2, 5, 10, 5, 5), 5 + 4 * 15 + 10, "Set 2, hold 1 of 5", None),
        ((2, 5, 10, 5, 5), 5 + 7 * 15 + 2, "Set 2, hold 3 of 5", "Set 2, hold 4 of 5"),
        ((5, 1, 10, 5, 0), 1, "Hold 1 of 5", "Hold 2 of 5"),
        ((1, 3, 10, 5, 0), 32, "Hold 3 of 3", None),
        ((1, 3, 10, 5, 0), 27, "Hold 3 of 3", None),
    ],
)
def test_labels(
    plan: tuple[int, int, int, int, int], elapsed: float, current: str, following: str | None
) -> None:
    clock = FakeClock()
    timer = HoldTimer(HoldPlan(*plan), clock)
    step(timer, clock, elapsed)
    assert timer.current_label == current
    assert timer.next_hold_label == following


def test_progress_moves_through_plan() -> None:
    timer, clock = make(sets=1, holds=2, hold_s=10, rest_s=10, ready=5)
    assert timer.progress == 0.0
    step(timer, clock, 5 + 15)
    assert timer.progress == pytest.approx(15 / 30)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"sets": 0}, "sets"),
        ({"holds": 51}, "holds"),
        ({"hold_s": 0}, "hold_s"),
        ({"hold_s": 601}, "hold_s"),
        ({"rest_s": -1}, "rest_s"),
        ({"get_ready_s": 61}, "get_ready_s"),
    ],
)
def test_invalid_plan_names_field(kwargs: dict[str, int], field: str) -> None:
    base = {"sets": 1, "holds": 1, "hold_s": 10, "rest_s": 0}
    with pytest.raises(ValidationError) as err:
        HoldPlan(**{**base, **kwargs})
    assert err.value.field == field


ACTIONS = st.one_of(
    st.tuples(st.just("advance"), st.floats(0, 30, allow_nan=False)),
    st.tuples(st.sampled_from(["tick", "pause", "resume", "toggle", "skip"]), st.just(0.0)),
)


@settings(max_examples=200, deadline=None)
@given(
    plan=st.builds(
        HoldPlan,
        sets=st.integers(1, 4),
        holds=st.integers(1, 4),
        hold_s=st.integers(1, 20),
        rest_s=st.integers(0, 20),
        get_ready_s=st.integers(0, 5),
    ),
    actions=st.lists(ACTIONS, max_size=40),
    stop=st.booleans(),
)
def test_logged_holds_never_exceed_unpaused_time_or_plan(
    plan: HoldPlan, actions: list[tuple[str, float]], stop: bool
) -> None:
    clock = FakeClock()
    timer = HoldTimer(plan, clock)
    unpaused = 0.0
    for action, seconds in actions:
        if action == "advance":
            clock.advance(seconds)
            if not timer.paused:
                unpaused += seconds
        else:
            {
                "tick": timer.tick,
                "pause": timer.pause,
                "resume": timer.resume,
                "toggle": timer.toggle_pause,
                "skip": timer.skip_rest,
            }[action]()
    if stop:
        timer.stop_early()
    else:
        timer.tick()
    logged = sum(e.reps * (e.hold_seconds or 0) for e in timer.result())
    assert logged <= unpaused + 1e-3
    assert logged <= plan.total_holds * plan.hold_s
    assert timer.active_seconds <= unpaused + 1e-3
    assert sum(e.reps for e in timer.result()) <= plan.total_holds
    assert 0.0 <= timer.progress <= 1.0
