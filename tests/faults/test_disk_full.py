"""A full disk says so in words, and the entry is neither lost nor half-written (issue 12).

The database is made really full on the real path: every connection of the app's own
engine gets ``PRAGMA max_page_count`` (SQLite then answers SQLITE_FULL, "database or
disk is full", exactly as on a full file system), and the app's own service fills it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import event

from pht_desktop.domain.clock import FakeClock
from pht_desktop.services.base import DISK_FULL_MESSAGE, DiskFullError
from pht_desktop.services.registry import Services
from pht_desktop.ui.morning_card import MorningCard
from tests.qt_input import click, shown


class Room:
    """How many pages the database may grow by (SQLite's own cap, per connection)."""

    def __init__(self, services: Services, extra_pages: int) -> None:
        self.services = services
        self.extra_pages = extra_pages
        services.engine.dispose()  # every later connection gets the cap
        event.listen(services.engine, "connect", self._cap)

    def _cap(self, dbapi_connection: Any, _record: Any) -> None:
        pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count={pages + self.extra_pages}")

    def free_some_space(self) -> None:
        self.extra_pages = 1000
        self.services.engine.dispose()


@pytest.fixture
def room(services: Services) -> Room:
    return Room(services, extra_pages=2)


@pytest.fixture
def full(services: Services, room: Room) -> Iterator[list[int]]:
    """Mornings recorded through the service, day after day, until the disk is full."""
    today = services.clock.now().date()
    saved: list[int] = []
    for back in range(3000, 0, -1):
        try:
            services.morning.record_morning(today - timedelta(days=back), back % 11)
        except DiskFullError:
            break
        saved.append(back)
    else:
        pytest.fail("the database never filled up")
    yield saved
    room.free_some_space()


def _morning_rows(services: Services) -> int:
    conn = sqlite3.connect(services.database_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return int(conn.execute("SELECT COUNT(*) FROM morning_pain").fetchone()[0])
    finally:
        conn.close()


def test_a_full_disk_is_said_in_words_and_nothing_is_half_written(
    qtbot: QtBot, services: Services, clock: FakeClock, full: list[int]
) -> None:
    assert len(full) > 10  # the cap left room for some mornings first
    card = shown(qtbot, MorningCard(services), (900, 300))
    click(qtbot, card.pain_buttons[4])
    assert card.date_error.isVisible()
    assert card.date_error.text() == DISK_FULL_MESSAGE
    assert "disk is full" in card.date_error.text()
    assert services.morning.entry_for(clock.now().date()) is None
    assert _morning_rows(services) == len(full)  # the earlier ones all there, none torn
    # Not lost: the choice is still on the card, and saves once there is room again.
    assert card.selected_pain() == 4
    assert card.input_host.isVisible()


def test_after_freeing_space_the_same_entry_saves(
    qtbot: QtBot, services: Services, clock: FakeClock, room: Room, full: list[int]
) -> None:
    card = shown(qtbot, MorningCard(services), (900, 300))
    click(qtbot, card.pain_buttons[4])
    assert card.date_error.text() == DISK_FULL_MESSAGE
    room.free_some_space()
    click(qtbot, card.pain_buttons[4])
    entry = services.morning.entry_for(clock.now().date())
    assert entry is not None
    assert entry.pain == 4
    assert not card.date_error.isVisible()
    assert _morning_rows(services) == len(full) + 1
