"""Verdicts across a DST change and a timezone change: local dates used consistently (R3.2).

The process zone is switched with ``TZ`` + ``time.tzset()`` (POSIX), restored afterwards.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.verdicts import Outcome
from pht_desktop.services.registry import Services, build_services
from tests.morning.helpers import add_session, d

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="time.tzset is POSIX only")

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def london(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with monkeypatch.context() as patch:
        patch.setenv("TZ", "Europe/London")
        time.tzset()
        try:
            yield
        finally:
            patch.undo()
            time.tzset()


@pytest.fixture
def london_services(london: None, db_path: Path) -> Iterator[tuple[Services, FakeClock]]:
    # Saturday 2026-03-28, 08:00 GMT; clocks go forward at 01:00 GMT on Sunday the 29th.
    clock = FakeClock(datetime(2026, 3, 28, 8, 0, tzinfo=LONDON))
    built = build_services(db_path, clock)
    yield built, clock
    built.close()


def test_sessions_around_the_dst_change_meet_the_right_morning(
    london_services: tuple[Services, FakeClock],
) -> None:
    services, clock = london_services
    assert datetime(2026, 3, 29, 23, 30, tzinfo=UTC).astimezone().tzname() == "BST"
    morning = services.morning
    morning.set_baseline(3, d(27))
    # 23:30 GMT on Saturday: still Saturday locally.
    add_session(services, performed_at=datetime(2026, 3, 28, 23, 30, tzinfo=UTC))
    # 23:30 UTC on Sunday is 00:30 BST on Monday: a Monday load day, not Sunday's.
    add_session(services, performed_at=datetime(2026, 3, 29, 23, 30, tzinfo=UTC))
    clock.set_wall(datetime(2026, 3, 29, 7, 30, tzinfo=LONDON))  # Sunday morning, BST
    morning.record_morning(morning.today(), 2)
    clock.set_wall(datetime(2026, 3, 31, 7, 30, tzinfo=LONDON))  # Tuesday morning
    morning.record_morning(morning.today(), 4)

    verdicts = morning.verdicts()
    assert [(v.day, v.next_morning, v.outcome) for v in verdicts] == [
        (d(28), d(29), Outcome.TOLERATED),
        (d(30), d(31), Outcome.EXCEEDED),
    ]
    advice = morning.yesterday()
    assert advice.sentence.startswith("Exceeded: 4/10 this morning, baseline 3/10")


def test_a_timezone_change_keeps_the_lived_dates(
    london_services: tuple[Services, FakeClock], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Days are stored as lived: flying to New York later does not move them."""
    services, clock = london_services
    services.morning.set_baseline(3, d(27))
    add_session(services, performed_at=datetime(2026, 3, 28, 22, 0, tzinfo=UTC))
    clock.set_wall(datetime(2026, 3, 29, 7, 0, tzinfo=LONDON))
    services.morning.record_morning(services.morning.today(), 3)
    before = services.morning.verdicts()
    with monkeypatch.context() as patch:
        patch.setenv("TZ", "America/New_York")
        time.tzset()
        try:
            after = services.morning.verdicts()
        finally:
            patch.undo()
            time.tzset()
    assert before == after
    assert [(v.day, v.outcome) for v in after] == [(d(28), Outcome.TOLERATED)]
