"""Chart data for the Progress pane (issue 6): cached, recomputed on ``refresh()``.

The whole history is read once and kept: switching the range only slices it, which
is what keeps the pane instant with years of data. Any write elsewhere should call
:meth:`ProgressService.refresh`, which drops the cache and emits ``changed``.
"""

from __future__ import annotations

from datetime import date, tzinfo

from PySide6.QtCore import Slot
from sqlalchemy.orm import Session, sessionmaker

from pht_desktop.domain.clock import Clock
from pht_desktop.domain.progress import (
    ProgressData,
    RangePreset,
    SittingMorningPair,
    Summary,
    build_progress,
    preset_bounds,
    sitting_vs_morning,
    summarize,
)
from pht_desktop.services.base import ServiceBase
from pht_desktop.store import progress_repo


class ProgressService(ServiceBase):
    """Per-day series, summaries and sitting-vs-morning pairs for a date range."""

    def __init__(
        self, sessions: sessionmaker[Session], clock: Clock, tz: tzinfo | None = None
    ) -> None:
        super().__init__(sessions, clock)
        self._tz = tz
        self._cache: ProgressData | None = None
        self._pairs: list[SittingMorningPair] | None = None

    def _zone(self) -> tzinfo | None:
        """Local days in the clock's zone, as ``today()`` uses (tests: a fixed zone)."""
        return self._tz if self._tz is not None else self.now().tzinfo

    def history(self) -> ProgressData:
        """Everything recorded, read on first use and kept until :meth:`refresh`."""
        if self._cache is None:
            zone = self._zone()
            offset = None if zone is None else zone.utcoffset(None)
            with self._read() as session:
                source = progress_repo.progress_source(session, offset=offset)
            self._cache = build_progress(source, zone)
        return self._cache

    def data(self, start: date, end: date) -> ProgressData:
        """The days ``start``..``end`` (inclusive) of the cached history."""
        return self.history().between(start, end)

    def bounds(self, preset: RangePreset) -> tuple[date, date]:
        """The first and last day a range button shows, ending today."""
        return preset_bounds(preset, self.today(), self.history().first_day)

    def summary(self, start: date, end: date) -> Summary:
        return summarize(self.history(), start, end)

    def sitting_vs_morning(
        self, start: date | None = None, end: date | None = None
    ) -> list[SittingMorningPair]:
        """Each day's sitting against the next morning's pain above baseline."""
        if self._pairs is None:
            self._pairs = sitting_vs_morning(self.history())
        return [
            p
            for p in self._pairs
            if (start is None or p.day >= start) and (end is None or p.day <= end)
        ]

    @Slot()
    def refresh(self) -> None:
        """Something was recorded or edited: forget the cache and tell the views."""
        self._cache = None
        self._pairs = None
        self.changed.emit()
