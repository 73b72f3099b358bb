"""The demo use case: fill a new, empty database with a realistic story (issue 6)."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from sqlalchemy import Engine

from pht_desktop.domain.demo_story import demo_story
from pht_desktop.store.demo_writer import DemoRefusedError, write_story

__all__ = ["DemoRefusedError", "write_demo"]


def write_demo(
    engine: Engine,
    today: date,
    now: datetime,
    years: int | None = None,
    tz: tzinfo | None = None,
) -> dict[str, int]:
    """Write the story ending ``today``, holding nothing later than ``now`` (aware).

    Refuses (DemoRefusedError) a database in use.
    """
    return write_story(engine, demo_story(today, years=years, tz=tz, now=now), now)
