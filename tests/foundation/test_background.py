"""The one background-job helper (issue 16 item 4): work on a pool thread, outcome on ours.

The history read, the data import and the run import all go through it, so what it
promises is pinned here once: the work leaves the GUI thread, the result or the error
comes back on it by a queued call (never inside the worker, never synchronously), and a
relay that is gone swallows the message instead of crashing the worker.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import pytest
import shiboken6
from PySide6.QtCore import QObject, QThread, QThreadPool
from pytestqt.qtbot import QtBot

from pht_desktop.services.background import BackgroundJobs


@pytest.fixture
def make_jobs() -> Iterator[Callable[..., BackgroundJobs]]:
    """Helpers whose owner lives as long as the test; their workers end with it."""
    made: list[tuple[QObject, BackgroundJobs]] = []

    def make(threads: int | None = 1) -> BackgroundJobs:
        owner = QObject()
        made.append((owner, BackgroundJobs(owner, threads=threads)))
        return made[-1][1]

    yield make
    for owner, jobs in made:
        jobs.pool.waitForDone(10_000)
        owner.deleteLater()


def test_the_work_runs_on_a_worker_and_the_result_comes_back_on_the_gui_thread(
    qtbot: QtBot, make_jobs: Callable[..., BackgroundJobs]
) -> None:
    gui = QThread.currentThread()
    jobs = make_jobs()
    seen: dict[str, object] = {}

    def work() -> int:
        seen["worker"] = threading.get_ident()
        return 42

    def done(value: int) -> None:
        seen["value"] = value
        seen["done_on_gui"] = QThread.currentThread() is gui

    jobs.start(work, done, lambda error: seen.setdefault("error", error))
    qtbot.waitUntil(lambda: "value" in seen, timeout=10_000)

    assert seen["worker"] != threading.get_ident()
    assert seen == {"worker": seen["worker"], "value": 42, "done_on_gui": True}


def test_an_error_in_the_work_reaches_failed_on_the_gui_thread(
    qtbot: QtBot, make_jobs: Callable[..., BackgroundJobs]
) -> None:
    gui = QThread.currentThread()
    jobs = make_jobs(None)
    failures: list[tuple[BaseException, bool]] = []

    def work() -> int:
        raise ValueError("the file is cut short")

    def failed(error: BaseException) -> None:
        failures.append((error, QThread.currentThread() is gui))

    jobs.start(work, lambda _v: failures.append((AssertionError("done called"), False)), failed)
    qtbot.waitUntil(lambda: bool(failures), timeout=10_000)

    ((error, on_gui),) = failures
    assert isinstance(error, ValueError)
    assert str(error) == "the file is cut short"
    assert on_gui


def test_post_is_queued_even_from_the_gui_thread(
    qtbot: QtBot, make_jobs: Callable[..., BackgroundJobs]
) -> None:
    """A progress step posted by a worker is never run inside the worker or the caller."""
    jobs = make_jobs()
    got: list[int] = []
    jobs.post(got.append, 7)
    assert got == []  # not called synchronously
    qtbot.waitUntil(lambda: got == [7], timeout=10_000)


def test_a_deleted_relay_swallows_the_message(qtbot: QtBot) -> None:
    """The window closed while a worker ran: its late message goes nowhere, no crash."""
    owner = QObject()
    jobs = BackgroundJobs(owner)
    got: list[int] = []
    shiboken6.delete(jobs)
    jobs.post(got.append, 1)  # would raise RuntimeError (the C++ object is gone)
    assert got == []


def test_one_thread_by_default_or_qts_global_pool(
    qtbot: QtBot, make_jobs: Callable[..., BackgroundJobs]
) -> None:
    """Imports never overlap (one thread); the history read shares the global pool."""
    assert make_jobs().pool.maxThreadCount() == 1
    assert make_jobs(None).pool is QThreadPool.globalInstance()
