"""The running app's own writes go on while an import runs (issue 12, finding 9).

An import stages its rows in temporary tables (no lock on the user's database) and then
merges them in one short transaction; an app write that comes while that transaction
holds the lock waits for it (SQLite's busy timeout) instead of failing. The app write
here is made from a second thread at the worst moment: inside the import's transaction.
"""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pht_desktop.services.registry import Services
from pht_desktop.store import import_stage
from pht_desktop.store.import_stage import ImportStage
from tests.data.helpers import table_counts
from tests.data.test_gui_import import _export_of

ROWS = 2_000


def test_an_app_write_during_an_import_waits_and_succeeds(
    services: Services,
    tmp_path: Path,
    template_db: Path,
    db_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    export = _export_of(tmp_path / "src", template_db, ROWS)
    writer: list[threading.Thread] = []
    outcome: list[object] = []
    merge = ImportStage.merge_into

    def app_writes() -> None:
        try:
            outcome.append(services.morning.record_morning(date(2026, 3, 1), 3))
        except Exception as error:  # reported below, on the test's thread
            outcome.append(error)

    def merge_while_the_app_writes(self: ImportStage, *args: Any) -> Any:
        if not writer:  # the import holds the write lock now (BEGIN IMMEDIATE)
            writer.append(threading.Thread(target=app_writes))
            writer[0].start()
        return merge(self, *args)

    monkeypatch.setattr(import_stage.ImportStage, "merge_into", merge_while_the_app_writes)
    report = services.data.import_file(export)
    writer[0].join(timeout=60)
    assert report.ok, report.lines()
    assert len(outcome) == 1
    assert not isinstance(outcome[0], Exception), outcome[0]
    counts = table_counts(db_path)
    assert counts["sitting_bouts"] == ROWS
    assert counts["morning_pain"] == 1
