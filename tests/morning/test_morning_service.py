"""MorningService over a real database: entries, test, baseline, settings, verdicts (R3)."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
from pytestqt.qtbot import QtBot

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.morning import BaselineMode, MorningTest
from pht_desktop.domain.plan import PlanKind, StageMove
from pht_desktop.domain.verdicts import Outcome
from pht_desktop.services.morning import DuplicateEntry
from pht_desktop.services.registry import Services
from tests.morning.helpers import add_run, add_session, d, seed_story


def test_morning_entry_is_stored_on_the_default_test(services: Services) -> None:
    entry = services.morning.record_morning(d(2), 2)
    assert entry.test == MorningTest.SITTING
    assert services.morning.entry_for(d(2)) == entry
    assert services.morning.has_entry_today()


def test_duplicate_date_needs_replace(services: Services) -> None:
    """R3.4: one entry per date; the second replaces only when told to."""
    morning = services.morning
    morning.record_morning(d(1), 4)
    with pytest.raises(DuplicateEntry) as raised:
        morning.record_morning(d(1), 1)
    assert raised.value.existing.pain == 4
    assert isinstance(raised.value, ValidationError)
    assert morning.entry_for(d(1)) is not None
    assert morning.entry_for(d(1)).pain == 4  # type: ignore[union-attr]
    morning.record_morning(d(1), 1, replace=True)
    assert [e.pain for e in morning.entries()] == [1]


@pytest.mark.parametrize("pain", [-1, 11, 2.5, "high", None, True])
def test_pain_outside_the_scale_is_refused(services: Services, pain: object) -> None:
    """R3.3: integers 0–10 only; nothing is written."""
    with pytest.raises(ValidationError) as raised:
        services.morning.record_morning(d(2), pain)
    assert raised.value.field == "pain"
    assert services.morning.entries() == []


def test_future_date_is_refused(services: Services) -> None:
    with pytest.raises(ValidationError, match="future"):
        services.morning.record_morning(d(3), 2)
    assert services.morning.entries() == []


def test_writes_emit_changed_and_refresh_only_emits(services: Services, qtbot: QtBot) -> None:
    with qtbot.waitSignal(services.morning.changed, timeout=100):
        services.morning.record_morning(d(2), 2)
    with qtbot.waitSignal(services.morning.changed, timeout=100):
        services.morning.refresh()
    assert len(services.morning.entries()) == 1


def test_test_change_is_an_event_and_entries_keep_their_test(services: Services) -> None:
    """R3.7: the new test applies from its date; older readings keep theirs."""
    morning = services.morning
    assert morning.current_test().key == "sitting"
    assert morning.current_test().since is None
    morning.record_morning(d(1), 3)
    morning.set_test("other", "Hop on the left leg", d(2))
    current = morning.current_test()
    assert (current.key, current.label, current.since) == (
        "other:Hop on the left leg",
        "Hop on the left leg",
        d(2),
    )
    assert morning.record_morning(d(2), 2).test == "other:Hop on the left leg"
    assert [e.test for e in morning.entries()] == ["sitting", "other:Hop on the left leg"]
    assert [r.change.test for r in morning.test_history()] == ["other:Hop on the left leg"]


@pytest.mark.parametrize(
    ("kind", "name"), [("other", ""), ("other", "x" * 80), ("unknown-kind", ""), (None, "")]
)
def test_bad_test_choice_is_refused(services: Services, kind: object, name: str) -> None:
    with pytest.raises(ValidationError):
        services.morning.set_test(kind, name, d(2))
    assert services.morning.test_history() == []


def test_walking_test_and_future_test_date(services: Services) -> None:
    services.morning.set_test(MorningTest.WALKING, "", d(1))
    assert services.morning.current_test().label == "Walking"
    with pytest.raises(ValidationError, match="future"):
        services.morning.set_test("walking", "", d(3))


def test_baseline_history_keeps_every_change(services: Services) -> None:
    """R3.1: set by hand twice, both kept with dates; the one in force depends on the day."""
    morning = services.morning
    morning.set_baseline(3, d(1))
    morning.set_baseline(2, d(2))
    history = morning.baseline_history()
    assert [(r.change.effective_date, r.change.pain, r.source) for r in history] == [
        (d(1), 3, "manual"),
        (d(2), 2, "manual"),
    ]
    assert morning.baseline_on(d(1)).pain == 3  # type: ignore[union-attr]
    assert morning.current_baseline().pain == 2  # type: ignore[union-attr]
    with pytest.raises(ValidationError):
        morning.set_baseline(11, d(2))
    with pytest.raises(ValidationError):
        morning.set_baseline(2, d(2), source="guess")
    assert len(morning.baseline_history()) == 2


def test_derived_baseline_is_the_median_of_the_first_mornings(services: Services) -> None:
    morning = services.morning
    with pytest.raises(ValidationError, match="needs 3 mornings"):
        morning.derive_baseline()
    for day, pain in ((d(26, 2), 4), (d(27, 2), 2), (d(28, 2), 3), (d(1), 8)):
        morning.record_morning(day, pain)
    change = morning.derive_baseline(3)
    assert (change.effective_date, change.pain) == (d(28, 2), 3)
    assert [r.source for r in morning.baseline_history()] == ["derived"]


def test_settings_have_defaults_and_ranges(services: Services) -> None:
    morning = services.morning
    assert morning.baseline_mode() is BaselineMode.FIXED
    assert morning.progress_after() == 6
    assert morning.reminder_time() == time(8, 0)
    morning.set_baseline_mode("pre_load")
    morning.set_progress_after(8)
    morning.set_reminder_time("07:30")
    assert morning.baseline_mode() is BaselineMode.PRE_LOAD
    assert morning.progress_after() == 8
    assert morning.reminder_time() == time(7, 30)
    for call, bad in (
        (morning.set_baseline_mode, "sometimes"),
        (morning.set_progress_after, 0),
        (morning.set_progress_after, 31),
        (morning.set_reminder_time, "25:00"),
        (morning.set_reminder_time, "soon"),
    ):
        with pytest.raises(ValidationError):
            call(bad)
    assert (morning.baseline_mode(), morning.progress_after(), morning.reminder_time()) == (
        BaselineMode.PRE_LOAD,
        8,
        time(7, 30),
    )


def test_load_days_group_sessions_and_runs_by_local_date(services: Services) -> None:
    """R3.2: one load day per date; max pain during (R3.8); labels joined, deleted left out."""
    add_session(services, d(1), pain_during=2)
    add_session(
        services,
        d(1),
        slug="hsr-double-leg-bridge",
        sets=3,
        reps=12,
        hold_s=None,
        load_kg=20,
        pain_during=5,
    )
    add_session(services, d(1), pain_during=9, deleted=True)
    add_run(services, d(2), minutes=20, km=3, pain_during=1, hills=True)
    days = services.morning.load_days()
    assert [day.day for day in days] == [d(1), d(2)]
    assert days[0].max_pain_during == 5
    assert days[0].dose is not None
    assert " + " in days[0].dose
    assert "Prone hip-extension hold 5 × 40 s" in days[0].dose.split(" + ")
    assert any(label.endswith("3 × 12, 20 kg") for label in days[0].dose.split(" + "))
    assert days[1].dose == "Run-walk 20 min, 3 km, hills"


def test_verdicts_follow_the_next_morning(services: Services) -> None:
    """R3.2: at/below baseline tolerated, above exceeded, missing next morning unknown."""
    morning = services.morning
    morning.set_baseline(3, d(20, 2))
    for day in (d(24, 2), d(25, 2), d(26, 2)):
        add_session(services, day)
    morning.record_morning(d(25, 2), 3)
    morning.record_morning(d(26, 2), 5)
    outcomes = [v.outcome for v in morning.verdicts()]
    assert outcomes == [Outcome.TOLERATED, Outcome.EXCEEDED, Outcome.UNKNOWN]


def test_switching_mode_recomputes_without_rewriting(services: Services) -> None:
    """R3.6: pre-load compares with the load day's own morning; the data stays as it was."""
    morning = services.morning
    morning.set_baseline(1, d(20, 2))
    add_session(services, d(26, 2))
    morning.record_morning(d(26, 2), 3)
    morning.record_morning(d(27, 2), 2)
    assert morning.verdicts()[0].outcome is Outcome.EXCEEDED
    morning.set_baseline_mode(BaselineMode.PRE_LOAD)
    (verdict,) = morning.verdicts()
    assert (verdict.outcome, verdict.reference, verdict.mode) == (
        Outcome.TOLERATED,
        3,
        BaselineMode.PRE_LOAD,
    )
    assert [e.pain for e in morning.entries()] == [3, 2]


def test_test_change_between_baseline_and_morning_is_unknown(services: Services) -> None:
    """R3.7: a baseline on the default test never judges a reading on a new test."""
    morning = services.morning
    morning.set_baseline(3, d(20, 2))
    add_session(services, d(27, 2))
    morning.set_test(MorningTest.SINGLE_LEG_BRIDGE, "", d(28, 2))
    morning.record_morning(d(28, 2), 1)
    (verdict,) = morning.verdicts()
    assert verdict.outcome is Outcome.UNKNOWN
    assert "test changed" in (verdict.reason or "")


def test_the_plan_progresses_and_proposes_a_stage_only_at_the_top(services: Services) -> None:
    """R2.9/R2.10: six tolerated days at 5 × 40 s → the next rung, no stage move yet."""
    seed_story(services, 6)
    advice = services.morning.yesterday()
    assert advice.sentence.startswith("Tolerated: 2/10 this morning, baseline 3/10")
    plan = services.plan.today_plan()
    assert plan.kind is PlanKind.PROGRESS
    assert plan.items[0].dose.hold_s == 45
    assert plan.stage_move is None  # 5 × 40 s is not the stage's top dose


def test_accepting_a_stage_move_records_it_once_and_undoes_the_same_day(
    services: Services,
) -> None:
    move = StageMove(1, 2, "top dose tolerated")
    event = services.plan.accept_stage_move(move)
    assert (event.stage, event.effective_date, event.note) == (2, d(2), "top dose tolerated")
    assert services.profile.current_stage() == 2
    with pytest.raises(ValidationError, match="no longer applies"):
        services.plan.accept_stage_move(move)
    assert services.plan.can_undo_stage_move()
    services.plan.undo_stage_move()
    assert services.profile.current_stage() == 1
    with pytest.raises(ValidationError, match="made today"):
        services.plan.undo_stage_move()


def test_a_move_into_stage_5_needs_every_checklist_item(services: Services) -> None:
    """R2.8: the running-readiness items are ticked before stage 5."""
    services.profile.set_stage(4, d(1))
    move = StageMove(4, 5, "ready", ("No pain at rest.", "A drop lunge is pain-free."))
    with pytest.raises(ValidationError, match=r"R2\.8"):
        services.plan.accept_stage_move(move, ("No pain at rest.",))
    assert services.profile.current_stage() == 4
    services.plan.accept_stage_move(move, move.checklist)
    assert services.profile.current_stage() == 5


def test_exceeded_day_goes_back_to_the_last_tolerated_dose(
    services: Services, clock: FakeClock
) -> None:
    last = seed_story(services, 3)
    heavier = last + timedelta(days=1)
    add_session(services, heavier, sets=5, hold_s=45)
    clock.advance(24 * 3600)
    services.morning.record_morning(heavier + timedelta(days=1), 5)
    plan = services.plan.today_plan()
    assert plan.kind is PlanKind.FLARE  # 5/10 is baseline + 2 (R3.10)
    services.morning.record_morning(heavier + timedelta(days=1), 4, replace=True)
    plan = services.plan.today_plan()
    assert plan.kind is PlanKind.GO_BACK
    assert plan.headline.startswith("Go back to Prone hip-extension hold 5 × 40 s")
    assert "4/10 next morning, baseline 3/10" in plan.reason


def test_progress_after_setting_is_used(services: Services) -> None:
    seed_story(services, 3)
    assert services.plan.today_plan().kind is PlanKind.SAME
    services.morning.set_progress_after(3)
    assert services.plan.today_plan().kind is PlanKind.PROGRESS
    with pytest.raises(ValidationError):
        services.morning.set_progress_after(2)
