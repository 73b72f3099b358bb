"""Two entries logged at one instant still export and import (issue 12's round trip).

An export names a session by its exercise and instant and a run by its instant; two
entries at one typed minute used to get the user's own export refused whole as a
repeated key. They are stored a second apart instead, and both come back.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Literal

import pytest

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.exercise import RunDraft, SessionDraft, SetEntry
from pht_desktop.services.registry import Services
from tests.data.helpers import fresh_services


def _log_twice_at_one_minute(services: Services) -> None:
    exercise = services.exercises.catalogue()[0].id
    when = services.clock.now().replace(second=0, microsecond=0) - timedelta(hours=2)
    draft = SessionDraft(exercise, when, (SetEntry(3, 45, 60),))
    first, _ = services.exercises.log_session(draft)
    services.exercises.log_session(draft)
    services.exercises.delete_session(first)  # a deleted one is exported too
    services.exercises.log_session(draft)
    for _ in range(2):
        services.exercises.log_run(RunDraft(when, 900, 2.0))


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_entries_at_one_instant_export_and_import_back(
    services: Services,
    tmp_path: Path,
    template_db: Path,
    clock: FakeClock,
    fmt: Literal["csv", "json"],
) -> None:
    _log_twice_at_one_minute(services)
    stamps = sorted(s.performed_at for s in services.exercises.sessions())
    assert len(set(stamps)) == len(stamps) == 2  # each its own second of that minute
    assert len({s.replace(second=0) for s in stamps}) == 1  # and still read as the minute typed
    archive = services.data.export_zip(tmp_path / f"export-{fmt}.zip", fmt)
    fresh = fresh_services(tmp_path, template_db, clock, "fresh")
    try:
        report = fresh.data.import_file(archive)
        assert report.ok, report.lines()
        assert fresh.data.export_files(fmt) == services.data.export_files(fmt)
        assert len(fresh.exercises.sessions()) == 2
        assert len(fresh.exercises.runs()) == 2
    finally:
        fresh.close()


def test_an_edit_onto_another_entrys_instant_keeps_both(services: Services) -> None:
    when = services.clock.now().replace(second=0, microsecond=0) - timedelta(hours=1)
    first, _ = services.exercises.log_run(RunDraft(when, 900, 2.0))
    second, _ = services.exercises.log_run(RunDraft(when - timedelta(minutes=5), 600, 1.5))
    services.exercises.update_run(second, RunDraft(when, 600, 1.5))
    assert services.exercises.run(first).performed_at == when
    assert services.exercises.run(second).performed_at == when + timedelta(seconds=1)
