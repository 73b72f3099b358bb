"""The exercise service: validation first, one transaction, warnings never block (R2)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.errors import ValidationError
from pht_desktop.domain.exercise import Load, RunDraft, SessionDraft, SetEntry
from pht_desktop.services.exercises import HistoryFilter
from pht_desktop.services.registry import Services
from tests.exercises.helpers import exercise_id


def _draft(services: Services, slug: str, **kwargs: object) -> SessionDraft:
    values: dict[str, object] = {
        "exercise_id": exercise_id(services, slug),
        "performed_at": services.clock.now(),
        "sets": (SetEntry(10, None, 120),) * 3,
    }
    values.update(kwargs)
    return SessionDraft(**values)  # type: ignore[arg-type]


def test_catalogue_puts_the_current_stage_first(services: Services) -> None:
    assert services.exercises.catalogue()[0].stage == 1
    services.profile.set_stage(3)
    stages = [e.stage for e in services.exercises.catalogue()]
    assert stages[0] == 3
    assert stages[stages.count(3) :] == sorted(stages[stages.count(3) :])


def test_invalid_session_writes_nothing(services: Services) -> None:
    seen: list[None] = []
    services.exercises.changed.connect(lambda: seen.append(None))
    draft = _draft(services, "step-up", performed_at=services.clock.now() + timedelta(hours=1))
    with pytest.raises(ValidationError) as raised:
        services.exercises.log_session(draft)
    assert raised.value.field == "performed_at"
    assert services.exercises.history() == []
    assert seen == []


def test_hsr_note_and_compressive_warning(services: Services, clock: FakeClock) -> None:
    _, first = services.exercises.log_session(_draft(services, "hsr-double-leg-bridge"))
    assert first == []
    clock.advance(24 * 3600)
    _, second = services.exercises.log_session(_draft(services, "hsr-double-leg-bridge"))
    assert len(second) == 1
    assert "48 h" in second[0]
    _, deep = services.exercises.log_session(_draft(services, "deep-rdl"))
    assert any("compressive" in w for w in deep)


def test_history_filters_and_runs(services: Services, clock: FakeClock) -> None:
    services.exercises.log_session(_draft(services, "step-up", load=Load.weight(10)))
    clock.advance(3600)
    run_id, warnings = services.exercises.log_run(RunDraft(clock.now(), 1200, 3.0, hills=True))
    assert warnings  # hills before stage 5 (R2.4)
    rows = services.exercises.history()
    assert [r.kind for r in rows] == ["run", "session"]
    assert rows[1].load == "10 kg"
    assert rows[1].dose == "3 × 10"
    assert [r.kind for r in services.exercises.history(HistoryFilter(stage=3))] == ["session"]
    assert [r.kind for r in services.exercises.history(HistoryFilter(runs_only=True))] == ["run"]
    services.exercises.delete_run(run_id)
    assert [r.kind for r in services.exercises.history()] == ["session"]
    services.exercises.undo_delete_run(run_id)
    assert services.exercises.run(run_id).hills is True


def test_running_readiness_shown_before_stage_5(services: Services) -> None:
    assert services.exercises.running_readiness().show
    services.profile.set_stage(5)
    assert not services.exercises.running_readiness().show


def test_load_day_uses_the_clock_time_zone_like_today(tmp_path: Path) -> None:
    """Found in review: the load day must come from the same zone as "today" (R3.2),
    not from the process's TZ: 22:25 in New York is still that New York day."""
    from zoneinfo import ZoneInfo

    from pht_desktop.domain.clock import FakeClock
    from pht_desktop.domain.exercise import SessionDraft, SetEntry
    from pht_desktop.services.registry import build_services

    new_york = ZoneInfo("America/New_York")
    clock = FakeClock(datetime(2026, 3, 30, 22, 30, tzinfo=new_york))
    services = build_services(tmp_path / "ny.sqlite3", clock)
    try:
        exercise = services.exercises.catalogue()[0]
        when = datetime(2026, 3, 30, 22, 25, tzinfo=new_york)
        services.exercises.log_session(SessionDraft(exercise.id, when, (SetEntry(5, 40, 120),)))
        (logged,) = services.exercises.sessions()
        assert logged.local_date == services.exercises.today() == date(2026, 3, 30)
    finally:
        services.close()
