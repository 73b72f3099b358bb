"""Run by the kill test: log entries in a loop, printing each committed id."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pht_desktop.store.db import open_database
from pht_desktop.store.models import SittingBout


def main(path: str) -> None:
    sessions = open_database(Path(path))
    start = datetime(2026, 1, 1, tzinfo=UTC)
    n = 0
    while True:
        n += 1
        with sessions.begin() as session:
            bout = SittingBout(started_at=start + timedelta(seconds=n), seconds=n, source="kill")
            session.add(bout)
            session.flush()
            entry_id = bout.id
        # Printed only after the commit returned: a reported id must be on disk.
        sys.stdout.write(f"{entry_id}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1])
