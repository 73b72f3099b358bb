"""logind's sleep notices through jeepney: a private bus daemon, a fake logind on it."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from jeepney import DBusAddress, new_signal
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import Proxy, open_dbus_connection
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from pht_desktop.platform.dbus import SYSTEM_BUS, BusWorker
from pht_desktop.platform.sleep_signal import (
    LOGIN1_MANAGER,
    LOGIN1_PATH,
    LOGIN1_SERVICE,
    NOT_YET,
    SleepWatcher,
)
from tests.platform.conftest import CLOSE_WAIT_S
from tests.python_run import run_offscreen


class FakeLogind:
    """A peer that broadcasts ``PrepareForSleep``; it owns logind's name unless an impostor."""

    def __init__(self, address: str, *, impostor: bool = False) -> None:
        self.conn = open_dbus_connection(address)
        self.bus = Proxy(message_bus, self.conn, timeout=5)
        if not impostor:
            assert self.bus.RequestName(LOGIN1_SERVICE) == (1,)  # the primary owner

    def prepare_for_sleep(self, sleeping: bool) -> None:
        address = DBusAddress(LOGIN1_PATH, interface=LOGIN1_MANAGER)
        self.conn.send(new_signal(address, "PrepareForSleep", "b", (sleeping,)))
        self.bus.GetId()  # a round trip: the daemon has routed the signal by now

    def close(self) -> None:
        self.conn.close()


class Seen:
    """What the watcher emitted, and whether it emitted on the GUI thread.

    Connected directly, so each record is made in the thread that emitted (an automatic
    connection would queue it to the GUI thread whatever thread emitted).
    """

    def __init__(self, watcher: SleepWatcher) -> None:
        self.events: list[tuple[str, bool]] = []
        direct = Qt.ConnectionType.DirectConnection
        watcher.about_to_sleep.connect(lambda: self._add("sleep"), direct)
        watcher.resumed.connect(lambda: self._add("resume"), direct)

    def _add(self, name: str) -> None:
        self.events.append((name, threading.current_thread() is threading.main_thread()))


def subscribed(qtbot: QtBot, bus: BusWorker) -> SleepWatcher:
    watcher = SleepWatcher(platform="linux", bus=bus)
    qtbot.waitUntil(lambda: watcher.is_settled, timeout=10_000)
    assert (watcher.available, watcher.reason) == (True, "")
    return watcher


def test_prepare_for_sleep_reaches_the_app_on_the_gui_thread(
    qtbot: QtBot, bus_address: str
) -> None:
    logind = FakeLogind(bus_address)
    bus = BusWorker(bus_address, name="system")
    try:
        seen = Seen(subscribed(qtbot, bus))
        logind.prepare_for_sleep(True)
        qtbot.waitUntil(lambda: len(seen.events) == 1)
        logind.prepare_for_sleep(False)
        qtbot.waitUntil(lambda: len(seen.events) == 2)
    finally:
        bus.close(wait=CLOSE_WAIT_S)
        logind.close()
    assert seen.events == [("sleep", True), ("resume", True)]


def test_only_logind_itself_is_believed(qtbot: QtBot, bus_address: str) -> None:
    """Anyone on the system bus may send a signal named ``PrepareForSleep``: the bus
    delivers only those from the owner of logind's name."""
    impostor, logind = FakeLogind(bus_address, impostor=True), FakeLogind(bus_address)
    bus = BusWorker(bus_address, name="system")
    try:
        seen = Seen(subscribed(qtbot, bus))
        impostor.prepare_for_sleep(True)  # routed (or dropped) before logind's
        logind.prepare_for_sleep(False)
        qtbot.waitUntil(lambda: bool(seen.events))
        qtbot.wait(50)
    finally:
        bus.close(wait=CLOSE_WAIT_S)
        impostor.close()
        logind.close()
    assert seen.events == [("resume", True)]


def test_without_a_system_bus_the_watcher_says_why_and_nothing_waits(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    bus = BusWorker(SYSTEM_BUS, name="system")
    try:
        started = time.perf_counter()
        watcher = SleepWatcher(platform="linux", bus=bus)
        spent = time.perf_counter() - started
        assert (watcher.available, watcher.reason, watcher.is_settled) == (False, NOT_YET, False)
        with qtbot.waitSignal(watcher.settled, timeout=10_000):
            pass
    finally:
        bus.close(wait=CLOSE_WAIT_S)
    assert spent < 0.05
    assert watcher.available is False
    assert watcher.reason.startswith(f"no system bus at {tmp_path / 'no-bus'}: "), watcher.reason


def test_without_logind_the_watcher_says_so_at_once(qtbot: QtBot) -> None:
    watcher = SleepWatcher(platform="win32")
    assert (watcher.available, watcher.is_settled) == (False, True)
    assert watcher.reason == "no logind on win32"


def test_the_watcher_on_this_machine_settles_and_translates(qtbot: QtBot) -> None:
    """This machine's system bus (or none): whatever it is, the watcher settles."""
    watcher = SleepWatcher()
    qtbot.waitUntil(lambda: watcher.is_settled, timeout=15_000)
    assert watcher.available is (watcher.reason == "")
    with qtbot.waitSignal(watcher.about_to_sleep):
        watcher.handle_prepare_for_sleep(True)
    with qtbot.waitSignal(watcher.resumed):
        watcher.handle_prepare_for_sleep(False)


def test_elsewhere_the_watcher_imports_no_jeepney() -> None:
    """jeepney is a Linux-only dependency: on Windows and macOS it is not installed."""
    code = (
        "import sys; sys.modules['jeepney'] = None  # as if not installed\n"
        "from PySide6.QtCore import QCoreApplication; app = QCoreApplication([])\n"
        "from pht_desktop.platform.sleep_signal import SleepWatcher\n"
        "print(SleepWatcher(platform='win32').reason)"
    )
    done = run_offscreen(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "no logind on win32"
