"""Local days by the zone's rules at *that* instant, through the services (R3.2, issue 17).

The clock here is built the way the real one is: an IANA ``ZoneInfo`` zone. Before
issue 17 the real clock gave today's fixed offset, so with ``TZ=Europe/London`` in
December a run logged for 00:30 BST on 15 July was stored on 14 July.
"""

from __future__ import annotations

import csv
import io
import os
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pht_desktop.domain.clock import FakeClock, SystemClock
from pht_desktop.domain.exercise import RunDraft, SessionDraft, SetEntry
from pht_desktop.domain.verdicts import Outcome
from pht_desktop.services.registry import Services, build_services

LONDON = ZoneInfo("Europe/London")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture
def london_tz() -> Iterator[None]:
    """The process zone too (as ``TZ=Europe/London`` would set it), restored after."""
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is POSIX only")
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "Europe/London"
    time.tzset()
    yield
    if saved is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = saved
    time.tzset()


def _services(tmp_path: Path, clock: FakeClock | SystemClock) -> Services:
    return build_services(tmp_path / "zones.sqlite3", clock)


def _exported(services: Services, name: str) -> list[dict[str, str]]:
    text = services.data.export_files("csv")[name].decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize(
    "performed_at",
    [
        pytest.param(datetime(2026, 7, 15, 0, 30, tzinfo=LONDON), id="zoneinfo"),
        # What ui/run_form builds: the platform's offset of that instant (+01:00).
        pytest.param(datetime(2026, 7, 15, 0, 30, tzinfo=timezone(timedelta(hours=1))), id="bst"),
        pytest.param(datetime(2026, 7, 14, 23, 30, tzinfo=UTC), id="utc"),
    ],
)
def test_a_july_run_logged_in_december_stays_on_its_july_day(
    tmp_path: Path, london_tz: None, performed_at: datetime
) -> None:
    """The issue's "Done when": history, export and verdicts all say 15 July; an edit too,
    and an edit after flying to New York keeps the lived day."""
    clock = FakeClock(datetime(2026, 12, 1, 9, 0), "Europe/London")
    services = _services(tmp_path, clock)
    try:
        services.morning.set_baseline(3, date(2026, 7, 1))
        run_id, _ = services.exercises.log_run(RunDraft(performed_at, 20 * 60))
        services.morning.record_morning(date(2026, 7, 16), 2)
        day = date(2026, 7, 15)
        (row,) = services.exercises.history()
        assert (row.local_date, row.local_time.strftime("%Y-%m-%d %H:%M")) == (
            day,
            "2026-07-15 00:30",
        )
        assert [r["local_date"] for r in _exported(services, "runs.csv")] == [day.isoformat()]
        assert [(v.day, v.outcome) for v in services.morning.verdicts()] == [
            (day, Outcome.TOLERATED)
        ]
        assert [r["load_day"] for r in _exported(services, "verdicts.csv")] == [day.isoformat()]
        services.exercises.update_run(run_id, RunDraft(performed_at, 25 * 60))
        assert services.exercises.run(run_id).local_date == day
        clock.set_zone("America/New_York")
        services.exercises.update_run(run_id, RunDraft(performed_at, 30 * 60))
        assert services.exercises.run(run_id).local_date == day  # lived in London
        assert [v.day for v in services.morning.verdicts()] == [day]
    finally:
        services.close()


# The evenings and nights around both 2026 changes, in both zones: (zone, eve, change).
CHANGES = [
    pytest.param(LONDON, date(2026, 3, 28), id="london-spring"),
    pytest.param(LONDON, date(2026, 10, 24), id="london-autumn"),
    pytest.param(NEW_YORK, date(2026, 3, 7), id="new-york-spring"),
    pytest.param(NEW_YORK, date(2026, 10, 31), id="new-york-autumn"),
]


@pytest.mark.parametrize(("zone", "eve"), CHANGES)
def test_log_and_edit_around_a_dst_change_then_travel(
    tmp_path: Path, zone: ZoneInfo, eve: date
) -> None:
    """23:30 on the eve and 00:30 after the night of the change are on their own local
    days; so are the mornings; editing keeps them; after moving to the other zone the
    stored days stay and "today" follows the new zone."""
    after = eve + timedelta(days=1)
    clock = FakeClock(datetime(eve.year, eve.month, eve.day, 20, 0, tzinfo=zone))
    services = _services(tmp_path, clock)
    try:
        exercise = services.exercises.catalogue()[0]
        services.morning.set_baseline(3, eve - timedelta(days=7))
        late = datetime(eve.year, eve.month, eve.day, 23, 30, tzinfo=zone)
        clock.set_wall(late + timedelta(minutes=5))
        first, _ = services.exercises.log_session(
            SessionDraft(exercise.id, late, (SetEntry(5, 40, 120),))
        )
        # 00:30 the night after the change (25 hours or 23 hours later, not 24).
        early = datetime(after.year, after.month, after.day, 0, 30, tzinfo=zone) + timedelta(days=1)
        clock.set_wall(datetime(after.year, after.month, after.day, 7, 30, tzinfo=zone))
        assert services.morning.today() == after
        services.morning.record_morning(services.morning.today(), 2)
        clock.set_wall(early + timedelta(minutes=5))
        second, _ = services.exercises.log_session(
            SessionDraft(exercise.id, early, (SetEntry(5, 40, 120),))
        )
        next_morning = after + timedelta(days=2)
        clock.set_wall(datetime(next_morning.year, next_morning.month, next_morning.day, 7, 0))
        assert services.morning.today() == next_morning
        services.morning.record_morning(next_morning, 4)

        expected = [(eve, Outcome.TOLERATED), (after + timedelta(days=1), Outcome.EXCEEDED)]
        assert [(v.day, v.outcome) for v in services.morning.verdicts()] == expected
        services.exercises.update_session(
            first, SessionDraft(exercise.id, late, (SetEntry(6, 40, 120),))
        )
        assert services.exercises.session(first).local_date == eve

        other = NEW_YORK if zone is LONDON else LONDON
        clock.set_zone(other)
        services.exercises.update_session(
            second, SessionDraft(exercise.id, early, (SetEntry(6, 40, 120),))
        )
        assert [(v.day, v.outcome) for v in services.morning.verdicts()] == expected
        services.progress.refresh()
        assert [(v.day, v.outcome) for v in services.progress.history().verdicts] == expected
        moved = datetime(next_morning.year, next_morning.month, next_morning.day, 7, 0, tzinfo=zone)
        assert services.morning.today() == moved.astimezone(other).date()
    finally:
        services.close()


def test_the_real_clock_under_tz_places_the_other_half_of_the_year(
    tmp_path: Path, london_tz: None
) -> None:
    """The real ``SystemClock`` (TZ=Europe/London): an instant in the other half of the
    year from now gets that half's offset, not today's."""
    clock = SystemClock()
    assert clock.zone() == LONDON
    now = clock.now()
    assert now.tzinfo == LONDON
    summer_now = now.dst() != timedelta(0)
    # Midnight-and-a-half in the other season, at least a few months ago.
    year = now.year - 1
    when = (
        datetime(year, 1, 15, 0, 30, tzinfo=LONDON)
        if summer_now
        else datetime(year, 7, 15, 0, 30, tzinfo=LONDON)
    )
    services = _services(tmp_path, clock)
    try:
        run_id, _ = services.exercises.log_run(RunDraft(when.astimezone(UTC), 20 * 60))
        assert services.exercises.run(run_id).local_date == when.date()
    finally:
        services.close()


def test_the_fake_clock_is_built_like_the_real_one(london_tz: None) -> None:
    real, fake = SystemClock(), FakeClock(tz="Europe/London")
    assert type(fake.zone()) is type(real.zone()) is ZoneInfo
    assert type(FakeClock().zone()) is ZoneInfo  # UTC by name, not a fixed offset
    zones = iter(["Europe/London", "Asia/Tokyo"])
    moves = SystemClock(platform_monotonic=lambda: 0.0, zone_name=lambda: next(zones))
    assert moves.zone() == LONDON
    assert moves.zone() == LONDON  # not asked again within a minute
    no_name = SystemClock(zone_name=lambda: None)
    assert no_name.zone().utcoffset(None) is not None  # a fixed offset only without a name
