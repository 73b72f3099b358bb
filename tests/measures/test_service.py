"""The measures service (issue 15): entries, edits, undo, validation, due, running."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.exercise import RunDraft
from pht_desktop.domain.measures import Measure, MeasureKind, Side
from pht_desktop.services.measures import DuplicateMeasureError
from pht_desktop.services.registry import Services

SIT, BRIDGE, VISA = MeasureKind.SITTING, MeasureKind.BRIDGE, MeasureKind.VISA_H
TODAY = date(2026, 3, 2)


def sit(day: date, minutes: float) -> Measure:
    return Measure(SIT, day, value=minutes)


def values(services: Services) -> list[tuple[MeasureKind, date, float | None]]:
    return [(m.kind, m.day, m.value) for m in services.measures.measures()]


def test_record_emits_changed_and_reads_back(services: Services) -> None:
    emitted: list[bool] = []
    services.measures.changed.connect(lambda: emitted.append(True))
    saved = services.measures.record(sit(TODAY, 12.5))
    assert saved.id is not None
    assert emitted == [True]
    assert values(services) == [(SIT, TODAY, 12.5)]
    bridge = Measure(BRIDGE, TODAY, left_reps=20, right_reps=16, painful_side=Side.RIGHT, tempo_s=2)
    services.measures.record(bridge)
    latest = services.measures.latest(BRIDGE)
    assert latest is not None
    assert latest.symmetry is not None
    assert latest.symmetry.percent == pytest.approx(80.0)


def test_a_future_date_writes_nothing(services: Services) -> None:
    with pytest.raises(ValidationError, match="future"):
        services.measures.record(sit(TODAY + timedelta(days=1), 10))
    assert values(services) == []


def test_bad_values_never_reach_the_service(services: Services) -> None:
    """Validation happens in the domain value; nothing half-made is stored."""
    with pytest.raises(ValidationError):
        services.measures.record(Measure(VISA, TODAY, value=140))
    assert values(services) == []


def test_second_entry_same_day_asks_then_replaces_and_undo_restores(services: Services) -> None:
    services.measures.record(sit(TODAY, 10))
    with pytest.raises(DuplicateMeasureError) as caught:
        services.measures.record(sit(TODAY, 14))
    assert caught.value.existing.value == 10
    assert values(services) == [(SIT, TODAY, 10)]
    services.measures.record(sit(TODAY, 14), replace_existing=True)
    assert values(services) == [(SIT, TODAY, 14)]
    assert services.measures.undo() == "Replaced Sitting tolerance on 2026-03-02"
    assert values(services) == [(SIT, TODAY, 10)]


def test_edit_and_undo_the_edit(services: Services) -> None:
    saved = services.measures.record(sit(TODAY - timedelta(days=3), 10))
    assert saved.id is not None
    services.measures.edit(saved.id, sit(TODAY - timedelta(days=2), 11))
    assert values(services) == [(SIT, TODAY - timedelta(days=2), 11)]
    assert services.measures.undo_words() == "Edited sitting tolerance on 2026-02-28"
    services.measures.undo()
    assert values(services) == [(SIT, TODAY - timedelta(days=3), 10)]


def test_edit_onto_a_taken_date_or_another_kind_is_refused(services: Services) -> None:
    first = services.measures.record(sit(TODAY - timedelta(days=1), 10))
    services.measures.record(sit(TODAY, 12))
    assert first.id is not None
    with pytest.raises(DuplicateMeasureError):
        services.measures.edit(first.id, sit(TODAY, 11))
    with pytest.raises(ValidationError, match="keeps its kind"):
        services.measures.edit(first.id, Measure(VISA, TODAY, value=50))
    assert values(services) == [(SIT, TODAY - timedelta(days=1), 10), (SIT, TODAY, 12)]


def test_delete_and_undo_and_undo_the_add(services: Services) -> None:
    saved = services.measures.record(Measure(VISA, TODAY, value=60))
    assert saved.id is not None
    services.measures.delete(saved.id)
    assert values(services) == []
    assert services.measures.undo() == "Deleted visa-h on 2026-03-02"
    assert values(services) == [(VISA, TODAY, 60)]
    services.measures.undo()  # the add itself
    assert values(services) == []
    assert not services.measures.can_undo
    with pytest.raises(ValidationError, match="Nothing to undo"):
        services.measures.undo()


def test_undo_of_a_delete_refused_when_the_date_was_taken_again(services: Services) -> None:
    saved = services.measures.record(Measure(VISA, TODAY, value=60))
    assert saved.id is not None
    services.measures.delete(saved.id)
    services.measures.record(Measure(VISA, TODAY, value=65))
    services.measures.undo()  # takes the new one back
    services.measures.record(Measure(VISA, TODAY, value=70))
    services.measures._undo.pop()  # leave the older delete on top
    with pytest.raises(ValidationError, match="Cannot undo"):
        services.measures.undo()
    assert values(services) == [(VISA, TODAY, 70)]
    assert services.measures.can_undo


def test_reminder_interval_and_due(services: Services, clock: FakeClock) -> None:
    assert services.measures.interval_weeks() == 2
    assert services.measures.due() == [SIT, BRIDGE]
    services.measures.record(sit(TODAY, 10))
    services.measures.record(
        Measure(BRIDGE, TODAY, left_reps=20, right_reps=18, painful_side=Side.LEFT, tempo_s=2)
    )
    assert services.measures.due_line() == ""
    clock.advance(14 * 24 * 3600)
    assert services.measures.due() == [SIT, BRIDGE]
    services.measures.set_interval_weeks(3)
    assert services.measures.due() == []
    with pytest.raises(ValidationError):
        services.measures.set_interval_weeks(5)
    assert services.measures.interval_weeks() == 3


def _run(services: Services, day: date, minutes: int, pain: int | None = None) -> None:
    at = datetime(day.year, day.month, day.day, 18, 0, tzinfo=services.clock.now().tzinfo)
    services.exercises.log_run(RunDraft(performed_at=at, duration_s=minutes * 60, pain_during=pain))


def test_pain_free_running_from_logged_runs_and_next_mornings(
    services: Services, clock: FakeClock
) -> None:
    clock.set_wall(datetime.fromisoformat("2026-03-10T09:00:00+00:00"))
    services.morning.set_baseline(3, date(2026, 3, 1))
    _run(services, date(2026, 3, 2), 10)
    _run(services, date(2026, 3, 4), 25)  # next morning 5 > 3: exceeded
    _run(services, date(2026, 3, 6), 15)
    _run(services, date(2026, 3, 8), 30, pain=7)  # pain during over the ceiling (R3.8)
    for day, pain in ((3, 2), (5, 5), (7, 3), (9, 2)):
        services.morning.record_morning(date(2026, 3, day), pain)
    assert services.measures.pain_free_runs() == [
        (date(2026, 3, 2), 600),
        (date(2026, 3, 6), 900),
    ]
    services.measures.record(sit(date(2026, 3, 1), 12))
    services.measures.record(sit(date(2026, 3, 9), 20))
    assert services.measures.summary_since(date(2026, 3, 1), 5) == (
        "Sitting tolerance 12 → 20 min since stage 5; pain-free running 10 → 15 min."
    )


def test_checklist_strength_reads_the_bridge(services: Services) -> None:
    assert services.measures.checklist_strength()[0] is None
    services.measures.record(
        Measure(BRIDGE, TODAY, left_reps=20, right_reps=19, painful_side=Side.RIGHT, tempo_s=2)
    )
    similar, line = services.measures.checklist_strength()
    assert similar is True
    assert "right (painful) 19 reps" in line


def test_imported_runs_count_like_typed_ones(services: Services, clock: FakeClock) -> None:
    """Pain-free running reads every live run, typed or read from a watch's file (issue 14)."""
    from pht_desktop.store.models import Run

    clock.set_wall(datetime.fromisoformat("2026-03-10T09:00:00+00:00"))
    services.morning.set_baseline(3, date(2026, 3, 1))
    with services.measures._write() as session:
        for day, minutes, source in ((3, 22, "gpx"), (5, 40, "fit")):
            at = datetime(2026, 3, day, 7, 0, tzinfo=clock.now().tzinfo)
            session.add(
                Run(performed_at=at, local_date=date(2026, 3, day), duration_s=minutes * 60,
                    created_at=at, source=source, source_name=f"run-{day}.{source}")
            )  # fmt: skip
    services.morning.record_morning(date(2026, 3, 4), 2)  # after the gpx run: tolerated
    services.morning.record_morning(date(2026, 3, 6), 6)  # after the fit run: exceeded
    assert services.measures.pain_free_runs() == [(date(2026, 3, 3), 22 * 60)]
