"""Chart data for the Progress pane (issue 6): cached, recomputed on ``refresh()``.

The whole history is read once and kept: switching the range only slices it, which
is what keeps the pane instant with years of data. Any write elsewhere should call
:meth:`ProgressService.refresh`, which drops the cache and emits ``changed``.

Reading ten years takes a few hundred milliseconds, too long for opening the pane, so
:meth:`ProgressService.first_view` answers with the visible range alone (a bounded read,
a few milliseconds) and :meth:`ProgressService.load_in_background` reads the rest on a
``QThreadPool`` worker, whose result comes back to the GUI thread by a queued signal;
``history_ready`` tells the views when the whole history is cached. Nothing polls and
nothing waits for the worker: a caller that needs the history before it arrives reads it
itself. A short history (up to :data:`EAGER_DAYS`) is simply read whole.
"""

from __future__ import annotations

from datetime import date, timedelta, tzinfo

from PySide6.QtCore import Signal as QtSignal
from PySide6.QtCore import Slot
from sqlalchemy.orm import Session, sessionmaker

from pht_desktop.domain.clock import Clock, fixed_offset
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
from pht_desktop.services.background import BackgroundJobs
from pht_desktop.services.base import ServiceBase
from pht_desktop.store import progress_repo

EAGER_DAYS = 400
"""A history no longer than this is read whole at once (about 30 ms per year of data)."""


class ProgressService(ServiceBase):
    """Per-day series, summaries and sitting-vs-morning pairs for a date range."""

    history_ready = QtSignal()
    """The whole history is cached (after :meth:`first_view` answered with a part)."""

    def __init__(self, sessions: sessionmaker[Session], clock: Clock) -> None:
        super().__init__(sessions, clock)
        self._cache: ProgressData | None = None
        self._pairs: list[SittingMorningPair] | None = None
        self._first: date | None = None
        self._first_known = False
        self._window: tuple[date, date, ProgressData] | None = None
        self._generation = 0
        self._loading: int | None = None
        """The generation a pool worker is reading for, if one is."""
        self._jobs = BackgroundJobs(self, threads=None)

    def _zone(self) -> tuple[tzinfo, timedelta | None]:
        """The clock's zone, as ``today()`` uses, and its offset when it never changes.

        Only a zone without DST or history (UTC, a fixed offset where the platform names
        no zone) may be summed per day in SQL with one offset; a real place such as
        Europe/London has two offsets a year and is bucketed exactly in the domain.
        """
        zone = self.zone()
        return zone, fixed_offset(zone)

    def _read_history(self) -> ProgressData:
        zone, offset = self._zone()
        with self._read() as session:
            source = progress_repo.progress_source(session, offset=offset)
        return build_progress(source, zone)

    # --- the whole history ---------------------------------------------------------------------
    @property
    def is_loaded(self) -> bool:
        """Whether the whole history is cached (no read needed)."""
        return self._cache is not None

    def history(self) -> ProgressData:
        """Everything recorded, read on first use and kept until :meth:`refresh`.

        Before a background read has arrived, reads it here (never waits for the worker).
        """
        if self._cache is None:
            self._cache = self._read_history()
        return self._cache

    def load_in_background(self) -> None:
        """Read the whole history on a pool thread (``history_ready`` when it is cached)."""
        if self._cache is not None or self._loading == self._generation:
            return
        generation = self._loading = self._generation
        self._jobs.start(
            self._read_history,
            lambda data: self._on_read(generation, data),
            lambda error: self._on_failed(generation, error),
        )

    def _on_read(self, generation: int, result: ProgressData) -> None:
        """A worker's result, on the GUI thread; stale ones (a refresh came since) are dropped."""
        if self._loading == generation:
            self._loading = None
        if generation != self._generation:
            return
        if self._cache is None:
            self._cache = result
            self.history_ready.emit()

    def _on_failed(self, generation: int, error: BaseException) -> None:
        """A worker's failure, raised on the GUI thread where sys.excepthook (the error dialog)
        sees it."""
        if self._loading == generation:
            self._loading = None
        raise error

    # --- the first view ------------------------------------------------------------------------
    def first_day(self) -> date | None:
        """The earliest day with anything recorded, without reading the whole history."""
        if self._cache is not None:
            return self._cache.first_day
        if not self._first_known:
            with self._read() as session:
                self._first = progress_repo.first_day(session, self.zone())
            self._first_known = True
        return self._first

    def is_short(self) -> bool:
        """A history short enough to read whole when the pane opens."""
        first = self.first_day()
        return first is None or (self.today() - first).days <= EAGER_DAYS

    def first_view(self, start: date, end: date) -> tuple[ProgressData, bool]:
        """Data to draw first and whether it is the whole history.

        Cached or short: the whole history. Otherwise only ``start``..``end`` (equal to
        ``history().between(start, end)``); the caller then starts
        :meth:`load_in_background` once that is drawn (a worker started earlier would
        share the interpreter lock with the first draw and slow it down).
        """
        if self._cache is not None or self.is_short():
            return self.history(), True
        return self.window(start, end), False

    def window(self, start: date, end: date) -> ProgressData:
        """The days ``start``..``end``: a slice of the cache, or a bounded read without it."""
        if self._cache is not None:
            return self._cache.between(start, end)
        if self._window is not None and self._window[:2] == (start, end):
            return self._window[2]
        zone, offset = self._zone()
        with self._read() as session:
            source = progress_repo.progress_source(session, start, end, offset=offset)
        part = build_progress(source, zone).between(start, end)
        self._window = (start, end, part)
        return part

    # --- ranges --------------------------------------------------------------------------------
    def data(self, start: date, end: date) -> ProgressData:
        """The days ``start``..``end`` (inclusive) of the cached history."""
        return self.history().between(start, end)

    def bounds(self, preset: RangePreset) -> tuple[date, date]:
        """The first and last day a range button shows, ending today."""
        return preset_bounds(preset, self.today(), self.first_day())

    def summary(self, start: date, end: date) -> Summary:
        """The summary line; before the history is cached, from a bounded read."""
        if self._cache is None and self._window is not None and self._window[:2] == (start, end):
            return summarize(self._window[2], start, end)
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
        self._first_known = False
        self._window = None
        self._generation += 1
        self.changed.emit()
