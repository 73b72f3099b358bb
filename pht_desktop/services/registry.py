"""All services of one running app, built once by the composition root."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from pht_desktop.domain.clock import Clock
from pht_desktop.services.breaks import BreakService
from pht_desktop.services.data import DataService
from pht_desktop.services.exercises import ExerciseService
from pht_desktop.services.measures import MeasuresService
from pht_desktop.services.morning import MorningService
from pht_desktop.services.plan import PlanService
from pht_desktop.services.profile import ProfileService
from pht_desktop.services.run_settings import RunSettingsService
from pht_desktop.services.settings import SettingsService
from pht_desktop.store.db import is_read_only, open_database

if TYPE_CHECKING:
    from pht_desktop.services.progress import ProgressService
    from pht_desktop.services.run_import import RunImportService


@dataclass
class Services:
    clock: Clock
    database_path: Path
    engine: Engine
    settings: SettingsService
    profile: ProfileService
    breaks: BreakService
    exercises: ExerciseService
    morning: MorningService
    plan: PlanService
    data: DataService
    measures: MeasuresService
    run_settings: RunSettingsService
    sessions: sessionmaker[Session] = field(repr=False)

    @cached_property
    def progress(self) -> ProgressService:
        """Built on first use (the Progress pane, the CLI), so its modules and the
        history's reads stay out of start-up; it follows every write that changes
        load, pain or stage from then on."""
        from pht_desktop.services.progress import ProgressService

        progress = ProgressService(self.sessions, self.clock)
        for source in (self.exercises, self.morning, self.breaks, self.profile):
            source.changed.connect(progress.refresh)
        return progress

    @cached_property
    def run_import(self) -> RunImportService:
        """Built on first use (a drop, File ▸ Import runs…, the watched folder, the CLI),
        so the run-file readers stay out of start-up. Imported runs are runs: everything
        that follows the run log hears of them."""
        from pht_desktop.services.run_import import RunImportService

        run_import = RunImportService(self.sessions, self.clock, self.run_settings)
        run_import.changed.connect(self.exercises.changed)
        return run_import

    @property
    def read_only(self) -> bool:
        """The database file is read-only (the user's choice): nothing can be saved."""
        return is_read_only(self.engine)

    def close(self) -> None:
        """Release the database (tests, restore from backup, quitting)."""
        self.engine.dispose()


def build_services(database_path: Path, clock: Clock) -> Services:
    """Open (and migrate) the database and wire every service to it."""
    sessions: sessionmaker[Session] = open_database(database_path)
    breaks = BreakService(sessions, clock)
    morning = MorningService(sessions, clock)
    exercises = ExerciseService(sessions, clock)
    return Services(
        clock=clock,
        database_path=database_path,
        engine=sessions.kw["bind"],
        settings=SettingsService(sessions, clock),
        profile=ProfileService(sessions, clock),
        breaks=breaks,
        exercises=exercises,
        morning=morning,
        plan=PlanService(sessions, clock, morning=morning, breaks=breaks),
        data=DataService(sessions, clock, database_path),
        # Pain-free running uses the one verdict engine, through the morning service.
        measures=MeasuresService(sessions, clock, verdicts=morning.verdicts),
        run_settings=RunSettingsService(sessions, clock),
        sessions=sessions,
    )
