"""Nothing blocks the GUI thread while the D-Bus peer is slow (issue 16, item 4).

A private ``dbus-daemon`` and a fake desktop on it — the notification server and GNOME's
idle monitor — that sleeps 3 s before every answer. The break controller runs over the
real adapters (jeepney on the bus worker) through a sitting bout, the heads-up
notification and the prompt; every GUI-thread call must return within 50 ms, and the
event loop must keep turning. The notification the server never answered is shown by
the next adapter instead.
"""

from __future__ import annotations

import gc
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from pht_desktop.domain.clock import FakeClock
from pht_desktop.platform.dbus import BusWorker
from pht_desktop.platform.idle_dbus import MutterIdle
from pht_desktop.platform.notifications import DBusNotifier, DndWatcher, NotifierChain
from pht_desktop.platform.quiet import QuietReason
from pht_desktop.services.breaks import BreakUiOptions
from pht_desktop.services.registry import Services
from pht_desktop.ui.break_controller import BreakController

SLOW_S = 3.0
BUDGET_S = 0.050

CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""

ANSWERS: dict[str, tuple[str | None, tuple[object, ...]]] = {
    "GetCapabilities": ("as", (["actions", "body"],)),
    "Notify": ("u", (7,)),
    "CloseNotification": (None, ()),
    "Get": ("v", (("b", False),)),
    "GetIdletime": ("t", (1500,)),
}


@pytest.fixture
def bus_address(tmp_path: Path) -> Iterator[str]:
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        pytest.skip("no dbus-daemon on this machine")
    socket = tmp_path / "bus"
    config = tmp_path / "bus.conf"
    config.write_text(CONFIG.format(socket=socket), encoding="utf-8")
    proc = subprocess.Popen(
        [daemon, f"--config-file={config}", "--nofork", "--nopidfile"],
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not socket.exists():
            if time.monotonic() > deadline or proc.poll() is not None:
                pytest.skip("dbus-daemon did not start")
            time.sleep(0.02)
        yield f"unix:path={socket}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


class SlowDesktop:
    """Owns the desktop's names on the bus and answers every call after ``SLOW_S``."""

    def __init__(self, address: str) -> None:
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import Proxy, open_dbus_connection

        self.conn = open_dbus_connection(address)
        bus = Proxy(message_bus, self.conn, timeout=5)
        for name in ("org.freedesktop.Notifications", "org.gnome.Mutter.IdleMonitor"):
            bus.RequestName(name)
        self.calls: list[str] = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        from jeepney import MessageType, new_method_return

        while not self.stopped.is_set():
            try:
                message = self.conn.receive(timeout=0.1)
            except TimeoutError:
                continue
            except Exception:
                return
            if message.header.message_type is not MessageType.method_call:
                continue
            member = str(message.header.fields.get(3, ""))  # HeaderFields.member
            self.calls.append(member)
            time.sleep(SLOW_S)
            signature, body = ANSWERS.get(member, (None, ()))
            try:
                self.conn.send(new_method_return(message, signature, body))
            except Exception:
                return

    def stop(self) -> None:
        self.stopped.set()
        self.thread.join(timeout=SLOW_S + 2)
        self.conn.close()


class Recording:
    name = "recording"

    def __init__(self) -> None:
        self.shown: list[str] = []

    def notify(
        self, title: str, body: str, key: str, actions: Sequence[tuple[str, str]] = ()
    ) -> bool:
        self.shown.append(title)
        return True

    def close(self, key: str) -> None:
        return None


def _cpu_queue_wait() -> float:
    """Seconds this thread has waited for a CPU (Linux schedstat); 0 where unknown.

    The machine may be busy (2 cores, many processes): time the OS kept the GUI thread
    off the CPU is not time the app blocked it, so it is taken out of each measurement.
    Time spent waiting on a socket or a lock stays in.
    """
    try:
        with open("/proc/thread-self/schedstat", encoding="ascii") as stats:
            return int(stats.read().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0


class Timed:
    """Times every call to the wrapped callables, all made on the GUI thread."""

    def __init__(self) -> None:
        self.worst: dict[str, float] = {}
        self.all: list[tuple[str, float]] = []

    def wrap(self, name: str, func):  # type: ignore[no-untyped-def]
        def timed(*args, **kwargs):
            started, queued = time.perf_counter(), _cpu_queue_wait()
            try:
                return func(*args, **kwargs)
            finally:
                spent = time.perf_counter() - started - (_cpu_queue_wait() - queued)
                self.worst[name] = max(self.worst.get(name, 0.0), spent)
                self.all.append((name, round(spent * 1000, 1)))

        return timed


def test_no_gui_thread_call_waits_for_a_slow_desktop(
    qtbot: QtBot, services: Services, clock: FakeClock, bus_address: str
) -> None:
    desktop = SlowDesktop(bus_address)
    bus = BusWorker(bus_address, timeout=2.0)
    try:
        services.breaks.save_settings(
            services.breaks.settings(), BreakUiOptions(notify_before=True)
        )
        fallback = Recording()
        dbus = DBusNotifier(bus=bus)
        chain = NotifierChain([dbus, fallback])
        timed = Timed()
        idle = MutterIdle(bus)
        idle.seconds_since_input = timed.wrap("idle", idle.seconds_since_input)  # type: ignore[method-assign]
        quiet = QuietReason(DndWatcher(bus))
        chain.notify = timed.wrap("notify", chain.notify)  # type: ignore[method-assign]
        chain.close = timed.wrap("close", chain.close)  # type: ignore[method-assign]
        controller = BreakController(
            services,
            None,
            idle_source=idle,
            quiet_check=timed.wrap("quiet", quiet),
            notifier=chain,
        )
        qtbot.addWidget(controller.prompt)
        qtbot.addWidget(controller.were_you_up)
        controller.tick()  # the first tick builds the scheduler from the database: not timed
        # As the app does once it is ready (start_memory.settle_after_start): what exists
        # now is frozen, so a full collection does not rescan it. Here that is a whole test
        # session's objects, whose 1-3 s collections would be charged to whichever call
        # they interrupt (they failed this test 2 times in 8 full runs).
        gc.collect()
        gc.freeze()
        controller.tick = timed.wrap("tick", controller.tick)  # type: ignore[method-assign]
        controller.prompt.show_prompt = timed.wrap("show", controller.prompt.show_prompt)  # type: ignore[method-assign]

        gaps: list[float] = []
        last = [time.perf_counter()]

        def beat() -> None:
            now = time.perf_counter()
            gaps.append(now - last[0])
            last[0] = now

        heartbeat = QTimer()
        heartbeat.setInterval(10)
        heartbeat.timeout.connect(beat)
        heartbeat.start()

        # A sitting bout to its prompt: the heads-up a minute before, then the prompt.
        settings = services.breaks.settings()
        for _ in range(int(settings.sitting_interval_min * 60 / 30) + 4):
            clock.advance(30)
            controller.tick()
            qtbot.wait(15)
        assert controller.prompt.isVisible()
        # The server never answered in time: the heads-up went to the next adapter.
        qtbot.waitUntil(lambda: fallback.shown == ["Stand up in a minute"], timeout=15_000)
        heartbeat.stop()
        assert "Get" in desktop.calls  # do-not-disturb was asked (and never waited for)
    finally:
        gc.unfreeze()
        bus.close()
        desktop.stop()
    assert set(timed.worst) >= {"idle", "notify", "quiet", "tick"}
    slow = {name: round(spent * 1000) for name, spent in timed.worst.items() if spent > BUDGET_S}
    worst = sorted(timed.all, key=lambda item: -item[1])[:5]
    assert slow == {}, f"GUI-thread calls over 50 ms (ms): {slow}; slowest: {worst}"
    assert max(gaps) < 1.0, f"the event loop stood still for {max(gaps):.2f} s"
