"""Work off the GUI thread, its outcome back on it: the one way the app does that (issue 16).

Reading the history, importing a data file and importing runs are too slow for the GUI
thread. Each hands its work to :meth:`BackgroundJobs.start`: the work runs on a
``QThreadPool`` thread and its result (or the exception it raised) reaches the caller's
callback through a queued signal of this object, which lives on the GUI thread. Nothing
polls and nothing waits for a worker. :meth:`BackgroundJobs.post` is the same queued
call for a worker's own messages (an import's progress). A caller that must ignore a
result that went stale (the history before a refresh) binds its own generation into the
callback. Qt, not the UI: services may use it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

T = TypeVar("T")


class _Job(QRunnable, Generic[T]):
    """The work on a pool thread, its outcome posted back (never raised in the worker)."""

    def __init__(
        self,
        jobs: BackgroundJobs,
        work: Callable[[], T],
        done: Callable[[T], object],
        failed: Callable[[BaseException], object],
    ) -> None:
        super().__init__()
        self._jobs = jobs
        self._work = work
        self._done = done
        self._failed = failed

    def run(self) -> None:
        try:
            result = self._work()
        except BaseException as error:  # handed to the GUI thread, never lost in a worker
            self._jobs.post(self._failed, error)
        else:
            self._jobs.post(self._done, result)


class BackgroundJobs(QObject):
    """A pool to run work on and a relay back to the thread this object lives on."""

    _call = Signal(object, object)  # (callback, its argument), always delivered queued

    def __init__(self, parent: QObject, threads: int | None = 1) -> None:
        """``threads`` caps the pool (1: jobs never overlap); None shares Qt's global pool."""
        super().__init__(parent)
        if threads is None:
            self.pool = QThreadPool.globalInstance()
        else:
            self.pool = QThreadPool(self)
            self.pool.setMaxThreadCount(threads)
        self._call.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def start(
        self,
        work: Callable[[], T],
        done: Callable[[T], object],
        failed: Callable[[BaseException], object],
    ) -> None:
        """Run ``work`` on the pool; ``done(result)`` or ``failed(error)`` on this thread."""
        self.pool.start(_Job(self, work, done, failed))

    def post(self, callback: Callable[[T], object], value: T) -> None:
        """From any thread: ``callback(value)`` later, on the thread this object lives on."""
        with contextlib.suppress(RuntimeError):  # this object was deleted: nobody to tell
            self._call.emit(callback, value)

    @Slot(object, object)
    def _deliver(self, callback: Callable[[object], object], value: object) -> None:
        callback(value)
