"""Demo story determinism, the writer's refusal, and the repo's fast path vs the exact one."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pht_desktop.domain.demo_story import demo_story
from pht_desktop.domain.progress import RangePreset, build_progress
from pht_desktop.services import demo
from pht_desktop.services.registry import Services
from pht_desktop.store import progress_repo
from pht_desktop.store.models import BreakPrompt, MorningPain, SittingBout
from tests.progress.helpers import TODAY, seed_demo


def test_story_is_deterministic_and_ends_today() -> None:
    first = demo_story(TODAY, tz=UTC)
    second = demo_story(TODAY, tz=UTC)
    assert first.counts() == second.counts()
    assert first.mornings == second.mornings
    assert first.last_day == TODAY
    assert first.first_day == TODAY - timedelta(days=83)
    counts = first.counts()
    assert counts["mornings"] > 75
    assert counts["load_days"] > 50
    assert counts["runs"] > 0
    assert {p.response for p in first.prompts} == {"stood", "snoozed", "skipped", "no_answer"}
    assert any(b.manual_kind == "driving" for b in first.bouts)
    assert [s.stage for s in first.stages] == [1, 2, 3]


def test_written_counts_match_and_a_second_write_is_refused(services: Services) -> None:
    counts = seed_demo(services)
    with services.engine.connect() as connection:
        assert (
            connection.scalar(select(func.count()).select_from(MorningPain)) == (counts["mornings"])
        )
        assert (
            connection.scalar(select(func.count()).select_from(BreakPrompt)) == (counts["prompts"])
        )
        assert connection.scalar(select(func.count()).select_from(SittingBout)) == counts["bouts"]
    now = datetime(2026, 3, 2, 9, tzinfo=UTC)
    with pytest.raises(demo.DemoRefusedError, match="already holds"):
        demo.write_demo(services.engine, TODAY, now, tz=UTC)


def test_sql_day_sums_equal_the_exact_path(services: Services) -> None:
    seed_demo(services)
    with Session(services.engine) as session:
        fast = progress_repo.progress_source(session, offset=timedelta(0))
        exact = progress_repo.progress_source(session)
    assert build_progress(fast, UTC).sitting == build_progress(exact, UTC).sitting
    assert len(fast.bouts) < len(exact.bouts)  # only bouts crossing midnight come raw


def test_service_caches_until_refresh(services: Services, qtbot: QtBot) -> None:
    first = services.progress.history()
    assert first.is_empty
    assert services.progress.history() is first
    with qtbot.waitSignal(services.progress.changed):
        seed_demo(services)
    data = services.progress.history()
    assert not data.is_empty
    assert data.mornings[-1].day <= TODAY
    start, end = services.progress.bounds(RangePreset.TWO_WEEKS)
    assert (start, end) == (date(2026, 2, 17), TODAY)
