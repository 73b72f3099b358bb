"""A change history that goes A → B → A on one day survives an export and an import.

Found by the lived round trip (hypothesis): stage 2 → 1 → 2 on one day was refused on
import as "a second entry", and a day's changes came back in the order of their values,
not the order they were made — so 3 → 2 → 1 restored as stage 2 for that day (R2.7: the
last change of a day is the day's).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import pytest

from pht_desktop.domain.clock import FakeClock
from pht_desktop.services.registry import Services
from tests.data.helpers import export_document, fresh_services, import_document


def _moves(services: Services, clock: FakeClock, stages: list[int]) -> None:
    for stage in stages:
        clock.advance(60)
        services.profile.set_stage(stage)


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize("stages", [[2, 1, 2], [3, 2, 1], [2, 3, 2, 3]])
def test_a_days_changes_come_back_in_the_order_they_were_made(
    tmp_path: Path,
    template_db: Path,
    services: Services,
    clock: FakeClock,
    stages: list[int],
    fmt: Literal["csv", "json"],
) -> None:
    _moves(services, clock, stages)
    before = [(e.effective_date, e.stage) for e in services.profile.stage_history()]
    archive = services.data.export_zip(tmp_path / f"export.{fmt}.zip", fmt)
    other = fresh_services(tmp_path, template_db, clock, "other")
    try:
        report = other.data.import_file(archive)
        assert report.ok, report.lines()
        assert [(e.effective_date, e.stage) for e in other.profile.stage_history()] == before
        assert other.profile.current_stage() == stages[-1]
        # The same file again adds nothing: every change is recognised.
        again = other.data.import_file(archive)
        assert again.ok, again.lines()
        assert len(other.profile.stage_history()) == len(before)
    finally:
        other.close()


def test_a_file_without_the_moments_matches_by_day_and_value(
    tmp_path: Path, template_db: Path, services: Services, clock: FakeClock
) -> None:
    """An export edited by hand (or from before the moments were kept) adds no copies."""
    _moves(services, clock, [3])
    document = export_document(services)
    for change in document["tables"]["stage_changes"]:
        change["created_at"] = None
    other, report = import_document(tmp_path, template_db, clock, document)
    try:
        assert report.ok, report.lines()
        count = len(other.profile.stage_history())
        path = tmp_path / "doc.json"
        again = other.data.import_file(path)
        assert again.ok, again.lines()
        assert len(other.profile.stage_history()) == count
    finally:
        other.close()
