"""Export/import keeps a user's own exercise's ladder (issue 11): without its three
columns a re-imported exercise fell back to the default steps, so the plan changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import pytest

from pht_desktop.domain.clock import FakeClock
from pht_desktop.domain.dose_ladder import DEFAULT_STEPS, LadderSteps
from pht_desktop.services.registry import Services
from tests.data.helpers import export_document, fresh_services, import_document

LADDER = LadderSteps(rungs=6, step=10, load_step_kg=2.5)
LADDER_COLUMNS = ("ladder_rungs", "ladder_step", "ladder_load_step_kg")


def _own_exercise(services: Services) -> int:
    exercise_id = services.exercises.add_exercise("My wall press", 1, "hold")
    services.exercises.save_ladder(exercise_id, 4, 20, 60, LADDER)
    return exercise_id


def _ladder_of(services: Services, name: str) -> Any:
    [info] = [e for e in services.exercises.catalogue() if e.name == name]
    return services.exercises.ladder(info.id)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_edited_ladder_survives_export_and_import(
    services: Services,
    tmp_path: Path,
    template_db: Path,
    clock: FakeClock,
    fmt: Literal["csv", "json"],
) -> None:
    _own_exercise(services)
    before = _ladder_of(services, "My wall press")
    assert before.steps == LADDER
    archive = services.data.export_zip(tmp_path / f"export-{fmt}.zip", fmt)
    fresh = fresh_services(tmp_path, template_db, clock, "fresh")
    try:
        assert fresh.data.import_file(archive).ok
        assert _ladder_of(fresh, "My wall press") == before
    finally:
        fresh.close()


def _document(services: Services) -> Any:
    _own_exercise(services)
    return export_document(services)


def test_an_export_from_before_the_ladder_columns_gives_the_default_steps(
    services: Services, tmp_path: Path, template_db: Path, clock: FakeClock
) -> None:
    document = _document(services)
    [row] = document["tables"]["exercises"]
    for name in LADDER_COLUMNS:
        del row[name]
    fresh, report = import_document(tmp_path, template_db, clock, document)
    try:
        assert report.ok, report.lines()
        assert _ladder_of(fresh, "My wall press").steps == DEFAULT_STEPS
    finally:
        fresh.close()


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"ladder_rungs": None}, "number of levels"),  # steps without levels
        ({"ladder_step": 0}, "a little more"),  # six equal levels
        ({"default_hold_s": 400, "ladder_step": 60}, "top level"),  # 700 s: past the form's
        ({"ladder_rungs": 11}, "ladder_rungs"),
    ],
)
def test_a_ladder_the_tab_would_refuse_is_refused_and_nothing_is_written(
    services: Services,
    tmp_path: Path,
    template_db: Path,
    clock: FakeClock,
    changes: dict[str, object],
    words: str,
) -> None:
    document = _document(services)
    [row] = document["tables"]["exercises"]
    row.update(changes)
    fresh, report = import_document(tmp_path, template_db, clock, document)
    try:
        assert not report.ok
        assert words in "\n".join(report.lines())
        assert not [e for e in fresh.exercises.catalogue() if e.name == "My wall press"]
    finally:
        fresh.close()
