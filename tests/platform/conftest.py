"""A private ``dbus-daemon`` per test: the bus the D-Bus adapters talk to in tests."""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

#: How long a test waits for a bus worker to close its connection before the daemon goes.
CLOSE_WAIT_S = 15.0

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


class PrivateBus:
    """A running daemon: its address, and a way to make it stop answering (SIGSTOP)."""

    def __init__(self, address: str, proc: subprocess.Popen[bytes]) -> None:
        self.address = address
        self.proc = proc

    def hang(self) -> None:
        """The daemon stops answering anything (AddMatch included) until :meth:`wake`."""
        self.proc.send_signal(signal.SIGSTOP)

    def wake(self) -> None:
        self.proc.send_signal(signal.SIGCONT)


def _listening(path: Path) -> bool:
    """Whether the daemon accepts connections (its socket file exists a moment before)."""
    with socket.socket(socket.AF_UNIX) as probe:
        try:
            probe.connect(str(path))
        except OSError:
            return False
    return True


@pytest.fixture
def private_bus(tmp_path: Path) -> Iterator[PrivateBus]:
    daemon = shutil.which("dbus-daemon")
    if daemon is None:
        pytest.skip("no dbus-daemon on this machine")
    path = tmp_path / "bus"
    config = tmp_path / "bus.conf"
    config.write_text(CONFIG.format(socket=path), encoding="utf-8")
    proc = subprocess.Popen(
        [daemon, f"--config-file={config}", "--nofork", "--nopidfile"],
        stderr=subprocess.DEVNULL,
    )
    bus = PrivateBus(f"unix:path={path}", proc)
    try:
        deadline = time.monotonic() + 10
        while not _listening(path):
            if time.monotonic() > deadline or proc.poll() is not None:
                pytest.skip("dbus-daemon did not start")
            time.sleep(0.02)
        yield bus
    finally:
        bus.wake()  # a stopped daemon would not see the terminate
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def bus_address(private_bus: PrivateBus) -> str:
    return private_bus.address
