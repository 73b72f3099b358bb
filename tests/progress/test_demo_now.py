"""The demo story holds nothing later than the moment it is written.

Written at 08:45 on its last day, it must not count a run, a session or sitting that
has not happened yet; and a fresh demo must export and import back without problems.
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Date, DateTime, select

from pht_desktop.demo import write_demo
from pht_desktop.domain.clock import FakeClock, SystemClock
from pht_desktop.domain.demo_story import DemoStory, demo_story
from pht_desktop.paths import DB_FILENAME
from pht_desktop.services import demo
from pht_desktop.services.data import DataService
from pht_desktop.services.registry import Services
from pht_desktop.store.db import open_database
from pht_desktop.store.demo_writer import USER_DATA_TABLES
from pht_desktop.store.models import Base, SessionSet
from tests.progress.helpers import TODAY

MORNING_0845 = datetime(2026, 3, 2, 8, 45, tzinfo=UTC)


def _moments(story: DemoStory) -> list[datetime]:
    """Every moment the story says something happened (ends included)."""
    out: list[datetime] = []
    out += [s.performed_at for s in story.sessions]
    out += [r.performed_at + timedelta(seconds=r.duration_s) for r in story.runs]
    out += [b.started_at + timedelta(seconds=b.seconds) for b in story.bouts]
    out += [p.responded_at or p.fired_at for p in story.prompts]
    out += [s.started_at + timedelta(seconds=s.seconds) for s in story.stands]
    return out


def _days(story: DemoStory) -> list[date]:
    return (
        [m.day for m in story.mornings]
        + [b.effective_date for b, _ in story.baselines]
        + [t.effective_date for t in story.tests]
        + [s.effective_date for s in story.stages]
        + [s.day for s in story.sessions]
        + [r.day for r in story.runs]
    )


def test_the_uncut_story_has_a_future_last_day() -> None:
    """Guards the tests below: without ``now`` the last day runs into the evening."""
    story = demo_story(TODAY, tz=UTC)
    assert max(_moments(story)) > MORNING_0845


@pytest.mark.parametrize(
    "now",
    [
        MORNING_0845,
        datetime(2026, 3, 2, 7, 0, tzinfo=UTC),
        datetime(2026, 3, 2, 10, 7, tzinfo=UTC),
        datetime(2026, 3, 2, 12, 41, tzinfo=UTC),
        datetime(2026, 3, 2, 18, 20, tzinfo=UTC),
        datetime(2026, 3, 2, 23, 59, tzinfo=UTC),
    ],
)
def test_nothing_after_now_and_deterministic(now: datetime) -> None:
    story = demo_story(TODAY, tz=UTC, now=now)
    assert max(_moments(story)) <= now
    assert max(_days(story)) <= now.date()
    again = demo_story(TODAY, tz=UTC, now=now)
    assert again == story
    # Days before today do not depend on now.
    full = demo_story(TODAY, tz=UTC)
    assert [m for m in story.mornings if m.day < TODAY] == [
        m for m in full.mornings if m.day < TODAY
    ]
    # Prompted stands still point at a prompt of theirs.
    for stand in story.stands:
        if stand.prompt_index is not None:
            prompt = story.prompts[stand.prompt_index]
            assert prompt.response == "stood"
            assert prompt.responded_at == stand.started_at


def test_morning_entry_of_today_only_once_its_time_has_passed() -> None:
    full = demo_story(TODAY, tz=UTC)
    assert full.mornings[-1].day == TODAY  # the fixed story has one today
    early = demo_story(TODAY, tz=UTC, now=datetime(2026, 3, 2, 6, 30, tzinfo=UTC))
    assert all(m.day < TODAY for m in early.mornings)
    later = demo_story(TODAY, tz=UTC, now=MORNING_0845)
    assert later.mornings[-1] == full.mornings[-1]


def test_an_open_bout_ends_at_now() -> None:
    full = demo_story(TODAY, tz=UTC)
    now = datetime(2026, 3, 2, 10, 7, tzinfo=UTC)
    spanning = [
        b
        for b in full.bouts
        if b.manual_kind is None
        and b.started_at < now < b.started_at + timedelta(seconds=b.seconds)
    ]
    story = demo_story(TODAY, tz=UTC, now=now)
    assert spanning  # the fixed story sits at its desk at 10:07
    cut = [b for b in story.bouts if b.started_at == spanning[0].started_at]
    assert len(cut) == 1
    assert cut[0].end_reason == "quit"
    end = cut[0].started_at + timedelta(seconds=cut[0].seconds)
    assert now - timedelta(seconds=1) < end <= now
    assert story.bouts[-1].started_at + timedelta(seconds=story.bouts[-1].seconds) <= now


def test_years_story_is_cut_too() -> None:
    story = demo_story(TODAY, years=1, tz=UTC, now=MORNING_0845)
    assert story.first_day == TODAY - timedelta(days=364)
    assert max(_moments(story)) <= MORNING_0845
    assert story.counts()["runs"] > 0


def test_no_written_record_is_later_than_now(db_path: Path) -> None:
    from pht_desktop.services.registry import build_services

    services: Services = build_services(db_path, FakeClock(MORNING_0845))
    try:
        counts = demo.write_demo(services.engine, TODAY, MORNING_0845, tz=UTC)
        assert counts["sessions"] > 0
        checked = 0
        with services.engine.connect() as connection:
            models: tuple[type[Base], ...] = (*USER_DATA_TABLES, SessionSet)
            for model in models:
                table = model.__table__
                for column in table.columns:
                    if isinstance(column.type, Date):
                        limit: object = MORNING_0845.date()
                    elif isinstance(column.type, DateTime) or "_at" in column.name:
                        limit = MORNING_0845
                    else:
                        continue
                    values = connection.scalars(select(column).where(column.is_not(None))).all()
                    late = [v for v in values if v > limit]
                    assert not late, (model.__name__, column.name, late[:3])
                    checked += len(values)
        assert checked > 1000
    finally:
        services.close()


def test_fresh_demo_exports_and_imports(tmp_path: Path, template_db: Path) -> None:
    now = datetime.now().astimezone()
    source_dir = tmp_path / "demo"
    write_demo(source_dir, now=now)
    source_path = source_dir / DB_FILENAME
    source = DataService(open_database(source_path), SystemClock(), source_path)
    target_dir = tmp_path / "fresh"
    target_dir.mkdir()
    target_path = target_dir / DB_FILENAME
    shutil.copyfile(template_db, target_path)
    target = DataService(open_database(target_path), SystemClock(), target_path)
    try:
        archive = source.export_zip(tmp_path / "export.zip")
        report = target.import_file(archive)
        assert report.ok, report.lines()
        assert sum(c.new for c in report.counts.values()) > 1000
    finally:
        source.engine.dispose()
        target.engine.dispose()
