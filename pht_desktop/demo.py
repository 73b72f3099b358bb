"""``write_demo(data_dir)``: a new data folder holding the demo story (issue 6).

Used by ``pht-desktop demo``, the screenshot script and the chart benchmark.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from pht_desktop.paths import DB_FILENAME, ensure_private_dir


def write_demo(
    data_dir: Path,
    years: int | None = None,
    today: date | None = None,
    now: datetime | None = None,
) -> None:
    """Create ``data_dir`` (private) and write the story ending ``today`` into its database.

    ``now`` (aware; default: the system clock) is when the story is written: it holds
    nothing later. Raises ``DemoRefusedError`` when the folder's database already holds
    user data.
    """
    from pht_desktop.domain.clock import SystemClock
    from pht_desktop.services import demo
    from pht_desktop.services.registry import build_services

    ensure_private_dir(data_dir)
    clock = SystemClock()
    services = build_services(data_dir / DB_FILENAME, clock)
    try:
        if now is None:
            now = clock.now()
        day = today or now.astimezone(clock.zone()).date()
        demo.write_demo(services.engine, day, now, years=years)
    finally:
        services.close()
