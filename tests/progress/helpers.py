"""Seeding helpers for the progress tests: the demo story or a few hand-made rows."""

from __future__ import annotations

from datetime import UTC, date, datetime

from pht_desktop.services import demo
from pht_desktop.services.registry import Services

TODAY = date(2026, 3, 2)


def seed_demo(services: Services) -> dict[str, int]:
    """The twelve-week story ending on the fake clock's day, lived in UTC."""
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    counts = demo.write_demo(services.engine, TODAY, now, tz=UTC)
    services.progress.refresh()
    return counts
