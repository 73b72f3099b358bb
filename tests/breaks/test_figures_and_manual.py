"""Today's R1.3 figures and hand-entered sitting: cases found in review."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.errors import ValidationError
from pht_desktop.services.registry import Services, build_services


def sit(services: Services, clock: FakeClock, minutes: int) -> None:
    """The user sits at the keyboard (idle 0) for ``minutes``, ticked every 15 s."""
    for _ in range(minutes * 4):
        clock.advance(15)
        services.breaks.tick(0.0)


def test_r1_3_a_snooze_chain_is_one_prompt_for_adherence(
    services: Services, clock: FakeClock
) -> None:
    services.breaks.tick(0.0)
    sit(services, clock, 30)
    services.breaks.snooze()
    sit(services, clock, 5)
    services.breaks.snooze()
    sit(services, clock, 5)
    services.breaks.stand_now()
    clock.advance(180)
    services.breaks.tick(0.0)
    figures = services.breaks.today_figures()
    assert (figures.prompts, figures.taken) == (1, 1)


@pytest.fixture
def late_services(db_path: Path) -> Iterator[tuple[Services, FakeClock]]:
    clock = FakeClock(datetime(2026, 3, 2, 23, 20, tzinfo=UTC))
    built = build_services(db_path, clock)
    yield built, clock
    built.close()


def test_r1_3_a_bout_across_midnight_is_one_long_bout(
    late_services: tuple[Services, FakeClock],
) -> None:
    services, clock = late_services
    services.breaks.tick(0.0)
    sit(services, clock, 30)
    services.breaks.skip("meeting")
    sit(services, clock, 50)  # 00:40: 80 minutes in one go
    services.breaks.stand_now()
    clock.advance(180)
    services.breaks.tick(0.0)
    figures = services.breaks.today_figures()  # 3 March
    assert figures.longest_bout_s == pytest.approx(80 * 60, abs=60)
    assert figures.bouts_over_40 == 1
    assert figures.computer_sitting_s == pytest.approx(40 * 60, abs=60)  # today's part


def test_hand_entered_sitting_cannot_double_count_or_end_in_the_future(
    services: Services, clock: FakeClock
) -> None:
    services.breaks.tick(0.0)
    sit(services, clock, 40)  # a computer bout from 09:00
    now = clock.now()
    with pytest.raises(ValidationError, match="overlaps") as overlap:
        services.breaks.add_manual_sitting(now - timedelta(minutes=30), 20, "meal", None)
    assert overlap.value.field == "started_at"
    with pytest.raises(ValidationError, match="future"):
        services.breaks.add_manual_sitting(now - timedelta(minutes=5), 60, "sofa", "soft")
    evening = now - timedelta(hours=3)  # 06:40, before the computer bout
    services.breaks.add_manual_sitting(evening, 45, "driving", "hard")
    with pytest.raises(ValidationError, match="added by hand"):
        services.breaks.add_manual_sitting(evening + timedelta(minutes=10), 10, "other", None)
    assert [entry.minutes for entry in services.breaks.manual_today()] == [45]


def test_a_crash_during_a_stand_keeps_what_was_stood(
    services: Services, clock: FakeClock, db_path: Path
) -> None:
    """Never lose an entry: the stand row is written when the stand starts and kept
    current, so a kill mid-stand leaves the minutes already stood (found in review)."""
    services.breaks.tick(0.0)
    sit(services, clock, 30)
    services.breaks.stand_now()
    for _ in range(9):  # 90 s standing, then the process dies (no stop())
        clock.advance(10)
        services.breaks.tick(0.0)
    after_crash = build_services(db_path, clock)
    try:
        ((_, seconds, source, _early, prompt_id),) = after_crash.breaks.stands_on(
            clock.now().date()
        )
        assert source == "prompted"
        assert prompt_id is not None
        assert 60 <= seconds <= 90
    finally:
        after_crash.close()


def test_a_finished_stand_is_one_row_with_its_seconds(services: Services, clock: FakeClock) -> None:
    services.breaks.tick(0.0)
    services.breaks.stand_now()  # self-started
    clock.advance(200)
    services.breaks.tick(0.0)
    ((_, seconds, source, early, _prompt),) = services.breaks.stands_on(clock.now().date())
    assert (seconds, source, early) == (180, "self_started", False)
