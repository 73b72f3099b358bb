"""The exercise service's refusals and defaults, through its real API on a throw-away DB.

A refused change says why in one sentence and leaves the catalogue, the sessions and the
runs exactly as they were, with no ``changed`` signal (writes are all-or-nothing).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.exercise import RunDraft, SessionDraft, SetEntry
from pht_desktop.services.registry import Services
from tests.exercises.helpers import exercise_id

MISSING_ID = 987_654


def _snapshot(services: Services) -> tuple[object, ...]:
    exercises = services.exercises
    return (
        exercises.catalogue(include_archived=True),
        exercises.sessions(),
        exercises.runs(),
    )


def _session_draft(services: Services, exercise: int) -> SessionDraft:
    return SessionDraft(exercise, services.clock.now(), (SetEntry(3, 45, 60),))


def _step_up(services: Services) -> int:
    return exercise_id(services, "step-up")


def _own_with_history(services: Services) -> int:
    own = services.exercises.add_exercise("Wall sit", 2, "hold", default_hold_s=45)
    services.exercises.log_session(_session_draft(services, own))
    return own


def _run(services: Services) -> RunDraft:
    return RunDraft(services.clock.now(), 900, 2.0)


Setup = Callable[[Services], int]
Action = Callable[[Services, int], object]

REFUSALS: list[tuple[str, Setup, Action, str, str]] = [
    (
        "renaming a built-in exercise",
        _step_up,
        lambda s, step_up: s.exercises.rename_exercise(step_up, "My step"),
        "name",
        "Built-in exercises keep their names.",
    ),
    (
        "deleting a built-in exercise",
        _step_up,
        lambda s, step_up: s.exercises.delete_exercise(step_up),
        "exercise_id",
        "Built-in exercises can be archived only.",
    ),
    (
        "deleting an own exercise with history",
        _own_with_history,
        lambda s, own: s.exercises.delete_exercise(own),
        "exercise_id",
        "“Wall sit” has logged sessions, so it is archived rather than deleted",
    ),
    (
        "archiving an exercise that does not exist",
        lambda s: MISSING_ID,
        lambda s, missing: s.exercises.archive_exercise(missing),
        "exercise_id",
        "Please choose an exercise.",
    ),
    (
        "renaming an exercise that does not exist",
        lambda s: MISSING_ID,
        lambda s, missing: s.exercises.rename_exercise(missing, "Anything"),
        "exercise_id",
        "Please choose an exercise.",
    ),
    (
        "editing a session that no longer exists",
        _step_up,
        lambda s, step_up: s.exercises.update_session(MISSING_ID, _session_draft(s, step_up)),
        "session",
        "That session no longer exists.",
    ),
    (
        "deleting a session that no longer exists",
        lambda s: MISSING_ID,
        lambda s, missing: s.exercises.delete_session(missing),
        "session",
        "That session no longer exists.",
    ),
    (
        "editing a run that no longer exists",
        lambda s: MISSING_ID,
        lambda s, missing: s.exercises.update_run(missing, _run(s)),
        "run",
        "That run no longer exists.",
    ),
    (
        "deleting a run that no longer exists",
        lambda s: MISSING_ID,
        lambda s, missing: s.exercises.delete_run(missing),
        "run",
        "That run no longer exists.",
    ),
    (
        "a dose type that does not exist",
        lambda s: 0,
        lambda s, _: s.exercises.add_exercise("Hop", 3, "jumps"),
        "dose_type",
        "Dose type",
    ),
]


@pytest.mark.parametrize(
    ("what", "setup", "action", "field", "message"), REFUSALS, ids=[r[0] for r in REFUSALS]
)
def test_a_refused_change_says_why_and_changes_nothing(
    services: Services, what: str, setup: Setup, action: Action, field: str, message: str
) -> None:
    target = setup(services)
    before = _snapshot(services)
    emitted: list[str] = []
    services.exercises.changed.connect(lambda: emitted.append(what))
    with pytest.raises(ValidationError) as raised:
        action(services, target)
    assert raised.value.field == field
    assert message in str(raised.value)
    assert _snapshot(services) == before
    assert emitted == []


@pytest.mark.parametrize(
    ("dose_type", "hold_given", "stored_hold"),
    [
        ("hold", None, 30),  # a hold with no hold time gets the 30 s default
        ("hold", 50, 50),
        ("reps", None, None),
        ("reps", 50, None),  # a repetition exercise keeps no hold time
    ],
)
def test_an_own_exercise_gets_a_hold_only_when_it_is_a_hold(
    services: Services, dose_type: str, hold_given: int | None, stored_hold: int | None
) -> None:
    new_id = services.exercises.add_exercise("My exercise", 2, dose_type, default_hold_s=hold_given)
    info = services.exercises.exercise(new_id)
    assert (info.dose_type, info.default_hold_s, info.builtin) == (dose_type, stored_hold, False)


def test_an_own_exercise_without_history_is_deleted_and_one_with_history_kept(
    services: Services,
) -> None:
    unused = services.exercises.add_exercise("Unused", 2, "reps")
    assert not services.exercises.has_history(unused)
    services.exercises.delete_exercise(unused)
    with pytest.raises(ValidationError):
        services.exercises.exercise(unused)
    used = _own_with_history(services)
    assert services.exercises.has_history(used)


def test_repeat_last_copies_the_previous_dose_timed_now_without_pain_or_note(
    services: Services, clock: FakeClock
) -> None:
    step_up = _step_up(services)
    assert services.exercises.repeat_last(step_up) is None  # never done: nothing to repeat
    logged = SessionDraft(
        step_up, services.clock.now(), (SetEntry(8, None, 90),) * 2, pain_during=3, note="ok"
    )
    services.exercises.log_session(logged)
    clock.advance(2 * 3600)
    again = services.exercises.repeat_last(step_up)
    assert again is not None
    assert again.sets == logged.sets
    assert again.performed_at == services.clock.now()
    assert (again.pain_during, again.note) == (None, "")
